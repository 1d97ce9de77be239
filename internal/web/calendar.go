package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"mizban/internal/desk"
	"mizban/internal/jalali"
	"mizban/internal/store"
	"mizban/internal/workcal"
	"mizban/internal/workflow"
)

// maxHolidayFile bounds an uploaded holiday table: a year is about 30 lines.
const maxHolidayFile = 1 << 20

// weekdayNames are the weekday names of the calendar page (kept here, not
// taken from jalali, so the English phrasebook sees them).
var weekdayNames = map[time.Weekday]string{
	time.Saturday: "شنبه", time.Sunday: "یکشنبه", time.Monday: "دوشنبه", time.Tuesday: "سه‌شنبه",
	time.Wednesday: "چهارشنبه", time.Thursday: "پنجشنبه", time.Friday: "جمعه",
}

// calendarView is the calendar admin page.
type calendarView struct {
	Week     []weekRow
	Years    []holidayYear
	Closures []closureRow
	Today    jalali.Date
	// The result of the change just made (after a redirect).
	Done  string // weekly, holidays, closure_add, closure_remove
	Moved int
	// A rejected holiday file: every bad line.
	CSVLines []workcal.LineError
	// The closure form as typed.
	Closure closureForm
}

type weekRow struct {
	Weekday       int
	Name          string
	Working       bool
	Opens, Closes string
}

type holidayYear struct {
	Year     int
	Current  bool
	Holidays []holidayRow
}

type holidayRow struct {
	Date    jalali.Date
	Weekday string
	Name    string
}

type closureRow struct {
	Date    jalali.Date
	Weekday string
	Reason  string
	Past    bool
}

type closureForm struct{ Day, Month, Year, Reason string }

// calendarDone are the results a redirect may name.
var calendarDone = map[string]bool{"weekly": true, "holidays": true, "closure_add": true, "closure_remove": true}

