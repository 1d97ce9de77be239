package fa

import (
	"errors"
	"strconv"
	"strings"
)

// Number parsing errors, safe to show a citizen.
var (
	ErrNumberEmpty   = errors.New("عدد را وارد کنید")
	ErrNumberInvalid = errors.New("عدد درست نیست؛ فقط رقم وارد کنید، مانند ۱۲۵۰۰۰۰")
	ErrNumberRange   = errors.New("این عدد بیش از اندازه بزرگ است؛ لطفاً آن را بررسی کنید")
)

const thousandsSep = '٬' // U+066C ARABIC THOUSANDS SEPARATOR

// Number formats n with Persian digits and the Persian thousands separator:
// 1250000 → "۱٬۲۵۰٬۰۰۰".
func Number(n int64) string {
	neg := n < 0
	u := uint64(n)
	if neg {
		u = -u // two's complement also covers math.MinInt64
	}
	s := strconv.FormatUint(u, 10)
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteRune(thousandsSep)
		}
		b.WriteRune('۰' + (c - '0'))
	}
	return b.String()
}

// Rials formats an amount in rials for display; it is Number under a name
// that says what the figure is (the unit label is the caller's).
func Rials(n int64) string { return Number(n) }

// ParseInt reads an integer typed in any digit form, with optional
// thousands separators (",", "٬", "،") between digits, surrounding spaces
// and a leading sign.
func ParseInt(s string) (int64, error) {
	s = strings.TrimSpace(ASCIIDigits(s))
	if s == "" {
		return 0, ErrNumberEmpty
	}
	var b strings.Builder
	switch {
	case strings.HasPrefix(s, "-"), strings.HasPrefix(s, "+"):
		b.WriteByte(s[0])
		s = s[1:]
	case strings.HasPrefix(s, "−"):
		b.WriteByte('-')
		s = strings.TrimPrefix(s, "−")
	}
	prevDigit := false
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
			prevDigit = true
		case (r == ',' || r == thousandsSep || r == '،') && prevDigit:
			prevDigit = false // a separator must sit between two digits
		default:
			return 0, ErrNumberInvalid
		}
	}
	if !prevDigit {
		return 0, ErrNumberInvalid
	}
	n, err := strconv.ParseInt(b.String(), 10, 64)
	if err != nil {
		if errors.Is(err, strconv.ErrRange) {
			return 0, ErrNumberRange
		}
		return 0, ErrNumberInvalid
	}
	return n, nil
}
