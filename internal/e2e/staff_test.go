package e2e

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"mizban/internal/app"
	"mizban/internal/desk"
	"mizban/internal/fa"
	"mizban/internal/workflow"
)

// The demo people of the staff stories (internal/demo/agency.json) with
// the published demo passwords of their roles (internal/demo/logins.go).
// A report lands at the service desk, which sends it to the urban services
// unit; its officer refers it on to waste management.
func demoStaff() (officer, receiver, manager, operator *staffLogin) {
	return &staffLogin{Username: "a.kermani", Password: "Sarv-Dorna-7264", Name: "علی کرمانی"},
		&staffLogin{Username: "m.heidari", Password: "Sarv-Dorna-7264", Name: "محسن حیدری"},
		&staffLogin{Username: "j.rostami", Password: "Golab-Tirgan-3905", Name: "جواد رستمی"},
		&staffLogin{Username: "z.hosseini", Password: "Anar-Kavir-5183", Name: "زهرا حسینی"}
}

const (
	deskUnit = "desk"     // میز خدمت: every demo service's first step
	fromUnit = "services" // معاونت خدمات شهری: the report service's unit
	toUnit   = "waste"    // اداره مدیریت پسماند

	instruction = "بررسی میدانی شود و نتیجه تا پایان هفته اعلام شود."
	docsMessage = "لطفاً عکس واضحی از محل و نشانی دقیق‌تر بفرستید."
	answerText  = "نخاله‌ها روز شنبه جمع‌آوری می‌شود و محل پاک‌سازی خواهد شد."
	rejectWhy   = "محل گزارش‌شده در حریم شهر نیست و رسیدگی به آن با شهرداری نیست."
	rejectBasis = "ماده ۵۵ قانون شهرداری‌ها، بند ۲۰"
)

