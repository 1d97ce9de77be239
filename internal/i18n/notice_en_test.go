package i18n

import (
	"regexp"
	"testing"

	"mizban/internal/desk"
	"mizban/internal/notice"
)

// guillemets are the values a message quotes («a kind's title»), which
// carry over untranslated.
var guillemets = regexp.MustCompile(`«[^»]*»`)

// Every message the notice package builds, with or without values, reads
// in English: the template editor shows them to administrators.
func TestNoticeMessagesHaveEnglish(t *testing.T) {
	set, err := notice.NewSet(nil)
	if err != nil {
		t.Fatal(err)
	}
	render := func(k notice.Kind, body string, v notice.Vars) error {
		_, err := notice.Render(k, body, v)
		return err
	}
	tests := []struct {
		name string
		err  error
	}{
		{"empty", notice.ValidateFor(notice.KindClosed, " \r\n ")},
		{"unclosed action", notice.ValidateFor(notice.KindClosed, "{{.Tracking")},
		{"define", notice.ValidateFor(notice.KindClosed, `{{define "x"}}a{{end}}{{.Tracking}}`)},
		{"range", notice.ValidateFor(notice.KindClosed, "{{range .Tracking}}x{{end}}")},
		{"field inside with", notice.ValidateFor(notice.KindClosed, "{{with .Link}}{{.Tracking}}{{end}}")},
		{"dot outside with", notice.ValidateFor(notice.KindClosed, "پرونده {{.}}")},
		{"unknown variable", notice.ValidateFor(notice.KindClosed, "پرونده {{.Nope}}")},
		{"unknown function", notice.ValidateFor(notice.KindClosed, "{{html .Tracking}}")},
		{"variable of another kind", notice.ValidateFor(notice.KindClosed, "کد {{.Code}}")},
		{"unknown kind", notice.ValidateFor("nope", "{{.Tracking}}")},
		{"function misused", notice.ValidateFor(notice.KindClosed, "{{short .Tracking .Service}}")},
		{"empty once filled", render(notice.KindClosed, "{{with .Link}}{{.}}{{end}}", notice.Vars{Tracking: "1"})},
		{"value missing", render(notice.KindClosed, "پرونده {{.Tracking}}", notice.Vars{})},
		{"essential off", set.SetEnabled(notice.KindOTP, false)},
		{"essential off for a service", set.SetServiceEnabled("s", notice.KindAnswered, false)},
	}
	seen := map[string]bool{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if desk.ErrorCode(tt.err) != desk.EINVALID {
				t.Fatalf("err = %v; want EINVALID", tt.err)
			}
			msg := desk.ErrorMessage(tt.err)
			if seen[msg] {
				t.Errorf("message %q already checked: the case tests nothing new", msg)
			}
			seen[msg] = true
			en := T(EN, msg)
			if en == msg || persian(guillemets.ReplaceAllString(en, "")) {
				t.Errorf("T(en, %q) = %q; want English", msg, en)
			}
		})
	}
}
