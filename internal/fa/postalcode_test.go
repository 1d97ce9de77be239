package fa

import (
	"errors"
	"testing"
)

func TestPostalCode(t *testing.T) {
	tests := []struct {
		in, want string
		warn     bool
		err      error
	}{
		{"1136746811", "1136746811", false, nil},
		{"۱۱۳۶۷-۴۶۸۱۱", "1136746811", false, nil},
		{"11367 46811", "1136746811", false, nil},
		{"1036746811", "1036746811", true, nil}, // 0 in the first five
		{"1136246811", "1136246811", true, nil}, // 2 in the first five
		{"1136740000", "1136740000", false, nil},
		{"", "", false, ErrPostalCodeEmpty},
		{"113674681", "", false, ErrPostalCodeLength},
		{"11367468110", "", false, ErrPostalCodeLength},
		{"11367a6811", "", false, ErrPostalCodeDigits},
	}
	for _, tt := range tests {
		got, warn, err := PostalCode(tt.in)
		if got != tt.want || warn != tt.warn || !errors.Is(err, tt.err) {
			t.Errorf("PostalCode(%q) = %q, %v, %v; want %q, %v, %v", tt.in, got, warn, err, tt.want, tt.warn, tt.err)
		}
	}
}

func FuzzPostalCode(f *testing.F) {
	for _, s := range []string{"1136746811", "۱۱۳۶۷-۴۶۸۱۱", "1036746811", "", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, warn, err := PostalCode(s)
		if err != nil {
			if got != "" || warn {
				t.Fatalf("PostalCode(%q) = %q, %v with error %v", s, got, warn, err)
			}
			return
		}
		if len(got) != 10 || !AllDigits(got) {
			t.Fatalf("PostalCode(%q) = %q", s, got)
		}
		again, warn2, err := PostalCode(got)
		if err != nil || again != got || warn2 != warn {
			t.Fatalf("PostalCode not idempotent: %q → %q → %q", s, got, again)
		}
	})
}
