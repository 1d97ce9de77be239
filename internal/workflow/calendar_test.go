package workflow_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"mizban/internal/audit"
	"mizban/internal/desk"
	"mizban/internal/jalali"
	smspkg "mizban/internal/sms"
	"mizban/internal/store"
	"mizban/internal/store/storetest"
	"mizban/internal/workcal"
	"mizban/internal/workflow"
)

var (
	admin   = desk.Actor{StaffID: 1, Name: "مدیر", Roles: []desk.Role{desk.RoleAdmin}}
	officer = desk.Actor{StaffID: 2, Name: "کارشناس", Roles: []desk.Role{desk.RoleOfficer, desk.RoleManager}}
)

func jd(y, m, d int) jalali.Date { return jalali.Date{Year: y, Month: m, Day: d} }

// at is hh:00 Tehran time on a Jalali date, in UTC.
func at(d jalali.Date, hh int) time.Time { return d.Time().Add(time.Duration(hh) * time.Hour).UTC() }

// calEnv is a flow on a calendar with no holidays in Azar 1405 (Saturday to
// Wednesday), a working-days service (5 days) and a calendar-days service
// (3 days).
type calEnv struct {
	flow     *workflow.Flow
	st       *store.Store
	work, cd desk.Service
}

func newCalEnv(t *testing.T, st *store.Store) *calEnv {
	t.Helper()
	ctx := context.Background()
	work := testService()
	cd := testService()
	cd.Code, cd.Title, cd.DurationDays, cd.CalendarDays = "13091713998", "خدمت شبانه‌روزی", 3, true
	if err := st.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.PutUnit(ctx, desk.Unit{Code: "permits", Name: "اداره صدور پروانه"}); err != nil {
			return err
		}
		var err error
		if work.Version, err = tx.PublishService(ctx, work); err != nil {
			return err
		}
		cd.Version, err = tx.PublishService(ctx, cd)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	cal := workcal.New(workcal.DefaultWorkdays, []workcal.Holiday{
		{Date: jd(1404, 1, 1), Name: "عید نوروز"}, {Date: jd(1405, 1, 1), Name: "عید نوروز"},
	})
	f := workflow.New(st, nil, storetest.Vault(t), cal, workflow.Options{}, nil)
	f.Now = func() time.Time { return at(jd(1405, 9, 3), 12) }
	return &calEnv{flow: f, st: st, work: work, cd: cd}
}

// file registers a request of svc filed at the given time, with the
// promised date the live calendar gives it plus extra extension days.
func (e *calEnv) file(t *testing.T, svc desk.Service, filed time.Time, status desk.Status, extra int) desk.Request {
	t.Helper()
	ctx := context.Background()
	code, err := desk.NewTrackingCode()
	if err != nil {
		t.Fatal(err)
	}
	r := desk.Request{
		TrackingCode: code, ServiceCode: svc.Code, ServiceVersion: svc.Version, ServiceTitle: svc.Title,
		Kind: svc.Kind, Channel: desk.ChannelWeb, Status: status,
		Applicant:   desk.Person{Name: "زهرا احمدی", NationalID: "0076229645", Mobile: "09121234567"},
		SubmittedAt: filed, DueAt: e.flow.Cal.Due(filed, svc.DurationDays+extra, svc.CalendarDays).Time().UTC(),
		UnitCode: "permits",
	}
	if err := e.st.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.CreateRequest(ctx, &r); err != nil {
			return err
		}
		if extra == 0 {
			return nil
		}
		return tx.AppendEventDays(ctx, &desk.Event{RequestID: r.ID, At: filed, Type: "extended",
			Status: status, Actor: "staff:2", Note: "تمدید"}, extra)
	}); err != nil {
		t.Fatal(err)
	}
	return r
}

func (e *calEnv) due(t *testing.T, r desk.Request) jalali.Date {
	t.Helper()
	got, err := e.st.Request(context.Background(), r.ID)
	if err != nil {
		t.Fatal(err)
	}
	return jalali.FromTime(got.DueAt)
}

