package e2e

import (
	"context"
	"encoding/base32"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"mizban/internal/auth"
	"mizban/internal/fa"
)

// Staff work at desktops: their pages are checked and photographed at this
// size (the citizen's tab stays phone-sized).
const (
	desktopWidth  = 1280
	desktopHeight = 900
)

// desktop sets a tab's viewport to an office desktop's.
func desktop() chromedp.Action[chromedp.Void] {
	return chromedp.EmulateViewport(desktopWidth, desktopHeight)
}

// newDesk starts a browser for staff: the harness's browser, resized to a
// desktop.
func newDesk(t *testing.T, base string) *browser {
	t.Helper()
	b := newBrowser(t, base)
	b.step("desktop viewport", desktop())
	return b
}

// staffLogin is one demo person and what their authenticator app knows.
type staffLogin struct {
	Username, Password string
	Name               string    // as the pages show it
	secret             []byte    // set at enrollment
	lastCode           string    // the code last typed, to try a replay
	lastAt             time.Time // when it was typed
	recovery           []string  // shown once at enrollment
}

// enroll signs p in for the first time: password, then the enrollment page,
// whose typed key (in groups of four) is turned back into the secret as an
// authenticator app would, then the recovery codes, then next. shot names
// the screenshots of the sign-in and enrollment pages ("" for none).
func enroll(t *testing.T, b *browser, p *staffLogin, next, shot string) {
	t.Helper()
	password(t, b, p, next, shot)
	if loc := b.location(); !strings.HasPrefix(loc, "/staff/enroll") {
		t.Fatalf("%s's first sign-in went to %s, want the second-factor enrollment", p.Username, loc)
	}
	b.step("enrollment page", chromedp.WaitVisible(chromedp.CSS(`form[action="/staff/enroll"] #i-code`)))
	if !exists(b, ".qr svg") {
		t.Errorf("enrollment page of %s shows no QR code", p.Username)
	}
	key := get(b, "typed key", chromedp.Evaluate[string](
		`(() => { const k = document.querySelector('ol.steps bdi strong'); return k ? k.textContent : ''; })()`))
	groups := strings.Fields(key)
	if len(groups) < 2 {
		t.Fatalf("enrollment key %q is not in groups", key)
	}
	for _, g := range groups[:len(groups)-1] {
		if len(g) != 4 {
			t.Errorf("enrollment key %q has a group %q that is not four characters", key, g)
		}
	}
	secret, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(strings.Join(groups, ""))
	if err != nil || len(secret) < 16 {
		t.Fatalf("enrollment key %q is not a base32 secret of at least 128 bits: %v", key, err)
	}
	p.secret = secret
	if shot != "" {
		b.shot(shot + "-enroll")
	}
	// In Persian digits, as a Persian keyboard gives them.
	code := p.code(0)
	b.type_("#i-code", fa.PersianDigits(code))
	if st := b.load("confirm enrollment", chromedp.Click(chromedp.CSS(`form[action="/staff/enroll"] button[type=submit]`))); st != http.StatusOK {
		t.Fatalf("confirm enrollment of %s: status %d: %s", p.Username, st, b.text("main"))
	}
	b.step("recovery codes", chromedp.WaitVisible(chromedp.CSS("ol.recovery-codes li")))
	p.recovery = strings.Fields(b.text("ol.recovery-codes"))
	if len(p.recovery) != 10 {
		t.Errorf("recovery page lists %d codes, want 10: %q", len(p.recovery), p.recovery)
	}
	if shot != "" {
		b.shot(shot + "-recovery")
	}
	b.load("continue after the recovery codes", chromedp.Click(chromedp.CSS("main a.button")))
	if loc := b.location(); loc != next {
		t.Errorf("after enrollment %s is at %s, want %s", p.Username, loc, next)
	}
}

// signIn signs p in with the password and a TOTP code of the next time
// step (the current one was used at enrollment, and a code works once).
func signIn(t *testing.T, b *browser, p *staffLogin, next, shot string) {
	t.Helper()
	password(t, b, p, next, "")
	if loc := b.location(); !strings.HasPrefix(loc, "/staff/login/totp") {
		t.Fatalf("%s's sign-in went to %s, want the code page", p.Username, loc)
	}
	b.step("code page", chromedp.WaitVisible(chromedp.CSS(`form[action="/staff/login/totp"] #i-code`)))
	if shot != "" {
		b.shot(shot)
	}
	submit := `form[action="/staff/login/totp"] button[type=submit]`
	// The code accepted at enrollment, replayed inside its window, is refused.
	if p.lastCode != "" && time.Since(p.lastAt) < auth.TOTPPeriod*time.Second {
		b.type_("#i-code", p.lastCode)
		if st := b.load("replay a used code", chromedp.Click(chromedp.CSS(submit))); st != http.StatusUnprocessableEntity {
			t.Errorf("a replayed TOTP code: status %d, want 422", st)
		}
		b.step("replay refused", chromedp.WaitVisible(chromedp.CSS("#f-code .field-error")))
	}
	// An authenticator app a little ahead of the server: the next step's
	// code is inside the window and was never used.
	b.type_("#i-code", p.code(auth.TOTPPeriod*time.Second))
	if st := b.load("second factor", chromedp.Click(chromedp.CSS(submit))); st != http.StatusOK {
		t.Fatalf("second factor of %s: status %d: %s", p.Username, st, b.text("main"))
	}
	if loc := b.location(); loc != next {
		t.Fatalf("after the second factor %s is at %s, want %s", p.Username, loc, next)
	}
}

