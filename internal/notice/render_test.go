package notice

import (
	"strings"
	"testing"

	"mizban/internal/desk"
)

func TestRender(t *testing.T) {
	long := SampleVars()
	tests := []struct {
		name    string
		kind    Kind
		body    string
		vars    Vars
		want    string
		wantErr string // part of the Persian message; "" for success
	}{
		{"code and minutes", KindOTP, "کد: {{.Code}} ({{.Minutes}})", Vars{Code: "012345", Minutes: 5}, "کد: 012345 (5)", ""},
		{"minutes in persian digits", KindOTP, "{{fa .Minutes}} دقیقه", Vars{Minutes: 15}, "۱۵ دقیقه", ""},
		{"tracking", KindAnswered, "درخواست {{.Tracking}}", Vars{Tracking: "140512345678"}, "درخواست 140512345678", ""},
		{"service", KindRegistered, "«{{.Service}}»", Vars{Service: "گذرنامه"}, "«گذرنامه»", ""},
		{"unit", KindReferred, "به {{.Unit}}", Vars{Unit: "واحد فنی"}, "به واحد فنی", ""},
		{"date", KindExtended, "تا {{.Date}}", Vars{Date: "۴ آذر ۱۴۰۵"}, "تا ۴ آذر ۱۴۰۵", ""},
		{"date in latin digits", KindExtended, "{{latin .Date}}", Vars{Date: "۴ آذر ۱۴۰۵"}, "4 آذر 1405", ""},
		{"link", KindClosed, "{{.Link}}", Vars{Link: "a.ir/t/x"}, "a.ir/t/x", ""},
		{"short cuts with ellipsis", KindRegistered, "{{short 10 .Service}}", long, "صدور پروا…", ""},
		{"short as pipeline", KindRegistered, "{{.Service | short 5}}", long, "صدور…", ""},
		{"short keeps a short title", KindRegistered, "{{short 10 .Service}}", Vars{Service: "گذرنامه"}, "گذرنامه", ""},
		{"short drops the space before the cut", KindRegistered, "{{short 6 .Service}}", Vars{Service: "abcd efgh"}, "abcd…", ""},
		{"no html escaping", KindRegistered, "{{.Service}}", Vars{Service: `<b>"A&B"</b>`}, `<b>"A&B"</b>`, ""},
		{"with link present", KindClosed, "بسته شد.{{with .Link}}\n{{.}}{{end}}", Vars{Link: "a.ir"}, "بسته شد.\na.ir", ""},
		{"with link absent", KindClosed, "بسته شد.{{with .Link}}\n{{.}}{{end}}", Vars{}, "بسته شد.", ""},
		{"if else on an empty var", KindClosed, "{{if .Link}}{{.Link}}{{else}}بدون پیوند{{end}}", Vars{}, "بدون پیوند", ""},
		{"eq on a var", KindReferred, `{{if eq .Unit "فنی"}}فنی{{else}}دیگر{{end}}`, Vars{Unit: "فنی"}, "فنی", ""},
		{"crlf body becomes lf", KindClosed, "الف\r\nب {{.Tracking}}", Vars{Tracking: "1"}, "الف\nب 1", ""},
		{"cr literal becomes lf", KindClosed, `الف{{"\r"}}ب{{.Tracking}}`, Vars{Tracking: "1"}, "الف\nب1", ""},
		{"outer spaces trimmed", KindClosed, "  \n{{.Tracking}}\n ", Vars{Tracking: "1"}, "1", ""},
		{"newlines stripped from a var", KindRegistered, "[{{.Service}}]", Vars{Service: "صدور\nپروانه\r\n  ساختمانی\t"}, "[صدور پروانه ساختمانی]", ""},
		{"line separators stripped", KindReferred, "[{{.Unit}}]", Vars{Unit: "الف\u2028ب\u2029ج\u0085د"}, "[الف ب ج د]", ""},
		{"bidi overrides dropped", KindReferred, "[{{.Unit}}]", Vars{Unit: "\u202eواحد\u202c\u2067"}, "[واحد]", ""},
		{"zwnj kept", KindReferred, "{{.Unit}}", Vars{Unit: "نامه‌ها"}, "نامه‌ها", ""},
		{"missing tracking", KindAnswered, "درخواست {{.Tracking}}", Vars{}, "", "{{.Tracking}}"},
		{"missing minutes", KindOTP, "{{.Code}} {{.Minutes}}", Vars{Code: "1"}, "", "{{.Minutes}}"},
		{"blank var is missing", KindReferred, "{{.Unit}}", Vars{Unit: " \n "}, "", "{{.Unit}}"},
		{"missing var inside short", KindRegistered, "{{short 5 .Service}}", Vars{}, "", "{{.Service}}"},
		{"var the kind does not fill", KindOTP, "{{.Tracking}}", Vars{Tracking: "1"}, "", "مقدار ندارد"},
		{"unknown kind", Kind("nope"), "x", Vars{}, "", "شناخته نیست"},
		{"empty result", KindClosed, "{{with .Link}}{{.}}{{end}}", Vars{}, "", "خالی"},
		{"bad body", KindClosed, "{{.Tracking", Vars{Tracking: "1"}, "", "خوانده نشد"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Render(tt.kind, tt.body, tt.vars)
			if tt.wantErr != "" {
				if err == nil {
					t.Fatalf("Render = %q, want error containing %q", got, tt.wantErr)
				}
				if desk.ErrorCode(err) != desk.EINVALID || !strings.Contains(desk.ErrorMessage(err), tt.wantErr) {
					t.Fatalf("error %v, want EINVALID containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Render: %v", err)
			}
			if got != tt.want {
				t.Errorf("Render = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestShort(t *testing.T) {
	tests := []struct {
		n    int
		in   string
		want string
	}{
		{5, "", ""},
		{5, "abcde", "abcde"},
		{5, "abcdef", "abcd…"},
		{1, "abc", "…"},
		{0, "abc", ""},
		{-3, "abc", ""},
		{4, "می‌شود", "می…"}, // the ZWNJ before the cut goes too
		{6, "الف، بب", "الف…"},
	}
	for _, tt := range tests {
		if got := short(tt.n, tt.in); got != tt.want {
			t.Errorf("short(%d, %q) = %q, want %q", tt.n, tt.in, got, tt.want)
		}
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name    string
		body    string
		wantErr string // part of the message; "" when valid
	}{
		{"plain text", "درخواست شما ثبت شد.", ""},
		{"variable", "کد رهگیری {{.Tracking}}", ""},
		{"every variable", "{{.Code}}{{.Tracking}}{{.Service}}{{.Unit}}{{.Date}}{{.Link}}{{.Minutes}}", ""},
		{"functions", "{{short 20 .Service}} {{fa .Minutes}} {{latin .Date}}", ""},
		{"logic", `{{if and .Link (ne .Unit "x")}}{{.Link}}{{else if not .Unit}}-{{end}}`, ""},
		{"comment", "{{/* یادداشت */}}متن", ""},
		{"empty", "", "خالی"},
		{"blank", " \r\n\t", "خالی"},
		{"only a comment", "{{/* x */}}", "خالی"},
		{"unclosed", "کد {{.Tracking", "خوانده نشد"},
		{"unopened is text", "کد .Tracking}}", ""},
		{"unknown variable", "{{.Name}}", "{{.Name}} شناخته نیست"},
		{"lower-case variable", "{{.tracking}}", "شناخته نیست"},
		{"nested field", "{{.Service.Title}}", "شناخته نیست"},
		{"printf", `{{printf "%s" .Code}}`, "«printf» در پیامک مجاز نیست"},
		{"call", "{{call .Code}}", "«call»"},
		{"html", "{{html .Service}}", "«html»"},
		{"unknown function", "{{upper .Service}}", "خوانده نشد"},
		{"range", "{{range .Minutes}}x{{end}}", "فقط متغیرها"},
		{"variable declaration", "{{$x := .Code}}{{$x}}", "فقط متغیرها"},
		{"dollar", "{{$.Code}}", "فقط متغیرها"},
		{"define", `{{define "a"}}x{{end}}y`, "define"},
		{"block", `{{block "a" .}}x{{end}}`, "define"},
		{"template call", `{{template "a"}}`, "فقط متغیرها"},
		{"bare dot", "{{.}}", "تنها درون with"},
		{"field inside with", "{{with .Link}}{{.Tracking}}{{end}}", "درون with"},
		{"wrong argument type", `{{short "a" .Service}}`, "ساخته نشد"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Validate(tt.body)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Validate = nil, want error containing %q", tt.wantErr)
			}
			msg := desk.ErrorMessage(err)
			if desk.ErrorCode(err) != desk.EINVALID || !strings.Contains(msg, tt.wantErr) {
				t.Fatalf("error %v, want EINVALID containing %q", err, tt.wantErr)
			}
			if strings.Contains(msg, "template:") {
				t.Errorf("message leaks the parser's English: %q", msg)
			}
		})
	}
}

func TestValidateFor(t *testing.T) {
	if err := ValidateFor(KindReferred, "{{.Unit}} {{.Tracking}}"); err != nil {
		t.Errorf("referred with unit: %v", err)
	}
	err := ValidateFor(KindClosed, "{{.Unit}}")
	if err == nil || !strings.Contains(desk.ErrorMessage(err), "{{.Unit}}") {
		t.Errorf("closed with unit: %v, want a message naming {{.Unit}}", err)
	}
	if f := desk.ErrorFields(err); f["body"] == "" {
		t.Errorf("error fields = %v, want one on body", f)
	}
	if err := ValidateFor(KindOTP, "{{.Link}}"); err == nil {
		t.Error("otp with link: want error")
	}
	if err := ValidateFor(Kind("x"), "متن"); err == nil {
		t.Error("unknown kind: want error")
	}
}

// FuzzValidate feeds bodies as an admin might type them: no panic, and an
// accepted body renders for the kinds that fill its variables.
func FuzzValidate(f *testing.F) {
	for _, b := range defaultBodies {
		f.Add(b)
	}
	for _, b := range []string{"", "{{", "}}", "{{.}}", "{{range 1000000000}}x{{end}}", "{{short -1 .Service}}",
		"{{short 99999999999 .Service}}", "{{if}}{{end}}", "{{with $x := .Link}}{{$x}}{{end}}", "{{.Code | fa | latin}}",
		"{{(short 3 .Service)}}", "{{else}}", "{{- .Tracking -}}", "\r\n{{.Link}}\r\n"} {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, body string) {
		if Validate(body) != nil {
			return
		}
		for _, k := range Kinds() {
			if ValidateFor(k, body) != nil {
				continue
			}
			out, err := Preview(k, body)
			if err != nil {
				t.Fatalf("Validate accepted %q but Preview(%s) failed: %v", body, k, err)
			}
			if out == "" || strings.Contains(out, "\r") {
				t.Fatalf("Preview(%s, %q) = %q", k, body, out)
			}
		}
	})
}

// FuzzVars feeds variable values from outside (service titles, unit
// names): they never add a line or a bidi override to a message.
func FuzzVars(f *testing.F) {
	f.Add("صدور پروانه", "واحد فنی")
	f.Add("a\nb\r\nc", "\u202eabc\u2066")
	f.Add("\u2028\u2029\x00\x85", "    ")
	f.Fuzz(func(t *testing.T, service, unit string) {
		v := SampleVars()
		v.Service, v.Unit = service, unit
		for _, k := range []Kind{KindReferred, KindServiceChanged} {
			out, err := Render(k, Default(k), v)
			if err != nil {
				continue // blank after cleaning: missing
			}
			if strings.ContainsAny(out, "\n\r\u2028\u2029\u202e\u2066") {
				t.Fatalf("Render(%s) = %q", k, out)
			}
		}
	})
}
