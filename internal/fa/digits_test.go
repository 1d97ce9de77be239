package fa

import "testing"

func TestDigits(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"۰۰۷۶۲۲۹۶۴۵", "0076229645"},
		{"٠٠٧٦٢٢٩٦٤٥", "0076229645"},
		{"007-622964-5", "0076229645"},
		{"۰۰۷ ۶۲۲ ۹۶۴۵", "0076229645"},
		{"0912\u200c123\u00a04567", "09121234567"},
		{"(0912) 123–4567", "09121234567"},
		{"\u202b۰۹۱۲\u202c.۱۲۳/۴۵۶۷", "09121234567"},
		{"+98 912 123 4567", "+989121234567"},
		{"12a34", "12a34"},
		{"۱٬۲۵۰", "1250"},
	}
	for _, tt := range tests {
		if got := Digits(tt.in); got != tt.want {
			t.Errorf("Digits(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMask(t *testing.T) {
	tests := []struct {
		fn      func(string) string
		in, out string
	}{
		{MaskMobile, "09121234567", "0912***4567"},
		{MaskNationalID, "0076229645", "007****645"},
		{MaskNationalID, "1583250689", "158****689"},
		{MaskMobile, "0912", "****"},
		{MaskNationalID, "", ""},
	}
	for _, tt := range tests {
		if got := tt.fn(tt.in); got != tt.out {
			t.Errorf("mask(%q) = %q, want %q", tt.in, got, tt.out)
		}
	}
}
