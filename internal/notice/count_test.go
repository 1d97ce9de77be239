package notice

import (
	"strings"
	"testing"

	"mizban/internal/sms"
)

func TestCount(t *testing.T) {
	fa := func(n int) string { return strings.Repeat("س", n) }
	la := func(n int) string { return strings.Repeat("a", n) }
	const zwnj = "\u200c"
	tests := []struct {
		name string
		text string
		want Counter
	}{
		{"empty", "", Counter{0, 0, 160, false}},
		{"persian short", "درخواست ثبت شد.", Counter{15, 1, 70, true}},
		{"persian 70", fa(70), Counter{70, 1, 70, true}},
		{"persian 71", fa(71), Counter{71, 2, 67, true}},
		{"persian 135", fa(135), Counter{135, 3, 67, true}},
		{"latin 160", la(160), Counter{160, 1, 160, false}},
		{"latin 161", la(161), Counter{161, 2, 153, false}},
		{"latin escape costs two", "{}", Counter{4, 1, 160, false}},
		{"mixed: one persian letter", la(69) + "س", Counter{70, 1, 70, true}},
		{"mixed 71", la(70) + "س", Counter{71, 2, 67, true}},
		{"zwnj", "می" + zwnj + "شود", Counter{6, 1, 70, true}},
		{"zwnj alone is unicode", la(3) + zwnj, Counter{4, 1, 70, true}},
		{"newlines count", fa(34) + "\n\n" + fa(34), Counter{70, 1, 70, true}},
		{"newline at 71", fa(34) + "\n\n\n" + fa(34), Counter{71, 2, 67, true}},
		{"latin newline", "a\nb", Counter{3, 1, 160, false}},
		{"persian digits", "۱۲۳", Counter{3, 1, 70, true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Count(tt.text)
			if got != tt.want {
				t.Errorf("Count = %+v, want %+v", got, tt.want)
			}
			// The editor's counter and the dispatcher must agree.
			parts, unicode := sms.Parts(tt.text)
			if got.Parts != parts || got.Unicode != unicode || got.Chars != sms.Units(tt.text) {
				t.Errorf("Count = %+v disagrees with sms.Parts %d %v, Units %d", got, parts, unicode, sms.Units(tt.text))
			}
		})
	}
}

func TestCounterPersian(t *testing.T) {
	tests := []struct {
		c    Counter
		want string
	}{
		{Counter{68, 1, 70, true}, "۶۸ نویسه، ۱ پیامک"},
		{Counter{0, 0, 160, false}, "۰ نویسه، ۰ پیامک"},
		{Counter{160, 1, 160, false}, "۱۶۰ نویسه، ۱ پیامک"},
		{Counter{140, 3, 67, true}, "۱۴۰ نویسه، ۳ پیامک (هر پیامک ۶۷ نویسه)"},
		{Counter{200, 2, 153, false}, "۲۰۰ نویسه، ۲ پیامک (هر پیامک ۱۵۳ نویسه)"},
	}
	for _, tt := range tests {
		if got := tt.c.Persian(); got != tt.want {
			t.Errorf("%+v.Persian() = %q, want %q", tt.c, got, tt.want)
		}
	}
	if got := Count(strings.Repeat("س", 71)).Persian(); got != "۷۱ نویسه، ۲ پیامک (هر پیامک ۶۷ نویسه)" {
		t.Errorf("Count(71 Persian).Persian() = %q", got)
	}
}
