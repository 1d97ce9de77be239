package demo

import (
	"strings"
	"testing"
	"unicode"
)

// The demo is the first Persian a visitor reads, so its spelling is tested:
// Persian ی and ک only, Persian digits and punctuation in prose, and ZWNJ
// where Persian needs it.

func TestRawTextUsesPersianLetters(t *testing.T) {
	for name, data := range map[string][]byte{"agency.json": agencyJSON, "services.json": servicesJSON} {
		for i, r := range string(data) {
			switch {
			case r == 'ي' || r == 'ى' || r == 'ك':
				t.Errorf("%s at byte %d: Arabic letter %q, use ی or ک", name, i, r)
			case r >= '٠' && r <= '٩':
				t.Errorf("%s at byte %d: Arabic-Indic digit %q, use Persian digits", name, i, r)
			case r == '\u200d' || r == '\u200e' || r == '\u200f' || r == '\t':
				t.Errorf("%s at byte %d: stray control character %U", name, i, r)
			}
		}
	}
}

func TestProseSpelling(t *testing.T) {
	for _, p := range prose(t) {
		for _, problem := range spellingProblems(p.text) {
			t.Errorf("%s: %s in %q", p.where, problem, p.text)
		}
	}
}

func TestSpellingProblems(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"درخواست‌ها بررسی می‌شوند.", 0},
		{"درخواست ها بررسی می شوند.", 2},
		{"ساعت ۷:۳۰ تا ۱۴", 0},
		{"ساعت 7:30", 1},
		{"مدارک، عکس؛ و؟", 0},
		{"مدارک, عکس?", 2},
		{"دو  فاصله", 1},
		{" فاصله در آغاز", 1},
		{"نیم‌ ‌فاصله", 1},
		{"نیم‌‌فاصله", 1},
		{"اسکن رنگی، PDF یا JPEG", 0},
	}
	for _, tt := range tests {
		if got := spellingProblems(tt.in); len(got) != tt.want {
			t.Errorf("spellingProblems(%q) = %v, want %d problems", tt.in, got, tt.want)
		}
	}
}

// loose are suffixes and prefixes that Persian joins with ZWNJ; standing
// alone between spaces they mean a missing half-space.
var loose = map[string]bool{"می": true, "نمی": true, "ها": true, "های": true, "هایی": true, "ترین": true}

func spellingProblems(s string) []string {
	var out []string
	if s != strings.TrimSpace(s) {
		out = append(out, "leading or trailing space")
	}
	if strings.Contains(s, "  ") {
		out = append(out, "double space")
	}
	if strings.Contains(s, "\u200c\u200c") || strings.Contains(s, "\u200c ") || strings.Contains(s, " \u200c") ||
		strings.HasPrefix(s, "\u200c") || strings.HasSuffix(s, "\u200c") {
		out = append(out, "misplaced ZWNJ")
	}
	for _, r := range s {
		if r >= '0' && r <= '9' {
			out = append(out, "ASCII digit, use Persian digits")
			break
		}
	}
	for _, p := range []string{",", ";", "?"} {
		if strings.Contains(s, p) {
			out = append(out, "Latin punctuation "+p)
		}
	}
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) }) {
		if loose[w] {
			out = append(out, "missing ZWNJ before or after "+w)
		}
	}
	return out
}

type proseText struct{ where, text string }

// prose lists every Persian text of the demo meant to be read as prose.
// Keywords are left out: they hold the misspellings people type on purpose.
func prose(t *testing.T) []proseText {
	t.Helper()
	a, svcs := load(t)
	var out []proseText
	add := func(where string, texts ...string) {
		for _, s := range texts {
			out = append(out, proseText{where, s})
		}
	}
	add("agency", a.Name, a.ShortName, a.Address, a.Hours)
	for _, u := range a.Units {
		add("unit "+u.Code, u.Name)
	}
	for _, s := range a.Staff {
		add("staff "+s.Username, s.Name, s.Title)
	}
	for _, s := range svcs {
		w := "service " + s.Code
		add(w, s.Title, s.Summary, s.Description, s.Trigger, s.Nature, s.Level, s.FeeNote, s.HoursPlaces, s.Complaints)
		add(w, s.LifeEvents...)
		add(w, s.LegalBasis...)
		add(w, s.Inquiries...)
		for _, d := range s.Documents {
			add(w+" document "+d.Key, d.Name, d.Notes)
		}
		for _, st := range s.Steps {
			add(w+" step", st.Title, st.Detail)
		}
		for _, f := range s.Form {
			add(w+" field "+f.Key, f.Label, f.Help)
			add(w+" field "+f.Key, f.Choices...)
		}
	}
	return out
}
