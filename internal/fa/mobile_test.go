package fa

import (
	"errors"
	"strings"
	"testing"
)

func TestMobile(t *testing.T) {
	tests := []struct {
		in, want string
		err      error
	}{
		{"09121234567", "09121234567", nil},
		{"9121234567", "09121234567", nil},
		{"+989121234567", "09121234567", nil},
		{"989121234567", "09121234567", nil},
		{"00989121234567", "09121234567", nil},
		{"+98 0912 123 4567", "09121234567", nil},
		{"۰۹۱۲۱۲۳۴۵۶۷", "09121234567", nil},
		{"٠٩١٢١٢٣٤٥٦٧", "09121234567", nil},
		{"+۹۸ ۹۳۵-۱۲۳-۴۵۶۷", "09351234567", nil},
		{"(0912) 123-4567", "09121234567", nil},
		{"0912 123 45 67", "09121234567", nil},
		{"", "", ErrMobileEmpty},
		{"   ", "", ErrMobileEmpty},
		{"02112345678", "", ErrMobileFormat}, // a landline
		{"0912123456", "", ErrMobileFormat},
		{"091212345678", "", ErrMobileFormat},
		{"+19121234567", "", ErrMobileCountry},
		{"+98912123456x", "", ErrMobileDigits},
		{"0912abc4567", "", ErrMobileDigits},
		{"+", "", ErrMobileDigits},
		{"98", "", ErrMobileFormat},
	}
	for _, tt := range tests {
		got, err := Mobile(tt.in)
		if got != tt.want || !errors.Is(err, tt.err) {
			t.Errorf("Mobile(%q) = %q, %v; want %q, %v", tt.in, got, err, tt.want, tt.err)
		}
	}
}

func TestMobileE164(t *testing.T) {
	tests := []struct{ in, want string }{
		{"09121234567", "+989121234567"},
		{"۰۹۱۲۱۲۳۴۵۶۷", "+989121234567"},
		{"+989121234567", "+989121234567"},
		{"12345", "12345"}, // not a mobile: unchanged
	}
	for _, tt := range tests {
		if got := MobileE164(tt.in); got != tt.want {
			t.Errorf("MobileE164(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzMobile(f *testing.F) {
	for _, s := range []string{"09121234567", "+989121234567", "00989121234567", "۹۱۲۱۲۳۴۵۶۷", "+98", "0098", "", "+\x80"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := Mobile(s)
		if err != nil {
			return
		}
		if len(got) != 11 || !strings.HasPrefix(got, "09") || !AllDigits(got) {
			t.Fatalf("Mobile(%q) = %q", s, got)
		}
		if again, err := Mobile(got); err != nil || again != got {
			t.Fatalf("Mobile not idempotent: %q → %q → %q, %v", s, got, again, err)
		}
		e := MobileE164(got)
		if back, err := Mobile(e); err != nil || back != got {
			t.Fatalf("E.164 round trip: %q → %q → %q, %v", got, e, back, err)
		}
	})
}
