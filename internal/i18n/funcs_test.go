package i18n

import (
	"bytes"
	"html/template"
	"strings"
	"testing"
	"time"

	"mizban/internal/jalali"
)

type fee int64

func TestDigits(t *testing.T) {
	tests := []struct {
		lang Lang
		in   any
		want string
	}{
		{FA, "12 روز", "۱۲ روز"},
		{EN, "۱۲ days", "12 days"},
		{EN, "٣ days", "3 days"},
		{FA, 2025, "۲۰۲۵"},
		{FA, int64(-7), "-۷"},
		{FA, uint8(9), "۹"},
		{EN, uint64(18446744073709551615), "18446744073709551615"},
		{FA, fee(30), "۳۰"},
		{FA, nil, ""},
		{FA, "", ""},
	}
	for _, tt := range tests {
		if got := Digits(tt.lang, tt.in); got != tt.want {
			t.Errorf("Digits(%s, %#v) = %q, want %q", tt.lang, tt.in, got, tt.want)
		}
	}
}

func TestDateAndDateTime(t *testing.T) {
	// 2026-11-25 11:00 UTC is 14:30 in Tehran on 4 Azar 1405.
	tm := time.Date(2026, 11, 25, 11, 0, 0, 0, time.UTC)
	// 21:00 UTC is already the next day in Tehran.
	late := time.Date(2026, 11, 25, 21, 0, 0, 0, time.UTC)
	var nilTime *time.Time
	tests := []struct {
		name string
		f    func(Lang, any) (string, error)
		lang Lang
		in   any
		want string
	}{
		{"date fa", Date, FA, tm, "۴ آذر ۱۴۰۵"},
		{"date en", Date, EN, tm, "4 Azar 1405"},
		{"date pointer", Date, FA, &tm, "۴ آذر ۱۴۰۵"},
		{"date Tehran day", Date, FA, late, "۵ آذر ۱۴۰۵"},
		{"date jalali.Date", Date, EN, jalali.Date{Year: 1405, Month: 1, Day: 13}, "13 Farvardin 1405"},
		{"date jalali.Date fa", Date, FA, jalali.Date{Year: 1404, Month: 12, Day: 29}, "۲۹ اسفند ۱۴۰۴"},
		{"date zero", Date, FA, time.Time{}, ""},
		{"date zero jalali", Date, FA, jalali.Date{}, ""},
		{"date nil pointer", Date, FA, nilTime, ""},
		{"date nil", Date, EN, nil, ""},
		{"datetime fa", DateTime, FA, tm, "۴ آذر ۱۴۰۵، ساعت ۱۴:۳۰"},
		{"datetime en", DateTime, EN, tm, "4 Azar 1405, 14:30"},
		{"datetime pointer", DateTime, EN, &late, "5 Azar 1405, 00:30"},
		{"datetime zero", DateTime, FA, time.Time{}, ""},
		{"datetime nil pointer", DateTime, FA, nilTime, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.f(tt.lang, tt.in)
			if err != nil || got != tt.want {
				t.Errorf("got %q, %v; want %q", got, err, tt.want)
			}
		})
	}
	if _, err := Date(FA, "1405/09/04"); err == nil {
		t.Error("Date accepted a string")
	}
	if _, err := DateTime(FA, jalali.Date{Year: 1405, Month: 1, Day: 1}); err == nil {
		t.Error("DateTime accepted a date without a time")
	}
}

