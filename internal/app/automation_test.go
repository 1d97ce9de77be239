package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"mizban/internal/app"
	"mizban/internal/config"
	"mizban/internal/demo"
	"mizban/internal/desk"
	"mizban/internal/fa"
	"mizban/internal/jalali"
	"mizban/internal/sms"
	"mizban/internal/store/storetest"
	"mizban/internal/webhook"
	"mizban/internal/workflow"
)

// TestAutomationSimulator plays an external office-automation product end
// to end against a running desk, only through what a vendor has: the
// Integration API with its token and the signed webhooks. A citizen
// applies on the web API; the simulated automation receives
// request.created, checks its signature, registers the request as an
// incoming letter, refers it to another unit, records the signed reply
// letter and closes it. The citizen's tracking page and the SMS the
// gateway received must show every stage, in order.
func TestAutomationSimulator(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) { simulate(t, "") })
	t.Run("postgres", func(t *testing.T) { simulate(t, storetest.PostgresDSN(t)) })
}

func simulate(t *testing.T, dsn string) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + l.Addr().String()
	cfg := config.Defaults()
	cfg.DataDir, cfg.DB, cfg.Demo, cfg.BaseURL = t.TempDir(), dsn, true, base
	cfg.SMSQuiet = "off" // the test may run at night in Tehran
	cfg.LookupsPerMinute = 1000
	gw := &phone{}
	a, err := app.New(ctx, cfg, quiet(), gw)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	done := make(chan error, 1)
	go func() { done <- a.Serve(ctx, l) }()
	defer func() {
		cancel()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			t.Error("server did not shut down")
		}
	}()

	// The administrator connects the automation: a webhook endpoint on
	// the agency's network and an API client with a token.
	admin := staffActor(t, a, "p.rezaei")
	rcv := &receiver{events: make(chan webhook.Event, 64)}
	hooks := httptest.NewServer(rcv)
	defer hooks.Close()
	_, secret, err := a.Flow.AddWebhook(ctx, admin, workflow.WebhookInput{URL: hooks.URL + "/mizban",
		Events: webhook.EventTypes, AllowPrivate: true})
	if err != nil {
		t.Fatal(err)
	}
	rcv.secret = secret
	_, token, err := a.Flow.CreateAPIClient(ctx, admin, workflow.APIClientInput{Name: "اتوماسیون آزمایشی",
		Scopes: []string{workflow.ScopeRequestsRead, workflow.ScopeEventsWrite}})
	if err != nil {
		t.Fatal(err)
	}
	auto := &vendor{t: t, base: base, token: token}

	// The citizen applies with a one-time code, as on their phone.
	mobile := "09127770011"
	tracking := apply(t, base, gw, mobile)

	// 1. request.created arrives, signed; the automation reads the request.
	created := rcv.next(t, webhook.RequestCreated)
	if got := dataField(created, "tracking_code"); got != tracking {
		t.Fatalf("request.created carries tracking code %q; want %q", got, tracking)
	}
	var req struct {
		Status string `json:"status"`
		Unit   struct {
			Code string `json:"code"`
		} `json:"unit"`
	}
	auto.call("GET", "/api/v1/integration/requests/"+tracking, nil, http.StatusOK, &req)
	if req.Status != string(desk.StatusSubmitted) || req.Unit.Code == "" {
		t.Fatalf("request as the automation reads it: %+v", req)
	}

	// 2. Registered as an incoming letter in the automation's secretariat
	// (date typed in Persian digits, as the automation's clerk has it).
	sec := automationSecretariat(t, a)
	today := jalali.FromTime(time.Now())
	inNumber := fmt.Sprintf("%d/%d/و", today.Year, 5000+rand.IntN(4000))
	var reg struct {
		Letter struct {
			Number    string `json:"number"`
			Direction string `json:"direction"`
		} `json:"letter"`
	}
	auto.call("POST", "/api/v1/integration/requests/"+tracking+"/letters", map[string]any{
		"number": inNumber, "date": fa.PersianDigits(today.String()), "secretariat": sec,
		"shams_id": "3f2504e0-4f89-11d3-9a0c-0305e82c3301",
	}, http.StatusCreated, &reg)
	if reg.Letter.Number != inNumber || reg.Letter.Direction != "incoming" {
		t.Fatalf("letter registered as %+v; want incoming %s", reg.Letter, inNumber)
	}
	if got := dataField(rcv.next(t, webhook.LetterRegistered), "number"); got != inNumber {
		t.Fatalf("letter.registered number %q; want %q", got, inNumber)
	}

	// 3. Referred to the legal office with its instruction (هامش).
	auto.call("POST", "/api/v1/integration/requests/"+tracking+"/referrals", map[string]any{
		"unit": "legal", "instruction": "بررسی و نتیجه اعلام شود.",
	}, http.StatusCreated, nil)
	if got := dataField(rcv.next(t, webhook.RequestReferred), "unit"); got != "legal" {
		t.Fatalf("request.referred unit %q; want legal", got)
	}

	// 4. The reply letter, signed in the automation, is recorded.
	outNumber := fmt.Sprintf("%d/%d/ص", today.Year, 5000+rand.IntN(4000))
	answer := "شکایت شما بررسی شد و به واحد مربوط تذکر داده شد."
	auto.call("POST", "/api/v1/integration/requests/"+tracking+"/replies", map[string]any{
		"number": outNumber, "date": time.Now().In(tehran()).Format("2006-01-02"), "secretariat": sec,
		"signer": "مدیر بازرسی و پاسخگویی به شکایات", "text": answer,
	}, http.StatusCreated, nil)
	if got := dataField(rcv.next(t, webhook.LetterRegistered), "number"); got != outNumber {
		t.Fatalf("reply letter.registered number %q; want %q", got, outNumber)
	}
	rcv.next(t, webhook.RequestAnswered)

	// 5. Closed.
	auto.call("POST", "/api/v1/integration/requests/"+tracking+"/close", map[string]any{}, http.StatusOK, nil)
	rcv.next(t, webhook.RequestClosed)

	// A repeat of the close with its Idempotency-Key gets the first answer.
	auto.repeatLast(http.StatusOK)

	// The citizen's SMS: one per stage, in order, each once.
	want := []string{"otp", "registered", "letter_issued", "referred", "answered", "closed"}
	got := gw.waitKinds(t, a, mobile, tracking, len(want))
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("SMS to the citizen: %v; want %v", got, want)
	}

	// The tracking page: both letter numbers, and the stages newest first.
	page := trackPage(t, base, tracking, mobile)
	for _, s := range []string{fa.PersianDigits(inNumber), fa.PersianDigits(outNumber), answer, "اداره حقوقی"} {
		if !strings.Contains(page, s) {
			t.Errorf("tracking page lacks %q", s)
		}
	}
	stages := []string{"پرونده درخواست مختومه شد", answer, workflow.LetterRegisteredNote}
	at := 0
	tl := page[strings.Index(page, `class="timeline"`):]
	for _, s := range stages {
		i := strings.Index(tl[at:], s)
		if i < 0 {
			t.Fatalf("timeline lacks %q after position %d (newest first)", s, at)
		}
		at += i + len(s)
	}
}

