package fa

import "errors"

// Legal-entity ID errors, safe to show a citizen.
var (
	ErrLegalIDEmpty    = errors.New("شناسه ملی را وارد کنید")
	ErrLegalIDDigits   = errors.New("شناسه ملی فقط از رقم تشکیل می‌شود؛ لطفاً حروف و نشانه‌ها را حذف کنید")
	ErrLegalIDLength   = errors.New("شناسه ملی باید ۱۱ رقم باشد")
	ErrLegalIDChecksum = errors.New("شناسه ملی درست نیست؛ لطفاً رقم‌ها را دوباره بررسی کنید")
)

var legalIDWeights = [10]int{29, 27, 23, 19, 17, 29, 27, 23, 19, 17}

// LegalID checks the national ID of a legal entity (شناسه ملی) and returns
// it as 11 ASCII digits.
func LegalID(s string) (string, error) {
	d := Digits(s)
	switch {
	case d == "":
		return "", ErrLegalIDEmpty
	case !AllDigits(d):
		return "", ErrLegalIDDigits
	case len(d) != 11:
		return "", ErrLegalIDLength
	}
	if legalIDCheck(d[:10]) != int(d[10]-'0') {
		return "", ErrLegalIDChecksum
	}
	return d, nil
}

// legalIDCheck computes the check digit of the first ten digits.
func legalIDCheck(d string) int {
	k := int(d[9]-'0') + 2
	sum := 0
	for i, w := range legalIDWeights {
		sum += (int(d[i]-'0') + k) * w
	}
	r := sum % 11
	if r == 10 {
		r = 0
	}
	return r
}
