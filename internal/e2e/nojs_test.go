package e2e

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"mizban/internal/fa"
)

// TestWithoutJavaScript checks that the catalog search and the tracking
// form work with scripts switched off: every page is plain HTML forms.
func TestWithoutJavaScript(t *testing.T) {
	a, base := startApp(t)
	const mobile = "09351234567"
	req := createRequest(t, a, mobile)
	b := newBrowser(t, base)
	b.step("switch JavaScript off", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	}))

	// The proof that scripts are off: app.js focuses the error summary of a
	// form, so with scripts off the focus stays where it was.
	b.open("/track")
	b.load("empty tracking form", chromedp.Click(chromedp.CSS(`form[action="/track"] button[type=submit]`)))
	b.step("tracking errors", chromedp.WaitVisible(chromedp.CSS("#error-summary")))
	if id := get(b, "focused element", chromedp.Evaluate[string](`document.activeElement ? document.activeElement.id : ''`)); id == "error-summary" {
		t.Fatal("the error summary has focus: app.js ran, so JavaScript is not off")
	}

	// Catalog search from the home page, with Arabic ك and ي.
	b.open("/")
	b.type_(".search-form #q", "مشكلات شهري")
	if st := b.load("search", chromedp.Click(chromedp.CSS(".search-form button[type=submit]"))); st != http.StatusOK {
		t.Fatalf("search: status %d", st)
	}
	b.step("report service found", chromedp.WaitVisible(chromedp.CSS(`.service-list a[href="/services/`+reportService+`"]`)))

	// Tracking, in Persian digits.
	b.open("/track")
	b.type_("#i-code", fa.PersianDigits(req.TrackingCode))
	b.type_("#i-mobile", fa.PersianDigits(mobile))
	if st := b.load("track", chromedp.Click(chromedp.CSS(`form[action="/track"] button[type=submit]`))); st != http.StatusOK {
		t.Fatalf("track: status %d", st)
	}
	b.step("timeline", chromedp.WaitVisible(chromedp.CSS("ol.timeline li")))
	if s := b.text("ol.timeline li:first-child"); !strings.Contains(s, "ثبت") {
		t.Errorf("timeline's latest stage %q lacks «ثبت»", s)
	}
	if s := b.text("main h2"); s != req.ServiceTitle {
		t.Errorf("tracking page names service %q, want %q", s, req.ServiceTitle)
	}
}
