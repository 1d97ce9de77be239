package workcal

import (
	"testing"
	"time"

	"mizban/internal/jalali"
)

func d(y, m, day int) jalali.Date { return jalali.Date{Year: y, Month: m, Day: day} }

// at is hh:mm Tehran time on a Jalali date.
func at(j jalali.Date, hh, mm int) time.Time {
	return j.Time().Add(time.Duration(hh)*time.Hour + time.Duration(mm)*time.Minute)
}

func nowruz1405() []Holiday {
	return []Holiday{
		{d(1404, 1, 1), "عید نوروز"}, {d(1404, 1, 2), "عید نوروز"}, {d(1404, 1, 3), "عید نوروز"}, {d(1404, 1, 4), "عید نوروز"},
		{d(1405, 1, 1), "عید نوروز"}, {d(1405, 1, 2), "عید نوروز"}, {d(1405, 1, 3), "عید نوروز"}, {d(1405, 1, 4), "عید نوروز"},
		{d(1405, 1, 12), "روز جمهوری اسلامی"}, {d(1405, 1, 13), "روز طبیعت"},
	}
}

func TestDue(t *testing.T) {
	// 1405/09/04 is a Wednesday; 1405/01/01 a Saturday; 1404/01/01 a Friday.
	tests := []struct {
		name     string
		setup    func(*Calendar)
		from     time.Time
		days     int
		calendar bool
		want     jalali.Date
	}{
		{"Wednesday +1 skips the weekend", nil, at(d(1405, 9, 4), 10, 0), 1, false, d(1405, 9, 7)},
		{"filed late Wednesday night", nil, at(d(1405, 9, 4), 23, 59), 1, false, d(1405, 9, 7)},
		{"filed just after midnight Thursday", nil, at(d(1405, 9, 5), 0, 1), 1, false, d(1405, 9, 7)},
		{"filed on Friday", nil, at(d(1405, 9, 6), 12, 0), 1, false, d(1405, 9, 7)},
		{"Saturday +5 is next Saturday", nil, at(d(1405, 9, 7), 8, 0), 5, false, d(1405, 9, 14)},
		{"Saturday +10 is two weeks on", nil, at(d(1405, 9, 7), 8, 0), 10, false, d(1405, 9, 21)},
		{"zero days is the next working day", nil, at(d(1405, 9, 4), 9, 0), 0, false, d(1405, 9, 7)},
		{"negative days is the next working day", nil, at(d(1405, 9, 4), 9, 0), -3, false, d(1405, 9, 7)},
		{"Thursday working", func(c *Calendar) { c.SetWorkday(time.Thursday, true) }, at(d(1405, 9, 4), 10, 0), 1, false, d(1405, 9, 5)},
		{"Thursday working, +3", func(c *Calendar) { c.SetWorkday(time.Thursday, true) }, at(d(1405, 9, 4), 10, 0), 3, false, d(1405, 9, 8)},
		{"closure on Saturday", func(c *Calendar) { c.AddClosure(d(1405, 9, 7), "آلودگی هوا") }, at(d(1405, 9, 4), 10, 0), 1, false, d(1405, 9, 8)},
		{"closure removed", func(c *Calendar) {
			c.AddClosure(d(1405, 9, 7), "آلودگی هوا")
			c.RemoveClosure(d(1405, 9, 7))
		}, at(d(1405, 9, 4), 10, 0), 1, false, d(1405, 9, 7)},
		{"Nowruz across the new year", nil, at(d(1404, 12, 27), 10, 0), 1, false, d(1405, 1, 5)},
		{"Nowruz, +2", nil, at(d(1404, 12, 27), 10, 0), 2, false, d(1405, 1, 8)},
		{"Nowruz, +3 run from Monday", nil, at(d(1404, 12, 25), 10, 0), 3, false, d(1405, 1, 5)},
		{"Islamic Republic Day on Wednesday", nil, at(d(1405, 1, 11), 10, 0), 1, false, d(1405, 1, 15)},
		{"leap Esfand 1403/12/30 is a Thursday", nil, at(d(1403, 12, 29), 10, 0), 1, false, d(1404, 1, 5)},
		{"calendar days", nil, at(d(1405, 9, 4), 10, 0), 3, true, d(1405, 9, 7)},
		{"calendar days ignore holidays", nil, at(d(1404, 12, 27), 10, 0), 5, true, d(1405, 1, 3)},
		{"calendar days through leap Esfand", nil, at(d(1403, 12, 29), 10, 0), 2, true, d(1404, 1, 1)},
		{"calendar days, zero", nil, at(d(1405, 9, 4), 10, 0), 0, true, d(1405, 9, 5)},
		{"calendar days, a year", nil, at(d(1404, 1, 1), 10, 0), 365, true, d(1405, 1, 1)},
		{"no working weekday counts calendar days", func(c *Calendar) {
			for wd := time.Sunday; wd <= time.Saturday; wd++ {
				c.SetWorkday(wd, false)
			}
		}, at(d(1405, 9, 4), 10, 0), 2, false, d(1405, 9, 6)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := New(DefaultWorkdays, nowruz1405())
			if tt.setup != nil {
				tt.setup(c)
			}
			if got := c.Due(tt.from, tt.days, tt.calendar); got != tt.want {
				t.Errorf("Due(%v, %d, %v) = %v, want %v", tt.from, tt.days, tt.calendar, got, tt.want)
			}
		})
	}
}

