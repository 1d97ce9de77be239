package web_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"mizban/internal/desk"
	"mizban/internal/letters"
	"mizban/internal/notice"
	"mizban/internal/workflow"
)

func TestSecretariatsPage(t *testing.T) {
	s, admin := adminSite(t)
	ctx := context.Background()

	_, body, _ := admin.get("/staff/admin")
	mustContain(t, body, `href="/staff/admin/secretariats"`)
	st, body, _ := admin.get("/staff/admin/secretariats")
	wantCode(t, "empty list", st, http.StatusOK, body)
	mustContain(t, body, "هنوز هیچ دبیرخانه‌ای ثبت نشده است.", `value="{year}/{seq}/و"`, `value="{year}/{seq}/ص"`)

	// A bad format: the field says why, everything typed is kept.
	form := url.Values{"code": {"۲"}, "name": {"دبیرخانه شعبه"}, "incoming_format": {"{seq}/و"},
		"outgoing_format": {"{year}/{seq}/ص"}, "internal_format": {"{year}/{seq}/د"}}
	st, body, _ = admin.post("/staff/admin/secretariats", form)
	wantCode(t, "bad format", st, http.StatusUnprocessableEntity, body)
	mustContain(t, body, "قالب شماره باید سال را با {year} یا {yy} داشته باشد", `value="{seq}/و"`, `value="دبیرخانه شعبه"`,
		`href="#f-incoming_format"`)
	if all, _ := s.app.Store.Secretariats(ctx); len(all) != 0 {
		t.Fatalf("stored after a refusal: %+v", all)
	}

	form.Set("incoming_format", "{code}-{yy}/{seq:4}/و")
	st, body, h := admin.post("/staff/admin/secretariats", form)
	if st != http.StatusSeeOther || h.Get("Location") != "/staff/admin/secretariats?done=added" {
		t.Fatalf("add: %d %q\n%s", st, h.Get("Location"), errSummary(body))
	}
	wantAudit(t, s, "secretariat.create", "staff:"+strconv.FormatInt(admin.ID, 10))
	// The list shows the first number of this year (1405 on the pinned
	// clock) of each series, in Persian digits.
	_, body, _ = admin.get("/staff/admin/secretariats?done=added")
	mustContain(t, body, "دبیرخانه تازه ثبت شد.", "دبیرخانه شعبه", "<bdi class=\"ltr\">۲-۰۵/۰۰۰۱/و</bdi>",
		"<bdi class=\"ltr\">۱۴۰۵/۱/ص</bdi>", "غیرفعال کردن")

	// The same code again.
	st, body, _ = admin.post("/staff/admin/secretariats", form)
	wantCode(t, "taken code", st, http.StatusConflict, body)
	mustContain(t, body, "دبیرخانه‌ای با این کد پیش‌تر ساخته شده است")

	st, body, h = admin.post("/staff/admin/secretariats/2/active", url.Values{"active": {"0"}})
	if st != http.StatusSeeOther || h.Get("Location") != "/staff/admin/secretariats?done=off" {
		t.Fatalf("deactivate: %d %q\n%s", st, h.Get("Location"), errSummary(body))
	}
	if sec, _ := s.app.Store.Secretariat(ctx, "2"); sec.Active {
		t.Error("still active")
	}
	_, body, _ = admin.get("/staff/admin/secretariats?done=off")
	mustContain(t, body, "دبیرخانه غیرفعال شد", `name="active" value="1"`, "فعال کردن")
	st, body, _ = admin.post("/staff/admin/secretariats/9/active", url.Values{"active": {"1"}})
	wantCode(t, "unknown code", st, http.StatusNotFound, body)
}

