package jalali

import (
	"errors"
	"fmt"
	"mizban/internal/fa"
	"strconv"
	"strings"
	"unicode"
)

// Parse errors, safe to show a citizen.
var (
	ErrEmpty   = errors.New("تاریخ را وارد کنید")
	ErrFormat  = errors.New("تاریخ را به شکل سال/ماه/روز وارد کنید، مانند ۱۴۰۵/۰۹/۰۴")
	ErrRange   = errors.New("سال باید بین ۱۳۰۰ و ۱۵۰۰ باشد؛ لطفاً سال را چهاررقمی وارد کنید")
	ErrNoDay   = errors.New("این روز در تقویم وجود ندارد؛ لطفاً ماه و روز را بررسی کنید")
	ErrNoMonth = errors.New("ماه باید بین ۱ و ۱۲ باشد")
)

// Years accepted from people; wider input is almost always a typo or a
// Gregorian year.
const (
	MinYear = 1300
	MaxYear = 1500
)

// String returns d as "1405/09/04": ASCII digits, zero-padded, so that
// strings sort like dates. It is also the storage and URL form.
func (d Date) String() string {
	return fmt.Sprintf("%04d/%02d/%02d", d.Year, d.Month, d.Day)
}

// MarshalText implements encoding.TextMarshaler with String.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler with Parse.
func (d *Date) UnmarshalText(b []byte) error {
	p, err := Parse(string(b))
	if err != nil {
		return err
	}
	*d = p
	return nil
}

// Parse reads a Jalali date typed by a person: year/month/day separated by
// '/', '-' or '.', in Persian, Arabic-Indic or Latin digits, with or without
// zero padding ("1405/9/4", "۱۴۰۵/۰۹/۰۴", "1405-09-04"). The day-first
// order "4/9/1405" and the compact "14050904" are accepted too, since the
// four-digit year makes them unambiguous.
func Parse(s string) (Date, error) {
	s = strings.Map(foldRune, s)
	if s == "" {
		return Date{}, ErrEmpty
	}
	if len(s) == 8 && fa.AllDigits(s) {
		return FromParts(s[:4], s[4:6], s[6:])
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '/' || r == '-' || r == '.' })
	if len(parts) != 3 {
		return Date{}, ErrFormat
	}
	// FieldsFunc hides doubled or trailing separators; rebuild to reject them.
	if len(s) != len(parts[0])+len(parts[1])+len(parts[2])+2 {
		return Date{}, ErrFormat
	}
	if len(parts[2]) == 4 && len(parts[0]) <= 2 {
		parts[0], parts[2] = parts[2], parts[0]
	}
	return FromParts(parts[0], parts[1], parts[2])
}

// FromParts builds a date from the three fields of a سال/ماه/روز form, each
// in any digit form.
func FromParts(y, m, d string) (Date, error) {
	y, m, d = strings.Map(foldRune, y), strings.Map(foldRune, m), strings.Map(foldRune, d)
	if y == "" && m == "" && d == "" {
		return Date{}, ErrEmpty
	}
	if !fa.AllDigits(y) || !fa.AllDigits(m) || !fa.AllDigits(d) || len(m) > 2 || len(d) > 2 || len(y) > 4 {
		return Date{}, ErrFormat
	}
	yy, _ := strconv.Atoi(y)
	mm, _ := strconv.Atoi(m)
	dd, _ := strconv.Atoi(d)
	switch {
	case yy < MinYear || yy > MaxYear:
		return Date{}, ErrRange
	case mm < 1 || mm > 12:
		return Date{}, ErrNoMonth
	case !Valid(yy, mm, dd):
		return Date{}, ErrNoDay
	}
	return Date{yy, mm, dd}, nil
}

// foldRune turns Persian and Arabic-Indic digits into ASCII and drops
// spaces and the invisible marks that RTL inputs insert.
func foldRune(r rune) rune {
	switch {
	case r >= '۰' && r <= '۹':
		return '0' + r - '۰'
	case r >= '٠' && r <= '٩':
		return '0' + r - '٠'
	case unicode.IsSpace(r), r == '\u200c', r == '\u200e', r == '\u200f', r == '\u061c', r >= '\u202a' && r <= '\u202e', r >= '\u2066' && r <= '\u2069':
		return -1
	case r == '\u066b' || r == '\u2215' || r == '\u2044':
		return '/' // Arabic decimal separator and fraction slashes, typed as date slashes
	}
	return r
}
