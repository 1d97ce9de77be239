package workflow

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"mizban/internal/audit"
	"mizban/internal/desk"
	"mizban/internal/fa"
	"mizban/internal/jalali"
	"mizban/internal/notice"
	"mizban/internal/store"
	"mizban/internal/workcal"
)

// CalendarChange is what a change of the working calendar did.
type CalendarChange struct {
	Moved int // open requests whose promised date moved
}

// Default office hours of a seeded working day.
const (
	DefaultOpens  = "07:30"
	DefaultCloses = "14:30"
)

// MaxClosureReason bounds a closure's reason, which citizens read.
const MaxClosureReason = 200

// calendarMu serialises calendar changes in this process, so the live
// calendar is synchronised in the order the changes were committed.
var calendarMu sync.Mutex

type auditClientKey struct{}

// WithAuditClient returns ctx carrying the keyed hash of the client address
// (Flow.ClientKey) that audit records of the calendar changes note.
func WithAuditClient(ctx context.Context, client string) context.Context {
	return context.WithValue(ctx, auditClientKey{}, client)
}

func auditClient(ctx context.Context) string {
	s, _ := ctx.Value(auditClientKey{}).(string)
	return s
}

// LoadCalendar returns the working calendar stored in the database. On the
// first start (empty tables) it stores f.Cal — built from the shipped
// holiday table and the --thursday and --holidays flags — and returns it:
// from then on the database is the calendar and the flags are ignored.
func (f *Flow) LoadCalendar(ctx context.Context) (*workcal.Calendar, error) {
	data, err := f.Store.Calendar(ctx)
	if err != nil {
		return nil, err
	}
	if data.Seeded() {
		return data.Build(), nil
	}
	err = f.inTx(ctx, func(tx *store.Tx) error {
		cur, err := tx.Calendar(ctx)
		if err != nil {
			return err
		}
		if cur.Seeded() { // another instance seeded it first
			data = cur
			return nil
		}
		data, err = f.seedCalendar(ctx, tx)
		return err
	})
	if err == nil {
		f.Log.Info("working calendar stored in the database", "workdays", workdayList(data.Workdays), "holidays", len(data.Holidays))
	}
	if err != nil {
		return nil, err
	}
	return data.Build(), nil
}

// seedCalendar stores the live calendar f.Cal (which has no closures yet)
// and returns what it stored.
func (f *Flow) seedCalendar(ctx context.Context, tx *store.Tx) (store.CalendarData, error) {
	seed := f.Cal
	if seed == nil {
		seed = workcal.Default()
	}
	var data store.CalendarData
	for wd := time.Sunday; wd <= time.Saturday; wd++ {
		w := store.Workday{Weekday: wd, Working: weeklyWorking(seed, wd)}
		if w.Working {
			w.Opens, w.Closes = DefaultOpens, DefaultCloses
		}
		data.Workdays = append(data.Workdays, w)
	}
	data.Holidays = seed.Holidays()
	if err := tx.SetWorkdays(ctx, data.Workdays); err != nil {
		return data, err
	}
	if err := tx.ReplaceHolidays(ctx, holidayYears(data.Holidays), data.Holidays); err != nil {
		return data, err
	}
	return data, tx.AppendAudit(ctx, &audit.Record{
		At: f.now(), Actor: "system", Action: "calendar.seed", Target: "calendar", Result: audit.OK,
		Details: fmt.Sprintf("workdays=%s holidays=%d", workdayList(data.Workdays), len(data.Holidays)),
	})
}

// weeklyWorking reports whether c's weekly template works on wd. The
// calendar does not expose its template, so it is read off 60 weeks of
// 1300–1301, far from any holiday table: a day off every week is a weekly
// day off.
func weeklyWorking(c *workcal.Calendar, wd time.Weekday) bool {
	d := jalali.Date{Year: 1300, Month: 1, Day: 1}
	d = d.AddDays((int(wd) - int(d.Weekday()) + 7) % 7)
	for range 60 {
		if c.IsWorkingDay(d) {
			return true
		}
		d = d.AddDays(7)
	}
	return false
}

func holidayYears(hs []workcal.Holiday) []int {
	var years []int
	for _, h := range hs {
		if !slices.Contains(years, h.Date.Year) {
			years = append(years, h.Date.Year)
		}
	}
	slices.Sort(years)
	return years
}

