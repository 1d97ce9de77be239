package workcal

import (
	"time"

	"mizban/internal/jalali"
)

// Due returns the promised answer date of a request filed at from with a
// duration of days.
//
// Working-days mode: day 1 is the first working day after the Tehran date of
// from, whatever the hour of filing; a request filed on Wednesday with one
// working day is due on Saturday (or the next working day after a holiday).
// Calendar-days mode (calendarDays true, for round-the-clock services):
// every day counts, so the answer is due days days after the filing date.
//
// days <= 0 is treated as 1: the answer is due on the first (working) day
// after filing, never on the filing day itself. A calendar whose weekly
// template has no working weekday counts calendar days.
func (c *Calendar) Due(from time.Time, days int, calendarDays bool) jalali.Date {
	start := jalali.FromTime(from)
	days = max(days, 1)
	c.mu.RLock()
	defer c.mu.RUnlock()
	if calendarDays || !c.hasWorkdays() {
		return start.AddDays(days)
	}
	d := start
	for n := 0; n < days; {
		d = d.AddDays(1)
		if c.isWorkingDay(d) {
			n++
		}
	}
	return d
}

// WorkingDaysBetween counts the working days after a up to and including b,
// so that WorkingDaysBetween(filed, Due(filed, n)) == n. When b is before a
// the count is negative: how many working days a deadline b has passed by
// the day a.
func (c *Calendar) WorkingDaysBetween(a, b jalali.Date) int {
	if b.Before(a) {
		return -c.WorkingDaysBetween(b, a)
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	n := 0
	for d, span := a, b.Sub(a); span > 0; span-- {
		d = d.AddDays(1)
		if c.isWorkingDay(d) {
			n++
		}
	}
	return n
}
