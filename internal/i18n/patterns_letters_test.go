package i18n

import (
	"testing"

	"mizban/internal/desk"
	"mizban/internal/letters"
)

// The number-format messages that name a variable translate whole, as
// letters.ParseFormat builds them.
func TestLetterFormatPatterns(t *testing.T) {
	for _, tc := range []struct{ format, en string }{
		{"{year}/{seq}/{month}", "The variable {month} in the number format is not known; the allowed variables are {year}, {yy}, {seq}, {seq:5} and {code}."},
		{"{year}/{seq}/{seq:3}", "The variable {seq} appears more than once in the number format; write it once."},
		{"{year}/{seq}/{year}", "The variable {year} appears more than once in the number format; write it once."},
		{"{year}/{seq", "The number format has a «{» without its pair; write each variable between { and }, for example {seq}."},
	} {
		_, err := letters.ParseFormat(tc.format)
		msg := desk.ErrorMessage(err)
		if got := T(EN, msg); got != tc.en {
			t.Errorf("%q: T(en, %q) = %q; want %q", tc.format, msg, got, tc.en)
		}
	}
}
