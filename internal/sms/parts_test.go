package sms

import (
	"strings"
	"testing"
)

func TestGSMAlphabetSize(t *testing.T) {
	// 128 code points less the escape code.
	if len(gsmBasic) != 127 {
		t.Errorf("gsmBasic has %d runes, want 127", len(gsmBasic))
	}
	if len(gsmExtended) != 10 {
		t.Errorf("gsmExtended has %d runes, want 10", len(gsmExtended))
	}
}

func TestParts(t *testing.T) {
	const zwnj = "\u200c"
	fa := func(n int) string { return strings.Repeat("س", n) }
	la := func(n int) string { return strings.Repeat("a", n) }
	tests := []struct {
		name    string
		text    string
		parts   int
		unicode bool
		units   int
	}{
		{"empty", "", 0, false, 0},
		{"latin short", "Your code: 12345", 1, false, 16},
		{"latin 160", la(160), 1, false, 160},
		{"latin 161", la(161), 2, false, 161},
		{"latin 306", la(306), 2, false, 306},
		{"latin 307", la(307), 3, false, 307},
		{"persian short", "درخواست شما ثبت شد.", 1, true, 19},
		{"persian 70", fa(70), 1, true, 70},
		{"persian 71", fa(71), 2, true, 71},
		{"persian 134", fa(134), 2, true, 134},
		{"persian 135", fa(135), 3, true, 135},
		{"one persian letter makes 71 latin two parts", la(70) + "س", 2, true, 71},
		{"mixed 70", la(60) + fa(10), 1, true, 70},
		{"persian digits", "کد: ۱۲۳۴۵", 1, true, 9},
		{"zwnj counts and is unicode", "می" + zwnj + "شود", 1, true, 6},
		{"zwnj alone", zwnj, 1, true, 1},
		{"zwnj at 71", fa(35) + zwnj + fa(35), 2, true, 71},
		{"newlines count", "line\nline", 1, false, 9},
		{"persian newlines 70", fa(34) + "\n\n" + fa(34), 1, true, 70},
		{"persian newlines 71", fa(34) + "\n\n\n" + fa(34), 2, true, 71},
		{"spaces 160", strings.Repeat(" ", 160), 1, false, 160},
		{"gsm accents", "é à ü Ñ £ ¥ §", 1, false, 13},
		{"euro costs two", "€", 1, false, 2},
		{"extended 80 fills 160", strings.Repeat("{", 80), 1, false, 160},
		{"extended 81", strings.Repeat("{", 81), 2, false, 162},
		// 152 plain + one escape pair would cut the pair: it moves to part two.
		{"escape pair not split", la(152) + "[" + la(10), 2, false, 164},
		{"escape pair pushes a part", la(152) + "[" + la(152), 3, false, 306},
		{"backtick is not gsm", "`", 1, true, 1},
		{"tab is not gsm", "a\tb", 1, true, 3},
		{"emoji counts two", "😀", 1, true, 2},
		{"emoji 35 fills 70", strings.Repeat("😀", 35), 1, true, 70},
		{"emoji 36", strings.Repeat("😀", 36), 2, true, 72},
		// 66 units + a surrogate pair cannot share part one.
		{"surrogate not split", fa(66) + "😀" + fa(10), 2, true, 78},
		{"surrogate pushes a part", fa(66) + "😀" + fa(66), 3, true, 134},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parts, unicode := Parts(tt.text)
			if parts != tt.parts || unicode != tt.unicode {
				t.Errorf("Parts = %d, %v; want %d, %v", parts, unicode, tt.parts, tt.unicode)
			}
			if u := Units(tt.text); u != tt.units {
				t.Errorf("Units = %d, want %d", u, tt.units)
			}
		})
	}
}

// FuzzParts checks Parts on template text typed by admins: no panic, and the
// count is consistent with the units.
func FuzzParts(f *testing.F) {
	for _, s := range []string{"", "abc", "سلام", "می\u200cشود", "😀{", strings.Repeat("€", 90)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		parts, unicode := Parts(s)
		units := Units(s)
		single, multi := gsmSingle, gsmMulti
		if unicode {
			single, multi = ucsSingle, ucsMulti
		}
		switch {
		case units == 0 && parts != 0, units > 0 && parts < 1:
			t.Fatalf("units %d, parts %d", units, parts)
		case units <= single && units > 0 && parts != 1:
			t.Fatalf("units %d fit one part, got %d", units, parts)
		case units > single && (parts < (units+multi-1)/multi || parts > units):
			t.Fatalf("units %d, parts %d out of range", units, parts)
		}
	})
}