func TestRegisterIncomingLetter(t *testing.T) {
	s := trackSite(t)
	pinStaffClock(s, staffClockStart)
	ctx := context.Background()
	r := applyPermit(t, s, "09121234567")
	addStaffUser(t, s, "letters.officer", "همکار دبیرخانه", []desk.Role{desk.RoleOfficer},
		desk.Membership{UnitCode: r.UnitCode, Title: "کارشناس"})
	officer := signInStaff(t, s, "letters.officer", staffTestPassword)
	page := "/staff/requests/" + itoa(r.ID)

	// The demo agency's central secretariat is offered.
	st, body, _ := officer.get(page)
	wantCode(t, "request page", st, http.StatusOK, body)
	mustContain(t, body, `action="`+page+`/letter"`, `<option value="1">دبیرخانه مرکزی</option>`)
	if strings.Contains(body, "نامه‌های دبیرخانه") {
		t.Error("letters listed before any was registered")
	}

	// A stale page is refused and registers nothing.
	st, body, _ = officer.post(page+"/letter", url.Values{"secretariat": {"1"}, "version": {strconv.Itoa(r.Version + 5)}})
	wantCode(t, "stale", st, http.StatusConflict, body)
	if ls, _ := s.app.Store.LettersOfRequest(ctx, r.ID); len(ls) != 0 {
		t.Fatalf("letters after a refusal: %+v", ls)
	}

	st, body, h := officer.post(page+"/letter", url.Values{"secretariat": {"۱"}, "version": {strconv.Itoa(r.Version)}})
	if st != http.StatusSeeOther || h.Get("Location") != page+"?done=letter" {
		t.Fatalf("register: %d %q\n%s", st, h.Get("Location"), errSummary(body))
	}
	ls, _ := s.app.Store.LettersOfRequest(ctx, r.ID)
	if len(ls) != 1 || ls[0].Number != "1405/1/و" || ls[0].Direction != letters.Incoming {
		t.Fatalf("letters %+v", ls)
	}
	const shown = `<bdi class="ltr">۱۴۰۵/۱/و</bdi>`
	_, body, _ = officer.get(page + "?done=letter")
	mustContain(t, body, "درخواست به‌عنوان نامه وارده در دبیرخانه ثبت شد", "نامه‌های دبیرخانه", shown,
		"۳۱ فروردین ۱۴۰۵", "دبیرخانه مرکزی")
	if strings.Contains(body, `action="`+page+`/letter"`) {
		t.Error("the registration form is still offered")
	}

	// Once per request: a second try (a second tab) is refused.
	cur, _ := s.app.Store.Request(ctx, r.ID)
	st, body, _ = officer.post(page+"/letter", url.Values{"secretariat": {"1"}, "version": {strconv.Itoa(cur.Version)}})
	wantCode(t, "second registration", st, http.StatusConflict, body)
	mustContain(t, body, "این درخواست پیش‌تر به‌عنوان نامه وارده ثبت شده است")

	// The citizen: an SMS, and the number on the tracking page.
	sms, _ := s.app.Store.RequestSMS(ctx, r.ID)
	found := false
	for _, m := range sms {
		found = found || m.Kind == string(notice.KindLetterIssued)
	}
	if !found {
		t.Errorf("no letter SMS among %+v", sms)
	}
	body = track(t, s, r, "09121234567")
	mustContain(t, body, "شماره نامه", shown, "درخواست در دبیرخانه به‌عنوان نامه وارده ثبت شد.")

	// The answer goes out as the outgoing letter in reply, printable with
	// a QR code to its public verification page.
	a, err := s.app.Store.Actor(ctx, officer.ID)
	if err != nil {
		t.Fatal(err)
	}
	act(t, s, a, r.ID, workflow.ActInput{Action: desk.ActAccept})
	// A letter's reply is signed by the unit's manager (reply_draft.go).
	mgrID := addStaffUser(t, s, "letters.manager", "مدیر صدور پروانه", []desk.Role{desk.RoleManager},
		desk.Membership{UnitCode: r.UnitCode, Title: "مدیر"})
	mgr, err := s.app.Store.Actor(ctx, mgrID)
	if err != nil {
		t.Fatal(err)
	}
	act(t, s, mgr, r.ID, workflow.ActInput{Action: desk.ActAnswer, Text: "پروانه ساختمان شما صادر شد."})
	ls, _ = s.app.Store.LettersOfRequest(ctx, r.ID)
	if len(ls) != 2 || ls[1].Number != "1405/1/ص" {
		t.Fatalf("letters after the answer: %+v", ls)
	}
	printPath := "/staff/letters/" + itoa(ls[1].ID) + "/print"
	_, body, _ = officer.get(page)
	mustContain(t, body, `href="`+printPath+`"`, `<bdi class="ltr">۱۴۰۵/۱/ص</bdi>`)
	st, body, _ = officer.get(printPath)
	wantCode(t, "print", st, http.StatusOK, body)
	token, _ := s.app.Store.LetterToken(ctx, ls[1].ID)
	verify := "/v/" + token
	mustContain(t, body, `<bdi class="ltr">۱۴۰۵/۱/ص</bdi>`, shown, "پروانه ساختمان شما صادر شد.", "مدیر صدور پروانه",
		"علی رضایی", "<svg", s.srv.URL+verify)
	wantAudit(t, s, "letter.print", a.Label())
	if st, _, _ := officer.get("/staff/letters/" + itoa(ls[0].ID) + "/print"); st != http.StatusNotFound {
		t.Errorf("the incoming letter printed as an answer: %d", st)
	}

	// Anyone with the paper: number, date, signer and service, nothing
	// personal.
	c := stranger()
	resp, err := c.Get(s.srv.URL + verify)
	if err != nil {
		t.Fatal(err)
	}
	vb, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	wantCode(t, "verify", resp.StatusCode, http.StatusOK, string(vb))
	svc, _ := s.app.Store.Service(ctx, permitCode)
	mustContain(t, string(vb), `<bdi class="ltr">۱۴۰۵/۱/ص</bdi>`, "۳۱ فروردین ۱۴۰۵", "مدیر صدور پروانه", svc.Title, "دبیرخانه مرکزی")
	mustLack(t, string(vb), "علی رضایی", "پروانه ساختمان شما صادر شد.")
	if hasCode(string(vb), r.TrackingCode) {
		t.Error("the verification page shows the tracking code")
	}
	for _, bad := range []string{"/v/2222222222222222", "/v/nope"} {
		resp, err := c.Get(s.srv.URL + bad)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", bad, resp.StatusCode)
		}
	}
}

