package e2e

import (
	"context"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"mizban/internal/app"
	"mizban/internal/config"
	"mizban/internal/sms"
)

// Environment variables the browser tests read.
const (
	envRequire   = "MIZBAN_REQUIRE_BROWSER" // "1": a missing browser fails instead of skipping
	envArtefacts = "MIZBAN_ARTEFACTS"       // where screenshots go; default a temporary directory
)

// Timeouts: the browser gets the whole test's budget, each step a slice of it.
const (
	browserBudget = 90 * time.Second
	stepTimeout   = 15 * time.Second
)

// Phone viewport of the screenshots (an ordinary current phone).
const (
	phoneWidth  = 390
	phoneHeight = 844
	phoneScale  = 2
)

// chromium returns the browser binary, or skips (fails under
// MIZBAN_REQUIRE_BROWSER=1) when there is none.
func chromium(t *testing.T) string {
	t.Helper()
	for _, p := range []string{"/usr/bin/chromium", "chromium", "chromium-browser"} {
		if path, err := exec.LookPath(p); err == nil {
			return path
		}
	}
	msg := "browser tests need Debian's chromium (apt-get install -y chromium); not found in /usr/bin or PATH"
	if os.Getenv(envRequire) == "1" {
		t.Fatal(msg + ", and " + envRequire + "=1 forbids skipping")
	}
	t.Skip(msg)
	return ""
}

// startApp runs the real desk, in demo mode, on a free port of 127.0.0.1
// and returns it with its base URL. It stops when the test ends.
func startApp(t *testing.T) (*app.App, string) {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + l.Addr().String()
	cfg := config.Defaults()
	cfg.Addr = l.Addr().String()
	cfg.DataDir = t.TempDir()
	cfg.Demo = true
	cfg.BaseURL = base
	log := slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelWarn}))
	a, err := app.New(t.Context(), cfg, log, sms.NewFake())
	if err != nil {
		l.Close()
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Serve(ctx, l) }()
	t.Cleanup(func() {
		stop()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
		a.Close()
	})
	return a, base
}

// browser is one headless chromium tab pointed at the app.
type browser struct {
	t     *testing.T
	ctx   context.Context // the tab; it owns the browser process
	base  string
	shots string
}

// newBrowser starts chromium with a throw-away profile and one tab at phone
// size. The browser is closed and its profile removed when the test ends.
func newBrowser(t *testing.T, base string) *browser {
	t.Helper()
	path := chromium(t)
	profile, err := os.MkdirTemp("", "mizban-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox, // root in containers and CI
		chromedp.DisableGPU,
		chromedp.UserDataDir(profile),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.WindowSize(phoneWidth, phoneHeight),
	)
	// The budget bounds the whole browser: a hung chromium cannot outlive it.
	budget, cancelBudget := context.WithTimeout(context.Background(), browserBudget)
	alloc, cancelAlloc := chromedp.NewExecAllocator(budget, opts...)
	tab, cancelTab := chromedp.NewContext(alloc)
	t.Cleanup(func() {
		cancelTab()
		cancelAlloc() // waits for the browser process to exit
		cancelBudget()
		// Helper processes may still be writing for a moment.
		for range 50 {
			if err := os.RemoveAll(profile); err == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
		t.Logf("could not remove browser profile %s", profile)
	})
	// The first Do starts the browser and binds it to tab's context, which has
	// only the budget; steps get their own shorter timeouts.
	if err := chromedp.Do(tab, phone()); err != nil {
		t.Fatalf("start chromium %s: %v", path, err)
	}
	return &browser{t: t, ctx: tab, base: base, shots: artefacts(t)}
}

// phone sets the viewport of a tab to a phone's.
func phone() chromedp.Action[chromedp.Void] {
	return chromedp.EmulateViewport(phoneWidth, phoneHeight, chromedp.EmulateScale(phoneScale), chromedp.EmulateMobile)
}

// artefacts is where screenshots go.
func artefacts(t *testing.T) string {
	dir := os.Getenv(envArtefacts)
	if dir == "" {
		return t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// step runs actions with the step timeout and fails the test on error.
func (b *browser) step(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
}

// get runs one action that returns a value, with the step timeout.
func get[T any](b *browser, what string, a chromedp.Action[T]) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
	return v
}

// load runs actions that cause a page load (a navigation, a click on a
// link or a submit) and returns the HTTP status of the new document.
func (b *browser) load(what string, actions ...chromedp.Action[chromedp.Void]) int64 {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, actions...)
	if err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
	if resp == nil {
		b.t.Fatalf("%s: no document response", what)
	}
	return resp.Status
}

// open navigates to path and requires a 200.
func (b *browser) open(path string) {
	b.t.Helper()
	resp := get(b, "open "+path, chromedp.NavigateResponse(b.base+path))
	if resp == nil || resp.Status != 200 {
		b.t.Fatalf("open %s: response %+v, want status 200", path, resp)
	}
}

// text is the rendered text (innerText) of the first element matching css.
func (b *browser) text(css string) string {
	b.t.Helper()
	return get(b, "text of "+css, chromedp.Text(chromedp.CSS(css)))
}

// value is the current value of a form field.
func (b *browser) value(css string) string {
	b.t.Helper()
	return get(b, "value of "+css, chromedp.Value(chromedp.CSS(css)))
}

// location is the current URL without the base.
func (b *browser) location() string {
	b.t.Helper()
	u := get(b, "location", chromedp.Location())
	if len(u) >= len(b.base) && u[:len(b.base)] == b.base {
		return u[len(b.base):]
	}
	return u
}

// shot saves a full-page phone-width PNG named name+".png".
func (b *browser) shot(name string) {
	b.t.Helper()
	png := get(b, "screenshot "+name, chromedp.FullScreenshot(100))
	path := filepath.Join(b.shots, name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		b.t.Fatal(err)
	}
	b.t.Logf("screenshot %s", path)
}

// type_ clears a field and types s into it key by key, as a person would.
func (b *browser) type_(css, s string) {
	b.t.Helper()
	if b.value(css) != "" { // Clear refuses an empty textarea
		b.step("clear "+css, chromedp.Clear(chromedp.CSS(css)))
	}
	b.step("type into "+css, chromedp.SendKeys(chromedp.CSS(css), s))
}

// newTab opens a second tab in the same browser (same cookies), closed
// when the returned func is called.
func (b *browser) newTab() (*browser, func()) {
	b.t.Helper()
	ctx, cancel := chromedp.NewContext(b.ctx)
	// Not step: the first Do binds the tab to its context, and a step's
	// timeout would close the tab when the step ends.
	if err := chromedp.Do(ctx, phone()); err != nil {
		cancel()
		b.t.Fatalf("open a second tab: %v", err)
	}
	return &browser{t: b.t, ctx: ctx, base: b.base, shots: b.shots}, cancel
}
