// Package i18n holds Mizban's Persian and English message catalogs and the
// template functions that render numbers, dates, money and masked personal
// data in the language of the page.
package i18n

// Lang is a page language.
type Lang string

// The languages Mizban speaks. Persian is the default everywhere.
const (
	FA Lang = "fa"
	EN Lang = "en"
)

// ParseLang reads a language code from a query string, cookie or
// Accept-Language-like value ("fa", "en", "en-GB"). ok is false, and FA is
// returned, for anything else.
func ParseLang(s string) (l Lang, ok bool) {
	if len(s) == 2 || (len(s) > 2 && s[2] == '-') {
		switch l := Lang(s[:2]); l {
		case FA, EN:
			return l, true
		}
	}
	return FA, false
}

// Dir is the writing direction of lang for the dir attribute.
func Dir(lang Lang) string {
	if lang == EN {
		return "ltr"
	}
	return "rtl"
}

// Other is the language the language switch offers.
func (l Lang) Other() Lang {
	if l == EN {
		return FA
	}
	return EN
}