// dueSMS returns the texts of the date-change messages about r.
func (e *calEnv) dueSMS(t *testing.T, r desk.Request) []string {
	t.Helper()
	msgs, err := e.st.RequestSMS(context.Background(), r.ID)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range msgs {
		if m.Kind == "due_changed" {
			out = append(out, m.Text)
		}
	}
	return out
}

func TestLoadCalendarSeedsOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		e := newCalEnv(t, st)
		e.flow.Cal.SetWorkday(time.Thursday, true) // as --thursday would
		cal, err := e.flow.LoadCalendar(ctx)
		if err != nil {
			t.Fatal(err)
		}
		data, err := st.Calendar(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(data.Workdays) != 7 || len(data.Holidays) != 2 {
			t.Fatalf("seeded %d workdays, %d holidays; want 7, 2", len(data.Workdays), len(data.Holidays))
		}
		var on []time.Weekday
		for _, w := range data.Workdays {
			if w.Working {
				on = append(on, w.Weekday)
				if w.Opens != workflow.DefaultOpens || w.Closes != workflow.DefaultCloses {
					t.Errorf("%v hours %q–%q", w.Weekday, w.Opens, w.Closes)
				}
			}
		}
		if want := []time.Weekday{time.Sunday, time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Saturday}; !slices.Equal(on, want) {
			t.Errorf("seeded working days %v, want %v", on, want)
		}
		if !cal.IsWorkingDay(jd(1405, 9, 5)) || cal.IsWorkingDay(jd(1405, 1, 1)) {
			t.Error("loaded calendar differs from the seed")
		}

		// Once stored, the flags no longer matter: a restart without
		// --thursday still works on Thursdays.
		e.flow.Cal = workcal.New(workcal.DefaultWorkdays, nil)
		cal, err = e.flow.LoadCalendar(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !cal.IsWorkingDay(jd(1405, 9, 5)) || cal.IsWorkingDay(jd(1405, 1, 1)) {
			t.Error("a second start did not load the stored calendar")
		}
		recs, err := st.Audit(ctx, store.AuditFilter{Action: "calendar.seed"})
		if err != nil || len(recs) != 1 || recs[0].Actor != "system" {
			t.Errorf("seed audit records %v, %v; want one by system", recs, err)
		}
	})
}

