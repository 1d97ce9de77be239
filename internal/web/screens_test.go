package web_test

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"mizban/internal/audit"
	"mizban/internal/desk"
	"mizban/internal/store"
	"mizban/internal/workflow"
)

// envScreens names a directory: when set (and chromium is installed),
// TestAdminScreens also drives headless chromium over the pages, checks that
// none scrolls sideways at phone width, that the letter prints on one A4
// sheet, and writes a PNG of each page at 390 and 1280 pixels there.
const envScreens = "MIZBAN_SCREENS"

// screensFixture is a desk with everything the secretariat, SMS, API client,
// webhook and letter pages show: long addresses, failed deliveries, an
// endpoint the worker switched off, and an answered request whose outgoing
// letter can be printed and verified.
type screensFixture struct {
	s              *site
	admin, officer *staffAgent
	hookID         int64
	printPath      string
	verifyPath     string
}

const screensLongURL = "https://automation-gateway.agency.example/api/v2/integrations/mizban/webhooks/receive?tenant=district-12&channel=requests"

func newScreensFixture(t *testing.T) screensFixture {
	t.Helper()
	s := trackSite(t)
	pinStaffClock(s, staffClockStart)
	ctx := context.Background()
	units, err := s.app.Store.Units(ctx)
	if err != nil || len(units) == 0 {
		t.Fatalf("units %v, %v", units, err)
	}
	addStaffUser(t, s, "screens.admin", "پریسا رضایی", []desk.Role{desk.RoleAdmin}, desk.Membership{UnitCode: units[0].Code, Title: "راهبر سامانه"})
	admin := signInStaff(t, s, "screens.admin", staffTestPassword)

	// Endpoints first, so the request's events are queued to them.
	for _, u := range []string{screensLongURL, "https://dead-receiver.agency.example/hooks"} {
		st, body, _ := admin.post("/staff/admin/webhooks", url.Values{"url": {u},
			"events": {"request.created", "request.answered", "letter.registered", "request.status_changed"}})
		wantCode(t, "add webhook", st, http.StatusOK, body)
	}
	eps, err := s.app.Store.WebhookEndpoints(ctx)
	if err != nil || len(eps) != 2 {
		t.Fatalf("endpoints %v, %v", eps, err)
	}
	st, body, _ := admin.post("/staff/admin/secretariats", url.Values{"code": {"ZN12"}, "name": {"دبیرخانه منطقه ۱۲ (ساختمان شماره ۲)"},
		"incoming_format": {"{code}-{year}/{seq:6}/و"}, "outgoing_format": {"{code}-{year}/{seq:6}/ص"}, "internal_format": {"{code}-{yy}/{seq:6}/د"}})
	wantCode(t, "add secretariat", st, http.StatusSeeOther, body)
	st, body, _ = admin.post("/staff/admin/api-clients", url.Values{"name": {"سامانه اتوماسیون اداری دیدگاه — دبیرخانه مرکزی"}, "scope": {"requests:read"}})
	wantCode(t, "add API client", st, http.StatusOK, body)

	// A request registered as an incoming letter and answered: the reply is
	// the printable outgoing letter.
	r := applyPermit(t, s, "09121234567")
	addStaffUser(t, s, "screens.officer", "همکار دبیرخانه", []desk.Role{desk.RoleManager},
		desk.Membership{UnitCode: r.UnitCode, Title: "مدیر واحد صدور پروانه"})
	officer := signInStaff(t, s, "screens.officer", staffTestPassword)
	st, body, _ = officer.post("/staff/requests/"+itoa(r.ID)+"/letter", url.Values{"secretariat": {"1"}, "version": {strconv.Itoa(r.Version)}})
	wantCode(t, "register letter", st, http.StatusSeeOther, body)
	a, err := s.app.Store.Actor(ctx, officer.ID)
	if err != nil {
		t.Fatal(err)
	}
	act(t, s, a, r.ID, workflow.ActInput{Action: desk.ActAccept})
	act(t, s, a, r.ID, workflow.ActInput{Action: desk.ActAnswer, Text: "پروانه ساختمان شما صادر شد. برای دریافت اصل پروانه با در دست داشتن کارت ملی به واحد صدور پروانه مراجعه کنید."})
	ls, err := s.app.Store.LettersOfRequest(ctx, r.ID)
	if err != nil || len(ls) != 2 {
		t.Fatalf("letters %+v, %v", ls, err)
	}
	token, err := s.app.Store.LetterToken(ctx, ls[1].ID)
	if err != nil || token == "" {
		t.Fatalf("letter token %q, %v", token, err)
	}

	// Deliveries: the first endpoint gets some and fails others with a long
	// error; the second keeps failing until the worker would switch it off.
	now := s.app.Flow.Now()
	sent := map[int64]int{}
	for round := 0; round < 6; round++ {
		ds, err := s.app.Store.ClaimWebhooks(ctx, "screens", now, now.Add(time.Minute), 20)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range ds {
			sent[d.EndpointID]++
			o := store.WebhookOutcome{At: now, OK: true, Code: 204}
			if d.EndpointID == eps[1].ID || sent[d.EndpointID]%2 == 0 {
				o = store.WebhookOutcome{At: now, Code: 502, GiveUp: true,
					Error: `Post "` + screensLongURL + `": dial tcp 203.0.113.7:443: connect: connection refused`}
			}
			if _, err := s.app.Store.RecordWebhookAttempt(ctx, "screens", d, o); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, err := s.app.Store.DisableFailingWebhook(ctx, eps[1].ID, now, &audit.Record{At: now, Actor: "system",
		Action: "webhook.disable", Target: "webhook:" + itoa64(eps[1].ID), Result: audit.OK}); err != nil {
		t.Fatal(err)
	}
	return screensFixture{s: s, admin: admin, officer: officer, hookID: eps[0].ID,
		printPath: "/staff/letters/" + itoa(ls[1].ID) + "/print", verifyPath: "/v/" + token}
}

// screenPage is one page to look at, as whom.
type screenPage struct {
	name, path string
	as         *staffAgent // nil: a member of the public
}

func (f screensFixture) pages() []screenPage {
	return []screenPage{
		{"staff-home", "/staff", f.admin},
		{"admin-home", "/staff/admin", f.admin},
		{"sms-services", "/staff/admin/sms/services?service=" + permitCode, f.admin},
		{"secretariats", "/staff/admin/secretariats", f.admin},
		{"api-clients", "/staff/admin/api-clients", f.admin},
		{"webhooks", "/staff/admin/webhooks", f.admin},
		{"webhook-log", "/staff/admin/webhooks/" + itoa64(f.hookID), f.admin},
		{"letter-print", f.printPath, f.officer},
		{"letter-verify", f.verifyPath, nil},
	}
}

// TestAdminScreens checks the markup that keeps these pages readable on a
// phone — tables in a scrolling box, Latin text isolated, Persian digits —
// and, with MIZBAN_SCREENS set, how chromium draws them.
func TestAdminScreens(t *testing.T) {
	f := newScreensFixture(t)
	for _, p := range f.pages() {
		get := f.s.get
		if p.as != nil {
			get = p.as.get
		}
		st, body, _ := get(p.path)
		wantCode(t, p.name, st, http.StatusOK, body)
		// Every table sits in the box that scrolls it on a narrow screen.
		if n, wrapped := strings.Count(body, "<table"), strings.Count(body, `<div class="table-wrap"`); n > wrapped {
			t.Errorf("%s: %d tables, only %d in a table-wrap", p.name, n, wrapped)
		}
	}
	_, body, _ := f.admin.get("/staff/admin/webhooks")
	mustContain(t, body, `<bdi class="ltr url">`+strings.ReplaceAll(screensLongURL, "&", "&amp;")+`</bdi>`)
	_, body, _ = f.admin.get("/staff/admin/webhooks/" + itoa64(f.hookID))
	mustContain(t, body, `<bdi class="ltr url muted">Post`)
	_, body, _ = f.officer.get(f.printPath)
	mustContain(t, body, `letter-sheet"`, "۳۱ فروردین ۱۴۰۵")
	_, body, _ = f.admin.get("/staff/admin/secretariats")
	mustContain(t, body, `<bdi class="ltr">ZN۱۲-۱۴۰۵/۰۰۰۰۰۱/و</bdi>`)

	t.Run("chromium", func(t *testing.T) {
		dir := os.Getenv(envScreens)
		if dir == "" {
			t.Skip("set " + envScreens + "=dir to look at the pages in chromium")
		}
		chrome, err := exec.LookPath("chromium")
		if err != nil {
			t.Skip("no chromium: " + err.Error())
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		shootScreens(t, f, chrome, dir)
	})
}

func shootScreens(t *testing.T, f screensFixture, chrome, dir string) {
	profile := t.TempDir()
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(chrome), chromedp.NoSandbox,
		chromedp.DisableGPU, chromedp.UserDataDir(profile), chromedp.Flag("no-first-run", true))
	budget, cancelBudget := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancelBudget()
	alloc, cancelAlloc := chromedp.NewExecAllocator(budget, opts...)
	defer cancelAlloc()
	tab, cancelTab := chromedp.NewContext(alloc)
	defer cancelTab()
	if err := chromedp.Do(tab, chromedp.EmulateViewport(390, 900)); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	do := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(tab, steps...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	signIn := func(a *staffAgent) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			if _, err := cdp.Call(ctx, tg, network.ClearBrowserCookies, cdp.Empty{}); err != nil {
				return err
			}
			if a == nil {
				return nil
			}
			u, _ := url.Parse(f.s.srv.URL + "/staff")
			for _, c := range a.c.Jar.Cookies(u) {
				if _, err := cdp.Call(ctx, tg, network.SetCookie, network.SetCookieParams{Name: c.Name, Value: c.Value, URL: u.String(), Path: "/staff"}); err != nil {
					return err
				}
			}
			return nil
		})
	}
	shot := func(name string) {
		t.Helper()
		png, err := chromedp.Run(tab, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// tiles saves the page in phone-screen pieces too: a whole phone page is
	// too tall to read when shrunk to fit a viewer.
	tiles := func(name string) {
		t.Helper()
		h, err := chromedp.Run(tab, chromedp.Evaluate[float64](`document.documentElement.scrollHeight`))
		if err != nil {
			t.Fatal(err)
		}
		for i, y := 0, 0.0; y < h; i, y = i+1, y+900 {
			// What the phone's screen shows, scrolled down by y.
			if _, err := chromedp.Run(tab, chromedp.Evaluate[bool](`window.scrollTo(0, `+strconv.Itoa(int(y))+`), true`)); err != nil {
				t.Fatal(err)
			}
			r, err := chromedp.Run(tab, func(ctx context.Context, tg *chromedp.Target) (page.CaptureScreenshotResult, error) {
				return cdp.Call(ctx, tg, page.CaptureScreenshot, page.CaptureScreenshotParams{})
			})
			if err != nil {
				t.Fatalf("tile %s %d: %v", name, i, err)
			}
			if err := os.WriteFile(filepath.Join(dir, name+"-part"+strconv.Itoa(i+1)+".png"), r.Data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, p := range f.pages() {
		do("open "+p.name, signIn(p.as), chromedp.EmulateViewport(390, 900), chromedp.Navigate(f.s.srv.URL+p.path))
		// A page wider than the phone scrolls sideways: something in it
		// does not wrap.
		wide, err := chromedp.Run(tab, chromedp.Evaluate[int](`document.documentElement.scrollWidth - window.innerWidth`))
		if err != nil {
			t.Fatal(err)
		}
		if wide > 0 {
			// Name the outermost elements that stick out, to say what to fix.
			out, _ := chromedp.Run(tab, chromedp.Evaluate[string](screensOverflowJS))
			t.Errorf("%s: %dpx wider than a 390px phone; sticking out: %s", p.name, wide, out)
		}
		tiles(p.name + "-390")
		shot(p.name + "-390")
		do("desktop "+p.name, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(f.s.srv.URL+p.path))
		shot(p.name + "-1280")
	}
	// The API client's token, shown once after the form is sent.
	do("new client", signIn(f.admin), chromedp.EmulateViewport(390, 900), chromedp.Navigate(f.s.srv.URL+"/staff/admin/api-clients"),
		chromedp.SendKeys(chromedp.CSS("#i-name"), "درگاه استانی"), chromedp.Click(chromedp.CSS(`input[name="scope"]`)),
		chromedp.Submit(chromedp.CSS("#i-name")), chromedp.WaitVisible(chromedp.CSS("#token-panel")))
	shot("api-client-token-390")

	// The letter on paper: one A4 sheet, and a picture of it.
	do("letter", signIn(f.officer), chromedp.Navigate(f.s.srv.URL+f.printPath))
	pdf, err := chromedp.Run(tab, func(ctx context.Context, tg *chromedp.Target) ([]byte, error) {
		r, err := cdp.Call(ctx, tg, page.PrintToPDF, page.PrintToPDFParams{PreferCSSPageSize: ptrTo(true)})
		return r.Data, err
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "letter-print.pdf"), pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	if n := len(pdfPageRE.FindAll(pdf, -1)); n != 1 {
		t.Errorf("the letter prints on %d pages, want 1", n)
	}
	// The sheet's printable width: A4 less the 15 mm margins, at 96 px an inch.
	do("print media", chromedp.EmulateViewport(680, 1000), chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
		return err
	}))
	shot("letter-print-a4")
}

// screensOverflowJS lists elements reaching past the viewport whose parent
// does not.
const screensOverflowJS = `(() => {
  const w = window.innerWidth, out = [];
  const past = el => { const r = el.getBoundingClientRect(); return r.left < -1 || r.right > w + 1; };
  for (const el of document.body.querySelectorAll('*')) {
    if (past(el) && !past(el.parentElement)) out.push(el.tagName.toLowerCase() + '.' + el.className + ' ' + Math.round(el.getBoundingClientRect().width) + 'px');
  }
  return out.slice(0, 8).join(', ');
})()`

// pdfPageRE finds a PDF's page objects (not its /Pages tree).
var pdfPageRE = regexp.MustCompile(`/Type\s*/Page[^s]`)

func ptrTo[T any](v T) *T { return &v }