// TestStaffReferDocsDecide follows one request across the desk: an officer
// signs in with a second factor (enrolled on the spot), refers it with an
// instruction; the receiving officer asks the citizen for a document; the
// citizen uploads it from the tracking page; a manager answers it (and
// rejects a second request with reason and legal basis); the citizen sees
// the answer and every step with the unit and the person.
func TestStaffReferDocsDecide(t *testing.T) {
	a, base := startApp(t)
	const mobile1, mobile2 = "09123334455", "09124445566"
	req := createRequest(t, a, mobile1)
	other := createRequest(t, a, mobile2)
	if req.UnitCode != deskUnit || other.UnitCode != deskUnit {
		t.Fatalf("report requests went to %q and %q, want %q", req.UnitCode, other.UnitCode, deskUnit)
	}
	officer, receiver, manager, _ := demoStaff()
	// The service desk (no officers: operators and a manager) sends both to
	// the service's unit, and the second on to the manager's unit, through
	// the workflow.
	deskOperator, kermani := actorOf(t, a, "z.hosseini"), actorOf(t, a, officer.Username)
	req = referDirect(t, a, deskOperator, req, fromUnit, "به معاونت خدمات شهری برای رسیدگی")
	other = referDirect(t, a, deskOperator, other, fromUnit, "به معاونت خدمات شهری برای رسیدگی")
	other = referDirect(t, a, kermani, other, toUnit, instruction)

	b := newDesk(t, base)
	dir := t.TempDir()
	photo := writeFile(t, dir, "site-photo.png", smallPNG(t))
	answerPDF := writeFile(t, dir, "answer-letter.pdf", onePagePDF())

	// 1. The officer's first sign-in enrolls the second factor; a second
	// sign-in asks for the code (and refuses the one already used).
	unitTray := "/staff/tray?scope=unit"
	referredTray := "/staff/tray?scope=unit&tab=referred"
	enroll(t, b, officer, referredTray, "s01")
	signOut(t, b)
	signIn(t, b, officer, referredTray, "s02-totp")

	// The unit's tray lists the request the desk referred.
	row := `table.tray a[href="/staff/requests/` + strconv.FormatInt(req.ID, 10) + `"]`
	b.step("request in the unit's tray", chromedp.WaitVisible(chromedp.CSS(row)))
	if n := b.text(`nav.tabs a[aria-current="page"] .count`); fa.ASCIIDigits(n) != "1" {
		t.Errorf("«referred» tab of the officer's unit counts %q, want 1", n)
	}
	if s := b.text("table.tray tbody"); strings.Contains(s, "مریم احمدی") {
		t.Errorf("the tray shows the applicant's full name unmasked: %q", s)
	}
	noRawSlugs(t, b, "tray")
	b.shot("s03-tray")

	// The request page, with its actions.
	b.load("open the request", chromedp.Click(chromedp.CSS(row)))
	rendered(t, b, ".actions-panel", "request page")
	if got := summaryValue(b, "کد رهگیری"); fa.ASCIIDigits(strings.Join(strings.Fields(got), "")) != req.TrackingCode {
		t.Errorf("request page shows tracking code %q, want %s", got, req.TrackingCode)
	}
	if got := summaryValue(b, "کد ملی"); strings.Contains(fa.ASCIIDigits(got), "0076229645") {
		t.Errorf("national ID shown unmasked before a reveal: %q", got)
	}
	openDetails(b, "ارجاع")
	b.step("refer form", chromedp.WaitVisible(chromedp.CSS("#refer-instruction")))
	b.step("choose the unit", chromedp.SetValue(chromedp.CSS("#refer-unit"), toUnit))
	b.fill("#refer-instruction", instruction)
	noRawSlugs(t, b, "request page")
	b.shot("s04-request-refer")
	st := b.load("refer", chromedp.Click(chromedp.CSS(`form:has(#refer-unit) button[type=submit]`)))
	// The officer no longer holds the file; the page they land on should
	// say the referral was done, not that the request is missing.
	if st != http.StatusOK {
		t.Errorf("after referring, the officer lands on %s with status %d: %q", b.location(), st, b.text("main"))
	}
	after, err := a.Store.Request(t.Context(), req.ID)
	if err != nil {
		t.Fatal(err)
	}
	if after.UnitCode != toUnit || after.Status != desk.StatusInProgress {
		t.Fatalf("after the referral the request is with %q in %q, want %q in progress", after.UnitCode, after.Status, toUnit)
	}
	signOut(t, b)

	// 2. The receiving officer sees the referral with its instruction and
	// asks the citizen for a document.
	enroll(t, b, receiver, referredTray, "")
	b.step("referred request in the tray", chromedp.WaitVisible(chromedp.CSS(row)))
	b.load("open the referred request", chromedp.Click(chromedp.CSS(row)))
	rendered(t, b, ".actions-panel", "request page")
	if s := b.text("main"); !strings.Contains(s, "زنجیره ارجاع") || !strings.Contains(s, instruction) {
		t.Errorf("receiving officer does not see the referral chain with its instruction")
	}
	openDetails(b, "درخواست مدرک از شهروند")
	b.fill("#docs-message", docsMessage)
	if st := b.load("ask for documents", chromedp.Click(chromedp.CSS(`form:has(#docs-message) button[type=submit]`))); st != http.StatusOK {
		t.Fatalf("ask for documents: status %d: %s", st, b.text("main"))
	}
	if s := b.text("main"); !strings.Contains(s, "انجام شد") {
		t.Errorf("no confirmation after asking for documents")
	}
	if got := summaryValue(b, "وضعیت"); got != desk.StatusTitle[desk.StatusNeedsDocs] {
		t.Errorf("status after asking for documents %q, want %q", got, desk.StatusTitle[desk.StatusNeedsDocs])
	}
	b.shot("s05-request-docs-asked")
	signOut(t, b)

	// 3. The citizen, on a phone, uploads the document from the tracking
	// page after the one-time code.
	citizen, closeCitizen := b.newTab()
	defer closeCitizen()
	trackDetails(t, citizen, req.TrackingCode, mobile1)
	if s := citizen.text("main"); !strings.Contains(s, docsMessage) {
		t.Errorf("tracking page does not show what the officer asked for: %q", docsMessage)
	}
	if exists(citizen, `form[action="/track/documents"] input[type=file]`) {
		citizen.step("attach the photo", chromedp.SetUploadFiles(chromedp.CSS(`form[action="/track/documents"] input[type=file]`), []string{photo}))
		citizen.shot("s06-track-upload")
		if st := citizen.load("send the document", chromedp.Click(chromedp.CSS(`form[action="/track/documents"] button[type=submit]`))); st != http.StatusOK {
			t.Fatalf("send the document: status %d: %s", st, citizen.text("main"))
		}
	} else {
		t.Log("the tracking page has no upload form (POST /track/documents) yet: the document goes in through the workflow")
		token := cookie(citizen, "mizban_track")
		if token == "" {
			t.Fatal("no tracking session cookie after the one-time code")
		}
		if _, err := a.Flow.CitizenDocs(t.Context(), token, []workflow.Upload{{Key: "issue_photo", Name: "site-photo.png", Data: smallPNG(t)}},
			a.Flow.ClientKey("127.0.0.1")); err != nil {
			t.Fatalf("citizen documents: %v", err)
		}
	}
	back, err := a.Store.Request(t.Context(), req.ID)
	if err != nil {
		t.Fatal(err)
	}
	if back.Status != desk.StatusInProgress || len(back.Documents) != 1 || back.Documents[0].Name != "site-photo.png" {
		t.Fatalf("after the upload the request is %q with documents %+v, want in progress with site-photo.png", back.Status, back.Documents)
	}

	// 4. The manager answers the first request (with a letter attached) and
	// rejects the second with reason and legal basis.
	enroll(t, b, manager, unitTray, "")
	b.open("/staff/requests/" + strconv.FormatInt(req.ID, 10))
	rendered(t, b, ".actions-panel", "request page")
	if s := b.text("main"); !strings.Contains(s, "site-photo.png") {
		t.Errorf("manager does not see the citizen's document on the request page")
	}
	openDetails(b, "پاسخ نهایی")
	b.fill("#answer-text", answerText)
	b.step("attach the answer letter", chromedp.SetUploadFiles(chromedp.CSS("#answer-file"), []string{answerPDF}))
	if st := b.load("answer", chromedp.Click(chromedp.CSS(`form:has(#answer-text) button[type=submit]`))); st != http.StatusOK {
		t.Fatalf("answer: status %d: %s", st, b.text("main"))
	}
	if got := summaryValue(b, "وضعیت"); got != desk.StatusTitle[desk.StatusAnswered] {
		t.Errorf("status after the answer %q, want %q", got, desk.StatusTitle[desk.StatusAnswered])
	}
	b.shot("s07-request-answered")

	b.open("/staff/requests/" + strconv.FormatInt(other.ID, 10))
	openDetails(b, "رد درخواست با ذکر دلیل")
	// Without the legal basis the rejection is refused and the reason kept.
	b.fill("#reject-reason", rejectWhy)
	rejectBtn := `form:has(#reject-reason) button[type=submit]`
	if st := b.load("reject without a legal basis", chromedp.Click(chromedp.CSS(rejectBtn))); st != http.StatusUnprocessableEntity {
		t.Errorf("reject without a legal basis: status %d, want 422", st)
	}
	if got := b.value("#reject-reason"); got != rejectWhy {
		t.Errorf("the reason typed was lost after the refusal: %q", got)
	}
	if open := get(b, "reject form open", chromedp.Evaluate[bool](`document.querySelector('#reject-reason').closest('details').open`)); !open {
		t.Error("after the refusal the rejection form is closed: the message is hidden")
	}
	b.fill("#reject-basis", rejectBasis)
	if st := b.load("reject", chromedp.Click(chromedp.CSS(rejectBtn))); st != http.StatusOK {
		t.Fatalf("reject: status %d: %s", st, b.text("main"))
	}
	if got := summaryValue(b, "وضعیت"); got != desk.StatusTitle[desk.StatusRejected] {
		t.Errorf("status after the rejection %q, want %q", got, desk.StatusTitle[desk.StatusRejected])
	}

	// 5. The citizen sees the answer and every step, with unit and person.
	trackDetails(t, citizen, req.TrackingCode, mobile1)
	if got := summaryValue(citizen, "وضعیت کنونی"); got != desk.StatusTitle[desk.StatusAnswered] {
		t.Errorf("tracking page says %q, want %q", got, desk.StatusTitle[desk.StatusAnswered])
	}
	if s := citizen.text("main"); !strings.Contains(s, answerText) {
		t.Errorf("tracking page does not show the answer %q", answerText)
	}
	if !exists(citizen, `main a[href^="/track/answer/"]`) || !strings.Contains(citizen.text("main"), "answer-letter.pdf") {
		t.Error("tracking page offers no download of the answer letter")
	}
	if s := citizen.text("main"); strings.Contains(s, instruction) {
		t.Error("the citizen sees the staff-only referral instruction")
	}
	steps := timeline(citizen)
	wasteName, servicesName := unitName(t, a, toUnit), unitName(t, a, fromUnit)
	wantSteps := []struct{ what, unit, person string }{ // newest first
		{answerText, wasteName, manager.Name},
		{"مدارک", wasteName, ""},
		{docsMessage, wasteName, receiver.Name},
		{"ارجاع", wasteName, ""},
		{"ارجاع", servicesName, ""},
		{"ثبت", unitName(t, a, deskUnit), ""},
	}
	if len(steps) != len(wantSteps) {
		t.Errorf("citizen's timeline has %d steps, want %d: %+v", len(steps), len(wantSteps), steps)
	}
	for i, w := range wantSteps {
		if i >= len(steps) {
			break
		}
		s := steps[i]
		if !strings.Contains(s.What, w.what) || !strings.Contains(s.Who, w.unit) || (w.person != "" && !strings.Contains(s.Who, w.person)) {
			t.Errorf("timeline step %d is %+v, want «%s» with %s %s", i+1, s, w.what, w.unit, w.person)
		}
	}
	citizen.shot("s08-track-answer")

	trackDetails(t, citizen, other.TrackingCode, mobile2)
	if got := summaryValue(citizen, "وضعیت کنونی"); got != desk.StatusTitle[desk.StatusRejected] {
		t.Errorf("second request's tracking page says %q, want %q", got, desk.StatusTitle[desk.StatusRejected])
	}
	if s := citizen.text("main"); !strings.Contains(s, rejectWhy) || !strings.Contains(s, rejectBasis) {
		t.Errorf("tracking page of the rejected request lacks the reason or the legal basis %q", rejectBasis)
	}
	if who := timeline(citizen); len(who) == 0 || !strings.Contains(who[0].Who, manager.Name) {
		t.Errorf("the rejection step does not name the manager: %+v", who)
	}
	citizen.shot("s09-track-rejected")
}

