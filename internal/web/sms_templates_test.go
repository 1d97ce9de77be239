package web_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"mizban/internal/audit"
	"mizban/internal/notice"
	"mizban/internal/store"
)

// countOf is the counter text the editor shows for body of kind k.
func countOf(t *testing.T, k notice.Kind, body string) string {
	t.Helper()
	p, err := notice.Preview(k, body)
	if err != nil {
		t.Fatal(err)
	}
	return notice.Count(p).Persian()
}

func TestSMSTemplatePage(t *testing.T) {
	s, admin := adminSite(t)
	st, body, _ := admin.get("/staff/admin/sms/templates")
	wantCode(t, "template page", st, http.StatusOK, body)
	for _, k := range notice.Kinds() {
		mustContain(t, body, `id="i-body-`+string(k)+`"`, `action="/staff/admin/sms/templates/`+string(k)+`"`)
	}
	// The counter and preview, server-rendered, with the sample values.
	mustContain(t, body, countOf(t, notice.KindRegistered, notice.Default(notice.KindRegistered)),
		notice.SampleVars().Tracking, "js/sms-counter.js", "ثبت درخواست و کد رهگیری", "ارجاع به واحد دیگر")
	// Essential kinds have no switch; the others do.
	closedForm := kindSection(body, "closed")
	otpForm := kindSection(body, "otp")
	if !strings.Contains(closedForm, `name="enabled" value="1" checked`) || strings.Contains(otpForm, `name="enabled"`) {
		t.Errorf("switches: closed %v, otp %v", strings.Contains(closedForm, `name="enabled"`), strings.Contains(otpForm, `name="enabled"`))
	}

	// A template with a variable its kind lacks: refused, text kept, the
	// error next to the field and in the summary.
	bad := "پرونده {{.Code}} بسته شد."
	st, body, _ = admin.post("/staff/admin/sms/templates/closed", url.Values{"body": {bad}, "enabled": {"1"}})
	wantCode(t, "bad template", st, http.StatusUnprocessableEntity, body)
	mustContain(t, errSummary(body), "{{.Code}}", "بسته شدن پرونده")
	mustContain(t, body, `href="#f-body"`, `id="f-body"`, html.EscapeString(bad))
	if got := s.app.Flow.Notices.Template(notice.KindClosed).Body; got != notice.Default(notice.KindClosed) {
		t.Errorf("a refused template went live: %q", got)
	}

	// A good one: saved, live at once, shown with its count, audited.
	good := "پرونده {{.Tracking}} بسته شد؛ از شکیبایی شما سپاسگزاریم."
	st, _, h := admin.post("/staff/admin/sms/templates/closed", url.Values{"body": {good + "\r\n"}, "enabled": {"1"}})
	if st != http.StatusSeeOther || h.Get("Location") != "/staff/admin/sms/templates?done=closed#k-closed" {
		t.Fatalf("save: %d to %q", st, h.Get("Location"))
	}
	if got := s.app.Flow.Notices.Template(notice.KindClosed).Body; got != good {
		t.Errorf("live template = %q, want %q", got, good)
	}
	st, body, _ = admin.get("/staff/admin/sms/templates?done=closed")
	wantCode(t, "after save", st, http.StatusOK, body)
	closedForm = kindSection(body, "closed")
	mustContain(t, body, "متن پیامک ذخیره شد:")
	mustContain(t, closedForm, good, countOf(t, notice.KindClosed, good), "متن تغییر کرده", `name="reset"`)
	recs, err := s.app.Store.Audit(context.Background(), store.AuditFilter{Action: "sms.template"})
	if err != nil || len(recs) != 1 || !strings.HasPrefix(recs[0].Actor, "staff:") || recs[0].Target != "sms_template:closed" ||
		recs[0].Result != audit.OK {
		t.Errorf("audit = %+v, %v; want one change of closed by the admin", recs, err)
	}

	// Too long for one part: the count says so and warns.
	long := strings.Repeat("پرونده شما بسته شد. ", 4) + "{{.Tracking}}"
	admin.post("/staff/admin/sms/templates/closed", url.Values{"body": {long}, "enabled": {"1"}})
	_, body, _ = admin.get("/staff/admin/sms/templates")
	closedForm = kindSection(body, "closed")
	mustContain(t, closedForm, countOf(t, notice.KindClosed, long), "۲ پیامک", "بیش از یک پیامک")

	// Switched off, then back to the default text.
	admin.post("/staff/admin/sms/templates/survey", url.Values{"body": {notice.Default(notice.KindSurvey)}})
	if s.app.Flow.Notices.Enabled("", notice.KindSurvey) {
		t.Error("survey still on after unticking")
	}
	admin.post("/staff/admin/sms/templates/closed", url.Values{"body": {long}, "enabled": {"1"}, "reset": {"1"}})
	if got := s.app.Flow.Notices.Template(notice.KindClosed).Body; got != notice.Default(notice.KindClosed) {
		t.Errorf("after reset = %q", got)
	}
	// An essential kind stays on whatever the form says.
	admin.post("/staff/admin/sms/templates/answered", url.Values{"body": {notice.Default(notice.KindAnswered)}})
	if !s.app.Flow.Notices.Enabled("", notice.KindAnswered) {
		t.Error("answered switched off")
	}
	if st, _, _ := admin.post("/staff/admin/sms/templates/nope", url.Values{"body": {"x"}}); st != http.StatusNotFound {
		t.Errorf("unknown kind: %d", st)
	}
}

// kindSection is the part of the page for kind k.
func kindSection(body, k string) string {
	i := strings.Index(body, `id="k-`+k+`"`)
	if i < 0 {
		return ""
	}
	rest := body[i:]
	if j := strings.Index(rest, "</section>"); j >= 0 {
		rest = rest[:j]
	}
	return rest
}
