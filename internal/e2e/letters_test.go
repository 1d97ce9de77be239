package e2e

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"mizban/internal/app"
	"mizban/internal/desk"
	"mizban/internal/fa"
	"mizban/internal/i18n"
	"mizban/internal/jalali"
	"mizban/internal/letters"
)

// What the officer drafts and the manager signs: texts with the zero-width
// non-joiner, so they are filled rather than typed.
const (
	replyText  = "چاله خیابان امام، روبه‌روی پارک، تا پایان هفته با آسفالت گرم ترمیم می‌شود."
	replyBasis = "ماده ۵۵ قانون شهرداری‌ها، بند ۲"
	letterHint = "بررسی و نتیجه اعلام شود."

	// A number and SHAMS id as the agency's automation product printed
	// them, typed back in manual mode into the demo's automation
	// secretariat (whose own numbers look different, so this one is taken).
	manualNumber = "۱۴۰۵/۱۲۳۴/و"
	shamsGood    = "3f2504e0-4f89-11d3-9a0c-0305e82c3301"
	shamsBad     = "3f2504e0-4f89-11d3-9a0c-0305e82c33zz" // not hexadecimal
)

// TestSecretariatLetterFlow follows a citizen's request through the
// secretariat as an agency runs it: the desk operator registers it as an
// incoming letter (and a second request in manual mode, with the number
// the automation product gave) and refers it; the unit's officer accepts
// it and, since it is a letter, saves a reply draft instead of answering;
// the unit's manager finds it awaiting signature, signs and sends it; the
// outgoing letter (عطف the incoming one) prints with its signer and QR
// code; the citizen's tracking page and SMS inbox show both letters and
// the answer.
func TestSecretariatLetterFlow(t *testing.T) {
	a, base := startApp(t)
	const mobile1, mobile2 = "09125556677", "09126667788"
	req := createRequest(t, a, mobile1)
	other := createRequest(t, a, mobile2)
	if req.UnitCode != deskUnit {
		t.Fatalf("the report request went to %q, want %q", req.UnitCode, deskUnit)
	}
	_, _, _, operator := demoStaff()
	officer := &staffLogin{Username: "a.kermani", Password: "Sarv-Dorna-7264", Name: "علی کرمانی"}
	manager := &staffLogin{Username: "gh.soltani", Password: "Golab-Tirgan-3905", Name: "غلامرضا سلطانی"}
	reqPage := "/staff/requests/" + strconv.FormatInt(req.ID, 10)
	otherPage := "/staff/requests/" + strconv.FormatInt(other.ID, 10)

	// 1. The desk operator registers the request in the central
	// secretariat, which numbers it.
	op := newDesk(t, base)
	enroll(t, op, operator, reqPage, "")
	rendered(t, op, ".actions-panel", "request page")
	registerLetter(t, op, "1")
	if got := op.text("p.notice[role=status]"); !strings.Contains(got, "نامه وارده") {
		t.Errorf("after registering the letter the page says %q, want the registration confirmed", got)
	}
	incoming := letterOf(t, a, req.ID, letters.Incoming)
	if incoming.Secretariat != "1" || incoming.Seq != 1 {
		t.Errorf("incoming letter %+v, want the first of the central secretariat's series", incoming)
	}
	lines := letterRows(op)
	if len(lines) != 1 || lines[0][0] != letters.DirectionTitle[letters.Incoming] || !showsNumber(lines[0][1], incoming.Number) {
		t.Errorf("request page lists letters %q, want the incoming letter %s", lines, incoming.Number)
	}
	if exists(op, `form[action$="/letter"]`) {
		t.Error("the request page still offers to register the letter a second time")
	}

	// Manual mode on the second request: the automation's number in Persian
	// digits, a Jalali date, and a SHAMS id first mistyped.
	dated := jalali.FromTime(time.Now().AddDate(0, 0, -2))
	typedDate := dated.FormatNumericFa()
	op.open(otherPage)
	rendered(t, op, ".actions-panel", "second request page")
	openDetails(op, "ثبت به‌عنوان نامه وارده")
	op.step("choose the automation's secretariat", chromedp.SetValue(chromedp.CSS("#letter-secretariat"), "auto"))
	op.type_("#letter-number", manualNumber)
	op.type_("#letter-date", typedDate)
	op.type_("#letter-shams", shamsBad)
	letterBtn := `form[action$="/letter"] button[type=submit]`
	if st := op.load("register with a bad SHAMS id", chromedp.Click(chromedp.CSS(letterBtn))); st != http.StatusUnprocessableEntity {
		t.Errorf("a SHAMS id that is no GUID: status %d, want 422", st)
	}
	rendered(t, op, "#f-shams_id", "letter form after the refusal")
	if got := op.text("#f-shams_id .field-error"); !strings.Contains(got, "شناسه شمس") {
		t.Errorf("SHAMS id field error %q, want a Persian message about the SHAMS id", got)
	}
	if exists(op, "#f-number .field-error") {
		t.Errorf("the number field shows an error it should not: %q", op.text("#f-number .field-error"))
	}
	for sel, want := range map[string]string{"#letter-number": manualNumber, "#letter-date": typedDate, "#letter-shams": shamsBad} {
		if got := op.value(sel); got != want {
			t.Errorf("%s lost what was typed: %q, want %q", sel, got, want)
		}
	}
	if got := op.value("#letter-secretariat"); got != "auto" {
		t.Errorf("the chosen secretariat was lost: %q", got)
	}
	if open := get(op, "letter form open", chromedp.Evaluate[bool](`document.querySelector('#letter-shams').closest('details').open`)); !open {
		t.Error("after the refusal the letter form is closed: its message is hidden")
	}
	op.type_("#letter-shams", shamsGood)
	if st := op.load("register in manual mode", chromedp.Click(chromedp.CSS(letterBtn))); st != http.StatusOK {
		t.Fatalf("register in manual mode: status %d: %s", st, op.text("main"))
	}
	manual := letterOf(t, a, other.ID, letters.Incoming)
	if manual.Number != fa.ASCIIDigits(manualNumber) || manual.ShamsID != shamsGood || manual.Secretariat != "auto" {
		t.Errorf("manual letter %+v, want number %s, SHAMS id %s in the automation's secretariat", manual, fa.ASCIIDigits(manualNumber), shamsGood)
	}
	if got := jalali.FromTime(manual.RegisteredAt); got != dated {
		t.Errorf("manual letter dated %v, want the typed %v", got, dated)
	}
	lines = letterRows(op)
	wantDate, err := i18n.Date(i18n.FA, manual.RegisteredAt)
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) != 1 || !showsNumber(lines[0][1], manual.Number) || !strings.Contains(lines[0][1], wantDate) {
		t.Errorf("second request lists letters %q, want %s of %s", lines, manual.Number, wantDate)
	}

	// The operator refers the first request to the unit that handles it.
	op.open(reqPage)
	openDetails(op, "ارجاع")
	op.step("choose the unit", chromedp.SetValue(chromedp.CSS("#refer-unit"), fromUnit))
	op.fill("#refer-instruction", letterHint)
	if st := op.load("refer", chromedp.Click(chromedp.CSS(`form:has(#refer-unit) button[type=submit]`))); st != http.StatusOK {
		t.Fatalf("refer: status %d: %s", st, op.text("main"))
	}

	// 2. The officer takes the file and, as it is a letter, drafts the reply.
	of := newDesk(t, base)
	enroll(t, of, officer, "/staff/tray?scope=unit&tab=referred", "")
	row := `table.tray a[href="` + reqPage + `"]`
	of.step("request in the unit's tray", chromedp.WaitVisible(chromedp.CSS(row)))
	of.load("open the request", chromedp.Click(chromedp.CSS(row)))
	rendered(t, of, ".actions-panel", "request page")
	if lines := letterRows(of); len(lines) != 1 || !showsNumber(lines[0][1], incoming.Number) {
		t.Errorf("the officer sees letters %q, want the incoming letter %s", lines, incoming.Number)
	}
	if exists(of, `form[action$="/letter"]`) {
		t.Error("the officer is offered to register a request that is already a letter")
	}
	accept := `form:has(input[name=action][value=accept]) button[type=submit]`
	if st := of.load("accept", chromedp.Click(chromedp.CSS(accept))); st != http.StatusOK {
		t.Fatalf("accept: status %d: %s", st, of.text("main"))
	}
	rendered(t, of, "#draft-text", "request page after accepting")
	if exists(of, "#answer-text") {
		t.Error("the officer is offered the answer form on a letter: only the unit's manager may sign its reply")
	}
	of.fill("#draft-text", replyText)
	of.fill("#draft-basis", replyBasis)
	of.step("phone width", phone())
	of.step("draft form", chromedp.WaitVisible(chromedp.CSS("#draft-text")))
	of.shot("letters-01-officer-draft")
	if st := of.load("save the draft", chromedp.Click(chromedp.CSS(`form:has(#draft-text) button[type=submit]`))); st != http.StatusOK {
		t.Fatalf("save the draft: status %d: %s", st, of.text("main"))
	}
	of.step("desktop", desktop())
	rendered(t, of, "section.reply-draft", "request page after the draft")
	if got := of.text("section.reply-draft"); !strings.Contains(got, replyText) || !strings.Contains(got, "در انتظار امضا") {
		t.Errorf("draft section says %q, want the draft awaiting signature", got)
	}
	if got := of.text("p.notice[role=status]"); !strings.Contains(got, "پیش‌نویس پاسخ ذخیره شد") {
		t.Errorf("after saving the draft the page says %q", got)
	}
	if after, err := a.Store.Request(t.Context(), req.ID); err != nil {
		t.Fatal(err)
	} else if after.Status != desk.StatusInProgress {
		t.Errorf("a saved draft moved the request to %q, want it still in progress", after.Status)
	}

	// 3. The manager finds it awaiting signature, reads the draft in the
	// answer form, signs and sends it.
	mg := newDesk(t, base)
	enroll(t, mg, manager, "/staff/tray", "")
	waiting := `#awaiting a[href="` + reqPage + `"]`
	rendered(t, mg, "details#awaiting", "manager's tray")
	if open := get(mg, "awaiting open", chromedp.Evaluate[bool](`document.querySelector('details#awaiting').open`)); !open {
		t.Error("«در انتظار امضا» is closed although a draft waits")
	}
	if got := mg.text("#awaiting summary"); !strings.Contains(got, "در انتظار امضا") || fa.ASCIIDigits(mg.text("#awaiting summary .count")) != "1" {
		t.Errorf("awaiting section %q, want «در انتظار امضا» counting 1", got)
	}
	if got := mg.text("#awaiting"); !strings.Contains(got, officer.Name) {
		t.Errorf("awaiting section does not name the drafter %s: %q", officer.Name, got)
	}
	mg.load("open the draft's request", chromedp.Click(chromedp.CSS(waiting)))
	rendered(t, mg, "#answer-text", "request page for signing")
	if got := get(mg, "answer form's title", chromedp.Evaluate[string](
		`document.querySelector('#answer-text').closest('details').querySelector('summary').textContent.trim()`)); got != "امضا و ارسال پاسخ" {
		t.Errorf("the manager's answer form is titled %q, want «امضا و ارسال پاسخ»", got)
	}
	if got := mg.value("#answer-text"); got != replyText {
		t.Errorf("answer form holds %q, want the draft %q", got, replyText)
	}
	if got := mg.value("#answer-basis"); got != replyBasis {
		t.Errorf("legal basis holds %q, want the draft's %q", got, replyBasis)
	}
	if exists(mg, "#draft-text") {
		t.Error("the manager is offered the draft form besides the signing form")
	}
	mg.step("phone width", phone())
	mg.step("signing form", chromedp.WaitVisible(chromedp.CSS("#answer-text")))
	mg.shot("letters-02-manager-sign")
	if st := mg.load("sign and send", chromedp.Click(chromedp.CSS(`form:has(#answer-text) button[type=submit]`))); st != http.StatusOK {
		t.Fatalf("sign and send: status %d: %s", st, mg.text("main"))
	}
	mg.step("desktop", desktop())
	rendered(t, mg, ".actions-panel", "request page after signing")
	if got := summaryValue(mg, "وضعیت"); got != desk.StatusTitle[desk.StatusAnswered] {
		t.Errorf("status after signing %q, want %q", got, desk.StatusTitle[desk.StatusAnswered])
	}
	if exists(mg, "section.reply-draft") {
		t.Error("the draft is still shown as awaiting signature after it was sent")
	}

	// 4. The outgoing letter, عطف the incoming one, and its print view.
	outgoing := letterOf(t, a, req.ID, letters.Outgoing)
	if outgoing.InReplyTo != incoming.ID {
		t.Errorf("outgoing letter answers letter %d, want the incoming %d", outgoing.InReplyTo, incoming.ID)
	}
	lines = letterRows(mg)
	if len(lines) != 2 {
		t.Fatalf("after signing the request lists letters %q, want the incoming and the outgoing", lines)
	}
	var outLine string
	for _, l := range lines {
		if l[0] == letters.DirectionTitle[letters.Outgoing] {
			outLine = l[1]
		}
	}
	if !showsNumber(outLine, outgoing.Number) {
		t.Errorf("request page lists the outgoing letter as %q, want %s", outLine, outgoing.Number)
	}
	print := `a[href="/staff/letters/` + strconv.FormatInt(outgoing.ID, 10) + `/print"]`
	if st := mg.load("print view", chromedp.Click(chromedp.CSS(print))); st != http.StatusOK {
		t.Fatalf("print view: status %d: %s", st, mg.text("main"))
	}
	rendered(t, mg, "article.letter-sheet", "print view")
	meta := mg.text(".letter-meta")
	if !showsNumber(meta, outgoing.Number) || !strings.Contains(meta, "عطف به") || !showsNumber(meta, incoming.Number) {
		t.Errorf("print view's heading %q lacks the number %s or «عطف به» %s", meta, outgoing.Number, incoming.Number)
	}
	sheet := mg.text("article.letter-sheet")
	if !strings.Contains(sheet, manager.Name) || !strings.Contains(sheet, replyText) {
		t.Errorf("print view does not carry the signer %s and the answer: %q", manager.Name, sheet)
	}
	if !exists(mg, ".letter-verify .qr svg") {
		t.Error("print view has no QR code (an <svg> in .letter-verify .qr)")
	}
	verify := strings.TrimSpace(mg.text(".letter-verify .url"))

	// 5. The citizen: the tracking page, the verification page of the
	// letter's QR code, and the SMS inbox.
	c := newBrowser(t, base)
	c.open("/track")
	c.type_("#i-code", fa.PersianDigits(req.TrackingCode))
	c.type_("#i-mobile", fa.PersianDigits(mobile1))
	if st := c.load("track", chromedp.Click(chromedp.CSS(`form[action="/track"] button[type=submit]`))); st != http.StatusOK {
		t.Fatalf("track: status %d: %s", st, c.text("main"))
	}
	rendered(t, c, "ol.timeline li", "tracking page")
	if got := summaryValue(c, "شماره نامه وارده"); !showsNumber(got, incoming.Number) {
		t.Errorf("tracking page shows incoming letter %q, want %s", got, incoming.Number)
	}
	if got := summaryValue(c, "شماره نامه صادره"); !showsNumber(got, outgoing.Number) {
		t.Errorf("tracking page shows outgoing letter %q, want %s", got, outgoing.Number)
	}
	if got := c.text("main"); !strings.Contains(got, replyText) {
		t.Errorf("tracking page does not show the answer %q", replyText)
	}
	if strings.HasPrefix(verify, "http") {
		c.open(strings.TrimPrefix(verify, base))
	} else {
		t.Errorf("print view's verification address %q is not a full address", verify)
	}
	if got := c.text("main"); !showsNumber(got, outgoing.Number) || !strings.Contains(got, manager.Name) {
		t.Errorf("the QR code's page does not confirm letter %s signed by %s: %q", outgoing.Number, manager.Name, got)
	}

	c.open("/demo/sms")
	rendered(t, c, ".sms-inbox li", "demo inbox")
	msgs := get(c, "inbox", chromedp.Evaluate[[][]string](
		`[...document.querySelectorAll('.sms-inbox li')].map(li => [li.querySelector('.meta').textContent, li.querySelector('.bubble').textContent])`))
	// Newest first: of this citizen's notices, the answer above the letter.
	var kinds []string
	for _, m := range msgs {
		if !strings.Contains(fa.ASCIIDigits(m[0]), mobile1) {
			continue
		}
		text := fa.ASCIIDigits(m[1])
		switch {
		case strings.Contains(text, "نامه درخواست") && strings.Contains(text, "صادر شد"):
			kinds = append(kinds, "letter_issued")
		case strings.Contains(text, "پاسخ داده شد"):
			kinds = append(kinds, "answered")
		default:
			continue
		}
		if !strings.Contains(text, req.TrackingCode) {
			t.Errorf("notice %q lacks the tracking code %s", m[1], req.TrackingCode)
		}
	}
	if strings.Join(kinds, ",") != "answered,letter_issued" {
		t.Errorf("the citizen's notices, newest first, are %q; want the answer after the letter, one each", kinds)
	}
}

