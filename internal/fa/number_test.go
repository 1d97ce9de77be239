package fa

import (
	"errors"
	"math"
	"testing"
)

func TestNumber(t *testing.T) {
	tests := []struct {
		in   int64
		want string
	}{
		{0, "۰"},
		{7, "۷"},
		{999, "۹۹۹"},
		{1000, "۱٬۰۰۰"},
		{1250000, "۱٬۲۵۰٬۰۰۰"},
		{-45000, "-۴۵٬۰۰۰"},
		{math.MaxInt64, "۹٬۲۲۳٬۳۷۲٬۰۳۶٬۸۵۴٬۷۷۵٬۸۰۷"},
		{math.MinInt64, "-۹٬۲۲۳٬۳۷۲٬۰۳۶٬۸۵۴٬۷۷۵٬۸۰۸"},
	}
	for _, tt := range tests {
		if got := Number(tt.in); got != tt.want {
			t.Errorf("Number(%d) = %q, want %q", tt.in, got, tt.want)
		}
		if got := Rials(tt.in); got != tt.want {
			t.Errorf("Rials(%d) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseInt(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		err  error
	}{
		{"0", 0, nil},
		{"1250000", 1250000, nil},
		{"۱٬۲۵۰٬۰۰۰", 1250000, nil},
		{"١،٢٥٠،٠٠٠", 1250000, nil},
		{"1,250,000", 1250000, nil},
		{" ۴۵ ", 45, nil},
		{"-۴۵٬۰۰۰", -45000, nil},
		{"−12", -12, nil},
		{"+12", 12, nil},
		{"9223372036854775807", math.MaxInt64, nil},
		{"-9223372036854775808", math.MinInt64, nil},
		{"9223372036854775808", 0, ErrNumberRange},
		{"", 0, ErrNumberEmpty},
		{"  ", 0, ErrNumberEmpty},
		{"12a", 0, ErrNumberInvalid},
		{",12", 0, ErrNumberInvalid},
		{"12,", 0, ErrNumberInvalid},
		{"1,,2", 0, ErrNumberInvalid},
		{"-", 0, ErrNumberInvalid},
		{"1.5", 0, ErrNumberInvalid},
		{"1 2", 0, ErrNumberInvalid},
	}
	for _, tt := range tests {
		got, err := ParseInt(tt.in)
		if got != tt.want || !errors.Is(err, tt.err) {
			t.Errorf("ParseInt(%q) = %d, %v; want %d, %v", tt.in, got, err, tt.want, tt.err)
		}
	}
}

func FuzzParseInt(f *testing.F) {
	for _, s := range []string{"0", "۱٬۲۵۰٬۰۰۰", "-1,000", "−۵", "", "+", "99999999999999999999", ",", "1\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ParseInt(s)
		if err != nil {
			if n != 0 {
				t.Fatalf("ParseInt(%q) = %d with error %v", s, n, err)
			}
			return
		}
		if back, err := ParseInt(Number(n)); err != nil || back != n {
			t.Fatalf("round trip %d → %q → %d, %v", n, Number(n), back, err)
		}
	})
}
