package jalali

import "time"

// Date is a day of the Jalali calendar. The zero Date is not a valid day.
type Date struct {
	Year, Month, Day int
}

// breaks are the Jalali years at which the 33-year leap pattern of the
// Borkowski algorithm shifts; the algorithm is defined between the first
// and the last.
var breaks = [...]int{-61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181,
	1210, 1635, 2060, 2097, 2192, 2262, 2324, 2394, 2456, 3178}

// yearInfo returns, for Jalali year jy, how many years have passed since
// the last leap year (0 means jy itself is leap) and the day of March of the
// Gregorian year jy+621 on which 1 Farvardin falls.
func yearInfo(jy int) (sinceLeap, march int) {
	gy := jy + 621
	leapJ := -14
	jp := breaks[0]
	jump := 0
	for _, jm := range breaks[1:] {
		jump = jm - jp
		if jy < jm {
			break
		}
		leapJ += floorDiv(jump, 33)*8 + floorDiv(mod(jump, 33), 4)
		jp = jm
	}
	n := jy - jp
	leapJ += floorDiv(n, 33)*8 + floorDiv(mod(n, 33)+3, 4)
	if mod(jump, 33) == 4 && jump-n == 4 {
		leapJ++
	}
	// Gregorian leap days since the epoch of the method.
	leapG := floorDiv(gy, 4) - floorDiv((floorDiv(gy, 100)+1)*3, 4) - 150
	march = 20 + leapJ - leapG
	if jump-n < 6 {
		n = n - jump + floorDiv(jump+4, 33)*33
	}
	sinceLeap = mod(mod(n+1, 33)-1, 4)
	if sinceLeap == -1 {
		sinceLeap = 4
	}
	return sinceLeap, march
}

// IsLeap reports whether Esfand of the Jalali year has 30 days.
func IsLeap(year int) bool {
	s, _ := yearInfo(year)
	return s == 0
}

// MonthLength returns the number of days in a Jalali month, or 0 for a
// month outside 1–12.
func MonthLength(year, month int) int {
	switch {
	case month >= 1 && month <= 6:
		return 31
	case month >= 7 && month <= 11:
		return 30
	case month == 12 && IsLeap(year):
		return 30
	case month == 12:
		return 29
	}
	return 0
}

// Valid reports whether y/m/d is a day of the Jalali calendar.
func Valid(y, m, d int) bool {
	return d >= 1 && d <= MonthLength(y, m)
}

// dayNumber counts days from 1970-01-01 (Gregorian) to the given date.
func gregorianDay(y, m, d int) int {
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return int(floorDiv64(t.Unix(), 86400))
}

func fromGregorianDay(n int) (y, m, d int) {
	yy, mm, dd := time.Unix(int64(n)*86400, 0).UTC().Date()
	return yy, int(mm), dd
}

// dayNumber is the day count of d since 1970-01-01.
func (d Date) dayNumber() int {
	_, march := yearInfo(d.Year)
	start := gregorianDay(d.Year+621, 3, march)
	m := d.Month - 1
	// The first six months have 31 days, the rest 30.
	before := m*31 - max(m-6, 0)
	return start + before + d.Day - 1
}

func fromDayNumber(n int) Date {
	gy, _, _ := fromGregorianDay(n)
	jy := gy - 621
	sinceLeap, march := yearInfo(jy)
	k := n - gregorianDay(gy, 3, march)
	if k >= 0 {
		if k < 186 {
			return Date{jy, 1 + k/31, k%31 + 1}
		}
		k -= 186
	} else {
		// Before 1 Farvardin: the last months of the previous year.
		jy--
		k += 179
		if sinceLeap == 1 {
			k++ // the previous year had a 30-day Esfand
		}
	}
	return Date{jy, 7 + k/30, k%30 + 1}
}

// FromGregorian converts a Gregorian date; out-of-range fields are
// normalised as time.Date does.
func FromGregorian(y, m, d int) Date {
	return fromDayNumber(gregorianDay(y, m, d))
}

// Gregorian returns the Gregorian year, month and day of d.
func (d Date) Gregorian() (y, m, day int) {
	return fromGregorianDay(d.dayNumber())
}

// FromTime returns the Jalali date of t on the Tehran wall clock.
func FromTime(t time.Time) Date {
	y, m, d := t.In(Tehran).Date()
	return FromGregorian(y, int(m), d)
}

// Today is the current date in Tehran.
func Today() Date { return FromTime(time.Now()) }

// Time returns 00:00 Tehran time on d.
func (d Date) Time() time.Time {
	y, m, day := d.Gregorian()
	return time.Date(y, time.Month(m), day, 0, 0, 0, 0, Tehran)
}

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday {
	// 1970-01-01 was a Thursday.
	return time.Weekday(mod(d.dayNumber()+int(time.Thursday), 7))
}

// AddDays returns the date n days after d (before, for negative n).
func (d Date) AddDays(n int) Date {
	return fromDayNumber(d.dayNumber() + n)
}

// Sub returns the number of days from e to d (d − e).
func (d Date) Sub(e Date) int {
	return d.dayNumber() - e.dayNumber()
}

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return sign(d.Year - e.Year)
	case d.Month != e.Month:
		return sign(d.Month - e.Month)
	}
	return sign(d.Day - e.Day)
}

// Before reports whether d is earlier than e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is later than e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func floorDiv64(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func mod(a, b int) int { return a - floorDiv(a, b)*b }
