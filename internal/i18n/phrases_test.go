package i18n

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"mizban/internal/desk"
	"mizban/internal/fa"
)

// persian reports whether s has a letter of the Arabic script, so "، " (a
// separator) and ASCII keys are not taken for phrases.
func persian(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Arabic, r) && unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

var (
	templateAction = regexp.MustCompile(`(?s)\{\{.*?\}\}`)
	stringLiteral  = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)
)

// templatePhrases returns every Persian string literal inside a template
// action ({{t "…"}}, and labels passed on to t through args) with the files
// it is in.
func templatePhrases(t *testing.T) map[string][]string {
	t.Helper()
	names, err := filepath.Glob("../web/templates/*.html")
	if err != nil || len(names) == 0 {
		t.Fatalf("no templates found: %v", err)
	}
	out := map[string][]string{}
	for _, name := range names {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, action := range templateAction.FindAllString(string(b), -1) {
			for _, lit := range stringLiteral.FindAllString(action, -1) {
				s, err := strconv.Unquote(lit)
				if err != nil {
					t.Fatalf("%s: bad literal %s: %v", name, lit, err)
				}
				if persian(s) && !slices.Contains(out[s], filepath.Base(name)) {
					out[s] = append(out[s], filepath.Base(name))
				}
			}
		}
	}
	return out
}

// smsText are files whose Persian is what a citizen's SMS says (the default
// bodies, and the preview's sample values): data sent and shown as it is,
// never through t, so it has no English.
var smsText = map[string]bool{"../notice/defaults.go": true}

// goPhrases returns the fixed Persian string literals of the packages whose
// messages reach pages, with where they are. A literal joined with + or
// holding a fmt verb is part of a built message and cannot be a key, so it
// is left out.
func goPhrases(t *testing.T) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, dir := range []string{"../web", "../workflow", "../desk", "../fa", "../auth", "../store", "../notice", "../catalog", "../letters"} {
		names, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil || len(names) == 0 {
			t.Fatalf("no Go files in %s: %v", dir, err)
		}
		for _, name := range names {
			if strings.HasSuffix(name, "_test.go") || smsText[filepath.ToSlash(name)] {
				continue
			}
			fset := token.NewFileSet()
			f, err := parser.ParseFile(fset, name, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			joined := map[*ast.BasicLit]bool{}
			ast.Inspect(f, func(n ast.Node) bool {
				if b, ok := n.(*ast.BinaryExpr); ok && b.Op == token.ADD {
					for _, x := range []ast.Expr{b.X, b.Y} {
						if l, ok := x.(*ast.BasicLit); ok {
							joined[l] = true
						}
					}
				}
				return true
			})
			ast.Inspect(f, func(n ast.Node) bool {
				l, ok := n.(*ast.BasicLit)
				if !ok || l.Kind != token.STRING || joined[l] {
					return true
				}
				s, err := strconv.Unquote(l.Value)
				if err != nil || !persian(s) || strings.Contains(s, "%") {
					return true
				}
				p := fset.Position(l.Pos())
				out[s] = append(out[s], filepath.Base(dir)+"/"+filepath.Base(p.Filename)+":"+strconv.Itoa(p.Line))
				return true
			})
		}
	}
	return out
}

func TestTemplatePhrasesHaveEnglish(t *testing.T) {
	phrases := templatePhrases(t)
	if _, ok := phrases["پیگیری درخواست"]; !ok {
		t.Fatal("extraction missed a phrase every page has")
	}
	var missing []string
	for p, files := range phrases {
		if _, ok := enPhrases[p]; !ok {
			missing = append(missing, strconv.Quote(p)+" ("+strings.Join(files, ", ")+")")
		}
	}
	slices.Sort(missing)
	for _, m := range missing {
		t.Errorf("no English in phrases_en.go for template phrase %s", m)
	}
}

func TestGoMessagesHaveEnglish(t *testing.T) {
	var missing []string
	for p, at := range goPhrases(t) {
		if _, ok := enPhrases[p]; !ok {
			missing = append(missing, strconv.Quote(p)+" ("+strings.Join(at, ", ")+")")
		}
	}
	slices.Sort(missing)
	for _, m := range missing {
		t.Errorf("no English in phrases_en.go for message %s", m)
	}
}

// An entry nobody uses any more is usually a phrase that was reworded.
func TestPhrasesAreUsed(t *testing.T) {
	used := templatePhrases(t)
	for p := range goPhrases(t) {
		used[p] = nil
	}
	for key := range enPhrases {
		_, inUse := used[key]
		_, slug := faSlugs[key]
		if !inUse && !slug {
			t.Errorf("phrases_en.go has %q, which no template or message uses", key)
		}
	}
}

