package letters

import (
	"strings"
	"testing"
	"unicode/utf8"

	"mizban/internal/desk"
)

func TestParseFormatRenders(t *testing.T) {
	tests := []struct {
		name, format, canonical string
		year                    int
		seq                     int64
		code                    string
		want                    string
	}{
		{"incoming", "{year}/{seq}/و", "{year}/{seq}/و", 1404, 17, "1", "1404/17/و"},
		{"outgoing", "{year}/{seq}/ص", "{year}/{seq}/ص", 1405, 1, "1", "1405/1/ص"},
		{"padded seq", "{year}-{seq:5}", "{year}-{seq:5}", 1404, 42, "1", "1404-00042"},
		{"padding never cuts", "{yy}{seq:2}", "{yy}{seq:2}", 1404, 12345, "", "0412345"},
		{"two-digit year", "{code}/{yy}/{seq}", "{code}/{yy}/{seq}", 1405, 9, "مرکزی", "مرکزی/05/9"},
		{"year 1400 keeps its zero", "{yy}.{seq}", "{yy}.{seq}", 1400, 3, "", "00.3"},
		{"code and letters", "د{code}_{year}/{seq:3}", "د{code}_{year}/{seq:3}", 1404, 7, "HQ", "دHQ_1404/007"},
		{"Persian digits and Arabic kaf fold", " ك۱{year}/{seq} ", "ک1{year}/{seq}", 1404, 2, "", "ک11404/2"},
		{"Arabic-Indic digits fold", "{year}/{seq}/٣", "{year}/{seq}/3", 1404, 5, "", "1404/5/3"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, err := ParseFormat(tc.format)
			if err != nil {
				t.Fatalf("ParseFormat(%q): %v", tc.format, err)
			}
			if f.String() != tc.canonical {
				t.Errorf("String() = %q, want %q", f.String(), tc.canonical)
			}
			if got := f.Number(tc.year, tc.seq, tc.code); got != tc.want {
				t.Errorf("Number(%d, %d, %q) = %q, want %q", tc.year, tc.seq, tc.code, got, tc.want)
			}
		})
	}
}

func TestParseFormatErrors(t *testing.T) {
	tests := []struct{ name, format, want string }{
		{"empty", "  ", msgFormatEmpty},
		{"too long", "{year}/{seq}/" + strings.Repeat("و", 30), msgFormatLong},
		{"unclosed", "{year}/{seq", msgFormatOpen},
		{"nested open", "{year}/{se{q}", msgFormatOpen},
		{"stray close", "{year}/seq}", msgFormatClose},
		{"unknown", "{year}/{seq}/{month}", "متغیر {month} در قالب شماره شناخته نیست؛ متغیرهای مجاز: {year}، {yy}، {seq}، {seq:5} و {code}."},
		{"empty braces", "{year}/{seq}/{}", "متغیر {} در قالب شماره شناخته نیست؛ متغیرهای مجاز: {year}، {yy}، {seq}، {seq:5} و {code}."},
		{"width on year", "{year:4}/{seq}", "متغیر {year:4} در قالب شماره شناخته نیست؛ متغیرهای مجاز: {year}، {yy}، {seq}، {seq:5} و {code}."},
		{"width zero", "{year}/{seq:0}", msgFormatWidth},
		{"width ten", "{year}/{seq:10}", msgFormatWidth},
		{"width not a digit", "{year}/{seq:x}", msgFormatWidth},
		{"width empty", "{year}/{seq:}", msgFormatWidth},
		{"seq twice", "{year}/{seq}/{seq:3}", "متغیر {seq} بیش از یک بار در قالب شماره آمده است؛ آن را یک بار بنویسید."},
		{"year twice", "{year}/{seq}/{year}", "متغیر {year} بیش از یک بار در قالب شماره آمده است؛ آن را یک بار بنویسید."},
		{"no seq", "{year}/و", msgFormatNoSeq},
		{"no year", "{seq}/و", msgFormatNoYear},
		{"space", "{year} / {seq}", msgFormatChar},
		{"ZWNJ", "{year}/{seq}/\u200cو", msgFormatChar},
		{"RLM", "{year}/{seq}/\u200fو", msgFormatChar},
		{"bad UTF-8", "{year}/{seq}/\xff", msgFormatChar},
		{"other punctuation", "{year}#{seq}", msgFormatChar},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, err := ParseFormat(tc.format)
			if desk.ErrorCode(err) != desk.EINVALID {
				t.Fatalf("ParseFormat(%q) = %v, %v; want an EINVALID error", tc.format, f, err)
			}
			if got := desk.ErrorMessage(err); got != tc.want {
				t.Errorf("message %q, want %q", got, tc.want)
			}
			if !f.IsZero() {
				t.Errorf("a failed parse returned a format: %v", f)
			}
		})
	}
}

func TestFormatFits(t *testing.T) {
	tests := []struct {
		format, code string
		want         bool
	}{
		{"{year}/{seq}/و", "1", true},
		{"{code}/{year}/{seq:6}/ص", "1", true},         // 1/1404/999999/ص: 15
		{"{year}/{seq}/abcdefgh", "", true},            // 1404/999999/abcdefgh: 20, the limit
		{"{year}/{seq}/abcdefghi", "", false},          // 21
		{"{code}/{year}/{seq}/ص", "مرکزیتهران", false}, // 10 Persian letters count as 10: 24
		{"{year}/{seq:9}/abcdefg", "", false},          // the padding counts: 22
	}
	for _, tc := range tests {
		f, err := ParseFormat(tc.format)
		if err != nil {
			t.Fatal(err)
		}
		if got := f.Fits(tc.code); got != tc.want {
			t.Errorf("%q with code %q: Fits = %v, want %v (longest %q)", tc.format, tc.code, got, tc.want, f.Number(1404, longestSeq, tc.code))
		}
	}
}

// The number of a valid format identifies its (year, seq) pair: the only
// variable-width part is the sequence, so no two sequences of one year,
// nor the same sequence in two years, share a number. The store's unique
// index on numbers relies on it.
func FuzzParseFormat(f *testing.F) {
	for _, s := range []string{
		"{year}/{seq}/و", "{yy}{seq}", "{seq}{yy}", "{code}-{year}-{seq:9}", "{seq:1}1{year}",
		"{year}/{seq", "}", "{{seq}}", "{year}/{seq}/{seq:3}", "\xff{seq}", "", "{seq:}{yy}",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fm, err := ParseFormat(s)
		if err != nil {
			if desk.ErrorCode(err) != desk.EINVALID || desk.ErrorMessage(err) == "" {
				t.Fatalf("ParseFormat(%q): error %v is not an EINVALID with a message", s, err)
			}
			return
		}
		again, err := ParseFormat(fm.String())
		if err != nil || again.String() != fm.String() {
			t.Fatalf("canonical %q does not parse to itself: %q, %v", fm.String(), again.String(), err)
		}
		seen := map[string][2]int64{}
		for _, y := range []int{1403, 1404} {
			for _, n := range []int64{1, 2, 9, 10, 11, 99, 100, 101, 1000, 14031, 999999} {
				num := fm.Number(y, n, "HQ")
				if strings.ContainsAny(num, "{} ") || !utf8.ValidString(num) {
					t.Fatalf("%q rendered %q", s, num)
				}
				if prev, dup := seen[num]; dup {
					t.Fatalf("%q: year %d seq %d and year %d seq %d both give %q", s, y, n, prev[0], prev[1], num)
				}
				seen[num] = [2]int64{int64(y), n}
			}
		}
	})
}
