package fa

import (
	"errors"
	"strings"
)

// Mobile number errors, safe to show a citizen.
var (
	ErrMobileEmpty   = errors.New("شماره تلفن همراه را وارد کنید")
	ErrMobileDigits  = errors.New("شماره تلفن همراه فقط از رقم تشکیل می‌شود؛ لطفاً حروف و نشانه‌ها را حذف کنید")
	ErrMobileCountry = errors.New("فقط شماره تلفن همراه ایران پذیرفته می‌شود؛ شماره را با ۰۹ شروع کنید")
	ErrMobileFormat  = errors.New("شماره تلفن همراه باید ۱۱ رقم باشد و با ۰۹ شروع شود، مانند ۰۹۱۲۱۲۳۴۵۶۷")
)

// Mobile checks an Iranian mobile number and returns it as 09XXXXXXXXX.
// Accepted forms: 09…, 9… (ten digits), +989…, 989…, 00989…, with any
// digit forms, spaces, dashes and brackets, and a stray 0 after the country
// code (+98 0912…).
func Mobile(s string) (string, error) {
	d := Digits(s)
	if d == "" {
		return "", ErrMobileEmpty
	}
	switch {
	case strings.HasPrefix(d, "+"):
		if !strings.HasPrefix(d, "+98") {
			if AllDigits(d[1:]) {
				return "", ErrMobileCountry
			}
			return "", ErrMobileDigits
		}
		d = d[3:]
	case strings.HasPrefix(d, "0098"):
		d = d[4:]
	case strings.HasPrefix(d, "98") && len(d) >= 12:
		d = d[2:]
	}
	if !AllDigits(d) {
		return "", ErrMobileDigits
	}
	if len(d) == 11 && d[0] == '0' {
		d = d[1:]
	}
	if len(d) != 10 || d[0] != '9' {
		return "", ErrMobileFormat
	}
	return "0" + d, nil
}

// MobileE164 turns a canonical mobile number (09…) into E.164 (+989…), the
// stored form. Input that is not a valid mobile number is returned as is.
func MobileE164(canonical string) string {
	m, err := Mobile(canonical)
	if err != nil {
		return canonical
	}
	return "+98" + m[1:]
}

// MaskMobile hides the middle of a canonical mobile number for display and
// logs: "09121234567" → "0912***4567".
func MaskMobile(canonical string) string {
	return mask(canonical, 4, 4)
}