// The channel stages and means of service cards and the SMS kinds reach
// pages as slugs; each needs both languages.
func TestSlugs(t *testing.T) {
	slugs := []string{
		"information", "request", "production", "delivery",
		"web", "mobile", "sms", "counter_office", "in_person",
		"otp", "registered",
	}
	for _, s := range slugs {
		if faSlugs[s] == "" {
			t.Errorf("slug %q has no Persian in slugs_fa.go", s)
		}
	}
	for s, title := range faSlugs {
		if enPhrases[s] == "" {
			t.Errorf("slug %q has no English in phrases_en.go", s)
		}
		if !persian(title) || fa.Normalize(title) != title {
			t.Errorf("slug %q: Persian %q is not normalised Persian", s, title)
		}
	}
	// The SMS kind "registered" is shown by its Persian phrase too; both
	// must read the same in English.
	if enPhrases["registered"] != enPhrases[faSlugs["registered"]] {
		t.Errorf("registered: %q vs %q", enPhrases["registered"], enPhrases[faSlugs["registered"]])
	}
}

func TestDeskTitlesHaveEnglish(t *testing.T) {
	for _, list := range [][]desk.Category{desk.Categories, desk.Audiences} {
		for _, c := range list {
			if got := enPhrases[c.Title]; got != c.En {
				t.Errorf("%s: English %q, desk says %q", c.Slug, got, c.En)
			}
		}
	}
	if len(desk.StatusTitle) == 0 {
		t.Fatal("no statuses")
	}
	for st, title := range desk.StatusTitle {
		got := enPhrases[title]
		if got == "" {
			t.Errorf("status %s (%q) has no English", st, title)
		}
		// The dotted catalog names the same statuses; keep one wording.
		if want, ok := enMessages["status."+string(st)]; ok && got != want {
			t.Errorf("status %s: phrasebook %q, catalog %q", st, got, want)
		}
	}
}

func TestPhraseText(t *testing.T) {
	for key, en := range enPhrases {
		if strings.TrimSpace(en) != en || en == "" {
			t.Errorf("%q: English %q is empty or has outer spaces", key, en)
		}
		if persian(en) || strings.ContainsAny(en, "۰۱۲۳۴۵۶۷۸۹") {
			t.Errorf("%q: English %q has Persian letters or digits", key, en)
		}
		if keyPattern.MatchString(key) {
			t.Errorf("%q looks like a dotted catalog key; put it in en.go and fa.go", key)
		}
		if !persian(key) {
			if _, slug := faSlugs[key]; !slug {
				t.Errorf("%q is neither Persian nor a slug in slugs_fa.go", key)
			}
		}
	}
}

func TestTPhrases(t *testing.T) {
	tests := []struct {
		name string
		lang Lang
		key  string
		args []any
		want string
	}{
		{"en phrase", EN, "پیگیری درخواست", nil, "Track a request"},
		{"en phrase with ZWNJ", EN, "فهرست خدمات", nil, "List of services"},
		{"en fa error", EN, "کد ملی باید ۱۰ رقم باشد", nil, "A national ID must be 10 digits."},
		{"en status title", EN, "در حال رسیدگی", nil, "In progress"},
		{"en category", EN, "کسب و کار", nil, "Business"},
		{"en slug", EN, "counter_office", nil, "Pishkhan government service offices"},
		{"en sms kind", EN, "otp", nil, "One-time code"},
		{"fa phrase stays", FA, "پیگیری درخواست", nil, "پیگیری درخواست"},
		{"fa slug", FA, "information", nil, "اطلاع‌رسانی"},
		{"fa sms kind", FA, "otp", nil, "کد تأیید"},
		{"unknown lang slug is fa", Lang("de"), "sms", nil, "پیامک"},
		{"en unknown phrase stays", EN, "عبارت تازه", nil, "عبارت تازه"},
		{"fa unknown slug stays", FA, "fax", nil, "fax"},
		{"en phrase ignores args", EN, "خطا", []any{1}, "Error"},
		{"dotted key still wins en", EN, "nav.track", nil, "Track a request"},
		{"dotted key still wins fa", FA, "nav.track", nil, "پیگیری درخواست"},
		{"english text on en stays", EN, "Track a request", nil, "Track a request"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := T(tt.lang, tt.key, tt.args...); got != tt.want {
				t.Errorf("T(%s, %q) = %q, want %q", tt.lang, tt.key, got, tt.want)
			}
		})
	}
}