func workdayList(ws []store.Workday) string {
	var on []string
	for _, w := range ws {
		if w.Working {
			on = append(on, strconv.Itoa(int(w.Weekday)))
		}
	}
	return strings.Join(on, ",")
}

// SetWeekly replaces the weekly template: which weekdays offices work and
// their hours. Weekdays left out of days are days off.
func (f *Flow) SetWeekly(ctx context.Context, actor desk.Actor, days []store.Workday) (CalendarChange, error) {
	if err := f.calendarAllowed(ctx, actor, "calendar.weekly"); err != nil {
		return CalendarChange{}, err
	}
	clean, err := validateWeekly(days)
	if err != nil {
		return CalendarChange{}, err
	}
	return f.changeCalendar(ctx, actor, "calendar.weekly", "workdays="+workdayList(clean),
		func(tx *store.Tx) error { return tx.SetWorkdays(ctx, clean) })
}

// WeekdayField is the form field key of a weekday's hours ("opens-6").
func WeekdayField(part string, wd time.Weekday) string { return part + "-" + strconv.Itoa(int(wd)) }

func validateWeekly(days []store.Workday) ([]store.Workday, error) {
	byDay := map[time.Weekday]store.Workday{}
	for _, w := range days {
		if w.Weekday < time.Sunday || w.Weekday > time.Saturday {
			return nil, desk.Errorf(desk.EINVALID, "روز هفته شناخته نیست.")
		}
		byDay[w.Weekday] = w
	}
	var (
		fe      desk.FieldErrors
		out     []store.Workday
		working bool
	)
	// Saturday first, as Iranian weeks and the form run.
	for _, wd := range WeekOrder {
		w := byDay[wd]
		w.Weekday = wd
		if !w.Working {
			w.Opens, w.Closes = "", ""
			out = append(out, w)
			continue
		}
		working = true
		opens, okOpen := parseHour(w.Opens)
		closes, okClose := parseHour(w.Closes)
		switch {
		case !okOpen:
			fe.Add(WeekdayField("opens", wd), "ساعت آغاز کار را به شکل ساعت:دقیقه بنویسید، مانند ۰۷:۳۰.")
		case !okClose:
			fe.Add(WeekdayField("closes", wd), "ساعت پایان کار را به شکل ساعت:دقیقه بنویسید، مانند ۱۴:۳۰.")
		case closes <= opens:
			fe.Add(WeekdayField("closes", wd), "ساعت پایان کار باید پس از ساعت آغاز آن باشد.")
		}
		w.Opens, w.Closes = opens, closes
		out = append(out, w)
	}
	if !working {
		fe.Add(WeekdayField("working", time.Saturday), "دست‌کم یک روز هفته باید روز کاری باشد.")
	}
	if err := fe.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// WeekOrder is the Iranian week, Saturday to Friday.
var WeekOrder = []time.Weekday{time.Saturday, time.Sunday, time.Monday, time.Tuesday,
	time.Wednesday, time.Thursday, time.Friday}

// parseHour reads "7:30", "۰۷:۳۰" or "07.30" as "07:30".
func parseHour(s string) (string, bool) {
	s = strings.TrimSpace(fa.ASCIIDigits(s))
	h, m, ok := strings.Cut(strings.NewReplacer(".", ":", "٫", ":").Replace(s), ":")
	if !ok || len(h) == 0 || len(h) > 2 || len(m) != 2 || !fa.AllDigits(h) || !fa.AllDigits(m) {
		return "", false
	}
	hh, _ := strconv.Atoi(h)
	mm, _ := strconv.Atoi(m)
	if hh > 23 || mm > 59 {
		return "", false
	}
	return fmt.Sprintf("%02d:%02d", hh, mm), true
}

// ImportResult is what a holiday import stored.
type ImportResult struct {
	CalendarChange
	Years    []int // Jalali years whose tables were replaced
	Holidays int   // holiday dates stored
}

// ImportHolidays replaces the holiday table of every Jalali year the CSV
// file r covers (other years are kept). On any problem nothing changes and
// the error, EINVALID, wraps a *workcal.CSVError listing every bad line.
func (f *Flow) ImportHolidays(ctx context.Context, actor desk.Actor, r io.Reader) (ImportResult, error) {
	if err := f.calendarAllowed(ctx, actor, "calendar.holidays"); err != nil {
		return ImportResult{}, err
	}
	hs, err := workcal.LoadHolidaysCSV(r)
	var ce *workcal.CSVError
	switch {
	case errors.As(err, &ce):
		const msg = "فایل تعطیلات ایراد دارد و هیچ تغییری ذخیره نشد؛ لطفاً سطرهای فهرست‌شده را اصلاح کنید و فایل را دوباره بارگذاری کنید."
		return ImportResult{}, &desk.Error{Code: desk.EINVALID, Message: msg, Err: ce,
			Fields: map[string]string{"file": msg}, Order: []string{"file"}}
	case err != nil:
		return ImportResult{}, err
	case len(hs) == 0:
		var fe desk.FieldErrors
		fe.Add("file", "در این فایل هیچ تعطیلی‌ای نیست؛ هر سطر یک تاریخ و نام تعطیلی دارد، مانند ۱۴۰۵/۰۱/۰۱,عید نوروز.")
		return ImportResult{}, fe.Err()
	}
	merged := workcal.New(nil, hs).Holidays() // one row per date, names joined
	res := ImportResult{Years: holidayYears(merged), Holidays: len(merged)}
	years := make([]string, len(res.Years))
	for i, y := range res.Years {
		years[i] = strconv.Itoa(y)
	}
	res.CalendarChange, err = f.changeCalendar(ctx, actor, "calendar.holidays",
		fmt.Sprintf("years=%s holidays=%d", strings.Join(years, ","), len(merged)),
		func(tx *store.Tx) error { return tx.ReplaceHolidays(ctx, res.Years, merged) })
	return res, err
}

// AddClosure closes offices on date for reason (an ad-hoc closure).
func (f *Flow) AddClosure(ctx context.Context, actor desk.Actor, date jalali.Date, reason string) (CalendarChange, error) {
	if err := f.calendarAllowed(ctx, actor, "calendar.closure_add"); err != nil {
		return CalendarChange{}, err
	}
	reason = strings.Join(strings.Fields(fa.Normalize(reason)), " ")
	var fe desk.FieldErrors
	if date.IsZero() || !jalali.Valid(date.Year, date.Month, date.Day) {
		fe.Add("date", "تاریخ تعطیلی را به شمسی وارد کنید.")
	}
	switch {
	case reason == "":
		fe.Add("reason", "علت تعطیلی را بنویسید.")
	case utf8.RuneCountInString(reason) > MaxClosureReason:
		fe.Add("reason", "علت تعطیلی باید کوتاه‌تر از ۲۰۰ نویسه باشد.")
	}
	if err := fe.Err(); err != nil {
		return CalendarChange{}, err
	}
	ch, err := f.changeCalendar(ctx, actor, "calendar.closure_add", "date="+date.String(),
		func(tx *store.Tx) error {
			return tx.AddClosure(ctx, store.Closure{Date: date, Reason: reason, CreatedBy: actor.Label(), CreatedAt: f.now()})
		})
	if desk.ErrorCode(err) == desk.ECONFLICT {
		err = &desk.Error{Code: desk.ECONFLICT, Message: "برای این روز پیش‌تر تعطیلی ثبت شده است.", Err: err}
	}
	return ch, err
}

// RemoveClosure cancels the closure on date.
func (f *Flow) RemoveClosure(ctx context.Context, actor desk.Actor, date jalali.Date) (CalendarChange, error) {
	if err := f.calendarAllowed(ctx, actor, "calendar.closure_remove"); err != nil {
		return CalendarChange{}, err
	}
	ch, err := f.changeCalendar(ctx, actor, "calendar.closure_remove", "date="+date.String(),
		func(tx *store.Tx) error { return tx.RemoveClosure(ctx, date) })
	if desk.ErrorCode(err) == desk.ENOTFOUND {
		err = &desk.Error{Code: desk.ENOTFOUND, Message: "تعطیلی‌ای در این روز ثبت نشده است.", Err: err}
	}
	return ch, err
}

// calendarAllowed lets only administrators change the calendar; a refusal
// is audited.
func (f *Flow) calendarAllowed(ctx context.Context, actor desk.Actor, action string) error {
	if actor.Has(desk.RoleAdmin) {
		return nil
	}
	who := actor.Label()
	if actor.StaffID == 0 {
		who = "anonymous"
	}
	if err := f.inTx(ctx, func(tx *store.Tx) error {
		return tx.AppendAudit(ctx, &audit.Record{At: f.now(), Actor: who, Action: action, Target: "calendar",
			Result: audit.Denied, Client: auditClient(ctx)})
	}); err != nil {
		return err
	}
	return desk.Errorf(desk.EFORBIDDEN, "تنها مدیر سامانه می‌تواند تقویم کاری را تغییر دهد.")
}

// changeCalendar applies one change in one transaction with everything it
// causes: the promised dates of open requests recomputed on the new
// calendar, a timeline event and an SMS for each request whose date moved,
// and the audit record. The live calendar f.Cal follows after the commit.
func (f *Flow) changeCalendar(ctx context.Context, actor desk.Actor, action, details string, apply func(tx *store.Tx) error) (CalendarChange, error) {
	calendarMu.Lock()
	defer calendarMu.Unlock()
	var (
		before, after store.CalendarData
		ch            CalendarChange
	)
	now := f.now()
	var err error
	// A request changed by an officer between reading and saving it makes
	// the whole change roll back; it is simply done again.
	for attempt := 0; attempt < 3; attempt++ {
		if err = f.changeCalendarOnce(ctx, actor, action, details, apply, now, &before, &after, &ch); !errors.Is(err, errDueRaced) {
			break
		}
	}
	if errors.Is(err, errDueRaced) {
		err = desk.Errorf(desk.ECONFLICT, "درخواست‌ها هم‌زمان در حال تغییرند؛ لطفاً چند لحظه بعد دوباره تلاش کنید.")
	}
	if err != nil {
		return CalendarChange{}, err
	}
	syncCalendar(f.Cal, before, after)
	return ch, nil
}

// errDueRaced marks a request that changed under a calendar change.
var errDueRaced = errors.New("workflow: a request changed during the calendar change")

func (f *Flow) changeCalendarOnce(ctx context.Context, actor desk.Actor, action, details string, apply func(tx *store.Tx) error,
	now time.Time, before, after *store.CalendarData, ch *CalendarChange) error {
	return f.inTx(ctx, func(tx *store.Tx) error {
		var err error
		if *before, err = tx.Calendar(ctx); err != nil {
			return err
		}
		if !before.Seeded() {
			if *before, err = f.seedCalendar(ctx, tx); err != nil {
				return err
			}
		}
		if err := apply(tx); err != nil {
			return err
		}
		if *after, err = tx.Calendar(ctx); err != nil {
			return err
		}
		if ch.Moved, err = f.recomputeDues(ctx, tx, after.Build(), actor, now); err != nil {
			return err
		}
		return tx.AppendAudit(ctx, &audit.Record{At: now, Actor: actor.Label(), Action: action,
			Target: "calendar", Result: audit.OK, Client: auditClient(ctx),
			Details: details + " moved=" + strconv.Itoa(ch.Moved)})
	})
}

// syncCalendar makes the live calendar equal to the stored one.
func syncCalendar(live *workcal.Calendar, before, after store.CalendarData) {
	if live == nil {
		return
	}
	working := map[time.Weekday]bool{}
	for _, w := range after.Workdays {
		working[w.Weekday] = w.Working
	}
	for wd := time.Sunday; wd <= time.Saturday; wd++ {
		live.SetWorkday(wd, working[wd])
	}
	live.SetHolidays(after.Holidays)
	for _, c := range before.Closures {
		live.RemoveClosure(c.Date)
	}
	for _, c := range after.Closures {
		live.AddClosure(c.Date, c.Reason)
	}
}

// openStatuses are the statuses whose promised date still matters.
func openStatuses() []desk.Status {
	var out []desk.Status
	for st := range desk.StatusTitle {
		if st.Open() {
			out = append(out, st)
		}
	}
	slices.Sort(out)
	return out
}

// recomputeDues gives every open request the promised date cal yields for
// its submission time, its service's duration (the version it was filed
// under) and the days its events added (extensions), and notifies the
// citizens whose date moved. It returns how many moved.
func (f *Flow) recomputeDues(ctx context.Context, tx *store.Tx, cal *workcal.Calendar, actor desk.Actor, now time.Time) (int, error) {
	dues, err := tx.OpenDues(ctx, openStatuses())
	if err != nil {
		return 0, err
	}
	type svcKey struct {
		code    string
		version int
	}
	services := map[svcKey]*desk.Service{}
	moved := 0
	for _, d := range dues {
		if d.DueAt.IsZero() {
			continue // no date promised (or the clock is paused): nothing to move
		}
		k := svcKey{d.ServiceCode, d.ServiceVersion}
		svc, seen := services[k]
		if !seen {
			svc, err = f.serviceFiledUnder(ctx, d.ServiceCode, d.ServiceVersion)
			if err != nil {
				return 0, err
			}
			services[k] = svc
		}
		if svc == nil {
			continue // the card is gone: keep the date promised
		}
		due := cal.Due(d.SubmittedAt, svc.DurationDays+d.AddedDays, svc.CalendarDays)
		if due == jalali.FromTime(d.DueAt) {
			continue
		}
		if err := f.moveDue(ctx, tx, d, due, actor, now); err != nil {
			return 0, err
		}
		moved++
	}
	return moved, nil
}

// serviceFiledUnder returns the service card version a request was filed
// under, the current card when that version is missing, nil when neither is.
func (f *Flow) serviceFiledUnder(ctx context.Context, code string, version int) (*desk.Service, error) {
	svc, err := f.Store.ServiceVersion(ctx, code, version)
	if desk.ErrorCode(err) == desk.ENOTFOUND {
		svc, err = f.Store.Service(ctx, code)
	}
	if desk.ErrorCode(err) == desk.ENOTFOUND {
		f.Log.Warn("calendar: request's service card missing; its date is kept", "service", code, "version", version)
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &svc, nil
}

// moveDue saves the request's new promised date (optimistically locked),
// appends the citizen-visible event and enqueues one SMS.
func (f *Flow) moveDue(ctx context.Context, tx *store.Tx, d store.DueInfo, due jalali.Date, actor desk.Actor, now time.Time) error {
	r, err := tx.Request(ctx, d.ID)
	if err != nil {
		return err
	}
	// The version the date was computed from: a change since (an extension
	// committed meanwhile) is a conflict, and the change is done again.
	r.DueAt, r.Version = due.Time().UTC(), d.Version
	if err := tx.UpdateRequest(ctx, &r); desk.ErrorCode(err) == desk.ECONFLICT {
		return fmt.Errorf("%w: %w", errDueRaced, err)
	} else if err != nil {
		return err
	}
	if err := tx.AppendEvent(ctx, &desk.Event{
		RequestID: r.ID, At: now, Type: "due_changed", Status: r.Status, UnitCode: r.UnitCode,
		Actor: actor.Label(), Note: DueChangedNote(due),
	}); err != nil {
		return err
	}
	to := f.notifyMobile(r)
	if to == "" {
		return nil // a letter with no mobile: the timeline tells
	}
	link, err := f.noticeLink(ctx, tx, r.ID)
	if err != nil {
		return err
	}
	text, ok, err := f.DueChangedSMS(r, due, link)
	if err != nil || !ok {
		return err // switched off for the service: the timeline tells
	}
	_, err = tx.EnqueueSMS(ctx, &store.OutSMS{
		ID: randomHex(16), To: to, Kind: string(notice.KindDueChanged), RequestID: r.ID,
		Text:      text,
		DedupeKey: "due:" + strconv.FormatInt(r.ID, 10) + ":" + due.String(),
		CreatedAt: now, NotBefore: now, Status: store.SMSPending,
	})
	return err
}

// DueChangedNote is the timeline entry of a promised date moved by a
// calendar change.
func DueChangedNote(due jalali.Date) string {
	return fmt.Sprintf("تاریخ پاسخ به %s تغییر کرد؛ تقویم کاری اداره تغییر کرده است.", due.FormatFa())
}

// DueChangedSMS is the SMS telling r's citizen the new date, with link
// (noticeLink) to r's page, from the template in force; ok is false when
// r's service switched it off.
func (f *Flow) DueChangedSMS(r desk.Request, due jalali.Date, link string) (text string, ok bool, err error) {
	return f.noticeText(r.ServiceCode, notice.KindDueChanged, notice.Vars{Tracking: r.TrackingCode,
		Service: r.ServiceTitle, Date: notice.FormatDate(due), Link: link})
}

// Overdue reports whether an open request's promised date has passed: the
// end of that day in Tehran is before now.
func Overdue(r desk.Request, now time.Time) bool {
	if !r.Status.Open() || r.DueAt.IsZero() {
		return false
	}
	return !now.Before(jalali.FromTime(r.DueAt).AddDays(1).Time())
}