func TestClosureMovesOpenDates(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		e := newCalEnv(t, st)
		if _, err := e.flow.LoadCalendar(ctx); err != nil {
			t.Fatal(err)
		}
		tue := at(jd(1405, 9, 3), 10) // Tuesday
		inWindow := e.file(t, e.work, tue, desk.StatusSubmitted, 0)
		extended := e.file(t, e.work, tue, desk.StatusInProgress, 2)
		later := e.file(t, e.work, at(jd(1405, 9, 10), 10), desk.StatusInProgress, 0)
		answered := e.file(t, e.work, tue, desk.StatusAnswered, 0)
		allDay := e.file(t, e.cd, at(jd(1405, 9, 6), 10), desk.StatusSubmitted, 0)

		want := map[string]jalali.Date{}
		check := func(step string) {
			t.Helper()
			for name, r := range map[string]desk.Request{"inWindow": inWindow, "extended": extended,
				"later": later, "answered": answered, "allDay": allDay} {
				if got := e.due(t, r); got != want[name] {
					t.Errorf("%s: %s due %v, want %v", step, name, got, want[name])
				}
			}
		}
		want["inWindow"], want["extended"], want["later"], want["answered"], want["allDay"] =
			jd(1405, 9, 10), jd(1405, 9, 14), jd(1405, 9, 17), jd(1405, 9, 10), jd(1405, 9, 9)
		check("filed")

		// Sunday 8 Azar closes: the first two requests move by one working day.
		ch, err := e.flow.AddClosure(ctx, admin, jd(1405, 9, 8), "  آلودگی   هوا ")
		if err != nil {
			t.Fatal(err)
		}
		if ch.Moved != 2 {
			t.Errorf("moved %d, want 2", ch.Moved)
		}
		want["inWindow"], want["extended"] = jd(1405, 9, 11), jd(1405, 9, 15)
		check("closure")
		if e.flow.Cal.IsWorkingDay(jd(1405, 9, 8)) {
			t.Error("the live calendar does not have the closure")
		}
		for _, r := range []desk.Request{inWindow, extended} {
			texts := e.dueSMS(t, r)
			if len(texts) != 1 || !strings.Contains(texts[0], r.TrackingCode) {
				t.Errorf("request %d: date-change SMS %q, want one with its tracking code", r.ID, texts)
			}
			for _, text := range texts {
				if parts, _ := smspkg.Parts(text); parts != 1 {
					t.Errorf("SMS %q takes %d parts", text, parts)
				}
			}
			evs, err := st.Events(ctx, r.ID, false)
			if err != nil || len(evs) == 0 || evs[0].Type != "due_changed" ||
				evs[0].Note != workflow.DueChangedNote(want[map[int64]string{inWindow.ID: "inWindow", extended.ID: "extended"}[r.ID]]) {
				t.Errorf("request %d: newest citizen-visible event %+v (%v)", r.ID, evs, err)
			}
			got, _ := st.Request(ctx, r.ID)
			if got.Version != 2 {
				t.Errorf("request %d: version %d, want 2", r.ID, got.Version)
			}
		}
		for _, r := range []desk.Request{later, answered, allDay} {
			if texts := e.dueSMS(t, r); len(texts) != 0 {
				t.Errorf("request %d was told %q", r.ID, texts)
			}
		}
		if !strings.Contains(e.dueSMS(t, inWindow)[0], "۱۱ آذر ۱۴۰۵") {
			t.Errorf("SMS %q lacks the new date", e.dueSMS(t, inWindow)[0])
		}

		// The same date again is refused and changes nothing.
		if _, err := e.flow.AddClosure(ctx, admin, jd(1405, 9, 8), "قطعی برق"); desk.ErrorCode(err) != desk.ECONFLICT {
			t.Errorf("second closure on a date: %v, want conflict", err)
		}
		check("duplicate closure")

		// Cancelling it moves them back, with one more message each.
		ch, err = e.flow.RemoveClosure(ctx, admin, jd(1405, 9, 8))
		if err != nil || ch.Moved != 2 {
			t.Fatalf("remove: moved %d, %v; want 2", ch.Moved, err)
		}
		want["inWindow"], want["extended"] = jd(1405, 9, 10), jd(1405, 9, 14)
		check("closure removed")
		if !e.flow.Cal.IsWorkingDay(jd(1405, 9, 8)) {
			t.Error("the live calendar still has the closure")
		}
		for _, r := range []desk.Request{inWindow, extended} {
			if n := len(e.dueSMS(t, r)); n != 2 {
				t.Errorf("request %d: %d date-change SMS, want 2", r.ID, n)
			}
		}
		if _, err := e.flow.RemoveClosure(ctx, admin, jd(1405, 9, 8)); desk.ErrorCode(err) != desk.ENOTFOUND {
			t.Errorf("removing a missing closure: %v", err)
		}

		// Thursdays become working days: dates come sooner.
		var days []store.Workday
		for _, wd := range []time.Weekday{time.Saturday, time.Sunday, time.Monday, time.Tuesday, time.Wednesday, time.Thursday} {
			days = append(days, store.Workday{Weekday: wd, Working: true, Opens: "۷:۳۰", Closes: "13:30"})
		}
		ch, err = e.flow.SetWeekly(ctx, admin, days)
		if err != nil {
			t.Fatal(err)
		}
		// inWindow: 4, 5, 7, 8, 9; extended: +2 → 11; later (filed 10th): 11, 12, 14, 15, 16.
		want["inWindow"], want["extended"], want["later"] = jd(1405, 9, 9), jd(1405, 9, 11), jd(1405, 9, 16)
		check("Thursday")
		if ch.Moved != 3 {
			t.Errorf("Thursday moved %d, want 3", ch.Moved)
		}
		if !e.flow.Cal.IsWorkingDay(jd(1405, 9, 5)) {
			t.Error("the live calendar does not work on Thursday")
		}
		data, _ := st.Calendar(ctx)
		if w := data.Workdays[time.Saturday]; w.Opens != "07:30" || w.Closes != "13:30" {
			t.Errorf("stored Saturday %+v", w)
		}

		recs, err := st.Audit(ctx, store.AuditFilter{Actor: admin.Label()})
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for _, r := range recs {
			actions = append(actions, r.Action+":"+r.Result)
		}
		if want := []string{"calendar.closure_add:ok", "calendar.closure_remove:ok", "calendar.weekly:ok"}; !slices.Equal(actions, want) {
			t.Errorf("audit %v, want %v", actions, want)
		}
	})
}