func TestRials(t *testing.T) {
	tests := []struct {
		lang Lang
		in   any
		want string
	}{
		{FA, 1250000, "۱٬۲۵۰٬۰۰۰ ریال"},
		{EN, 1250000, "1,250,000 rials"},
		{FA, 0, "۰ ریال"},
		{EN, 999, "999 rials"},
		{EN, 1000, "1,000 rials"},
		{FA, int64(-25000), "-۲۵٬۰۰۰ ریال"},
		{EN, uint32(100000), "100,000 rials"},
		{EN, fee(12345678901), "12,345,678,901 rials"},
	}
	for _, tt := range tests {
		got, err := Rials(tt.lang, tt.in)
		if err != nil || got != tt.want {
			t.Errorf("Rials(%s, %v) = %q, %v; want %q", tt.lang, tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []any{1.5, "1000", nil} {
		if got, err := Rials(FA, bad); err == nil {
			t.Errorf("Rials(%#v) = %q, want an error", bad, got)
		}
	}
}

func TestMaskMobile(t *testing.T) {
	tests := []struct {
		lang Lang
		in   string
		want string
	}{
		{EN, "09121234567", "0912***4567"},
		{FA, "09121234567", "۰۹۱۲***۴۵۶۷"},
		{EN, "+989121234567", "0912***4567"},
		{EN, "00989121234567", "0912***4567"},
		{EN, "989121234567", "0912***4567"},
		{EN, "9121234567", "0912***4567"},
		{EN, "۰۹۱۲ ۱۲۳ ۴۵۶۷", "0912***4567"},
		{FA, "0912-123-4567", "۰۹۱۲***۴۵۶۷"},
		{EN, "12345", "*****"},
		{EN, "", ""},
	}
	for _, tt := range tests {
		if got := MaskMobile(tt.lang, tt.in); got != tt.want {
			t.Errorf("MaskMobile(%s, %q) = %q, want %q", tt.lang, tt.in, got, tt.want)
		}
	}
}

func TestMaskNID(t *testing.T) {
	tests := []struct {
		lang Lang
		in   string
		want string
	}{
		{EN, "0076229645", "007****645"},
		{FA, "0076229645", "۰۰۷****۶۴۵"},
		{EN, "۱۵۸۳۲۵۰۶۸۹", "158****689"},
		{EN, "76229645", "007****645"},
		{EN, "076229645", "007****645"},
		{EN, "007-622964-5", "007****645"},
		{EN, "123456", "******"},
		{EN, "", ""},
	}
	for _, tt := range tests {
		if got := MaskNID(tt.lang, tt.in); got != tt.want {
			t.Errorf("MaskNID(%s, %q) = %q, want %q", tt.lang, tt.in, got, tt.want)
		}
	}
}

func TestGroup(t *testing.T) {
	tests := []struct {
		lang Lang
		in   string
		want string
	}{
		{EN, "123456789012", "1234 5678 9012"},
		{FA, "123456789012", "۱۲۳۴ ۵۶۷۸ ۹۰۱۲"},
		{EN, "۱۲۳۴ ۵۶۷۸-۹۰۱۲", "1234 5678 9012"},
		{EN, "1234567890", "1234 5678 90"},
		{EN, "1234", "1234"},
		{EN, " 12 ", "12"},
		{EN, "", ""},
	}
	for _, tt := range tests {
		if got := Group(tt.lang, tt.in); got != tt.want {
			t.Errorf("Group(%s, %q) = %q, want %q", tt.lang, tt.in, got, tt.want)
		}
	}
}

// The functions as pages use them: through html/template.
func TestFuncsInTemplate(t *testing.T) {
	const page = `<html lang="{{lang}}" dir="{{dir}}">` +
		`{{t "nav.track"}}|{{t "search.results" .N}}|{{digits .N}}|{{date .At}}|{{datetime .At}}|` +
		`{{rials .Fee}}|{{mask_mobile .Mobile}}|{{mask_nid .NID}}|{{group .Code}}`
	data := map[string]any{
		"N":      3,
		"At":     time.Date(2026, 11, 25, 11, 0, 0, 0, time.UTC),
		"Fee":    fee(2500000),
		"Mobile": "+989121234567",
		"NID":    "0076229645",
		"Code":   "123456789012",
	}
	tests := []struct {
		lang Lang
		want string
	}{
		{FA, `<html lang="fa" dir="rtl">پیگیری درخواست|۳ خدمت پیدا شد|۳|۴ آذر ۱۴۰۵|۴ آذر ۱۴۰۵، ساعت ۱۴:۳۰|` +
			`۲٬۵۰۰٬۰۰۰ ریال|۰۹۱۲***۴۵۶۷|۰۰۷****۶۴۵|۱۲۳۴ ۵۶۷۸ ۹۰۱۲`},
		{EN, `<html lang="en" dir="ltr">Track a request|3 services found|3|4 Azar 1405|4 Azar 1405, 14:30|` +
			`2,500,000 rials|0912***4567|007****645|1234 5678 9012`},
		{Lang("xx"), `<html lang="fa" dir="rtl">پیگیری درخواست|۳ خدمت پیدا شد|۳|۴ آذر ۱۴۰۵|۴ آذر ۱۴۰۵، ساعت ۱۴:۳۰|` +
			`۲٬۵۰۰٬۰۰۰ ریال|۰۹۱۲***۴۵۶۷|۰۰۷****۶۴۵|۱۲۳۴ ۵۶۷۸ ۹۰۱۲`},
	}
	for _, tt := range tests {
		tmpl := template.Must(template.New("p").Funcs(Funcs(tt.lang)).Parse(page))
		var b bytes.Buffer
		if err := tmpl.Execute(&b, data); err != nil {
			t.Fatalf("%s: %v", tt.lang, err)
		}
		if got := b.String(); got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.lang, got, tt.want)
		}
	}
}

func TestFuncsRejectBadMoney(t *testing.T) {
	tmpl := template.Must(template.New("p").Funcs(Funcs(FA)).Parse(`{{rials .}}`))
	err := tmpl.Execute(&bytes.Buffer{}, 1.5)
	if err == nil || !strings.Contains(err.Error(), "rials") {
		t.Errorf("rials of a float: err = %v, want an error", err)
	}
}

// Masks come from stored and typed values; whatever arrives, a mask never
// shows more digits than it promises and keeps the length readable.
func FuzzMask(f *testing.F) {
	for _, s := range []string{"09121234567", "+989121234567", "0076229645", "۰۹۱۲", "", "98", "0098", "abc٣", "12345678901234567890"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, c := range []struct {
			name string
			got  string
			max  int
		}{
			{"mobile", MaskMobile(EN, s), 8},
			{"nid", MaskNID(EN, s), 6},
		} {
			shown := len(digitsOf(c.got))
			if shown > c.max {
				t.Errorf("%s mask of %q shows %d digits: %q", c.name, s, shown, c.got)
			}
			if strings.Trim(c.got, "0123456789*") != "" {
				t.Errorf("%s mask of %q = %q has other characters", c.name, s, c.got)
			}
		}
		if g := Group(EN, s); strings.Contains(g, "  ") {
			t.Errorf("Group(%q) = %q has a double space", s, g)
		}
	})
}