// actorOf is the demo person username as the workflow sees them once
// signed in: roles and units from the store.
func actorOf(t *testing.T, a *app.App, username string) desk.Actor {
	t.Helper()
	rec, err := a.Store.StaffByUsername(t.Context(), username)
	if err != nil {
		t.Fatalf("demo staff %s: %v", username, err)
	}
	actor, err := a.Store.Actor(t.Context(), rec.ID)
	if err != nil {
		t.Fatalf("actor of %s: %v", username, err)
	}
	return actor
}

// referDirect refers r to unit through the workflow as actor, and returns
// the request as it is after.
func referDirect(t *testing.T, a *app.App, actor desk.Actor, r desk.Request, unit, why string) desk.Request {
	t.Helper()
	out, err := a.Flow.Act(t.Context(), actor, workflow.ActInput{RequestID: r.ID, Version: r.Version,
		Action: desk.ActRefer, ToUnit: unit, Instruction: why, Client: a.Flow.ClientKey("192.0.2.10")})
	if err != nil {
		t.Fatalf("refer request %d to %s: %v", r.ID, unit, err)
	}
	return out
}

// trackDetails takes the citizen's tab to the tracking details of code:
// code and mobile, "send code", the code from the demo inbox, verify.
func trackDetails(t *testing.T, c *browser, code, mobile string) {
	t.Helper()
	c.open("/track")
	c.type_("#i-code", fa.PersianDigits(code))
	c.type_("#i-mobile", fa.PersianDigits(mobile))
	if st := c.load("track", chromedp.Click(chromedp.CSS(`form[action="/track"] button[type=submit]`))); st != http.StatusOK {
		t.Fatalf("track %s: status %d: %s", code, st, c.text("main"))
	}
	if st := c.load("send the code", chromedp.Click(chromedp.CSS(`form[action="/track/code"] button[type=submit]`))); st != http.StatusOK {
		t.Fatalf("send the tracking code: status %d: %s", st, c.text("main"))
	}
	c.type_("#i-otp", fa.PersianDigits(newestOTP(c)))
	if st := c.load("verify", chromedp.Click(chromedp.CSS(`form[action="/track/verify"] button[type=submit]`))); st != http.StatusOK {
		t.Fatalf("verify the tracking code: status %d: %s", st, c.text("main"))
	}
	if loc := c.location(); loc != "/track/details" {
		t.Fatalf("after the code the citizen is at %s, want /track/details", loc)
	}
	c.step("details", chromedp.WaitVisible(chromedp.CSS("ol.timeline li")))
}

