package fa

import (
	"errors"
	"testing"
)

func TestNationalID(t *testing.T) {
	tests := []struct {
		in, want string
		err      error
	}{
		{"0076229645", "0076229645", nil},
		{"1583250689", "1583250689", nil},
		{"1234567891", "1234567891", nil},
		{"0012345679", "0012345679", nil},
		{"0487953126", "0487953126", nil},
		{"۰۰۷۶۲۲۹۶۴۵", "0076229645", nil},
		{"٠٠٧٦٢٢٩٦٤٥", "0076229645", nil},
		{" 007-622964-5 ", "0076229645", nil},
		{"۱۵۸ ۳۲۵ ۰۶۸۹", "1583250689", nil},
		{"76229645", "0076229645", nil},  // 8 digits, zeros lost
		{"076229645", "0076229645", nil}, // 9 digits
		{"12345679", "0012345679", nil},
		{"", "", ErrNationalIDEmpty},
		{" - ", "", ErrNationalIDEmpty},
		{"0076229646", "", ErrNationalIDChecksum},
		{"1583250688", "", ErrNationalIDChecksum},
		{"1111111111", "", ErrNationalIDInvalid}, // passes the checksum
		{"0000000000", "", ErrNationalIDInvalid},
		{"00000000", "", ErrNationalIDInvalid},
		{"1230000006", "", ErrNationalIDInvalid}, // digits 4–9 zero
		{"7645", "", ErrNationalIDLength},
		{"00762296451", "", ErrNationalIDLength},
		{"007622964x", "", ErrNationalIDDigits},
		{"+0076229645", "", ErrNationalIDDigits},
	}
	for _, tt := range tests {
		got, err := NationalID(tt.in)
		if got != tt.want || !errors.Is(err, tt.err) {
			t.Errorf("NationalID(%q) = %q, %v; want %q, %v", tt.in, got, err, tt.want, tt.err)
		}
	}
}

func FuzzNationalID(f *testing.F) {
	for _, s := range []string{"0076229645", "۱۵۸۳۲۵۰۶۸۹", "76229645", "1111111111", "007-622964-6", "", "\u200c", "9\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := NationalID(s)
		if err != nil {
			if got != "" {
				t.Fatalf("NationalID(%q) returned %q with error %v", s, got, err)
			}
			return
		}
		if len(got) != 10 || !AllDigits(got) {
			t.Fatalf("NationalID(%q) = %q, not 10 ASCII digits", s, got)
		}
		again, err := NationalID(got)
		if err != nil || again != got {
			t.Fatalf("NationalID not idempotent: %q → %q → %q, %v", s, got, again, err)
		}
		if again, err := NationalID(PersianDigits(got)); err != nil || again != got {
			t.Fatalf("Persian form of %q rejected: %q, %v", got, again, err)
		}
	})
}