// registerLetter registers the open request page's request in secretariat
// code, numbered by it.
func registerLetter(t *testing.T, b *browser, code string) {
	t.Helper()
	openDetails(b, "ثبت به‌عنوان نامه وارده")
	b.step("choose the secretariat", chromedp.SetValue(chromedp.CSS("#letter-secretariat"), code))
	if st := b.load("register the letter", chromedp.Click(chromedp.CSS(`form[action$="/letter"] button[type=submit]`))); st != http.StatusOK {
		t.Fatalf("register the letter: status %d: %s", st, b.text("main"))
	}
	rendered(t, b, ".actions-panel", "request page after the registration")
}

// letterRows reads the «نامه‌های دبیرخانه» list of a staff request page as
// [direction, rest of the line] pairs.
func letterRows(b *browser) [][]string {
	b.t.Helper()
	js := `(() => {
		for (const h of document.querySelectorAll('main h2')) {
			if (h.textContent.trim() !== 'نامه‌های دبیرخانه') continue;
			const dl = h.nextElementSibling;
			if (!dl || dl.tagName !== 'DL') return [];
			return [...dl.querySelectorAll(':scope > div')].map(d =>
				[d.querySelector('dt').textContent.trim(), d.querySelector('dd').innerText.trim()]);
		}
		return [];
	})()`
	return get(b, "letters of the request", chromedp.Evaluate[[][]string](js))
}

// showsNumber reports whether text shows letter number, whatever digits
// and direction marks the page used.
func showsNumber(text, number string) bool {
	return number != "" && strings.Contains(letters.CleanNumber(text), number)
}

// letterOf is request id's letter in direction dir, from the store.
func letterOf(t *testing.T, a *app.App, id int64, dir letters.Direction) letters.Letter {
	t.Helper()
	ls, err := a.Store.LettersOfRequest(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range ls {
		if l.Direction == dir {
			return l
		}
	}
	t.Fatalf("request %d has no %s letter (letters: %+v)", id, dir, ls)
	return letters.Letter{}
}
