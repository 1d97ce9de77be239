package e2e

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"mizban/internal/app"
	"mizban/internal/desk"
	"mizban/internal/fa"
	"mizban/internal/i18n"
)

// permitService is the demo building permit: online, with three required
// uploads (one PDF-only) and choice, number and text questions.
const permitService = "17051310001" // صدور پروانه ساختمانی

// The citizen of the test. The national ID and mobile are typed in Persian
// digits, as a Persian keyboard gives them.
const (
	citizenName   = "زهرا کریمی"
	goodNID       = "۰۰۷۶۲۲۹۶۴۵"
	badNID        = "۰۰۷۶۲۲۹۶۴۶" // last digit off: checksum fails
	citizenMobile = "۰۹۱۲۱۲۳۴۵۶۷"
	registryPlate = "۱۲۳ فرعی از ۴۵ اصلی"
)

// TestCitizenPath walks the whole path of a citizen on a phone: search with
// a misspelt query, read the card, apply with documents, recover from a
// mistake without losing anything, confirm with the SMS code, read the
// receipt and track the request.
func TestCitizenPath(t *testing.T) {
	a, base := startApp(t)
	b := newBrowser(t, base)
	dir := t.TempDir()
	deed := writeFile(t, dir, "deed.pdf", onePagePDF())
	idCard := writeFile(t, dir, "id-card.png", smallPNG(t))
	survey := writeFile(t, dir, "survey-map.pdf", onePagePDF())

	// Home.
	b.open("/")
	b.step("home search box", chromedp.WaitVisible(chromedp.CSS(".search-form #q")))
	noRawSlugs(t, b, "home")
	b.shot("01-home")

	// A query with Arabic ي and the space between the words left out.
	query := "پروانهساختماني"
	b.type_(".search-form #q", query)
	if st := b.load("search", chromedp.Click(chromedp.CSS(".search-form button[type=submit]"))); st != http.StatusOK {
		t.Fatalf("search: status %d", st)
	}
	if loc := b.location(); !strings.HasPrefix(loc, "/services?q=") {
		t.Fatalf("search went to %s, want /services?q=…", loc)
	}
	permitLink := `.service-list a[href="/services/` + permitService + `"]`
	b.step("building permit among the results", chromedp.WaitVisible(chromedp.CSS(permitLink)))
	if got := b.value("#q"); got != query {
		t.Errorf("catalog search box holds %q, want the query %q", got, query)
	}
	if status := b.text(`main p[role=status]`); !strings.Contains(status, "خدمت پیدا شد") {
		t.Errorf("result count says %q", status)
	}
	noRawSlugs(t, b, "catalog")
	b.shot("02-catalog")

	// The service card.
	b.load("open the card", chromedp.Click(chromedp.CSS(permitLink)))
	if h1 := b.text("main h1"); h1 != "صدور پروانه ساختمانی" {
		t.Fatalf("card heading %q", h1)
	}
	applyLink := `main a.button[href="/services/` + permitService + `/apply"]`
	b.step("apply button", chromedp.WaitVisible(chromedp.CSS(applyLink)))
	if label := b.text(applyLink); label != "ثبت درخواست اینترنتی" {
		t.Errorf("apply button says %q", label)
	}
	noRawSlugs(t, b, "service card")
	b.shot("03-service")

	// The form, first with a wrong national ID.
	b.load("open the form", chromedp.Click(chromedp.CSS(applyLink)))
	b.step("form visible", chromedp.WaitVisible(chromedp.CSS("#i-applicant_name")))
	b.type_("#i-applicant_name", citizenName)
	b.type_("#i-applicant_nid", badNID)
	b.type_("#i-applicant_mobile", citizenMobile)
	b.step("answer the questions",
		chromedp.Click(chromedp.CSS(`input[name=a_permit_type][value="احداث بنای جدید در زمین خالی"]`)),
		chromedp.Click(chromedp.CSS(`input[name=a_land_use][value="مسکونی"]`)),
	)
	b.type_("#i-registry_plate", registryPlate)
	b.type_("#i-land_area", "۲۵۰")
	b.type_("#i-floors", "۳")
	b.type_("#i-property_address", "خیابان بهار، کوچه سوم، پلاک ۱۲")
	b.step("attach the documents",
		chromedp.SetUploadFiles(chromedp.CSS("#i-doc_ownership_deed"), []string{deed}),
		chromedp.SetUploadFiles(chromedp.CSS("#i-doc_owner_id_card"), []string{idCard}),
		chromedp.SetUploadFiles(chromedp.CSS("#i-doc_survey_map"), []string{survey}),
	)
	submit := `form[action$="/apply"] button[type=submit]`
	if st := b.load("submit with a wrong national ID", chromedp.Click(chromedp.CSS(submit))); st < 400 || st >= 500 {
		t.Fatalf("submit with a wrong national ID: status %d, want a 4xx form error", st)
	}
	b.step("error summary", chromedp.WaitVisible(chromedp.CSS("#error-summary")))
	if s := b.text("#error-summary"); !strings.Contains(s, "لطفاً این موارد را درست کنید") || !strings.Contains(s, "کد ملی درست نیست") {
		t.Errorf("error summary %q lacks the heading or the checksum message", s)
	}
	if s := b.text("#error-summary"); strings.Count(s, "\n") > 2 {
		t.Errorf("error summary lists more than the national ID: %q", s)
	}
	b.step("summary links to the field", chromedp.WaitVisible(chromedp.CSS(`#error-summary a[href="#f-applicant_nid"]`)))
	if s := b.text("#f-applicant_nid .field-error"); !strings.Contains(s, "کد ملی درست نیست") {
		t.Errorf("national ID field error %q", s)
	}
	for sel, name := range map[string]string{"#f-doc_ownership_deed": "deed.pdf", "#f-doc_owner_id_card": "id-card.png", "#f-doc_survey_map": "survey-map.pdf"} {
		if s := b.text(sel); !strings.Contains(s, "بارگذاری شد") || !strings.Contains(s, name) {
			t.Errorf("%s does not list the kept file %s: %q", sel, name, s)
		}
	}
	for sel, want := range map[string]string{
		"#i-applicant_name": citizenName, "#i-applicant_nid": badNID, "#i-applicant_mobile": citizenMobile,
		"#i-registry_plate": registryPlate, "#i-land_area": "۲۵۰", "#i-floors": "۳",
	} {
		if got := b.value(sel); got != want {
			t.Errorf("%s lost what was typed: %q, want %q", sel, got, want)
		}
	}
	checked := get(b, "radio kept", chromedp.Evaluate[bool](`document.querySelector('input[name=a_land_use][value="مسکونی"]').checked`))
	if !checked {
		t.Error("the land use choice was lost")
	}
	// app.js moves focus to the summary so screen readers announce it.
	if id := get(b, "focused element", chromedp.Evaluate[string](`document.activeElement ? document.activeElement.id : ''`)); id != "error-summary" {
		t.Errorf("focus is on %q, want the error summary", id)
	}
	b.shot("04-apply-errors")

	// Fixed: on to the confirmation page.
	b.type_("#i-applicant_nid", goodNID)
	if st := b.load("submit the fixed form", chromedp.Click(chromedp.CSS(submit))); st != http.StatusOK {
		t.Fatalf("submit the fixed form: status %d (at %s)", st, b.location())
	}
	draftPath := b.location()
	if !regexp.MustCompile(`^/apply/[0-9a-f]{32}$`).MatchString(draftPath) {
		t.Fatalf("after a valid form the page is %s, want /apply/{draft}", draftPath)
	}
	b.step("code box", chromedp.WaitVisible(chromedp.CSS("#i-code")))
	for _, want := range []string{citizenName, "deed.pdf", "id-card.png", "survey-map.pdf", "احداث بنای جدید در زمین خالی"} {
		if !strings.Contains(b.text("main"), want) {
			t.Errorf("confirmation page does not show %q", want)
		}
	}
	b.shot("05-confirm")

	// The code, read in a second tab from the demo SMS inbox.
	inbox, closeInbox := b.newTab()
	inbox.open("/demo/sms")
	inbox.step("inbox", chromedp.WaitVisible(chromedp.CSS(".sms-inbox .bubble")))
	code := otpIn(inbox.text(".sms-inbox li:first-child .bubble"))
	closeInbox()
	if code == "" {
		t.Fatal("no one-time code in the newest demo SMS")
	}
	b.type_("#i-code", fa.PersianDigits(code))
	if st := b.load("confirm with the code", chromedp.Click(chromedp.CSS(`form[action="`+draftPath+`"] button[type=submit]`))); st != http.StatusOK {
		t.Fatalf("confirm: status %d (at %s)", st, b.location())
	}

	// The receipt.
	if loc := b.location(); !strings.HasPrefix(loc, "/receipt/") {
		t.Fatalf("after the code the page is %s, want the receipt", loc)
	}
	b.step("tracking code", chromedp.WaitVisible(chromedp.CSS(".tracking-code")))
	shown := b.text(".tracking-code")
	tracking := strings.Join(strings.Fields(fa.ASCIIDigits(shown)), "")
	if len(tracking) != desk.TrackingCodeLen || !desk.ValidTrackingCode(tracking) {
		t.Fatalf("receipt shows tracking code %q (%q): not 12 digits with a valid check digit", shown, tracking)
	}
	if shown == tracking {
		t.Errorf("tracking code %q is in Latin digits on a Persian page", shown)
	}
	req, err := a.Store.RequestByTracking(t.Context(), tracking)
	if err != nil {
		t.Fatalf("the receipt's code is not in the store: %v", err)
	}
	due, err := i18n.Date(i18n.FA, req.DueAt)
	if err != nil || due == "" {
		t.Fatalf("due date of the request: %q, %v", due, err)
	}
	if got := summaryValue(b, "تاریخ پاسخ نهایی"); !strings.Contains(got, due) {
		t.Errorf("receipt promises %q, want the request's due date %q", got, due)
	}
	unit := unitName(t, a, req.UnitCode)
	if got := summaryValue(b, "واحد رسیدگی‌کننده"); got != unit {
		t.Errorf("receipt names unit %q, want %q", got, unit)
	}
	b.shot("06-receipt")

	// Tracking, with the code and mobile typed in Persian digits.
	b.open("/track")
	b.step("tracking form", chromedp.WaitVisible(chromedp.CSS("#i-code")))
	b.type_("#i-code", fa.PersianDigits(tracking))
	b.type_("#i-mobile", citizenMobile)
	if st := b.load("track", chromedp.Click(chromedp.CSS(`form[action="/track"] button[type=submit]`))); st != http.StatusOK {
		t.Fatalf("track: status %d", st)
	}
	b.step("timeline", chromedp.WaitVisible(chromedp.CSS("ol.timeline li")))
	first := b.text("ol.timeline li:first-child")
	if !strings.Contains(first, "ثبت") || !strings.Contains(first, unit) {
		t.Errorf("timeline's latest stage %q lacks «ثبت» or the unit %q", first, unit)
	}
	if got := summaryValue(b, "نزد"); !strings.Contains(got, unit) {
		t.Errorf("tracking says the request is with %q, want %q", got, unit)
	}
	b.shot("07-track")
}

