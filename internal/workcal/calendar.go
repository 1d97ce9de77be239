package workcal

import (
	"sort"
	"strings"
	"sync"
	"time"

	"mizban/internal/jalali"
)

// Holiday is an official holiday.
type Holiday struct {
	Date jalali.Date
	Name string
}

// Calendar says which days offices work. It is safe for concurrent use;
// closures can be added while deadlines are being computed.
type Calendar struct {
	mu       sync.RWMutex
	workdays [7]bool // indexed by time.Weekday
	holidays map[jalali.Date]string
	closures map[jalali.Date]string
}

// DefaultWorkdays are Saturday to Wednesday: Thursday is closed in most
// provinces by the current decree, Friday everywhere.
var DefaultWorkdays = []time.Weekday{time.Saturday, time.Sunday, time.Monday, time.Tuesday, time.Wednesday}

// New returns a calendar with the given working weekdays and holidays.
// Holidays falling on the same date have their names joined.
func New(workdays []time.Weekday, holidays []Holiday) *Calendar {
	c := &Calendar{holidays: map[jalali.Date]string{}, closures: map[jalali.Date]string{}}
	for _, wd := range workdays {
		if wd >= time.Sunday && wd <= time.Saturday {
			c.workdays[wd] = true
		}
	}
	for _, h := range holidays {
		c.addHoliday(h)
	}
	return c
}

// Default returns a Saturday–Wednesday calendar with the embedded official
// holidays.
func Default() *Calendar {
	return New(DefaultWorkdays, embeddedHolidays)
}

func (c *Calendar) addHoliday(h Holiday) {
	if old, ok := c.holidays[h.Date]; ok && old != h.Name {
		if !strings.Contains(old, h.Name) {
			c.holidays[h.Date] = old + "، " + h.Name
		}
		return
	}
	c.holidays[h.Date] = h.Name
}

// SetWorkday turns a weekday on or off, as decrees about Thursdays do.
func (c *Calendar) SetWorkday(wd time.Weekday, working bool) {
	if wd < time.Sunday || wd > time.Saturday {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.workdays[wd] = working
}

// SetHolidays replaces the holiday table, as after an admin import.
func (c *Calendar) SetHolidays(holidays []Holiday) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.holidays = map[jalali.Date]string{}
	for _, h := range holidays {
		c.addHoliday(h)
	}
}

// Holidays returns the holiday table sorted by date, one entry per date.
func (c *Calendar) Holidays() []Holiday {
	c.mu.RLock()
	defer c.mu.RUnlock()
	out := make([]Holiday, 0, len(c.holidays))
	for d, name := range c.holidays {
		out = append(out, Holiday{d, name})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Date.Before(out[j].Date) })
	return out
}

// AddClosure closes offices on d for the given reason (an ad-hoc closure
// announced by the province).
func (c *Calendar) AddClosure(d jalali.Date, reason string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.closures[d] = reason
}

// RemoveClosure cancels a closure.
func (c *Calendar) RemoveClosure(d jalali.Date) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.closures, d)
}

// IsWorkingDay reports whether offices are open on d.
func (c *Calendar) IsWorkingDay(d jalali.Date) bool {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.isWorkingDay(d)
}

// DayOff tells why offices are closed on d: the holiday name, the closure
// reason, or the weekday name for a weekly day off. off is false on working
// days.
func (c *Calendar) DayOff(d jalali.Date) (reason string, off bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if name, ok := c.holidays[d]; ok {
		return name, true
	}
	if why, ok := c.closures[d]; ok {
		return why, true
	}
	if wd := d.Weekday(); !c.workdays[wd] {
		return jalali.WeekdayNamesFa[wd], true
	}
	return "", false
}

func (c *Calendar) isWorkingDay(d jalali.Date) bool {
	if !c.workdays[d.Weekday()] {
		return false
	}
	if _, ok := c.holidays[d]; ok {
		return false
	}
	_, ok := c.closures[d]
	return !ok
}

// hasWorkdays reports whether any weekday works; without one, counting
// working days would never end.
func (c *Calendar) hasWorkdays() bool {
	for _, w := range c.workdays {
		if w {
			return true
		}
	}
	return false
}