func (s *Server) calendarPage(w http.ResponseWriter, r *http.Request, a desk.Actor) {
	v, err := s.calendarView(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	q := r.URL.Query()
	if done := q.Get("done"); calendarDone[done] {
		v.Done = done
		v.Moved, _ = strconv.Atoi(q.Get("moved"))
	}
	s.render(w, r, http.StatusOK, "calendar", "تقویم کاری", v, nil)
}

// calendarView reads the stored calendar into the page, seeding it first
// if this database has none yet.
func (s *Server) calendarView(r *http.Request) (calendarView, error) {
	ctx := r.Context()
	data, err := s.store.Calendar(ctx)
	if err == nil && !data.Seeded() {
		if _, err = s.flow.LoadCalendar(ctx); err == nil {
			data, err = s.store.Calendar(ctx)
		}
	}
	if err != nil {
		return calendarView{}, err
	}
	today := jalali.FromTime(s.flow.Now())
	v := calendarView{Today: today}
	byDay := map[time.Weekday]store.Workday{}
	for _, d := range data.Workdays {
		byDay[d.Weekday] = d
	}
	for _, wd := range workflow.WeekOrder {
		d := byDay[wd]
		v.Week = append(v.Week, weekRow{Weekday: int(wd), Name: weekdayNames[wd], Working: d.Working, Opens: d.Opens, Closes: d.Closes})
	}
	for _, h := range data.Holidays {
		if n := len(v.Years); n == 0 || v.Years[n-1].Year != h.Date.Year {
			v.Years = append(v.Years, holidayYear{Year: h.Date.Year, Current: h.Date.Year == today.Year})
		}
		y := &v.Years[len(v.Years)-1]
		y.Holidays = append(y.Holidays, holidayRow{Date: h.Date, Weekday: weekdayNames[h.Date.Weekday()], Name: h.Name})
	}
	for _, c := range data.Closures {
		v.Closures = append(v.Closures, closureRow{Date: c.Date, Weekday: weekdayNames[c.Date.Weekday()],
			Reason: c.Reason, Past: c.Date.Before(today)})
	}
	return v, nil
}

// calendarResult answers a change: back to the page with what it did, or
// the page again with the errors and what was typed.
func (s *Server) calendarResult(w http.ResponseWriter, r *http.Request, done string, moved int, err error, keep func(*calendarView)) {
	if err == nil {
		q := url.Values{"done": {done}, "moved": {strconv.Itoa(moved)}}
		http.Redirect(w, r, "/staff/admin/calendar?"+q.Encode(), http.StatusSeeOther)
		return
	}
	code := desk.ErrorCode(err)
	if code != desk.EINVALID && code != desk.ECONFLICT && code != desk.ENOTFOUND {
		s.fail(w, r, err)
		return
	}
	v, verr := s.calendarView(r)
	if verr != nil {
		s.fail(w, r, verr)
		return
	}
	if keep != nil {
		keep(&v)
	}
	s.render(w, r, httpStatus(err), "calendar", "تقویم کاری", v, err)
}

func (s *Server) calendarCtx(r *http.Request) *http.Request {
	return r.WithContext(workflow.WithAuditClient(r.Context(), s.flow.ClientKey(clientAddr(r))))
}

func (s *Server) calendarWeekly(w http.ResponseWriter, r *http.Request, a desk.Actor) {
	r = s.calendarCtx(r)
	if err := r.ParseForm(); err != nil {
		s.renderError(w, r, http.StatusBadRequest, "")
		return
	}
	var days []store.Workday
	for _, wd := range workflow.WeekOrder {
		days = append(days, store.Workday{
			Weekday: wd,
			Working: r.PostForm.Get(workflow.WeekdayField("working", wd)) != "",
			Opens:   r.PostForm.Get(workflow.WeekdayField("opens", wd)),
			Closes:  r.PostForm.Get(workflow.WeekdayField("closes", wd)),
		})
	}
	ch, err := s.flow.SetWeekly(r.Context(), a, days)
	s.calendarResult(w, r, "weekly", ch.Moved, err, func(v *calendarView) {
		// Show the template as typed, not as stored.
		for i, d := range days {
			v.Week[i].Working, v.Week[i].Opens, v.Week[i].Closes = d.Working, d.Opens, d.Closes
		}
	})
}

func (s *Server) calendarHolidays(w http.ResponseWriter, r *http.Request, a desk.Actor) {
	r = s.calendarCtx(r)
	r.Body = http.MaxBytesReader(w, r.Body, maxHolidayFile+64<<10)
	file, _, err := r.FormFile("file")
	if err != nil {
		var tooBig *http.MaxBytesError
		msg := "فایل تعطیلات را انتخاب کنید."
		if errors.As(err, &tooBig) {
			msg = "فایل تعطیلات بیش از اندازه بزرگ است؛ هر سال حدود سی سطر دارد."
		}
		fe := desk.FieldErrors{}
		fe.Add("file", msg)
		s.calendarResult(w, r, "", 0, fe.Err(), nil)
		return
	}
	defer file.Close()
	res, err := s.flow.ImportHolidays(r.Context(), a, file)
	s.calendarResult(w, r, "holidays", res.Moved, err, func(v *calendarView) {
		var ce *workcal.CSVError
		if errors.As(err, &ce) {
			v.CSVLines = ce.Lines
		}
	})
}

func (s *Server) calendarAddClosure(w http.ResponseWriter, r *http.Request, a desk.Actor) {
	r = s.calendarCtx(r)
	if err := r.ParseForm(); err != nil {
		s.renderError(w, r, http.StatusBadRequest, "")
		return
	}
	form := closureForm{Day: r.PostForm.Get("day"), Month: r.PostForm.Get("month"),
		Year: r.PostForm.Get("year"), Reason: r.PostForm.Get("reason")}
	keep := func(v *calendarView) { v.Closure = form }
	date, err := jalali.FromParts(form.Year, form.Month, form.Day)
	if err != nil {
		fe := desk.FieldErrors{}
		fe.Add("date", "تاریخ تعطیلی درست نیست؛ روز، ماه و سال را به شمسی وارد کنید.")
		if form.Reason == "" {
			fe.Add("reason", "علت تعطیلی را بنویسید.")
		}
		s.calendarResult(w, r, "", 0, fe.Err(), keep)
		return
	}
	ch, err := s.flow.AddClosure(r.Context(), a, date, form.Reason)
	s.calendarResult(w, r, "closure_add", ch.Moved, err, keep)
}

func (s *Server) calendarRemoveClosure(w http.ResponseWriter, r *http.Request, a desk.Actor) {
	r = s.calendarCtx(r)
	if err := r.ParseForm(); err != nil {
		s.renderError(w, r, http.StatusBadRequest, "")
		return
	}
	date, err := jalali.Parse(r.PostForm.Get("date"))
	if err != nil {
		s.renderError(w, r, http.StatusBadRequest, "")
		return
	}
	ch, err := s.flow.RemoveClosure(r.Context(), a, date)
	s.calendarResult(w, r, "closure_remove", ch.Moved, err, nil)
}