// slugRe finds lower-case Latin words such as "in_person" or "web": codes
// that should have been translated. Acronyms (PDF, G2C) are upper case.
var slugRe = regexp.MustCompile(`\b[a-z][a-z_]{2,}\b`)

// noRawSlugs fails when the page's main text shows untranslated codes.
func noRawSlugs(t *testing.T, b *browser, page string) {
	t.Helper()
	if found := slugRe.FindAllString(b.text("main"), 5); found != nil {
		t.Errorf("%s shows untranslated codes where Persian is expected: %q", page, found)
	}
}

// summaryValue is the text of the <dd> beside the <dt> labelled label in a
// summary list, or "".
func summaryValue(b *browser, label string) string {
	b.t.Helper()
	js := `(() => {
		for (const row of document.querySelectorAll('dl.summary-list > div')) {
			const dt = row.querySelector('dt');
			if (dt && dt.textContent.trim() === ` + jsString(label) + `) {
				return row.querySelector('dd').innerText.trim();
			}
		}
		return '';
	})()`
	return get(b, "summary row "+label, chromedp.Evaluate[string](js))
}

// jsString quotes s for JavaScript (labels hold no quotes or backslashes).
func jsString(s string) string { return "'" + s + "'" }

// unitName is the name of a unit as the store has it.
func unitName(t *testing.T, a *app.App, code string) string {
	t.Helper()
	units, err := a.Store.Units(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range units {
		if u.Code == code {
			return u.Name
		}
	}
	t.Fatalf("unit %q is not in the store", code)
	return ""
}
