package fa

import (
	"errors"
	"testing"
)

func TestLegalID(t *testing.T) {
	tests := []struct {
		in, want string
		err      error
	}{
		{"10380284790", "10380284790", nil},
		// Check digits worked out by hand from the DOMAIN §7 rule.
		{"10100012342", "10100012342", nil},
		{"14003456780", "14003456780", nil},
		{"10862049172", "10862049172", nil},
		{"۱۰۳۸۰۲۸۴۷۹۰", "10380284790", nil},
		{"١٠٣٨٠٢٨٤٧٩٠", "10380284790", nil},
		{"103-8028-4790", "10380284790", nil},
		{"10380284791", "", ErrLegalIDChecksum},
		{"10100012343", "", ErrLegalIDChecksum},
		{"14003456789", "", ErrLegalIDChecksum},
		{"00000000000", "", ErrLegalIDChecksum},
		{"1038028479", "", ErrLegalIDLength},
		{"103802847900", "", ErrLegalIDLength},
		{"1038028479O", "", ErrLegalIDDigits},
		{"", "", ErrLegalIDEmpty},
	}
	for _, tt := range tests {
		got, err := LegalID(tt.in)
		if got != tt.want || !errors.Is(err, tt.err) {
			t.Errorf("LegalID(%q) = %q, %v; want %q, %v", tt.in, got, err, tt.want, tt.err)
		}
	}
}

// Every 10-digit prefix has exactly one valid check digit.
func TestLegalIDOneCheckDigit(t *testing.T) {
	for _, p := range []string{"1038028479", "1010001234", "0000000000", "9999999999"} {
		valid := 0
		for c := '0'; c <= '9'; c++ {
			if _, err := LegalID(p + string(c)); err == nil {
				valid++
			}
		}
		if valid != 1 {
			t.Errorf("prefix %s: %d valid check digits, want 1", p, valid)
		}
	}
}

func FuzzLegalID(f *testing.F) {
	for _, s := range []string{"10380284790", "۱۰۱۰۰۰۱۲۳۴۲", "10380284791", "", "1-0", "\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := LegalID(s)
		if err != nil {
			return
		}
		if len(got) != 11 || !AllDigits(got) {
			t.Fatalf("LegalID(%q) = %q", s, got)
		}
		if again, err := LegalID(got); err != nil || again != got {
			t.Fatalf("LegalID not idempotent: %q → %q → %q, %v", s, got, again, err)
		}
	})
}
