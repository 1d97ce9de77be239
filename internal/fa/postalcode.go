package fa

import (
	"errors"
	"strings"
)

// Postal code errors, safe to show a citizen.
var (
	ErrPostalCodeEmpty  = errors.New("کد پستی را وارد کنید")
	ErrPostalCodeDigits = errors.New("کد پستی فقط از رقم تشکیل می‌شود؛ لطفاً حروف و نشانه‌ها را حذف کنید")
	ErrPostalCodeLength = errors.New("کد پستی باید ۱۰ رقم باشد")
)

// PostalCode checks an Iranian postal code and returns it as 10 ASCII
// digits. warn is true when 0 or 2 appears in the first five digits: issued
// codes avoid them there, but the rule is not documented officially, so the
// caller should ask the citizen to double-check rather than refuse.
func PostalCode(s string) (code string, warn bool, err error) {
	d := Digits(s)
	switch {
	case d == "":
		return "", false, ErrPostalCodeEmpty
	case !AllDigits(d):
		return "", false, ErrPostalCodeDigits
	case len(d) != 10:
		return "", false, ErrPostalCodeLength
	}
	return d, strings.ContainsAny(d[:5], "02"), nil
}