// phone is the SMS gateway: it keeps every message it is given, in order.
type phone struct {
	mu   sync.Mutex
	sent []sms.Message
}

func (p *phone) Name() string { return "test" }

func (p *phone) Send(_ context.Context, m sms.Message) (string, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.sent = append(p.sent, m)
	return fmt.Sprintf("ref-%d", len(p.sent)), nil
}

func (p *phone) to(mobile string) []sms.Message {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []sms.Message
	for _, m := range p.sent {
		if m.To == mobile {
			out = append(out, m)
		}
	}
	return out
}

var sixDigits = regexp.MustCompile(`(\d{6})`)

// code waits for the one-time code sent to mobile.
func (p *phone) code(t *testing.T, mobile string) string {
	t.Helper()
	for end := time.Now().Add(20 * time.Second); time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
		for _, m := range p.to(mobile) {
			if c := sixDigits.FindString(fa.ASCIIDigits(m.Text)); c != "" {
				return c
			}
		}
	}
	t.Fatalf("no one-time code reached %s", mobile)
	return ""
}

// waitKinds waits until n messages reached mobile and names each by its
// outbox kind (the message id the gateway got is the outbox row's), in
// the order the gateway got them.
func (p *phone) waitKinds(t *testing.T, a *app.App, mobile, tracking string, n int) []string {
	t.Helper()
	end := time.Now().Add(20 * time.Second)
	for len(p.to(mobile)) < n && time.Now().Before(end) {
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(300 * time.Millisecond) // a duplicate would arrive now
	rq, err := a.Store.RequestByTracking(context.Background(), tracking)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := a.Store.RequestSMS(context.Background(), rq.ID)
	if err != nil {
		t.Fatal(err)
	}
	kind := map[string]string{}
	for _, r := range rows {
		kind[r.ID] = r.Kind
	}
	var out []string
	for _, m := range p.to(mobile) {
		k, ok := kind[m.ID]
		if !ok {
			k = "otp" // the application's code belongs to its draft, not the request
		}
		out = append(out, k)
	}
	return out
}

// receiver is the automation's webhook endpoint: it verifies every
// delivery as a vendor must and passes the events on in arrival order.
type receiver struct {
	secret string
	events chan webhook.Event
	bad    sync.Once
	err    error
}

func (rc *receiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	if err := webhook.Verify(rc.secret, r.Header, body, time.Now(), webhook.DefaultTolerance); err != nil {
		rc.bad.Do(func() { rc.err = err })
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	}
	// A changed byte must not verify: the check the receiver relies on.
	tampered := bytes.Replace(body, []byte(`"version":1`), []byte(`"version":2`), 1)
	if webhook.Verify(rc.secret, r.Header, tampered, time.Now(), webhook.DefaultTolerance) == nil {
		rc.bad.Do(func() { rc.err = fmt.Errorf("a changed body verified") })
	}
	var e webhook.Event
	if err := json.Unmarshal(body, &e); err != nil {
		rc.bad.Do(func() { rc.err = err })
		http.Error(w, "bad body", http.StatusBadRequest)
		return
	}
	e.ID = r.Header.Get("webhook-id")
	rc.events <- e
	w.WriteHeader(http.StatusNoContent)
}

// next skips to the next event of type typ (status_changed and others in
// between are fine) and fails when none comes.
func (rc *receiver) next(t *testing.T, typ string) webhook.Event {
	t.Helper()
	timeout := time.After(20 * time.Second)
	for {
		select {
		case e := <-rc.events:
			if rc.err != nil {
				t.Fatalf("webhook delivery: %v", rc.err)
			}
			if e.Type == typ {
				return e
			}
		case <-timeout:
			t.Fatalf("no %s webhook arrived", typ)
		}
	}
}

func dataField(e webhook.Event, name string) string {
	var m map[string]any
	json.Unmarshal(e.Data, &m)
	s, _ := m[name].(string)
	return s
}

// vendor calls the Integration API with its token, each POST with an
// Idempotency-Key of its own.
type vendor struct {
	t           *testing.T
	base, token string
	last        *http.Request
	lastBody    []byte
	lastAnswer  []byte
}

func (v *vendor) call(method, path string, body any, want int, out any) {
	v.t.Helper()
	var b []byte
	if body != nil {
		b, _ = json.Marshal(body)
	}
	req, _ := http.NewRequest(method, v.base+path, bytes.NewReader(b))
	req.Header.Set("Authorization", "Bearer "+v.token)
	if method == http.MethodPost {
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Idempotency-Key", fmt.Sprintf("sim-%d", rand.Int64()))
	}
	v.last, v.lastBody = req, b
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		v.t.Fatal(err)
	}
	defer resp.Body.Close()
	got, _ := io.ReadAll(resp.Body)
	v.lastAnswer = got
	if resp.StatusCode != want {
		v.t.Fatalf("%s %s: %d %s; want %d", method, path, resp.StatusCode, got, want)
	}
	if out != nil {
		if err := json.Unmarshal(got, out); err != nil {
			v.t.Fatalf("%s %s: %v in %s", method, path, err, got)
		}
	}
}

