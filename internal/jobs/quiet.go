package jobs

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"mizban/internal/fa"
	"mizban/internal/jalali"
)

// Quiet is a daily window of Tehran wall-clock time in which notices wait;
// one-time codes never do. From and To are minutes after midnight; a window
// with From > To runs across midnight (22:00–07:00).
type Quiet struct {
	On       bool
	From, To int
}

// DefaultQuiet is 22:00–07:00 (DOMAIN §5: no notices at night).
var DefaultQuiet = Quiet{On: true, From: 22 * 60, To: 7 * 60}

// ParseQuiet reads "HH:MM-HH:MM" or "off"; empty is DefaultQuiet. Digits
// may be Persian.
func ParseQuiet(s string) (Quiet, error) {
	s = strings.TrimSpace(fa.ASCIIDigits(s))
	switch strings.ToLower(s) {
	case "":
		return DefaultQuiet, nil
	case "off", "none", "false", "0":
		return Quiet{}, nil
	}
	from, to, ok := strings.Cut(s, "-")
	if !ok {
		return Quiet{}, fmt.Errorf("quiet hours %q: want HH:MM-HH:MM or off", s)
	}
	f, err1 := clock(from)
	t, err2 := clock(to)
	if err1 != nil || err2 != nil {
		return Quiet{}, fmt.Errorf("quiet hours %q: want HH:MM-HH:MM (00:00 to 23:59) or off", s)
	}
	if f == t {
		return Quiet{}, fmt.Errorf("quiet hours %q: start and end are the same; use off for none", s)
	}
	return Quiet{On: true, From: f, To: t}, nil
}

// QuietOrDefault is ParseQuiet for a setting already validated (config
// checks MIZBAN_SMS_QUIET at start-up): DefaultQuiet if it is bad after all.
func QuietOrDefault(s string) Quiet {
	q, err := ParseQuiet(s)
	if err != nil {
		return DefaultQuiet
	}
	return q
}

func clock(s string) (int, error) {
	h, m, ok := strings.Cut(strings.TrimSpace(s), ":")
	if !ok || len(h) == 0 || len(h) > 2 || len(m) != 2 {
		return 0, fmt.Errorf("bad clock %q", s)
	}
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if err1 != nil || err2 != nil || hh < 0 || hh > 23 || mm < 0 || mm > 59 {
		return 0, fmt.Errorf("bad clock %q", s)
	}
	return hh*60 + mm, nil
}

// String is the form ParseQuiet reads.
func (q Quiet) String() string {
	if !q.On {
		return "off"
	}
	return fmt.Sprintf("%02d:%02d-%02d:%02d", q.From/60, q.From%60, q.To/60, q.To%60)
}

// Until reports whether t falls in the window and, if so, when the window
// ends (the first moment a notice may go).
func (q Quiet) Until(t time.Time) (time.Time, bool) {
	if !q.On {
		return time.Time{}, false
	}
	local := t.In(jalali.Tehran)
	y, mo, d := local.Date()
	m := local.Hour()*60 + local.Minute()
	at := func(day, minute int) time.Time {
		return time.Date(y, mo, d+day, minute/60, minute%60, 0, 0, jalali.Tehran)
	}
	switch {
	case q.From < q.To && m >= q.From && m < q.To: // same-day window
		return at(0, q.To), true
	case q.From > q.To && m >= q.From: // evening part of a window across midnight
		return at(1, q.To), true
	case q.From > q.To && m < q.To: // morning part
		return at(0, q.To), true
	}
	return time.Time{}, false
}
