package web_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"mizban/internal/desk"
	"mizban/internal/notice"
	"mizban/internal/store"
)

// smsServicesSite is the admin site with two published services.
func smsServicesSite(t *testing.T) (*site, *staffAgent) {
	t.Helper()
	s, admin := adminSite(t)
	ctx := context.Background()
	if err := s.app.Store.InTx(ctx, func(tx *store.Tx) error {
		for _, svc := range []desk.Service{
			{Code: "13091713001", Title: "پروانه ساختمان آزمایشی", Kind: desk.KindPermit, UnitCode: "hq", DurationDays: 5},
			{Code: "13091713002", Title: "گواهی پایان کار آزمایشی", Kind: desk.KindPermit, UnitCode: "hq", DurationDays: 5},
		} {
			if _, err := tx.PublishService(ctx, svc); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return s, admin
}

// onForm is the page's form with every non-essential kind ticked except off.
func onForm(off ...notice.Kind) url.Values {
	form := url.Values{"switches": {"1"}}
	for _, k := range notice.Kinds() {
		if !k.Essential() && !slices.Contains(off, k) {
			form.Add("on", string(k))
		}
	}
	return form
}

func TestSMSServicesPage(t *testing.T) {
	s, admin := smsServicesSite(t)
	const code, other = "13091713001", "13091713002"
	live := s.app.Flow.Notices

	// The SMS texts page links here.
	_, body, _ := admin.get("/staff/admin/sms/templates")
	mustContain(t, body, `href="/staff/admin/sms/services"`)

	st, body, _ := admin.get("/staff/admin/sms/services")
	wantCode(t, "service list", st, http.StatusOK, body)
	mustContain(t, body, "پروانه ساختمان آزمایشی", "گواهی پایان کار آزمایشی",
		`href="/staff/admin/sms/services?service=`+code+`#switches"`, `href="/staff/admin"`)
	if strings.Contains(body, `name="on"`) {
		t.Error("no service chosen, yet switches shown")
	}

	// One service: a ticked switch per non-essential kind, essential ones
	// ticked, disabled, and not sent with the form.
	st, body, _ = admin.get("/staff/admin/sms/services?service=" + code)
	wantCode(t, "one service", st, http.StatusOK, body)
	mustContain(t, body, `action="/staff/admin/sms/services/`+code+`"`, `name="switches"`, "ضروری؛ همیشه فرستاده می‌شود")
	for _, k := range notice.Kinds() {
		box := `name="on" value="` + string(k) + `"`
		if k.Essential() == strings.Contains(body, box) {
			t.Errorf("%s: switch shown = %v; want %v", k, strings.Contains(body, box), !k.Essential())
		}
		if !k.Essential() && !strings.Contains(body, box+" checked") {
			t.Errorf("%s: switch not ticked before any change", k)
		}
	}
	if n := strings.Count(body, `checked disabled`); n != countEssential() {
		t.Errorf("%d disabled switches; want one per essential kind (%d)", n, countEssential())
	}

	// Save with the survey and the closing notice unticked: live for this
	// service only, audited, shown.
	st, body, h := admin.post("/staff/admin/sms/services/"+code, onForm(notice.KindSurvey, notice.KindClosed))
	if st != http.StatusSeeOther || h.Get("Location") != "/staff/admin/sms/services?done=1&service="+code+"#switches" {
		t.Fatalf("save: %d to %q\n%s", st, h.Get("Location"), errSummary(body))
	}
	for _, k := range notice.Kinds() {
		wantOn := k != notice.KindSurvey && k != notice.KindClosed
		if live.Enabled(code, k) != wantOn || !live.Enabled(other, k) {
			t.Errorf("%s: on for the service %v (want %v), for the other %v", k, live.Enabled(code, k), wantOn, live.Enabled(other, k))
		}
	}
	wantAudit(t, s, "sms.service", "staff:"+itoa64(admin.ID))
	_, body, _ = admin.get("/staff/admin/sms/services?done=1&service=" + code)
	mustContain(t, body, "پیامک‌های این خدمت ذخیره شد.", `name="on" value="closed">`, `name="on" value="survey">`,
		`name="on" value="referred" checked`, "<td>۲</td>")

	// Refusals change nothing: a POST without the page's marker, a service
	// that does not exist.
	if st, _, _ := admin.post("/staff/admin/sms/services/"+code, url.Values{}); st != http.StatusBadRequest {
		t.Errorf("bare POST: %d; want 400", st)
	}
	if st, _, _ := admin.post("/staff/admin/sms/services/nope", onForm()); st != http.StatusNotFound {
		t.Errorf("unknown service: %d; want 404", st)
	}
	if st, _, _ := admin.get("/staff/admin/sms/services?service=nope"); st != http.StatusNotFound {
		t.Errorf("unknown service page: %d; want 404", st)
	}
	if live.Enabled(code, notice.KindSurvey) || !live.Enabled(code, notice.KindReferred) {
		t.Error("a refused POST changed the switches")
	}

	// A kind switched off for every service says so here.
	admin.post("/staff/admin/sms/templates/letter_issued", url.Values{"body": {notice.Default(notice.KindLetterIssued)}})
	_, body, _ = admin.get("/staff/admin/sms/services?service=" + code)
	mustContain(t, body, `aria-describedby="everywhere-letter_issued"`, "برای همه خدمت‌ها خاموش است")

	// A catalog editor may too (without the admin area in the breadcrumbs);
	// an officer may not.
	addStaffUser(t, s, "cat.editor", "نسیم پرواز", []desk.Role{desk.RoleEditor}, desk.Membership{UnitCode: "hq", Title: "ویراستار"})
	editor := signInStaff(t, s, "cat.editor", staffTestPassword)
	st, body, _ = editor.get("/staff/admin/sms/services?service=" + code)
	wantCode(t, "editor page", st, http.StatusOK, body)
	if strings.Contains(body, `href="/staff/admin"`) {
		t.Error("editor's breadcrumbs link the admin area, which refuses them")
	}
	if st, _, _ := editor.post("/staff/admin/sms/services/"+code, onForm()); st != http.StatusSeeOther {
		t.Fatalf("editor save: %d", st)
	}
	if !live.Enabled(code, notice.KindSurvey) || !live.Enabled(code, notice.KindClosed) {
		t.Error("editor's save did not switch the notices back on")
	}
	wantAudit(t, s, "sms.service", "staff:"+itoa64(editor.ID))

	addStaffUser(t, s, "some.officer", "کارشناس آزمون", []desk.Role{desk.RoleOfficer}, desk.Membership{UnitCode: "hq", Title: "کارشناس"})
	officer := signInStaff(t, s, "some.officer", staffTestPassword)
	if st, _, _ := officer.get("/staff/admin/sms/services"); st != http.StatusForbidden {
		t.Errorf("officer GET: %d; want 403", st)
	}
	if st, _, _ := officer.post("/staff/admin/sms/services/"+code, onForm(notice.KindSurvey)); st != http.StatusForbidden {
		t.Errorf("officer POST: %d; want 403", st)
	}
	if !live.Enabled(code, notice.KindSurvey) {
		t.Error("an officer's refused POST switched the survey off")
	}
}

func countEssential() int {
	n := 0
	for _, k := range notice.Kinds() {
		if k.Essential() {
			n++
		}
	}
	return n
}