func TestCalendarNeedsAdmin(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		e := newCalEnv(t, st)
		r := e.file(t, e.work, at(jd(1405, 9, 3), 10), desk.StatusSubmitted, 0)
		calls := map[string]func() error{
			"closure": func() error {
				_, err := e.flow.AddClosure(ctx, officer, jd(1405, 9, 8), "آلودگی هوا")
				return err
			},
			"remove": func() error { _, err := e.flow.RemoveClosure(ctx, officer, jd(1405, 9, 8)); return err },
			"weekly": func() error {
				_, err := e.flow.SetWeekly(ctx, desk.Actor{}, []store.Workday{{Weekday: time.Saturday, Working: true, Opens: "08:00", Closes: "12:00"}})
				return err
			},
			"holidays": func() error {
				_, err := e.flow.ImportHolidays(ctx, officer, strings.NewReader("1405/09/08,روز آزمون\n"))
				return err
			},
		}
		for name, call := range calls {
			if err := call(); desk.ErrorCode(err) != desk.EFORBIDDEN {
				t.Errorf("%s by a non-admin: %v, want forbidden", name, err)
			}
		}
		if got := e.due(t, r); got != jd(1405, 9, 10) {
			t.Errorf("a refused change moved a date to %v", got)
		}
		if !e.flow.Cal.IsWorkingDay(jd(1405, 9, 8)) || !e.flow.Cal.IsWorkingDay(jd(1405, 9, 7)) {
			t.Error("a refused change reached the live calendar")
		}
		recs, err := st.Audit(ctx, store.AuditFilter{})
		if err != nil {
			t.Fatal(err)
		}
		denied := 0
		for _, rec := range recs {
			if rec.Result == audit.Denied {
				denied++
			}
		}
		if denied != 4 {
			t.Errorf("%d denied audit records, want 4", denied)
		}
	})
}

