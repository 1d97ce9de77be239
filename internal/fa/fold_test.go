package fa

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestASCIIAndPersianDigits(t *testing.T) {
	if got := ASCIIDigits("۰۱۲۳۴۵۶۷۸۹ ٠١٢٣٤٥٦٧٨٩ 0123456789 x"); got != "0123456789 0123456789 0123456789 x" {
		t.Errorf("ASCIIDigits = %q", got)
	}
	if got := PersianDigits("1405/09/04 ab"); got != "۱۴۰۵/۰۹/۰۴ ab" {
		t.Errorf("PersianDigits = %q", got)
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"علي", "علی"},
		{"مصطفى", "مصطفی"},
		{"كتاب", "کتاب"},
		{"می\u200cخواهم", "می\u200cخواهم"}, // ZWNJ kept in stored text
		{"۱۲۳", "۱۲۳"},                     // digits are not touched here
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// Each pair is two spellings that people type for the same thing; they
// must fold to the same key.
func TestSearchFoldEquivalents(t *testing.T) {
	pairs := [][2]string{
		{"علي", "علی"},
		{"مصطفى", "مصطفی"},
		{"كارت", "کارت"},
		{"می\u200cخواهم", "میخواهم"},
		{"می\u200cخواهم", "می خواهم"},
		{"۱۴۰۵", "1405"},
		{"١٤٠٥", "1405"},
		{"۱۴۰۵", "١٤٠٥"},
		{"مدرسة", "مدرسه"},
		{"خانۀ", "خانه"},
		{"خانهٔ", "خانه"},
		{"أحمد", "احمد"},
		{"إسلام", "اسلام"},
		{"آب", "اب"},
		{"مسئول", "مسیول"},
		{"مؤسسه", "موسسه"},
		{"محمّد", "محمد"},
		{"کـــارت", "کارت"},
		{"Tehran", "TEHRAN"},
		{"کد-ملی", "کد ملی"},
		{"«درخواست»", "درخواست"},
	}
	for _, p := range pairs {
		if a, b := SearchKey(p[0]), SearchKey(p[1]); a != b {
			t.Errorf("SearchKey(%q) = %q, SearchKey(%q) = %q; want equal", p[0], a, p[1], b)
		}
	}
}

func TestSearchFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"   ", ""},
		{"  درخواست   مجوز  ", "درخواست مجوز"},
		{"كد ملي: ۰۰۷۶", "کد ملی 0076"},
		{"Hello, World!", "hello world"},
		{"می\u200cخواهم", "میخواهم"},
		{"سلام؟", "سلام"},
	}
	for _, tt := range tests {
		if got := SearchFold(tt.in); got != tt.want {
			t.Errorf("SearchFold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSearchTermsMatchKey(t *testing.T) {
	text := "درخواست صدور پروانه‌ی کسب برای علي رضايي، کد ۱۲۳۴"
	key := SearchKey(text)
	tests := []struct {
		q     string
		terms []string
		match bool
	}{
		{"پروانه کسب", []string{"پروانه", "کسب"}, true},
		{"پروانهی", []string{"پروانهی"}, true},
		{"علی رضایی", []string{"علی", "رضایی"}, true},
		{"1234", []string{"1234"}, true},
		{"كسب  ٣٤", []string{"کسب", "34"}, true},
		{"پروانه ساخت", []string{"پروانه", "ساخت"}, false},
		{"  ، ", nil, true},
	}
	for _, tt := range tests {
		terms := SearchTerms(tt.q)
		if !slices.Equal(terms, tt.terms) {
			t.Errorf("SearchTerms(%q) = %q, want %q", tt.q, terms, tt.terms)
		}
		match := true
		for _, term := range terms {
			match = match && strings.Contains(key, term)
		}
		if match != tt.match {
			t.Errorf("query %q matches = %v, want %v", tt.q, match, tt.match)
		}
	}
}

func FuzzSearchFold(f *testing.F) {
	for _, s := range []string{"علي", "می\u200cخواهم", "۱۴۰۵ ١٤٠٥", "Hello, World", "أإٱآ ة ئ ؤ", "\xff\xfe", " \t\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		folded := SearchFold(s)
		if !utf8.ValidString(folded) {
			t.Fatalf("SearchFold(%q) = %q, invalid UTF-8", s, folded)
		}
		if again := SearchFold(folded); again != folded {
			t.Fatalf("SearchFold not idempotent: %q → %q → %q", s, folded, again)
		}
		if strings.ContainsRune(folded, zwnj) || strings.Contains(folded, "  ") ||
			strings.HasPrefix(folded, " ") || strings.HasSuffix(folded, " ") {
			t.Fatalf("SearchFold(%q) = %q, has ZWNJ or stray spaces", s, folded)
		}
		key := SearchKey(s)
		for _, term := range SearchTerms(s) {
			if !strings.Contains(key, term) {
				t.Fatalf("term %q of %q not in its own key %q", term, s, key)
			}
		}
	})
}
