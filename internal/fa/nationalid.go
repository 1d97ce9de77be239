package fa

import (
	"errors"
	"strings"
)

// National ID errors, safe to show a citizen.
var (
	ErrNationalIDEmpty    = errors.New("کد ملی را وارد کنید")
	ErrNationalIDDigits   = errors.New("کد ملی فقط از رقم تشکیل می‌شود؛ لطفاً حروف و نشانه‌ها را حذف کنید")
	ErrNationalIDLength   = errors.New("کد ملی باید ۱۰ رقم باشد")
	ErrNationalIDChecksum = errors.New("کد ملی درست نیست؛ لطفاً رقم‌ها را دوباره بررسی کنید")
	ErrNationalIDInvalid  = errors.New("این کد ملی معتبر نیست؛ لطفاً کد ملی روی کارت ملی را وارد کنید")
)

// NationalID checks an Iranian national ID (کد ملی) and returns it as 10
// ASCII digits. Any digit forms, spaces and dashes are accepted; 8 or 9
// digits are left-padded with zeros because the leading zeros are often lost
// in spreadsheets.
func NationalID(s string) (string, error) {
	d := Digits(s)
	switch {
	case d == "":
		return "", ErrNationalIDEmpty
	case !AllDigits(d):
		return "", ErrNationalIDDigits
	case len(d) == 8 || len(d) == 9:
		d = strings.Repeat("0", 10-len(d)) + d
	case len(d) != 10:
		return "", ErrNationalIDLength
	}
	// All-identical codes and codes with digits 4–9 all zero pass the
	// checksum but are never issued.
	if strings.Count(d, d[:1]) == 10 || d[3:9] == "000000" {
		return "", ErrNationalIDInvalid
	}
	sum := 0
	for i := 0; i < 9; i++ {
		sum += int(d[i]-'0') * (10 - i)
	}
	check := sum % 11
	if check >= 2 {
		check = 11 - check
	}
	if int(d[9]-'0') != check {
		return "", ErrNationalIDChecksum
	}
	return d, nil
}

// MaskNationalID hides the middle of a canonical national ID for display
// and logs: "0076229645" → "007****645".
func MaskNationalID(canonical string) string {
	return mask(canonical, 3, 3)
}
