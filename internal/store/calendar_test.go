package store_test

import (
	"slices"
	"testing"
	"time"

	"mizban/internal/desk"
	"mizban/internal/jalali"
	"mizban/internal/store"
	"mizban/internal/store/storetest"
	"mizban/internal/workcal"
)

func jdate(y, m, d int) jalali.Date { return jalali.Date{Year: y, Month: m, Day: d} }

func TestCalendarTables(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		data, err := s.Calendar(ctx)
		if err != nil || data.Seeded() || len(data.Holidays)+len(data.Closures) != 0 {
			t.Fatalf("fresh calendar %+v, %v; want empty", data, err)
		}
		inTx(t, s, func(tx *store.Tx) error {
			if err := tx.SetWorkdays(ctx, []store.Workday{
				{Weekday: time.Saturday, Working: true, Opens: "07:30", Closes: "14:30"},
				{Weekday: time.Sunday, Working: true, Opens: "07:30", Closes: "14:30"},
			}); err != nil {
				return err
			}
			if err := tx.ReplaceHolidays(ctx, []int{1404, 1405}, []workcal.Holiday{
				{Date: jdate(1404, 1, 1), Name: "عید نوروز"}, {Date: jdate(1405, 1, 1), Name: "عید نوروز"},
				{Date: jdate(1405, 1, 13), Name: "روز طبیعت"},
			}); err != nil {
				return err
			}
			return tx.AddClosure(ctx, store.Closure{Date: jdate(1405, 9, 8), Reason: "آلودگی هوا", CreatedBy: "staff:1", CreatedAt: t0})
		})
		// Replacing 1405 keeps 1404.
		inTx(t, s, func(tx *store.Tx) error {
			return tx.ReplaceHolidays(ctx, []int{1405}, []workcal.Holiday{{Date: jdate(1405, 11, 22), Name: "پیروزی انقلاب"}})
		})
		data, err = s.Calendar(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(data.Workdays) != 7 || !data.Workdays[time.Saturday].Working || data.Workdays[time.Monday].Working ||
			data.Workdays[time.Sunday].Opens != "07:30" {
			t.Errorf("workdays %+v", data.Workdays)
		}
		wantH := []workcal.Holiday{{Date: jdate(1404, 1, 1), Name: "عید نوروز"}, {Date: jdate(1405, 11, 22), Name: "پیروزی انقلاب"}}
		if !slices.Equal(data.Holidays, wantH) {
			t.Errorf("holidays %v, want %v", data.Holidays, wantH)
		}
		if len(data.Closures) != 1 || data.Closures[0].Date != jdate(1405, 9, 8) || data.Closures[0].Reason != "آلودگی هوا" ||
			data.Closures[0].CreatedBy != "staff:1" || !data.Closures[0].CreatedAt.Equal(t0.Truncate(time.Microsecond)) {
			t.Errorf("closures %+v", data.Closures)
		}
		cal := data.Build()
		if cal.IsWorkingDay(jdate(1405, 9, 8)) || !cal.IsWorkingDay(jdate(1405, 9, 7)) || cal.IsWorkingDay(jdate(1405, 9, 9)) {
			t.Error("Build does not follow the stored calendar")
		}

		err = s.InTx(ctx, func(tx *store.Tx) error {
			return tx.AddClosure(ctx, store.Closure{Date: jdate(1405, 9, 8), Reason: "دوباره", CreatedBy: "staff:1", CreatedAt: t0})
		})
		wantCode(t, err, desk.ECONFLICT)
		err = s.InTx(ctx, func(tx *store.Tx) error { return tx.RemoveClosure(ctx, jdate(1405, 9, 9)) })
		wantCode(t, err, desk.ENOTFOUND)
		inTx(t, s, func(tx *store.Tx) error { return tx.RemoveClosure(ctx, jdate(1405, 9, 8)) })
		if data, _ = s.Calendar(ctx); len(data.Closures) != 0 {
			t.Errorf("closure not removed: %+v", data.Closures)
		}
	})
}

func TestOpenDuesCountAddedDays(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		open, closed := createRequest(t, s), newRequest(t)
		closed.Status = desk.StatusClosed
		inTx(t, s, func(tx *store.Tx) error {
			if err := tx.CreateRequest(ctx, closed); err != nil {
				return err
			}
			for _, days := range []int{2, 3} {
				if err := tx.AppendEventDays(ctx, &desk.Event{RequestID: open.ID, At: t0, Type: "extended", Actor: "staff:1"}, days); err != nil {
					return err
				}
			}
			return tx.AppendEvent(ctx, &desk.Event{RequestID: open.ID, At: t0, Type: "note", Actor: "staff:1", Internal: true})
		})
		var dues []store.DueInfo
		inTx(t, s, func(tx *store.Tx) error {
			var err error
			dues, err = tx.OpenDues(ctx, []desk.Status{desk.StatusSubmitted, desk.StatusInProgress})
			return err
		})
		if len(dues) != 1 {
			t.Fatalf("open dues %+v, want only the open request", dues)
		}
		d := dues[0]
		if d.ID != open.ID || d.AddedDays != 5 || d.Version != 1 || d.ServiceCode != open.ServiceCode ||
			!d.SubmittedAt.Equal(open.SubmittedAt.Truncate(time.Microsecond)) || !d.DueAt.Equal(open.DueAt.Truncate(time.Microsecond)) {
			t.Errorf("due info %+v", d)
		}
	})
}
