package web_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"mizban/internal/desk"
	"mizban/internal/files"
	"mizban/internal/jalali"
	"mizban/internal/store"
	"mizban/internal/store/storetest"
	"mizban/internal/web"
	"mizban/internal/workcal"
	"mizban/internal/workflow"
)

var calAdmin = desk.Actor{StaffID: 1, Name: "مدیر سامانه", Roles: []desk.Role{desk.RoleAdmin}}

// calSite is the web server on a bare store with one working-days service
// (5 days) and a calendar with no holidays in Azar 1405; "today" is
// Tuesday 3 Azar 1405.
type calSite struct {
	t    *testing.T
	st   *store.Store
	flow *workflow.Flow
	ws   *web.Server
	svc  desk.Service
	c    *http.Client
}

func newCalSite(t *testing.T, st *store.Store) *calSite {
	t.Helper()
	ctx := context.Background()
	v := storetest.Vault(t)
	fs, err := files.NewLocal(t.TempDir(), v)
	if err != nil {
		t.Fatal(err)
	}
	svc := desk.Service{Code: "13091713999", Title: "درخواست آزمایشی", Kind: desk.KindPermit, UnitCode: "permits",
		Online: true, DurationDays: 5}
	if err := st.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.PutUnit(ctx, desk.Unit{Code: "permits", Name: "اداره صدور پروانه"}); err != nil {
			return err
		}
		svc.Version, err = tx.PublishService(ctx, svc)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	f := workflow.New(st, fs, v, workcal.New(workcal.DefaultWorkdays, []workcal.Holiday{
		{Date: jalali.Date{Year: 1405, Month: 1, Day: 1}, Name: "عید نوروز"}}), workflow.Options{}, log)
	f.Now = func() time.Time { return jalali.Date{Year: 1405, Month: 9, Day: 3}.Time().Add(12 * time.Hour).UTC() }
	if f.Cal, err = f.LoadCalendar(ctx); err != nil {
		t.Fatal(err)
	}
	ws, err := web.New(f, st, web.Options{}, log)
	if err != nil {
		t.Fatal(err)
	}
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	return &calSite{t: t, st: st, flow: f, ws: ws, svc: svc, c: c}
}

// serve starts h and returns its base URL.
func (s *calSite) serve(h http.Handler) string {
	srv := httptest.NewServer(h)
	s.t.Cleanup(srv.Close)
	return srv.URL
}

func (s *calSite) do(req *http.Request) (int, string, http.Header) {
	s.t.Helper()
	resp, err := s.c.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header
}

func (s *calSite) get(u string) (int, string, http.Header) {
	req, _ := http.NewRequest("GET", u, nil)
	return s.do(req)
}

func (s *calSite) post(u string, form url.Values) (int, string, http.Header) {
	req, _ := http.NewRequest("POST", u, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return s.do(req)
}

func (s *calSite) upload(u, csv string) (int, string, http.Header) {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	fw, _ := w.CreateFormFile("file", "holidays.csv")
	fw.Write([]byte(csv))
	w.Close()
	req, _ := http.NewRequest("POST", u, &buf)
	req.Header.Set("Content-Type", w.FormDataContentType())
	return s.do(req)
}

// file registers an open request filed on Tuesday 3 Azar 1405, due 10 Azar.
func (s *calSite) file() desk.Request {
	s.t.Helper()
	ctx := context.Background()
	code, _ := desk.NewTrackingCode()
	filed := s.flow.Now()
	r := desk.Request{TrackingCode: code, ServiceCode: s.svc.Code, ServiceVersion: s.svc.Version,
		ServiceTitle: s.svc.Title, Kind: s.svc.Kind, Channel: desk.ChannelWeb, Status: desk.StatusSubmitted,
		Applicant:   desk.Person{Name: "زهرا احمدی", NationalID: "0076229645", Mobile: "09121234567"},
		SubmittedAt: filed, DueAt: s.flow.Cal.Due(filed, 5, false).Time().UTC(), UnitCode: "permits"}
	if err := s.st.InTx(ctx, func(tx *store.Tx) error { return tx.CreateRequest(ctx, &r) }); err != nil {
		s.t.Fatal(err)
	}
	return r
}

func (s *calSite) due(r desk.Request) jalali.Date {
	s.t.Helper()
	got, err := s.st.Request(context.Background(), r.ID)
	if err != nil {
		s.t.Fatal(err)
	}
	return jalali.FromTime(got.DueAt)
}

func TestCalendarPagesNeedSignIn(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		s := newCalSite(t, st)
		base := s.serve(s.ws.Handler())
		if code, _, h := s.get(base + "/staff/admin/calendar"); code != http.StatusSeeOther || !strings.HasPrefix(h.Get("Location"), "/staff/login") {
			t.Errorf("anonymous GET: %d to %q, want a redirect to sign in", code, h.Get("Location"))
		}
		form := url.Values{"day": {"8"}, "month": {"9"}, "year": {"1405"}, "reason": {"آلودگی هوا"}}
		if code, _, _ := s.post(base+"/staff/admin/calendar/closures", form); code != http.StatusSeeOther {
			t.Errorf("anonymous POST: %d", code)
		}
		data, _ := st.Calendar(context.Background())
		if len(data.Closures) != 0 {
			t.Error("an anonymous POST added a closure")
		}
	})
}