func TestImportHolidays(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		e := newCalEnv(t, st)
		if _, err := e.flow.LoadCalendar(ctx); err != nil {
			t.Fatal(err)
		}
		r := e.file(t, e.work, at(jd(1405, 9, 3), 10), desk.StatusSubmitted, 0)

		bad := "date,name\n1405/09/08,روز آزمون\n1405/13/01,غلط\n1405/09/09\n"
		_, err := e.flow.ImportHolidays(ctx, admin, strings.NewReader(bad))
		var ce *workcal.CSVError
		if desk.ErrorCode(err) != desk.EINVALID || !errors.As(err, &ce) {
			t.Fatalf("bad file: %v, want invalid with a CSVError", err)
		}
		var lines []int
		for _, l := range ce.Lines {
			lines = append(lines, l.Line)
		}
		if !slices.Equal(lines, []int{3, 4}) {
			t.Errorf("bad lines %v, want [3 4]", lines)
		}
		data, _ := st.Calendar(ctx)
		if len(data.Holidays) != 2 || e.due(t, r) != jd(1405, 9, 10) || !e.flow.Cal.IsWorkingDay(jd(1405, 9, 8)) {
			t.Errorf("a bad file changed something: %v", data.Holidays)
		}
		if _, err := e.flow.ImportHolidays(ctx, admin, strings.NewReader("# nothing\n")); desk.ErrorCode(err) != desk.EINVALID {
			t.Errorf("an empty file: %v", err)
		}

		good := "date,name\n1405/01/01,عید نوروز\n1405/09/08,روز آزمون\n1405/09/08,روز دیگر\n1406/01/01,عید نوروز\n"
		res, err := e.flow.ImportHolidays(ctx, admin, strings.NewReader(good))
		if err != nil {
			t.Fatal(err)
		}
		if res.Moved != 1 || res.Holidays != 3 || !slices.Equal(res.Years, []int{1405, 1406}) {
			t.Errorf("import result %+v", res)
		}
		data, _ = st.Calendar(ctx)
		want := []workcal.Holiday{
			{Date: jd(1404, 1, 1), Name: "عید نوروز"}, // 1404 was not in the file: kept
			{Date: jd(1405, 1, 1), Name: "عید نوروز"},
			{Date: jd(1405, 9, 8), Name: "روز آزمون، روز دیگر"},
			{Date: jd(1406, 1, 1), Name: "عید نوروز"},
		}
		if !slices.Equal(data.Holidays, want) {
			t.Errorf("stored holidays %v, want %v", data.Holidays, want)
		}
		if got := e.due(t, r); got != jd(1405, 9, 11) {
			t.Errorf("due after import %v, want 1405/09/11", got)
		}
		if reason, off := e.flow.Cal.DayOff(jd(1405, 9, 8)); !off || reason != "روز آزمون، روز دیگر" {
			t.Errorf("live calendar on the new holiday: %q, %v", reason, off)
		}
	})
}

func TestSetWeeklyValidation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		e := newCalEnv(t, st)
		tests := []struct {
			name  string
			days  []store.Workday
			field string
		}{
			{"no working day", []store.Workday{{Weekday: time.Friday}}, "working-6"},
			{"bad opening", []store.Workday{{Weekday: time.Sunday, Working: true, Opens: "7", Closes: "14:00"}}, "opens-0"},
			{"closing before opening", []store.Workday{{Weekday: time.Monday, Working: true, Opens: "14:00", Closes: "07:30"}}, "closes-1"},
			{"hour out of range", []store.Workday{{Weekday: time.Monday, Working: true, Opens: "07:30", Closes: "25:00"}}, "closes-1"},
		}
		for _, tt := range tests {
			_, err := e.flow.SetWeekly(ctx, admin, tt.days)
			if _, ok := desk.ErrorFields(err)[tt.field]; !ok || desk.ErrorCode(err) != desk.EINVALID {
				t.Errorf("%s: %v, want an error at %s", tt.name, err, tt.field)
			}
		}
		data, _ := st.Calendar(ctx)
		if data.Seeded() {
			t.Error("an invalid template was stored")
		}
	})
}

func TestOverdue(t *testing.T) {
	due := jd(1405, 9, 10).Time().UTC()
	tests := []struct {
		name   string
		status desk.Status
		due    time.Time
		now    time.Time
		want   bool
	}{
		{"during the promised day", desk.StatusInProgress, due, at(jd(1405, 9, 10), 23), false},
		{"a minute before midnight", desk.StatusSubmitted, due, jd(1405, 9, 11).Time().Add(-time.Minute), false},
		{"at midnight after it", desk.StatusSubmitted, due, jd(1405, 9, 11).Time(), true},
		{"days later", desk.StatusNeedsDocs, due, at(jd(1405, 9, 20), 9), true},
		{"answered late is not overdue", desk.StatusAnswered, due, at(jd(1405, 9, 20), 9), false},
		{"no promised date", desk.StatusSubmitted, time.Time{}, at(jd(1405, 9, 20), 9), false},
	}
	for _, tt := range tests {
		r := desk.Request{Status: tt.status, DueAt: tt.due}
		if got := workflow.Overdue(r, tt.now); got != tt.want {
			t.Errorf("%s: Overdue = %v, want %v", tt.name, got, tt.want)
		}
	}
}