// repeatLast sends the last POST again with the same key and body.
func (v *vendor) repeatLast(want int) {
	v.t.Helper()
	req, _ := http.NewRequest(v.last.Method, v.last.URL.String(), bytes.NewReader(v.lastBody))
	req.Header = v.last.Header.Clone()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		v.t.Fatal(err)
	}
	defer resp.Body.Close()
	got, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != want || resp.Header.Get("Idempotent-Replayed") != "true" || !bytes.Equal(got, v.lastAnswer) {
		v.t.Fatalf("repeat: %d replayed=%q %s; want %d and the first answer %s", resp.StatusCode,
			resp.Header.Get("Idempotent-Replayed"), got, want, v.lastAnswer)
	}
}

// apply files a complaint through the public JSON API and returns its
// tracking code.
func apply(t *testing.T, base string, gw *phone, mobile string) string {
	t.Helper()
	body, _ := json.Marshal(map[string]any{
		"service_code": "17051370001",
		"applicant":    map[string]string{"name": "مریم آزمون", "national_id": "0499370899", "mobile": mobile},
		"answers": map[string]string{
			"complaint_about": "تأخیر در رسیدگی به درخواست",
			"details":         "پرونده‌ام سه ماه است بی‌پاسخ مانده است.",
		},
	})
	var app struct {
		ApplicationID string `json:"application_id"`
	}
	postJSON(t, base+"/api/v1/applications", body, http.StatusCreated, &app)
	code, _ := json.Marshal(map[string]string{"code": gw.code(t, mobile)})
	var sub struct {
		TrackingCode string `json:"tracking_code"`
	}
	postJSON(t, base+"/api/v1/applications/"+app.ApplicationID+"/confirm", code, http.StatusCreated, &sub)
	return fa.ASCIIDigits(sub.TrackingCode)
}

