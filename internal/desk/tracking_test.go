package desk

import (
	"strings"
	"testing"
)

func TestNewTrackingCode(t *testing.T) {
	seen := map[string]bool{}
	for i := 0; i < 2000; i++ {
		c, err := NewTrackingCode()
		if err != nil {
			t.Fatal(err)
		}
		if len(c) != TrackingCodeLen || c[0] == '0' || !ValidTrackingCode(c) {
			t.Fatalf("NewTrackingCode() = %q: want 12 digits, no leading zero, valid check digit", c)
		}
		if seen[c] {
			t.Fatalf("duplicate code %q in 2000 draws", c)
		}
		seen[c] = true
	}
}

// TestTrackingCodeCatchesTypos checks the promise of the check digit on
// many random codes: every single wrong digit and every swap of two
// different neighbours is detected.
func TestTrackingCodeCatchesTypos(t *testing.T) {
	for n := 0; n < 300; n++ {
		c, _ := NewTrackingCode()
		b := []byte(c)
		for i := range b {
			orig := b[i]
			for d := byte('0'); d <= '9'; d++ {
				if d == orig {
					continue
				}
				b[i] = d
				if ValidTrackingCode(string(b)) {
					t.Fatalf("%s with digit %d changed to %c passes", c, i, d)
				}
			}
			b[i] = orig
		}
		for i := 0; i+1 < len(b); i++ {
			if b[i] == b[i+1] {
				continue
			}
			b[i], b[i+1] = b[i+1], b[i]
			if ValidTrackingCode(string(b)) {
				t.Fatalf("%s with digits %d,%d swapped passes", c, i, i+1)
			}
			b[i], b[i+1] = b[i+1], b[i]
		}
	}
}

func TestValidTrackingCodeShape(t *testing.T) {
	for _, s := range []string{"", "12345678901", "1234567890123", "12345678901a", "۱۲۳۴۵۶۷۸۹۰۱۲", strings.Repeat(" ", 12)} {
		if ValidTrackingCode(s) {
			t.Errorf("ValidTrackingCode(%q) = true", s)
		}
	}
}

func FuzzValidTrackingCode(f *testing.F) {
	c, _ := NewTrackingCode()
	for _, s := range []string{c, "", "000000000000", "12345678901x", "۱۲۳"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if ValidTrackingCode(s) {
			if len(s) != TrackingCodeLen || strings.Trim(s, "0123456789") != "" {
				t.Fatalf("accepted malformed %q", s)
			}
			if dammInterim(s[:len(s)-1]) != s[len(s)-1]-'0' {
				t.Fatalf("accepted %q with wrong check digit", s)
			}
		}
	})
}
