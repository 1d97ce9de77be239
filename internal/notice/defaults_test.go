package notice

import (
	"strings"
	"testing"
	"unicode/utf8"

	"mizban/internal/jalali"
)

// The one-part promise is only as good as the sample: pin its lengths.
func TestSampleVarsAreLong(t *testing.T) {
	v := SampleVars()
	for _, c := range []struct {
		name string
		s    string
		want int
	}{
		{"tracking", v.Tracking, 12},
		{"service", v.Service, 40},
		{"unit", v.Unit, 40},
		{"link", v.Link, len("mizban.example.gov.ir/t/") + 8}, // a real request link: host/t/ and its 8-character token
		{"link token", SampleLinkToken, 8},
		{"date", v.Date, 16}, // «۳۱ اردیبهشت ۱۴۰۵»: longest day and month
	} {
		if n := utf8.RuneCountInString(c.s); n != c.want {
			t.Errorf("sample %s has %d runes, want %d", c.name, n, c.want)
		}
	}
	longest := 0
	for m := 1; m <= 12; m++ {
		longest = max(longest, utf8.RuneCountInString(FormatDate(jalali.Date{Year: 1405, Month: m, Day: 30})))
	}
	if longest > utf8.RuneCountInString(v.Date) {
		t.Errorf("a real date has %d runes, longer than the sample", longest)
	}
}

func TestDefaultsFitOnePart(t *testing.T) {
	if len(defaultBodies) != len(kinds) || len(order) != len(kinds) {
		t.Fatalf("%d defaults, %d ordered kinds, %d kinds", len(defaultBodies), len(order), len(kinds))
	}
	longer := SampleVars()
	longer.Service = strings.Repeat("خدمت ", 40) // 200 runes: short still bounds it
	longer.Unit = strings.Repeat("واحد ", 40)
	noLink := SampleVars()
	noLink.Link = ""
	// Card-change notices to applicants link host/h/ and an 11-digit code.
	historyLink := longer
	historyLink.Link = "mizban.example.gov.ir/h/13091234567"
	for _, k := range Kinds() {
		body := Default(k)
		if err := ValidateFor(k, body); err != nil {
			t.Errorf("%s: default invalid: %v", k, err)
			continue
		}
		for _, vc := range []struct {
			name string
			v    Vars
		}{{"long", SampleVars()}, {"longer titles", longer}, {"no link", noLink}, {"history link", historyLink}} {
			if vc.name == "history link" && k != KindCardChanged {
				continue
			}
			out, err := Render(k, body, vc.v)
			if err != nil {
				t.Errorf("%s/%s: %v", k, vc.name, err)
				continue
			}
			c := Count(out)
			if c.Parts != 1 || !c.Unicode || c.Chars > 70 {
				t.Errorf("%s/%s: %q is %s, want one part", k, vc.name, out, c.Persian())
			}
			if strings.HasSuffix(out, "\n") || strings.Contains(out, "\n\n") {
				t.Errorf("%s/%s: stray newline in %q", k, vc.name, out)
			}
			if vc.name == "long" {
				t.Logf("%-16s %2d  %s", k, c.Chars, strings.ReplaceAll(out, "\n", " ⏎ "))
			}
		}
	}
}

func TestDefaultsCarryTheirKey(t *testing.T) {
	v := SampleVars()
	for _, k := range Kinds() {
		out, err := Preview(k, Default(k))
		if err != nil {
			t.Fatal(err)
		}
		key := v.Tracking
		switch k {
		case KindOTP, KindOTPCounter:
			key = v.Code
		case KindCardChanged: // not about one request: the link leads to the change
			key = v.Link
		}
		if !strings.Contains(out, key) {
			t.Errorf("%s: %q lacks %q", k, out, key)
		}
	}
}

func TestDefaultsMap(t *testing.T) {
	d := Defaults()
	for _, k := range Kinds() {
		tpl, ok := d[k]
		if !ok || tpl.Kind != k || tpl.Body != Default(k) || !tpl.Enabled {
			t.Errorf("Defaults()[%s] = %+v", k, tpl)
		}
		if k.Title() == "" {
			t.Errorf("%s has no title", k)
		}
	}
	d[KindOTP] = Template{Body: "x"}
	if Default(KindOTP) == "x" {
		t.Error("Defaults() shares its map")
	}
}

func TestEssentialKinds(t *testing.T) {
	want := map[Kind]bool{KindOTP: true, KindOTPCounter: true, KindRegistered: true, KindAnswered: true, KindRejected: true}
	for _, k := range Kinds() {
		if k.Essential() != want[k] {
			t.Errorf("%s.Essential() = %v", k, k.Essential())
		}
	}
}