func postJSON(t *testing.T, u string, body []byte, want int, out any) {
	t.Helper()
	resp, err := http.Post(u, "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != want {
		t.Fatalf("POST %s: %d %s; want %d", u, resp.StatusCode, b, want)
	}
	if err := json.Unmarshal(b, out); err != nil {
		t.Fatalf("POST %s: %v in %s", u, err, b)
	}
}

// trackPage is the tracking page the citizen sees with code and mobile.
func trackPage(t *testing.T, base, tracking, mobile string) string {
	t.Helper()
	resp, err := http.PostForm(base+"/track", url.Values{"code": {tracking}, "mobile": {mobile}})
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(b), `class="timeline"`) {
		t.Fatalf("tracking page: %d\n%s", resp.StatusCode, b)
	}
	return string(b)
}

// staffActor is the desk actor of a demo account.
func staffActor(t *testing.T, a *app.App, username string) desk.Actor {
	t.Helper()
	s, err := a.Store.StaffByUsername(context.Background(), username)
	if err != nil {
		t.Fatal(err)
	}
	actor, err := a.Store.Actor(context.Background(), s.ID)
	if err != nil {
		t.Fatal(err)
	}
	return actor
}

// automationSecretariat is the demo's secretariat for the letters an
// external automation numbers.
func automationSecretariat(t *testing.T, a *app.App) string {
	t.Helper()
	secs, err := a.Store.Secretariats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range secs {
		if s.Code != demo.Central.Code && s.Active {
			return s.Code
		}
	}
	t.Fatal("the demo has no secretariat for an external automation's letters")
	return ""
}

func tehran() *time.Location {
	loc, err := time.LoadLocation("Asia/Tehran")
	if err != nil {
		return time.FixedZone("IRST", 3*3600+1800)
	}
	return loc
}