// counterService is a service with a required scanned PDF: an objection
// to local taxes.
const counterService = "17051330002"

// TestCounterWalkIn: a desk operator signs in, registers a walk-in with a
// scanned PDF, confirms with the code the citizen reads out, and reaches
// the A5 receipt.
func TestCounterWalkIn(t *testing.T) {
	a, base := startApp(t)
	_, _, _, operator := demoStaff()
	b := newDesk(t, base)
	scan := writeFile(t, t.TempDir(), "tax-bill-scan.pdf", onePagePDF())

	enroll(t, b, operator, "/staff/counter", "s10")
	b.step("service picker", chromedp.WaitVisible(chromedp.CSS("select#i-code")))
	b.step("pick the service", chromedp.SetValue(chromedp.CSS("select#i-code"), counterService))
	b.load("continue", chromedp.Click(chromedp.CSS(`form.counter-picker button[type=submit]`)))
	if loc := b.location(); loc != "/staff/counter/"+counterService {
		t.Fatalf("picking the service led to %s", loc)
	}
	b.step("counter form", chromedp.WaitVisible(chromedp.CSS("#i-applicant_name")))
	inPerson := get(b, "in person is the default", chromedp.Evaluate[bool](`document.querySelector('input[name=channel][value=in_person]').checked`))
	if !inPerson {
		t.Error("the counter form does not default to an in-person request")
	}
	b.type_("#i-applicant_name", "حسن رضوی")
	b.type_("#i-applicant_nid", goodNID)
	b.type_("#i-applicant_mobile", "۰۹۱۳۵۵۵۶۶۷۷")
	b.type_("#i-renewal_code", "۱۲-۳۴۵-۶۷۸")
	b.step("answer the questions",
		chromedp.Click(chromedp.CSS(`input[name=a_tax_year][value="۱۴۰۴"]`)),
		chromedp.Click(chromedp.CSS(`input[name=a_objection_reason][value="اشتباه در مساحت یا کاربری ملک"]`)),
	)
	b.fill("#i-explanation", "مساحت ملک ۸۰ متر است ولی در قبض ۱۲۰ متر آمده است.")
	b.step("scan the bill", chromedp.SetUploadFiles(chromedp.CSS("#i-doc_tax_bill"), []string{scan}))
	noRawSlugs(t, b, "counter form")
	b.shot("s11-counter-form")
	if st := b.load("register", chromedp.Click(chromedp.CSS(`form[action="/staff/counter/`+counterService+`"] button[type=submit]`))); st != http.StatusOK {
		t.Fatalf("register at the counter: status %d: %s", st, b.text("main"))
	}
	if loc := b.location(); !strings.HasPrefix(loc, "/staff/counter/draft/") {
		t.Fatalf("after the form the page is %s, want the code step", loc)
	}
	if s := b.text("main"); !strings.Contains(s, "tax-bill-scan.pdf") {
		t.Errorf("the code step does not list the scanned bill")
	}
	b.type_("#i-code", newestOTP(b))
	if st := b.load("confirm", chromedp.Click(chromedp.CSS(`form[action^="/staff/counter/draft/"]:not([action$="/resend"]) button[type=submit]`))); st != http.StatusOK {
		t.Fatalf("confirm at the counter: status %d: %s", st, b.text("main"))
	}

	// The A5 receipt.
	u, err := url.Parse(b.location())
	if err != nil || !strings.Contains(u.Path, "/receipt/") || u.Query().Get("size") != "a5" {
		t.Fatalf("after the code the page is %s, want the A5 receipt", b.location())
	}
	b.step("tracking code", chromedp.WaitVisible(chromedp.CSS(".tracking-code")))
	tracking := strings.Join(strings.Fields(fa.ASCIIDigits(b.text(".tracking-code"))), "")
	if !desk.ValidTrackingCode(tracking) || !strings.HasSuffix(u.Path, "/receipt/"+tracking) {
		t.Fatalf("receipt shows tracking code %q at %s", tracking, u.Path)
	}
	if !exists(b, "body.print-a5") {
		t.Error("the counter receipt is not laid out for A5 (body.print-a5)")
	}
	// The operator's next step: print, then the next person in the queue.
	if !exists(b, `.notice a[href="/staff/counter"]`) {
		t.Error("the counter receipt has no print hint and no «ثبت درخواست تازه» link back to the counter")
	}
	req, err := a.Store.RequestByTracking(t.Context(), tracking)
	if err != nil {
		t.Fatalf("the receipt's code is not in the store: %v", err)
	}
	if req.Channel != desk.ChannelInPerson || len(req.Documents) != 1 || req.Documents[0].Name != "tax-bill-scan.pdf" {
		t.Errorf("registered request: channel %q, documents %+v; want in person with the scan", req.Channel, req.Documents)
	}
	b.shot("s12-counter-receipt")
}