// code is p's TOTP code at now+ahead, remembered for a replay check.
func (p *staffLogin) code(ahead time.Duration) string {
	now := time.Now()
	p.lastCode, p.lastAt = auth.TOTP(p.secret, now.Add(ahead)), now
	return p.lastCode
}

// password fills the sign-in form for next and submits it.
func password(t *testing.T, b *browser, p *staffLogin, next, shot string) {
	t.Helper()
	b.open("/staff/login?next=" + url.QueryEscape(next))
	b.step("sign-in form", chromedp.WaitVisible(chromedp.CSS("#i-username")))
	b.type_("#i-username", p.Username)
	b.type_("#i-password", p.Password)
	if shot != "" {
		b.shot(shot + "-login")
	}
	if st := b.load("sign in "+p.Username, chromedp.Click(chromedp.CSS(`form[action="/staff/login"] button[type=submit]`))); st != http.StatusOK {
		t.Fatalf("sign in %s: status %d: %s", p.Username, st, b.text("main"))
	}
}

// signOut ends the session from the staff landing page.
func signOut(t *testing.T, b *browser) {
	t.Helper()
	b.open("/staff")
	b.load("sign out", chromedp.Click(chromedp.CSS(`form[action="/staff/logout"] button`)))
	if loc := b.location(); loc != "/staff/login?out=1" {
		t.Errorf("after signing out the page is %s, want /staff/login?out=1", loc)
	}
}

// exists reports whether css matches anything now, without waiting.
func exists(b *browser, css string) bool {
	b.t.Helper()
	return get(b, "exists "+css, chromedp.Evaluate[bool](`document.querySelector(`+jsQuote(css)+`) !== null`))
}

// jsQuote quotes s as a JavaScript string literal.
func jsQuote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, "`", "\\`", "$", `\$`)
	return "`" + r.Replace(s) + "`"
}

// openDetails clicks the <summary> whose text is label (CSS cannot select
// by text) and checks that its <details> opened.
func openDetails(b *browser, label string) {
	b.t.Helper()
	js := `(() => {
		for (const s of document.querySelectorAll('details > summary')) {
			if (s.textContent.trim() === ` + jsQuote(label) + `) { s.click(); return s.parentElement.open; }
		}
		return false;
	})()`
	if !get(b, "open "+label, chromedp.Evaluate[bool](js)) {
		b.t.Fatalf("no action «%s» on this page", label)
	}
}

// cookie returns the value of the browser's cookie name, or "".
func cookie(b *browser, name string) string {
	b.t.Helper()
	var out string
	b.step("read cookie "+name, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		res, err := cdp.Call(ctx, tg, network.GetCookies, network.GetCookiesParams{URLs: []string{b.base + "/track/details"}})
		if err != nil {
			return err
		}
		for _, c := range res.Cookies {
			if c.Name == name {
				out = c.Value
			}
		}
		return nil
	}))
	return out
}

// newestOTP reads the newest one-time code from the demo SMS inbox, in a
// tab of its own.
func newestOTP(b *browser) string {
	b.t.Helper()
	inbox, closeInbox := b.newTab()
	defer closeInbox()
	inbox.open("/demo/sms")
	inbox.step("inbox", chromedp.WaitVisible(chromedp.CSS(".sms-inbox .bubble")))
	texts := get(inbox, "inbox texts", chromedp.Evaluate[[]string](
		`[...document.querySelectorAll('.sms-inbox .bubble')].map(e => e.textContent)`))
	for _, s := range texts { // newest first
		if code := otpIn(s); code != "" {
			return code
		}
	}
	b.t.Fatalf("no one-time code in the demo inbox (%d messages)", len(texts))
	return ""
}

// timelineItem is one stage of a timeline as the page shows it.
type timelineItem struct{ What, Who string }

// timeline reads the stages of the ol.timeline that follows the heading
// «مراحل رسیدگی», newest first.
func timeline(b *browser) []timelineItem {
	b.t.Helper()
	js := `(() => {
		const out = [];
		for (const h of document.querySelectorAll('main h2')) {
			if (h.textContent.trim() !== 'مراحل رسیدگی') continue;
			let ol = h.nextElementSibling;
			while (ol && ol.tagName !== 'OL') ol = ol.nextElementSibling;
			if (!ol) break;
			for (const li of ol.querySelectorAll(':scope > li')) {
				const what = li.querySelector('.what'), who = li.querySelector('.who');
				out.push([what ? what.innerText.trim() : '', who ? who.innerText.trim() : '']);
			}
		}
		return out;
	})()`
	rows := get(b, "timeline", chromedp.Evaluate[[][]string](js))
	out := make([]timelineItem, len(rows))
	for i, r := range rows {
		out[i] = timelineItem{What: r[0], Who: r[1]}
	}
	return out
}

// fill sets a field's value at once. Chromium's synthetic key events drop
// the zero-width non-joiner (U+200C) that Persian words such as «می‌شود»
// need, so texts holding one are set rather than typed.
func (b *browser) fill(css, s string) {
	b.t.Helper()
	b.step("fill "+css, chromedp.SetValue(chromedp.CSS(css), s))
}

// rendered fails at once when the loaded page lacks css: a template error
// cuts a page short after its status line, so the status alone says
// nothing, and waiting for the element would only time out.
func rendered(t *testing.T, b *browser, css, page string) {
	t.Helper()
	if !exists(b, css) {
		body := get(b, "page text", chromedp.Evaluate[string](`document.body ? document.body.innerText : ''`))
		if r := []rune(body); len(r) > 300 {
			body = "…" + string(r[len(r)-300:])
		}
		t.Fatalf("%s at %s ends before %s (a template error?); it ends: %q", page, b.location(), css, body)
	}
}