// Manual mode from the request page: the number and date typed from the
// agency's automation; a bad date keeps what was typed.
func TestRegisterIncomingManualPage(t *testing.T) {
	s := trackSite(t)
	pinStaffClock(s, staffClockStart)
	ctx := context.Background()
	r := applyPermit(t, s, "09121234567")
	addStaffUser(t, s, "manual.officer", "همکار ثبت دستی", []desk.Role{desk.RoleOfficer},
		desk.Membership{UnitCode: r.UnitCode, Title: "کارشناس"})
	officer := signInStaff(t, s, "manual.officer", staffTestPassword)
	page := "/staff/requests/" + itoa(r.ID)
	_, body, _ := officer.get(page)
	mustContain(t, body, `name="number"`, `name="date"`, `<label for="letter-date">`)

	form := url.Values{"secretariat": {"1"}, "version": {strconv.Itoa(r.Version)}, "number": {"۸۸۲/ص/۱۲"}, "date": {"۱۴۰۵/۱۳/۱"}}
	st, body, _ := officer.post(page+"/letter", form)
	wantCode(t, "bad date", st, http.StatusUnprocessableEntity, body)
	mustContain(t, body, "تاریخ نامه را به شمسی وارد کنید", `value="۸۸۲/ص/۱۲"`, `value="۱۴۰۵/۱۳/۱"`, " open>")

	form.Set("date", "۱۴۰۵/۱/۲۰")
	st, body, h := officer.post(page+"/letter", form)
	if st != http.StatusSeeOther || h.Get("Location") != page+"?done=letter" {
		t.Fatalf("register: %d %q\n%s", st, h.Get("Location"), errSummary(body))
	}
	ls, _ := s.app.Store.LettersOfRequest(ctx, r.ID)
	if len(ls) != 1 || ls[0].Number != "882/ص/12" || ls[0].Seq >= 0 {
		t.Fatalf("letters %+v", ls)
	}
	_, body, _ = officer.get(page)
	mustContain(t, body, `<bdi class="ltr">۸۸۲/ص/۱۲</bdi>`, "۲۰ فروردین ۱۴۰۵")
}