func TestCalendarAdminPage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		s := newCalSite(t, st)
		base := s.serve(s.ws.CalendarHandlerForTest(calAdmin))
		page := base + "/staff/admin/calendar"
		r := s.file()

		code, body, _ := s.get(page)
		if code != http.StatusOK {
			t.Fatalf("GET: %d\n%s", code, body)
		}
		mustContain(t, body, "تقویم کاری", "شنبه", "پنجشنبه", `name="working-6" value="1" checked`,
			`name="opens-6" value="۰۷:۳۰"`, "سال ۱۴۰۵", "عید نوروز", `enctype="multipart/form-data"`,
			`name="day"`, `name="month"`, `name="year"`, "هیچ تعطیلی موردی ثبت نشده است.")
		if strings.Contains(body, `name="working-4" value="1" checked`) {
			t.Error("Thursday shows as a working day")
		}

		// A closure in the request's window, typed in Persian digits.
		form := url.Values{"day": {"۸"}, "month": {"۹"}, "year": {"۱۴۰۵"}, "reason": {"آلودگی هوا"}}
		code, _, h := s.post(page+"/closures", form)
		if code != http.StatusSeeOther || h.Get("Location") != "/staff/admin/calendar?done=closure_add&moved=1" {
			t.Fatalf("add closure: %d to %q", code, h.Get("Location"))
		}
		if got := s.due(r); got != (jalali.Date{Year: 1405, Month: 9, Day: 11}) {
			t.Errorf("due after the closure %v, want 1405/09/11", got)
		}
		_, body, _ = s.get(base + h.Get("Location"))
		mustContain(t, body, "تعطیلی ثبت شد.", `<strong class="moved-count">۱</strong>`, "آلودگی هوا", "۸ آذر ۱۴۰۵",
			`name="date" value="1405/09/08"`)

		// A bad date keeps what was typed and says what is wrong.
		code, body, _ = s.post(page+"/closures", url.Values{"day": {"31"}, "month": {"12"}, "year": {"1405"}, "reason": {"گرما"}})
		if code != http.StatusUnprocessableEntity {
			t.Errorf("bad date: %d", code)
		}
		mustContain(t, body, "تاریخ تعطیلی درست نیست", `value="گرما"`, `value="31"`)
		// The same day twice.
		if code, body, _ = s.post(page+"/closures", form); code != http.StatusConflict {
			t.Errorf("duplicate closure: %d", code)
		}
		mustContain(t, body, "برای این روز پیش‌تر تعطیلی ثبت شده است.")

		// A bad holiday file: every bad line listed, nothing changed.
		code, body, _ = s.upload(page+"/holidays", "date,name\n1405/09/09,روز آزمون\n1405/13/01,غلط\nبی‌تاریخ\n")
		if code != http.StatusUnprocessableEntity {
			t.Errorf("bad CSV: %d", code)
		}
		mustContain(t, body, "هیچ تغییری ذخیره نشد", "سطر <bdi>۳</bdi>", "سطر <bdi>۴</bdi>")
		if strings.Contains(body, "سطر <bdi>۲</bdi>") {
			t.Error("a good line was listed as bad")
		}
		data, _ := st.Calendar(ctx)
		if len(data.Holidays) != 1 {
			t.Errorf("a bad file changed the holidays: %v", data.Holidays)
		}
		if code, body, _ = s.upload(page+"/holidays", ""); code != http.StatusUnprocessableEntity {
			t.Errorf("empty CSV: %d", code)
		}
		// A good one moves the request once more (Monday 9 Azar).
		code, _, h = s.upload(page+"/holidays", "1405/09/09,روز آزمون\n1406/01/01,عید نوروز\n")
		if code != http.StatusSeeOther || h.Get("Location") != "/staff/admin/calendar?done=holidays&moved=1" {
			t.Errorf("good CSV: %d to %q", code, h.Get("Location"))
		}
		_, body, _ = s.get(page)
		mustContain(t, body, "سال ۱۴۰۶", "روز آزمون")

		// The weekly template: bad hours are refused with the value kept.
		week := url.Values{}
		for _, wd := range []int{6, 0, 1, 2, 3} {
			week.Set("working-"+string(rune('0'+wd)), "1")
			week.Set("opens-"+string(rune('0'+wd)), "07:30")
			week.Set("closes-"+string(rune('0'+wd)), "14:30")
		}
		week.Set("closes-1", "06:00")
		code, body, _ = s.post(page+"/weekly", week)
		if code != http.StatusUnprocessableEntity {
			t.Errorf("bad hours: %d", code)
		}
		mustContain(t, body, "ساعت پایان کار باید پس از ساعت آغاز آن باشد.", `name="closes-1" value="۰۶:۰۰"`, `href="#f-closes-1"`)
		// Thursday on: the request is due sooner.
		week.Set("closes-1", "14:30")
		week.Set("working-4", "1")
		week.Set("opens-4", "08:00")
		week.Set("closes-4", "12:00")
		code, _, h = s.post(page+"/weekly", week)
		if code != http.StatusSeeOther || h.Get("Location") != "/staff/admin/calendar?done=weekly&moved=1" {
			t.Errorf("weekly: %d to %q", code, h.Get("Location"))
		}
		// 4 Wed, 5 Thu, 7 Sat, 10 Tue (8 closed, 9 holiday), 11 Wed.
		if got := s.due(r); got != (jalali.Date{Year: 1405, Month: 9, Day: 11}) {
			t.Errorf("due with Thursdays %v, want 1405/09/11", got)
		}
		if !s.flow.Cal.IsWorkingDay(jalali.Date{Year: 1405, Month: 9, Day: 12}) {
			t.Error("the live calendar does not work on Thursday")
		}

		// Cancelling the closure.
		code, _, h = s.post(page+"/closures/remove", url.Values{"date": {"1405/09/08"}})
		if code != http.StatusSeeOther || h.Get("Location") != "/staff/admin/calendar?done=closure_remove&moved=1" {
			t.Errorf("remove: %d to %q", code, h.Get("Location"))
		}
		if code, _, _ = s.post(page+"/closures/remove", url.Values{"date": {"1405/09/08"}}); code != http.StatusNotFound {
			t.Errorf("removing it again: %d", code)
		}

		// The page reads in English too.
		code, body, _ = s.get(page + "?lang=en")
		if code != http.StatusOK {
			t.Fatalf("English page: %d", code)
		}
		mustContain(t, body, "Working calendar", "Saturday", "Record the closure")
	})
}

func TestCalendarRefusesNonAdmins(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		s := newCalSite(t, st)
		r := s.file()
		for _, role := range []desk.Role{desk.RoleOfficer, desk.RoleManager, desk.RoleDeskOperator, desk.RoleEditor, desk.RoleAuditor} {
			a := desk.Actor{StaffID: 9, Name: "کارمند", Roles: []desk.Role{role}}
			gated := s.serve(s.ws.CalendarHandlerForTest(a))
			if code, _, _ := s.get(gated + "/staff/admin/calendar"); code != http.StatusForbidden {
				t.Errorf("%s GET: %d, want 403", role, code)
			}
			// Even past the page's check, the workflow refuses.
			open := s.serve(s.ws.CalendarUngatedForTest(a))
			form := url.Values{"day": {"8"}, "month": {"9"}, "year": {"1405"}, "reason": {"آلودگی هوا"}}
			if code, _, _ := s.post(open+"/staff/admin/calendar/closures", form); code != http.StatusForbidden {
				t.Errorf("%s POST past the page check: %d, want 403", role, code)
			}
		}
		if got := s.due(r); got != (jalali.Date{Year: 1405, Month: 9, Day: 10}) {
			t.Errorf("a refused change moved the date to %v", got)
		}
	})
}
