package web_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"mizban/internal/desk"
	"mizban/internal/fa"
	"mizban/internal/store"
)

// counterOfflineCode is a demo service with no online form: counter only.
const counterOfflineCode = "17051340003"

// counterSite is the demo site with a desk operator of unit "desk" acting.
func counterSite(t *testing.T, roles ...desk.Role) (*site, desk.Actor) {
	t.Helper()
	s := newSite(t, true)
	ctx := context.Background()
	var id int64
	if err := s.app.Store.InTx(ctx, func(tx *store.Tx) error {
		var err error
		id, err = tx.PutStaff(ctx, store.StaffRecord{
			Staff:    desk.Staff{Name: "نرگس امینی", Title: "متصدی میز خدمت", UnitCode: "desk"},
			Username: "counter-test", Role: string(desk.RoleDeskOperator), Active: true,
		})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	a := desk.Actor{StaffID: id, Name: "نرگس امینی", Roles: roles,
		Units: []desk.Membership{{UnitCode: "desk", Title: "متصدی میز خدمت"}}}
	srv := httptest.NewServer(s.app.Web.CounterHandlerForTest(a))
	t.Cleanup(srv.Close)
	s.srv = srv
	return s, a
}

// counterPermitFields fills the demo permit's form as a walk-in would give it.
func counterPermitFields(t *testing.T, s *site) (map[string]string, map[string][]byte) {
	t.Helper()
	svc, err := s.app.Store.Service(context.Background(), permitCode)
	if err != nil {
		t.Fatal(err)
	}
	fields := map[string]string{"channel": "in_person", "for_other": "self", "applicant_name": "علی رضایی",
		"applicant_nid": "۰۰۷۶۲۲۹۶۴۵", "applicant_mobile": "09121234567",
		"original": "original_deed"} // shown, not scanned
	files := map[string][]byte{}
	for _, d := range svc.Documents {
		if d.Required && d.Upload {
			files["doc_"+d.Key] = pdf
		}
	}
	for _, f := range svc.Form {
		switch f.Type {
		case desk.FieldChoice:
			fields["a_"+f.Key] = f.Choices[0]
		case desk.FieldNumber:
			fields["a_"+f.Key] = "۱۲۰"
		case desk.FieldPostalCode, desk.FieldFile:
		default:
			fields["a_"+f.Key] = "متن آزمایشی"
		}
	}
	return fields, files
}

func TestCounterPagesNeedTheRole(t *testing.T) {
	s := newSite(t, true)
	if code, _, _ := s.get("/staff/counter"); code == http.StatusOK {
		t.Errorf("anonymous GET /staff/counter = 200")
	}
	off, _ := counterSite(t, desk.RoleOfficer)
	for _, p := range []string{"/staff/counter", "/staff/counter/" + permitCode} {
		if code, _, _ := off.get(p); code != http.StatusForbidden {
			t.Errorf("officer GET %s = %d; want 403", p, code)
		}
	}
	if code, _, _ := off.postMultipart("/staff/counter/"+permitCode, map[string]string{"channel": "letter"}, nil); code != http.StatusForbidden {
		t.Errorf("officer POST = %d; want 403", code)
	}
}

func TestCounterPicker(t *testing.T) {
	s, _ := counterSite(t, desk.RoleDeskOperator)
	code, body, _ := s.get("/staff/counter")
	if code != 200 {
		t.Fatalf("picker = %d", code)
	}
	mustContain(t, body, "میز خدمت حضوری", `name="code"`, `value="`+counterOfflineCode+`"`, `value="`+permitCode+`"`, "فقط حضوری", "autofocus", "counter.css")

	code, body, _ = s.get("/staff/counter?q=" + url.QueryEscape("پروانه ساختمانی"))
	if code != 200 || !strings.Contains(body, `href="/staff/counter/`+permitCode+`"`) || strings.Contains(body, `value="`+counterOfflineCode+`"`) {
		t.Errorf("search = %d; want the permit only", code)
	}
	if code, _, h := s.get("/staff/counter?code=" + counterOfflineCode); code != http.StatusSeeOther || h.Get("Location") != "/staff/counter/"+counterOfflineCode {
		t.Errorf("pick = %d %q; want 303 to the form", code, h.Get("Location"))
	}
	code, body, _ = s.get("/staff/counter/" + counterOfflineCode)
	if code != 200 {
		t.Fatalf("offline service form = %d", code)
	}
	// The counter takes the documents an online form would not ask for.
	mustContain(t, body, `name="channel" value="in_person" checked`, `value="letter"`, `value="phone"`,
		`name="no_mobile"`, `name="doc_vehicle_card"`, `name="original" value="vehicle_card"`, `accept=".pdf,application/pdf`)
}

func TestCounterWalkInToReceipt(t *testing.T) {
	s, _ := counterSite(t, desk.RoleDeskOperator)
	fields, files := counterPermitFields(t, s)

	// Errors: summary, per-field messages, everything kept.
	bad := map[string]string{}
	for k, v := range fields {
		bad[k] = v
	}
	bad["applicant_nid"] = "0076229646"
	bad["channel"] = "phone"
	code, body, _ := s.postMultipart("/staff/counter/"+permitCode, bad, map[string][]byte{"doc_ownership_deed": pdf})
	if code != http.StatusUnprocessableEntity {
		t.Fatalf("bad post = %d; want 422", code)
	}
	mustContain(t, errSummary(body), `href="#f-applicant_nid"`, `href="#f-doc_owner_id_card"`)
	mustContain(t, body, `value="علی رضایی"`, `value="0076229646"`, `value="phone" checked`, "بارگذاری شد", `name="draft" value="`)

	code, body, h := s.postMultipart("/staff/counter/"+permitCode, fields, files)
	if code != http.StatusSeeOther || !strings.HasPrefix(h.Get("Location"), "/staff/counter/draft/") {
		t.Fatalf("post = %d %q; want 303 to the code step\n%s", code, h.Get("Location"), errSummary(body))
	}
	confirm := h.Get("Location")
	code, body, _ = s.get(confirm)
	if code != 200 {
		t.Fatalf("code step = %d", code)
	}
	mustContain(t, body, "۰۹۱۲***۴۵۶۷", `id="i-code"`, "autofocus", "علی رضایی", "حضوری")

	code, body, _ = s.post(confirm, url.Values{"code": {"000000"}})
	if code != http.StatusUnprocessableEntity {
		t.Fatalf("wrong code = %d; want 422", code)
	}
	mustContain(t, body, "کد تأیید نادرست است")

	otp := s.lastCode()
	code, _, h = s.post(confirm, url.Values{"code": {fa.PersianDigits(otp)}})
	receipt := h.Get("Location")
	if code != http.StatusSeeOther || !strings.HasPrefix(receipt, "/staff/counter/receipt/") || !strings.Contains(receipt, "size=a5") {
		t.Fatalf("confirm = %d %q; want 303 to the A5 receipt", code, receipt)
	}
	if _, _, h2 := s.post(confirm, url.Values{"code": {otp}}); h2.Get("Location") != receipt {
		t.Errorf("repeat confirm went to %q; want %q", h2.Get("Location"), receipt)
	}
	if code, _, h2 := s.get(confirm); code != http.StatusSeeOther || h2.Get("Location") != receipt {
		t.Errorf("code step after registering = %d %q; want the receipt", code, h2.Get("Location"))
	}
	code, body, _ = s.get(receipt)
	if code != 200 {
		t.Fatalf("receipt = %d", code)
	}
	mustContain(t, body, `class="print-a5"`, "درخواست شما ثبت شد", "تاریخ پاسخ نهایی")

	tracking := strings.TrimPrefix(strings.SplitN(receipt, "?", 2)[0], "/staff/counter/receipt/")
	req, err := s.app.Store.RequestByTracking(context.Background(), tracking)
	if err != nil || req.Channel != desk.ChannelInPerson {
		t.Fatalf("request = %+v, %v; want channel in_person", req, err)
	}
}

func TestCounterLetterWithoutMobile(t *testing.T) {
	s, a := counterSite(t, desk.RoleDeskOperator)
	fields := map[string]string{"channel": "letter", "no_mobile": "1", "for_other": "self",
		"applicant_name": "حسن کریمی", "applicant_nid": "0076229645", "original": "vehicle_card"}
	code, body, h := s.postMultipart("/staff/counter/"+counterOfflineCode, fields, nil)
	receipt := h.Get("Location")
	if code != http.StatusSeeOther || !strings.HasPrefix(receipt, "/staff/counter/receipt/") || !strings.Contains(receipt, "size=a5") {
		t.Fatalf("letter = %d %q; want 303 straight to the A5 receipt\n%s", code, receipt, errSummary(body))
	}
	if code, _, _ := s.get(receipt); code != 200 {
		t.Fatalf("receipt = %d", code)
	}
	tracking := strings.TrimPrefix(strings.SplitN(receipt, "?", 2)[0], "/staff/counter/receipt/")
	ctx := context.Background()
	req, err := s.app.Store.RequestByTracking(ctx, tracking)
	if err != nil || req.Channel != desk.ChannelLetter || req.Applicant.Mobile != "" {
		t.Fatalf("request = %+v, %v; want a letter with no mobile", req, err)
	}
	evs, err := s.app.Store.Events(ctx, req.ID, true)
	if err != nil || len(evs) != 1 || evs[0].StaffID != a.StaffID || !strings.Contains(evs[0].Note, "نامه کتبی") {
		t.Fatalf("events = %+v, %v", evs, err)
	}

	// "No mobile" is for letters only.
	fields["channel"] = "in_person"
	code, body, _ = s.postMultipart("/staff/counter/"+counterOfflineCode, fields, nil)
	if code != http.StatusUnprocessableEntity {
		t.Fatalf("in person without mobile = %d; want 422", code)
	}
	mustContain(t, errSummary(body), `href="#f-no_mobile"`)
	mustContain(t, body, `name="original" value="vehicle_card" checked`, `name="no_mobile" value="1" checked`)
}