// The SHAMS identifier on the manual form: checked as a GUID, kept on an
// error, stored in lower case.
func TestRegisterIncomingShamsPage(t *testing.T) {
	s := trackSite(t)
	pinStaffClock(s, staffClockStart)
	ctx := context.Background()
	r := applyPermit(t, s, "09121234567")
	addStaffUser(t, s, "shams.officer", "همکار شمس", []desk.Role{desk.RoleOfficer},
		desk.Membership{UnitCode: r.UnitCode, Title: "کارشناس"})
	officer := signInStaff(t, s, "shams.officer", staffTestPassword)
	page := "/staff/requests/" + itoa(r.ID)
	_, body, _ := officer.get(page)
	mustContain(t, body, `name="shams_id"`, `<label for="letter-shams">`)

	form := url.Values{"secretariat": {"1"}, "version": {strconv.Itoa(r.Version)}, "number": {"۸۸۳/ص/۱۲"},
		"date": {"۱۴۰۵/۱/۲۰"}, "shams_id": {"3F2504E0-4F89-11D3-9A0C"}}
	st, body, _ := officer.post(page+"/letter", form)
	wantCode(t, "bad GUID", st, http.StatusUnprocessableEntity, body)
	mustContain(t, body, "شناسه شمس باید یک GUID باشد", `value="3F2504E0-4F89-11D3-9A0C"`, `value="۸۸۳/ص/۱۲"`,
		`href="#f-shams_id"`, " open>")
	if ls, _ := s.app.Store.LettersOfRequest(ctx, r.ID); len(ls) != 0 {
		t.Fatalf("letters after a refusal: %+v", ls)
	}

	form.Set("shams_id", " 3F2504E0-4F89-11D3-9A0C-0305E82C3301 ")
	st, body, h := officer.post(page+"/letter", form)
	if st != http.StatusSeeOther || h.Get("Location") != page+"?done=letter" {
		t.Fatalf("register: %d %q\n%s", st, h.Get("Location"), errSummary(body))
	}
	ls, _ := s.app.Store.LettersOfRequest(ctx, r.ID)
	if len(ls) != 1 || ls[0].ShamsID != "3f2504e0-4f89-11d3-9a0c-0305e82c3301" || ls[0].Number != "883/ص/12" {
		t.Fatalf("letters %+v", ls)
	}
}

// A reply signed in the agency's automation prints with the signer the
// automation named, on the sheet and on the public verification page.
func TestPrintExternalReply(t *testing.T) {
	s := trackSite(t)
	pinStaffClock(s, staffClockStart)
	ctx := context.Background()
	r := applyPermit(t, s, "09121234567")
	addStaffUser(t, s, "ext.manager", "مدیر آزمایشی", []desk.Role{desk.RoleManager},
		desk.Membership{UnitCode: r.UnitCode, Title: "مدیر"})
	manager := signInStaff(t, s, "ext.manager", staffTestPassword)
	a, err := s.app.Store.Actor(ctx, manager.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.app.Flow.RegisterIncoming(ctx, a, workflow.RegisterInput{RequestID: r.ID, Version: r.Version,
		Secretariat: "auto", Number: "1405/1234/و", Date: "1405/1/20"}); err != nil {
		t.Fatal(err)
	}
	act(t, s, a, r.ID, workflow.ActInput{Action: desk.ActAccept})
	act(t, s, a, r.ID, workflow.ActInput{Action: desk.ActAnswer, Text: "پروانه ساختمان شما صادر شد.",
		Reply: &workflow.ExternalReply{Number: "1405/2345/ص", Date: "1405/1/25", Signer: "علی محمدی، مدیر امور حقوقی"}})
	ls, _ := s.app.Store.LettersOfRequest(ctx, r.ID)
	if len(ls) != 2 || ls[1].Number != "1405/2345/ص" {
		t.Fatalf("letters %+v", ls)
	}
	st, body, _ := manager.get("/staff/letters/" + itoa(ls[1].ID) + "/print")
	wantCode(t, "print", st, http.StatusOK, body)
	mustContain(t, body, `<bdi class="ltr">۱۴۰۵/۲۳۴۵/ص</bdi>`, "علی محمدی، مدیر امور حقوقی", "پروانه ساختمان شما صادر شد.")
	token, _ := s.app.Store.LetterToken(ctx, ls[1].ID)
	resp, err := stranger().Get(s.srv.URL + "/v/" + token)
	if err != nil {
		t.Fatal(err)
	}
	vb, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	wantCode(t, "verify", resp.StatusCode, http.StatusOK, string(vb))
	mustContain(t, string(vb), "علی محمدی، مدیر امور حقوقی", "اتوماسیون اداری")
}
