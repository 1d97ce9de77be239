// Package bench holds Go benchmarks of whole pages: the real handler chain
// (middleware, store, templates) without the network. The load program in
// bench/load measures the same pages over HTTP under concurrency.
package bench

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"mizban/internal/app"
	"mizban/internal/config"
	"mizban/internal/desk"
	"mizban/internal/sms"
	"mizban/internal/workflow"
)

const (
	permitService = "17051310001" // صدور پروانه ساختمانی, the largest card
	reportService = "17051350003" // گزارش مشکلات و خطرهای شهری, no required upload
)

// newApp is the demo desk on SQLite in a temporary directory, with the
// per-client look-up limit raised: every benchmark request comes from one
// address.
func newApp(b *testing.B) *app.App {
	b.Helper()
	cfg := config.Defaults()
	cfg.DataDir = b.TempDir()
	cfg.Demo = true
	cfg.BaseURL = "http://127.0.0.1:8080"
	a, err := app.New(b.Context(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), sms.NewFake())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { a.Close() })
	a.Flow.Lookups = workflow.NewLimiter(1<<30, time.Minute)
	return a
}

// serve runs one request through the whole handler and checks the status
// and that the body holds want.
func serve(b *testing.B, h http.Handler, req *http.Request, want string) {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), want) {
		b.Fatalf("%s %s: status %d, body lacks %q", req.Method, req.URL, w.Code, want)
	}
}

// BenchmarkServiceCard renders the building permit's service card.
func BenchmarkServiceCard(b *testing.B) {
	h := newApp(b).Handler()
	b.ReportAllocs()
	for b.Loop() {
		serve(b, h, httptest.NewRequest(http.MethodGet, "/services/"+permitService, nil), "صدور پروانه ساختمانی")
	}
}

// BenchmarkCatalogSearch searches with a misspelt query (Arabic ي, no space).
func BenchmarkCatalogSearch(b *testing.B) {
	h := newApp(b).Handler()
	q := "/services?q=" + url.QueryEscape("پروانهساختماني")
	b.ReportAllocs()
	for b.Loop() {
		serve(b, h, httptest.NewRequest(http.MethodGet, q, nil), `href="/services/`+permitService+`"`)
	}
}

// BenchmarkHome renders the home page.
func BenchmarkHome(b *testing.B) {
	h := newApp(b).Handler()
	b.ReportAllocs()
	for b.Loop() {
		serve(b, h, httptest.NewRequest(http.MethodGet, "/", nil), `class="search-form"`)
	}
}

// BenchmarkTrack looks up one request and renders its timeline.
func BenchmarkTrack(b *testing.B) {
	a := newApp(b)
	code, mobile := createRequest(b, a)
	h := a.Handler()
	form := url.Values{"code": {code}, "mobile": {mobile}}.Encode()
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest(http.MethodPost, "/track", strings.NewReader(form))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		serve(b, h, req, `class="timeline"`)
	}
}

// createRequest registers one request through the workflow and returns its
// tracking code and mobile.
func createRequest(b *testing.B, a *app.App) (string, string) {
	b.Helper()
	const mobile = "09351234567"
	ctx := b.Context()
	draft, err := a.Flow.SaveDraft(ctx, workflow.ApplyInput{
		ServiceCode: reportService,
		Client:      a.Flow.ClientKey("192.0.2.1"),
		App: workflow.Application{
			Applicant: desk.Person{Name: "مریم احمدی", NationalID: "0076229645", Mobile: mobile},
			Answers:   map[string]string{"issue_type": "چاله یا خرابی آسفالت", "location": "خیابان امام", "immediate_danger": "no"},
		},
	})
	if err != nil {
		b.Fatal(err)
	}
	msgs, err := a.Store.RecentSMS(ctx, 1)
	if err != nil || len(msgs) != 1 {
		b.Fatalf("outbox: %v, %d messages", err, len(msgs))
	}
	code := ""
	for _, f := range strings.Fields(msgs[0].Text) {
		if len(f) == 6 && strings.Trim(f, "0123456789") == "" {
			code = f
		}
	}
	req, err := a.Flow.Confirm(ctx, draft, code)
	if err != nil {
		b.Fatalf("confirm with %q: %v", code, err)
	}
	return req.TrackingCode, mobile
}
