package i18n

import (
	"fmt"
	"html/template"
	"reflect"
	"strconv"
	"strings"
	"time"

	"mizban/internal/fa"
	"mizban/internal/jalali"
)

// Funcs returns the template functions for pages in lang. html/template
// binds functions at parse time, so parse one template set per language at
// start-up (each with its own Funcs) rather than cloning per request.
//
//	t        {{t "nav.services"}}, {{t "search.results" .Count}}
//	digits   {{digits .Days}}: Persian digits on fa pages, ASCII on en
//	date     {{date .DueAt}}: Jalali "۴ آذر ۱۴۰۵" / "4 Azar 1405" (time.Time or jalali.Date)
//	datetime {{datetime .At}}: "۴ آذر ۱۴۰۵، ساعت ۱۴:۳۰" / "4 Azar 1405, 14:30"
//	rials    {{rials .Fee}}: "۱٬۲۵۰٬۰۰۰ ریال" / "1,250,000 rials"
//	mask_mobile, mask_nid, group: codes in the page's digits; wrap in <bdi>
//	dir, lang: for <html lang="{{lang}}" dir="{{dir}}">
func Funcs(lang Lang) template.FuncMap {
	if _, ok := catalogs[lang]; !ok {
		lang = FA
	}
	return template.FuncMap{
		"t":           func(key string, args ...any) string { return T(lang, key, args...) },
		"digits":      func(v any) string { return Digits(lang, v) },
		"date":        func(v any) (string, error) { return Date(lang, v) },
		"datetime":    func(v any) (string, error) { return DateTime(lang, v) },
		"rials":       func(v any) (string, error) { return Rials(lang, v) },
		"mask_mobile": func(v any) string { return MaskMobile(lang, str(v)) },
		"mask_nid":    func(v any) string { return MaskNID(lang, str(v)) },
		"group":       func(v any) string { return Group(lang, str(v)) },
		"dir":         func() string { return Dir(lang) },
		"lang":        func() string { return string(lang) },
	}
}

// localDigits writes s's digits the way lang reads them.
func localDigits(lang Lang, s string) string {
	if lang == EN {
		return fa.ASCIIDigits(s)
	}
	return fa.PersianDigits(s)
}

// integer formats any integer kind, named types included.
func integer(v any) (string, bool) {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(rv.Int(), 10), true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return strconv.FormatUint(rv.Uint(), 10), true
	}
	return "", false
}

// str accepts the string-ish and integer values templates pass around.
func str(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case template.HTML:
		return string(x)
	case fmt.Stringer:
		return x.String()
	}
	if s, ok := integer(v); ok {
		return s
	}
	return fmt.Sprint(v)
}

// Digits writes a string or integer with the digits of lang.
func Digits(lang Lang, v any) string {
	return localDigits(lang, str(v))
}

// Date formats a time.Time (on the Tehran calendar day) or a jalali.Date as a
// Jalali date. A zero or nil value gives "".
func Date(lang Lang, v any) (string, error) {
	var d jalali.Date
	switch x := v.(type) {
	case nil:
		return "", nil
	case time.Time:
		if x.IsZero() {
			return "", nil
		}
		d = jalali.FromTime(x)
	case *time.Time:
		if x == nil || x.IsZero() {
			return "", nil
		}
		d = jalali.FromTime(*x)
	case jalali.Date:
		if x.IsZero() {
			return "", nil
		}
		d = x
	default:
		return "", fmt.Errorf("i18n: date of %T", v)
	}
	if lang == EN {
		return d.FormatEn(), nil
	}
	return d.FormatFa(), nil
}

// DateTime formats a time.Time as a Jalali date and Tehran clock time.
func DateTime(lang Lang, v any) (string, error) {
	var t time.Time
	switch x := v.(type) {
	case nil:
		return "", nil
	case time.Time:
		t = x
	case *time.Time:
		if x == nil {
			return "", nil
		}
		t = *x
	default:
		return "", fmt.Errorf("i18n: datetime of %T", v)
	}
	if t.IsZero() {
		return "", nil
	}
	if lang == EN {
		return jalali.FormatDateTimeEn(t), nil
	}
	return jalali.FormatDateTime(t), nil
}

// Rials formats an amount of money: "۱٬۲۵۰٬۰۰۰ ریال" in Persian (U+066C
// between thousands), "1,250,000 rials" in English. It takes integers only:
// money is never a float.
func Rials(lang Lang, v any) (string, error) {
	s, ok := integer(v)
	if !ok {
		return "", fmt.Errorf("i18n: rials of %T", v)
	}
	sep := ","
	if lang != EN {
		sep = "\u066C"
	}
	return localDigits(lang, thousands(s, sep)) + " " + T(lang, "unit.rials"), nil
}

// thousands puts sep between groups of three digits of an integer string.
func thousands(s, sep string) string {
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	var b strings.Builder
	b.WriteString(sign)
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// digitsOf keeps only the digits of s, in ASCII.
func digitsOf(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, fa.ASCIIDigits(s))
}

// mask keeps head leading and tail trailing digits and stars the rest, one
// star per hidden digit. Too short to hide anything safely: all stars.
func mask(d string, head, tail int) string {
	if len(d) <= head+tail {
		return strings.Repeat("*", len(d))
	}
	return d[:head] + strings.Repeat("*", len(d)-head-tail) + d[len(d)-tail:]
}

// MaskMobile shows a mobile number as "0912***4567" (Persian digits on fa
// pages). It takes any form people or the store use: +98…, 0098…, 98…, 09…
func MaskMobile(lang Lang, s string) string {
	d := digitsOf(s)
	switch {
	case strings.HasPrefix(d, "0098") && len(d) == 14:
		d = "0" + d[4:]
	case strings.HasPrefix(d, "98") && len(d) == 12:
		d = "0" + d[2:]
	case strings.HasPrefix(d, "9") && len(d) == 10:
		d = "0" + d
	}
	return localDigits(lang, mask(d, 4, 4))
}

// MaskNID shows a national ID as "007****645": the first and last three
// digits. Codes typed without their leading zeros are padded to 10 first.
func MaskNID(lang Lang, s string) string {
	d := digitsOf(s)
	if len(d) == 8 || len(d) == 9 {
		d = strings.Repeat("0", 10-len(d)) + d
	}
	return localDigits(lang, mask(d, 3, 3))
}

// Group splits a tracking code into groups of four, "1234 5678 9012", so it
// can be read aloud over the phone. Spaces and dashes already in s are
// dropped first. Show it in an LTR box (.tracking-code or <bdi class="ltr">)
// so the groups keep their order on Persian pages.
func Group(lang Lang, s string) string {
	s = strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' || r == '\u00a0' {
			return -1
		}
		return r
	}, strings.TrimSpace(s))
	var b strings.Builder
	for i, r := range []rune(s) {
		if i > 0 && i%4 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return localDigits(lang, b.String())
}