func TestDueUsesTehranDate(t *testing.T) {
	c := New(DefaultWorkdays, nil)
	// 21:00 UTC on Tuesday 2026-11-24 is already 00:30 Wednesday in Tehran.
	from := time.Date(2026, 11, 24, 21, 0, 0, 0, time.UTC)
	if got := c.Due(from, 1, false); got != d(1405, 9, 7) {
		t.Errorf("Due = %v, want 1405/09/07", got)
	}
}

func TestDueWithDefaultCalendar(t *testing.T) {
	c := Default()
	// The solar Nowruz holidays of the embedded table are exact.
	if got := c.Due(at(d(1404, 12, 27), 10, 0), 1, false); got != d(1405, 1, 5) {
		t.Errorf("Due across Nowruz = %v, want 1405/01/05", got)
	}
	// 22 Bahman 1404 is a Wednesday: Tuesday +1 is Saturday 25 Bahman.
	if got := c.Due(at(d(1404, 11, 21), 10, 0), 1, false); got != d(1404, 11, 25) {
		t.Errorf("Due across 22 Bahman = %v, want 1404/11/25", got)
	}
	// 14 and 15 Khordad 1405 are Thursday and Friday; 16 Khordad is not a holiday.
	if got := c.Due(at(d(1405, 3, 13), 10, 0), 1, false); got != d(1405, 3, 16) {
		t.Errorf("Due across 14 Khordad = %v, want 1405/03/16", got)
	}
}

func TestWorkingDaysBetween(t *testing.T) {
	c := New(DefaultWorkdays, nowruz1405())
	c.AddClosure(d(1405, 9, 9), "قطعی برق")
	tests := []struct {
		a, b jalali.Date
		want int
	}{
		{d(1405, 9, 4), d(1405, 9, 4), 0},
		{d(1405, 9, 4), d(1405, 9, 6), 0}, // Thursday and Friday
		{d(1405, 9, 4), d(1405, 9, 7), 1},
		{d(1405, 9, 4), d(1405, 9, 14), 5}, // closure on Monday 09/09
		{d(1405, 9, 14), d(1405, 9, 4), -5},
		{d(1404, 12, 27), d(1405, 1, 5), 1},
		{d(1404, 12, 26), d(1405, 1, 5), 2},
	}
	for _, tt := range tests {
		if got := c.WorkingDaysBetween(tt.a, tt.b); got != tt.want {
			t.Errorf("WorkingDaysBetween(%v, %v) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

// Due and WorkingDaysBetween agree, and the due date is always a working day.
func TestDueConsistency(t *testing.T) {
	c := Default()
	c.AddClosure(d(1404, 10, 1), "آلودگی هوا")
	start := d(1404, 1, 1)
	for i := 0; i < 700; i += 3 {
		filed := start.AddDays(i)
		for _, n := range []int{1, 2, 5, 10, 30} {
			due := c.Due(at(filed, 11, 0), n, false)
			if !c.IsWorkingDay(due) {
				t.Fatalf("Due(%v, %d) = %v, not a working day", filed, n, due)
			}
			if got := c.WorkingDaysBetween(filed, due); got != n {
				t.Fatalf("WorkingDaysBetween(%v, Due = %v) = %d, want %d", filed, due, got, n)
			}
		}
	}
}

func TestIsWorkingDayAndDayOff(t *testing.T) {
	c := New(DefaultWorkdays, nowruz1405())
	c.AddClosure(d(1405, 9, 8), "گرمای هوا")
	tests := []struct {
		day    jalali.Date
		work   bool
		reason string
	}{
		{d(1405, 9, 7), true, ""},
		{d(1405, 9, 5), false, "پنجشنبه"},
		{d(1405, 9, 6), false, "جمعه"},
		{d(1405, 9, 8), false, "گرمای هوا"},
		{d(1405, 1, 3), false, "عید نوروز"},
	}
	for _, tt := range tests {
		if got := c.IsWorkingDay(tt.day); got != tt.work {
			t.Errorf("IsWorkingDay(%v) = %v, want %v", tt.day, got, tt.work)
		}
		reason, off := c.DayOff(tt.day)
		if off == tt.work || reason != tt.reason {
			t.Errorf("DayOff(%v) = %q, %v; want %q, %v", tt.day, reason, off, tt.reason, !tt.work)
		}
	}
}

func TestHolidayNamesMerged(t *testing.T) {
	c := New(DefaultWorkdays, []Holiday{
		{d(1405, 3, 14), "رحلت امام خمینی"},
		{d(1405, 3, 14), "عید سعید غدیر خم"},
		{d(1405, 3, 14), "عید سعید غدیر خم"},
	})
	hs := c.Holidays()
	if len(hs) != 1 || hs[0].Name != "رحلت امام خمینی، عید سعید غدیر خم" {
		t.Errorf("Holidays() = %v", hs)
	}
	c.SetHolidays(nil)
	if len(c.Holidays()) != 0 || !c.IsWorkingDay(d(1405, 3, 16)) {
		t.Error("SetHolidays(nil) did not clear the table")
	}
}
