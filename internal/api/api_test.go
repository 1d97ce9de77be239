package api

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"mizban/internal/demo"
	"mizban/internal/desk"
	"mizban/internal/files"
	"mizban/internal/jobs"
	"mizban/internal/sms"
	"mizban/internal/store"
	"mizban/internal/store/storetest"
	"mizban/internal/workcal"
	"mizban/internal/workflow"
)

const (
	baseURL       = "https://desk.example.ir"
	complaintCode = "17051370001" // online, optional evidence upload, a date field
	mobile        = "09121234567"
	nationalID    = "0012345679"
)

// tinyPNG is a valid 1×1 PNG.
var tinyPNG, _ = base64.StdEncoding.DecodeString("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAcCBlCwAAAABJRU5ErkJggg==")

// stack is the whole application (demo data, SQLite in a temp dir, fake
// SMS) with the API in front and a clock the test moves.
type stack struct {
	t      *testing.T
	app    *testApp
	sms    *sms.Fake
	api    *API
	h      http.Handler
	spec   *spec
	mu     sync.Mutex
	now    time.Time
	remote string
	// checked counts answers validated against openapi.json, so a test
	// can tell the check ran.
	checked int
}

// testApp is the part of the application the API stands on, built the way
// internal/app builds it (app itself imports this package, so tests can't).
type testApp struct {
	Flow       *workflow.Flow
	Store      *store.Store
	Dispatcher *jobs.Dispatcher
}

func newStack(t *testing.T) *stack {
	t.Helper()
	ctx := context.Background()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	fake := sms.NewFake()
	st := storetest.Open(t)
	v := storetest.Vault(t)
	fs, err := files.NewLocal(t.TempDir(), v)
	if err != nil {
		t.Fatal(err)
	}
	if err := demo.Seed(ctx, st); err != nil {
		t.Fatal(err)
	}
	flow := workflow.New(st, fs, v, workcal.Default(), workflow.Options{BaseURL: baseURL}, log)
	d := jobs.NewDispatcher(st, fake, log)
	a := &testApp{Flow: flow, Store: st, Dispatcher: d}
	s := &stack{t: t, app: a, sms: fake, spec: loadSpec(t), now: time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC), remote: "192.0.2.10:4000"}
	a.Flow.Now = s.clock
	a.Dispatcher.Now = s.clock
	s.api = New(a.Flow, a.Store, log, baseURL+"/")
	s.h = s.api.Handler()
	return s
}

func (s *stack) clock() time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.now
}

func (s *stack) advance(d time.Duration) {
	s.mu.Lock()
	s.now = s.now.Add(d)
	s.mu.Unlock()
}

// reply is one HTTP answer, decoded.
type reply struct {
	status int
	header http.Header
	body   []byte
	json   map[string]any
}

func (s *stack) do(method, path string, body any, header ...string) reply {
	s.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		js, err := json.Marshal(b)
		if err != nil {
			s.t.Fatal(err)
		}
		rd = bytes.NewReader(js)
	}
	r := httptest.NewRequest(method, path, rd)
	r.RemoteAddr = s.remote
	if rd != nil {
		r.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	s.h.ServeHTTP(w, r)
	a := reply{status: w.Code, header: w.Header(), body: w.Body.Bytes()}
	if ct := w.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
		s.t.Errorf("%s %s: Content-Type %q", method, path, ct)
	}
	if err := json.Unmarshal(a.body, &a.json); err != nil {
		s.t.Fatalf("%s %s: answer is not a JSON object: %v\n%s", method, path, err, a.body)
	}
	s.checkDocumented(method, r.Pattern, a)
	return a
}

// checkDocumented validates a live answer against openapi.json.
func (s *stack) checkDocumented(method, pattern string, a reply) {
	s.t.Helper()
	path := strings.TrimPrefix(strings.TrimPrefix(pattern, method+" "), Prefix)
	if pattern == "" || path == "/" || pattern == Prefix+"/" {
		return // the catch-all and 405s belong to no documented path
	}
	schema, err := s.spec.responseSchema(path, method, a.status)
	if err != nil {
		s.t.Errorf("undocumented answer: %v\n%s", err, a.body)
		return
	}
	s.checked++
	var v any
	json.Unmarshal(a.body, &v)
	for _, e := range s.spec.validate(schema, v, method+" "+path, true) {
		s.t.Errorf("answer does not match openapi.json: %s", e)
	}
}

// wantProblem checks an error answer's status and code and that its
// message is Persian.
func wantProblem(t *testing.T, a reply, status int, code string) map[string]any {
	t.Helper()
	if a.status != status {
		t.Fatalf("status %d, want %d\n%s", a.status, status, a.body)
	}
	e, _ := a.json["error"].(map[string]any)
	if e["code"] != code {
		t.Errorf("code %v, want %s", e["code"], code)
	}
	msg, _ := e["message"].(string)
	if !persian.MatchString(msg) {
		t.Errorf("message %q is not Persian", msg)
	}
	fields, _ := e["fields"].(map[string]any)
	for k, v := range fields {
		if s, _ := v.(string); !persian.MatchString(s) {
			t.Errorf("field %s: message %q is not Persian", k, v)
		}
	}
	return fields
}

// lastCode delivers queued SMS and returns the one-time code sent to to.
func (s *stack) lastCode(to string) string {
	s.t.Helper()
	s.app.Dispatcher.RunOnce(context.Background())
	sent := s.sms.Sent()
	for i := len(sent) - 1; i >= 0; i-- {
		if sent[i].To == to && strings.Contains(sent[i].Text, "کد تأیید") {
			if m := regexp.MustCompile(`[0-9]{6}`).FindString(sent[i].Text); m != "" {
				return m
			}
		}
	}
	s.t.Fatalf("no code sent to %s among %d messages", to, len(sent))
	return ""
}

func (s *stack) codesSent() int {
	s.app.Dispatcher.RunOnce(context.Background())
	n := 0
	for _, m := range s.sms.Sent() {
		if strings.Contains(m.Text, "کد تأیید") {
			n++
		}
	}
	return n
}

func complaint() map[string]any {
	return map[string]any{
		"service_code": complaintCode,
		"applicant":    map[string]any{"name": "مریم احمدی", "national_id": "۰۰۱۲۳۴۵۶۷۹", "mobile": "۰۹۱۲۱۲۳۴۵۶۷"},
		"answers": map[string]any{
			"complaint_about": "تأخیر در رسیدگی به درخواست",
			"incident_date":   "۱۴۰۵/۰۹/۰۴",
			"details":         "درخواست من بیش از مهلت اعلام‌شده بی‌پاسخ مانده است.",
			"reported_before": false,
		},
	}
}

func withDoc(body map[string]any, data []byte) map[string]any {
	body["documents"] = []any{map[string]any{"key": "evidence", "name": "receipt.png", "content_base64": base64.StdEncoding.EncodeToString(data)}}
	return body
}

func TestServiceList(t *testing.T) {
	s := newStack(t)
	all := s.do("GET", "/api/v1/services", nil)
	if all.status != 200 {
		t.Fatalf("status %d: %s", all.status, all.body)
	}
	n := int(all.json["count"].(float64))
	if n < 10 || n != len(all.json["services"].([]any)) {
		t.Fatalf("count %d, services %d", n, len(all.json["services"].([]any)))
	}
	first := all.json["services"].([]any)[0].(map[string]any)
	if !strings.HasPrefix(first["url"].(string), baseURL+"/services/") {
		t.Errorf("url %v", first["url"])
	}

	tests := []struct {
		name, query string
		want        string // a code that must be listed
		check       func(svc map[string]any) bool
	}{
		{"Arabic kaf and yeh", "?q=" + urlq("شكايت"), complaintCode, nil},
		{"Persian digits", "?q=" + urlq("۱۷۰۵۱۳۷۰۰۰۱"), complaintCode, nil},
		{"category", "?category=voice", complaintCode, func(m map[string]any) bool { return m["category"] == "voice" }},
		{"audience", "?audience=agencies", "", func(m map[string]any) bool {
			for _, a := range m["audience"].([]any) {
				if a == "agencies" {
					return true
				}
			}
			return false
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := s.do("GET", "/api/v1/services"+tt.query, nil)
			list := a.json["services"].([]any)
			if len(list) == 0 || len(list) >= n {
				t.Fatalf("%d services for %s, want a proper subset of %d", len(list), tt.query, n)
			}
			found := tt.want == ""
			for _, e := range list {
				m := e.(map[string]any)
				found = found || m["code"] == tt.want
				if tt.check != nil && !tt.check(m) {
					t.Errorf("%v does not match the filter", m["code"])
				}
			}
			if !found {
				t.Errorf("%s not listed", tt.want)
			}
		})
	}
	none := s.do("GET", "/api/v1/services?q="+urlq("هیچ‌چیزنامربوط"), nil)
	if none.json["count"].(float64) != 0 || len(none.json["services"].([]any)) != 0 {
		t.Errorf("a nonsense query found %s", none.body)
	}
}

func urlq(s string) string { return strings.ReplaceAll(url.QueryEscape(s), "+", "%20") }

func TestServiceCard(t *testing.T) {
	s := newStack(t)
	a := s.do("GET", "/api/v1/services/"+complaintCode, nil)
	if a.status != 200 {
		t.Fatalf("status %d: %s", a.status, a.body)
	}
	c := a.json
	if c["code"] != complaintCode || c["kind"] != "complaint" || c["online"] != true {
		t.Errorf("card head: %v %v %v", c["code"], c["kind"], c["online"])
	}
	step := c["steps"].([]any)[0].(map[string]any)
	if step["unit_code"] != "desk" || step["unit_name"] != "میز خدمت (دفتر ارتباطات مردمی)" {
		t.Errorf("first step unit: %v / %v", step["unit_code"], step["unit_name"])
	}
	if u := c["unit"].(map[string]any); u["code"] != "inspection" || u["name"] != "مدیریت بازرسی و پاسخگویی به شکایات" {
		t.Errorf("unit %v", u)
	}
	if len(c["legal_basis"].([]any)) == 0 || len(c["documents"].([]any)) == 0 {
		t.Error("legal basis or documents missing")
	}
	types := map[string]any{}
	for _, f := range c["form"].([]any) {
		types[f.(map[string]any)["key"].(string)] = f.(map[string]any)["type"]
	}
	if types["incident_date"] != "date" || types["details"] != "textarea" {
		t.Errorf("form types %v", types)
	}
	uploads := map[string]bool{}
	for _, u := range c["uploads"].([]any) {
		m := u.(map[string]any)
		uploads[m["key"].(string)] = m["for_other_only"].(bool)
	}
	if only, ok := uploads["evidence"]; !ok || only {
		t.Errorf("evidence upload: %v", uploads)
	}
	if only := uploads["representation_proof"]; !only {
		t.Errorf("representation_proof should be for_other_only: %v", uploads)
	}

	wantProblem(t, s.do("GET", "/api/v1/services/99999999999", nil), 404, "not_found")
}

func TestApplicationInvalid(t *testing.T) {
	s := newStack(t)
	tests := []struct {
		name   string
		body   map[string]any
		fields []string
	}{
		{"identity and answers", map[string]any{
			"service_code": complaintCode,
			"applicant":    map[string]any{"name": "م", "national_id": "1234567890", "mobile": "0912"},
			"answers":      map[string]any{"complaint_about": "چیز دیگری", "incident_date": "1405/13/40"},
		}, []string{"applicant_name", "applicant_nid", "applicant_mobile", "complaint_about", "incident_date", "details"}},
		{"for someone else", map[string]any{
			"service_code": complaintCode, "for_other": true,
			"applicant":      map[string]any{"name": "مریم احمدی", "national_id": nationalID},
			"representative": map[string]any{"name": "", "national_id": nationalID, "mobile": "abc"},
			"rep_basis":      "دوست",
			"answers":        map[string]any{"complaint_about": "سایر", "details": "شرح"},
		}, []string{"rep_name", "rep_nid", "rep_mobile", "rep_basis", "doc_representation_proof"}},
		{"documents", map[string]any{
			"service_code": complaintCode,
			"applicant":    map[string]any{"name": "مریم احمدی", "national_id": nationalID, "mobile": mobile},
			"documents": []any{
				map[string]any{"key": "", "content_base64": "AAAA"},
				map[string]any{"key": "evidence", "content_base64": ""},
			},
		}, []string{"documents[0].key", "doc_evidence"}},
		{"wrong document type and key", withDoc(map[string]any{
			"service_code": complaintCode,
			"applicant":    map[string]any{"name": "مریم احمدی", "national_id": nationalID, "mobile": mobile},
			"answers":      map[string]any{"complaint_about": "سایر", "details": "شرح"},
		}, []byte("GIF89a not accepted")), []string{"doc_evidence"}},
		{"no service code", map[string]any{"applicant": map[string]any{}}, []string{"service_code"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fields := wantProblem(t, s.do("POST", "/api/v1/applications", tt.body), 422, "invalid")
			for _, f := range tt.fields {
				if _, ok := fields[f]; !ok {
					t.Errorf("no message for %s in %v", f, fields)
				}
			}
			if len(fields) != len(tt.fields) {
				t.Errorf("fields %v, want exactly %v", fields, tt.fields)
			}
		})
	}
	if n := s.codesSent(); n != 0 {
		t.Errorf("%d codes sent for invalid applications", n)
	}
	offline := map[string]any{"service_code": "17051340003", "applicant": map[string]any{"name": "مریم احمدی", "national_id": nationalID, "mobile": mobile}}
	wantProblem(t, s.do("POST", "/api/v1/applications", offline), 422, "invalid")
	wantProblem(t, s.do("POST", "/api/v1/applications", map[string]any{"service_code": "404", "applicant": map[string]any{}}), 404, "not_found")
}

// TestApplyConfirmTrack walks the whole path with a document.
func TestApplyConfirmTrack(t *testing.T) {
	s := newStack(t)
	a := s.do("POST", "/api/v1/applications", withDoc(complaint(), tinyPNG))
	if a.status != 201 {
		t.Fatalf("status %d: %s", a.status, a.body)
	}
	id := a.json["application_id"].(string)
	if a.json["otp_sent_to"] != "0912***4567" || a.json["otp_expires_in_seconds"] != float64(180) {
		t.Errorf("created %s", a.body)
	}
	code := s.lastCode(mobile)
	confirmURL := "/api/v1/applications/" + id + "/confirm"

	wrong := "000000"
	if code == wrong {
		wrong = "111111"
	}
	fields := wantProblem(t, s.do("POST", confirmURL, map[string]any{"code": wrong}), 422, "invalid")
	if !strings.Contains(fields["code"].(string), "نادرست") {
		t.Errorf("wrong code message %q", fields["code"])
	}

	c := s.do("POST", confirmURL, map[string]any{"code": persianDigits(code)})
	if c.status != 201 {
		t.Fatalf("confirm status %d: %s", c.status, c.body)
	}
	tc := c.json["tracking_code"].(string)
	if !desk.ValidTrackingCode(tc) || c.json["status"] != "submitted" || c.json["status_title"] != "ثبت شده، در انتظار بررسی" {
		t.Errorf("confirmed %s", c.body)
	}
	if want := baseURL + "/receipt/" + tc + "?k=" + s.app.Flow.ReceiptToken(tc); c.json["receipt_url"] != want {
		t.Errorf("receipt_url %v, want %s", c.json["receipt_url"], want)
	}
	if c.json["track_url"] != baseURL+"/track" || c.json["submitted_at"] != "2026-11-25T08:00:00Z" {
		t.Errorf("track_url %v submitted_at %v", c.json["track_url"], c.json["submitted_at"])
	}
	due, _ := c.json["due_date"].(string)
	if !regexp.MustCompile(`^1405/09/[0-9]{2}$`).MatchString(due) || !strings.HasPrefix(c.json["due_date_iso"].(string), "2026-12-") {
		t.Errorf("due %v / %v", c.json["due_date"], c.json["due_date_iso"])
	}

	again := s.do("POST", confirmURL, map[string]any{"code": code})
	if again.status != 200 || again.json["tracking_code"] != tc {
		t.Errorf("repeat confirm: %d %s", again.status, again.body)
	}

	req, err := s.app.Store.RequestByTracking(context.Background(), tc)
	if err != nil {
		t.Fatal(err)
	}
	if len(req.Documents) != 1 || req.Documents[0].MIME != "image/png" || req.Answers["incident_date"] != "1405/09/04" || req.Answers["reported_before"] != "no" {
		t.Errorf("stored request: docs %v answers %v", req.Documents, req.Answers)
	}

	tr := s.do("POST", "/api/v1/track", map[string]any{"tracking_code": persianDigits(tc), "mobile": "+98 912 123 4567"})
	if tr.status != 200 {
		t.Fatalf("track status %d: %s", tr.status, tr.body)
	}
	if tr.json["tracking_code"] != tc || tr.json["service_code"] != complaintCode || tr.json["holder"] != nil || tr.json["due_date"] != due {
		t.Errorf("tracked %s", tr.body)
	}
	if u := tr.json["unit"].(map[string]any); u["code"] != "desk" || u["name"] != "میز خدمت (دفتر ارتباطات مردمی)" {
		t.Errorf("unit %v", u)
	}
	evs := tr.json["events"].([]any)
	if len(evs) != 1 || evs[0].(map[string]any)["type"] != "submitted" || evs[0].(map[string]any)["status_title"] == "" {
		t.Errorf("events %v", evs)
	}

	// A wrong mobile and a wrong code get the very same answer.
	otherCode := otherTrackingCode(tc)
	byMobile := s.do("POST", "/api/v1/track", map[string]any{"tracking_code": tc, "mobile": "09351112233"})
	byCode := s.do("POST", "/api/v1/track", map[string]any{"tracking_code": otherCode, "mobile": mobile})
	wantProblem(t, byMobile, 404, "not_found")
	if !bytes.Equal(byMobile.body, byCode.body) || byCode.status != byMobile.status {
		t.Errorf("answers differ:\n%s\n%s", byMobile.body, byCode.body)
	}
	fields = wantProblem(t, s.do("POST", "/api/v1/track", map[string]any{"tracking_code": "123", "mobile": ""}), 422, "invalid")
	if fields["tracking_code"] == nil || fields["mobile"] == nil {
		t.Errorf("track fields %v", fields)
	}
	if s.checked < 8 { // every answer above
		t.Errorf("only %d answers were checked against openapi.json", s.checked)
	}
}

// otherTrackingCode returns a well-formed tracking code other than tc.
func otherTrackingCode(tc string) string {
	for {
		c, _ := desk.NewTrackingCode()
		if c != tc {
			return c
		}
	}
}

func persianDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return '۰' + (r - '0')
		}
		return r
	}, s)
}

func TestResendLimits(t *testing.T) {
	s := newStack(t)
	a := s.do("POST", "/api/v1/applications", complaint())
	if a.status != 201 {
		t.Fatalf("status %d: %s", a.status, a.body)
	}
	id := a.json["application_id"].(string)
	first := s.lastCode(mobile)
	resend := "/api/v1/applications/" + id + "/otp"

	r := s.do("POST", resend, nil)
	wantProblem(t, r, 429, "rate_limited")
	if r.header.Get("Retry-After") != "61" {
		t.Errorf("Retry-After %q, want 61", r.header.Get("Retry-After"))
	}

	// Four more codes fit the hourly limit of five per mobile.
	var last string
	for i := range 4 {
		s.advance(61 * time.Second)
		r := s.do("POST", resend, nil)
		if r.status != 200 || r.json["application_id"] != id || r.json["otp_sent_to"] != "0912***4567" {
			t.Fatalf("resend %d: %d %s", i, r.status, r.body)
		}
		last = s.lastCode(mobile)
	}
	s.advance(61 * time.Second)
	r = wantProblemAnswer(t, s.do("POST", resend, nil), 429, "rate_limited")
	if !strings.Contains(r.json["error"].(map[string]any)["message"].(string), "ساعت") {
		t.Errorf("hourly limit message: %s", r.body)
	}

	if first != last {
		wantProblem(t, s.do("POST", "/api/v1/applications/"+id+"/confirm", map[string]any{"code": first}), 422, "invalid")
	}
	if c := s.do("POST", "/api/v1/applications/"+id+"/confirm", map[string]any{"code": last}); c.status != 201 {
		t.Fatalf("confirm with the latest code: %d %s", c.status, c.body)
	}
	wantProblem(t, s.do("POST", resend, nil), 409, "conflict")
	wantProblem(t, s.do("POST", "/api/v1/applications/0123456789abcdef0123456789abcdef/otp", nil), 404, "not_found")
	wantProblem(t, s.do("POST", "/api/v1/applications/0123456789abcdef0123456789abcdef/confirm", map[string]any{"code": "123456"}), 404, "not_found")
}

func wantProblemAnswer(t *testing.T, a reply, status int, code string) reply {
	t.Helper()
	wantProblem(t, a, status, code)
	return a
}

func TestIdempotencyKey(t *testing.T) {
	s := newStack(t)
	const key = "5b0e7d9c-3f41-4c2a-9a57-0d8e2f61b4a3"
	body := withDoc(complaint(), tinyPNG)
	first := s.do("POST", "/api/v1/applications", body, "Idempotency-Key", key)
	if first.status != 201 {
		t.Fatalf("status %d: %s", first.status, first.body)
	}
	id := first.json["application_id"].(string)
	if s.codesSent() != 1 {
		t.Fatal("no code sent")
	}
	code := s.lastCode(mobile)

	// The same application, digits in another form: the same answer, no SMS.
	same := withDoc(complaint(), tinyPNG)
	same["applicant"] = map[string]any{"name": "مريم احمدي", "national_id": nationalID, "mobile": "+989121234567"}
	for _, b := range []any{body, same} {
		r := s.do("POST", "/api/v1/applications", b, "Idempotency-Key", key)
		if r.status != 201 || r.json["application_id"] != id || r.header.Get("Idempotent-Replayed") != "true" {
			t.Errorf("repeat: %d %s", r.status, r.body)
		}
	}
	// A fresh API value (as after a restart) still finds the key.
	s.h = New(s.app.Flow, s.app.Store, nil, baseURL).Handler()
	if r := s.do("POST", "/api/v1/applications", body, "Idempotency-Key", key); r.json["application_id"] != id {
		t.Errorf("after restart: %s", r.body)
	}
	if n := s.codesSent(); n != 1 {
		t.Errorf("%d codes sent, want 1", n)
	}

	changed := []map[string]any{complaint(), withDoc(complaint(), append(append([]byte{}, tinyPNG...), 0))}
	changed[0]["answers"].(map[string]any)["details"] = "شرح دیگری"
	for _, b := range changed {
		wantProblem(t, s.do("POST", "/api/v1/applications", b, "Idempotency-Key", key), 409, "idempotency_mismatch")
	}
	other := s.do("POST", "/api/v1/applications", changed[0], "Idempotency-Key", key+"-2")
	if other.status != 201 || other.json["application_id"] == id {
		t.Errorf("another key: %d %s", other.status, other.body)
	}

	// After confirmation a repeat still answers the same application.
	if c := s.do("POST", "/api/v1/applications/"+id+"/confirm", map[string]any{"code": code}); c.status != 201 {
		t.Fatalf("confirm: %d %s", c.status, c.body)
	}
	if r := s.do("POST", "/api/v1/applications", body, "Idempotency-Key", key); r.status != 201 || r.json["application_id"] != id {
		t.Errorf("repeat after confirm: %d %s", r.status, r.body)
	}

	// A refused first try is run again, not replayed.
	bad := complaint()
	bad["applicant"].(map[string]any)["national_id"] = "1111111112"
	for range 2 {
		fields := wantProblem(t, s.do("POST", "/api/v1/applications", bad, "Idempotency-Key", "bad-"+key), 422, "invalid")
		if fields["applicant_nid"] == nil {
			t.Errorf("fields %v", fields)
		}
	}
	wantProblem(t, s.do("POST", "/api/v1/applications", complaint(), "Idempotency-Key", "short"), 422, "invalid")
}

func TestBadRequests(t *testing.T) {
	s := newStack(t)
	tests := []struct {
		name, body, ct string
		status         int
		code, field    string
	}{
		{"malformed", `{"service_code": "1",`, "application/json", 400, "bad_json", ""},
		{"syntax", `{"service_code" "1"}`, "application/json", 400, "bad_json", ""},
		{"empty", ``, "application/json", 400, "bad_json", ""},
		{"not an object", `[1,2]`, "application/json", 400, "bad_json", ""},
		{"trailing data", `{"service_code":"1"} {}`, "application/json", 400, "bad_json", ""},
		{"unknown field", `{"service_code":"1","applicant":{"nationalid":"1"}}`, "application/json", 400, "bad_json", "nationalid"},
		{"wrong type", `{"service_code":"1","applicant":{"name":5}}`, "application/json", 400, "bad_json", "applicant.name"},
		{"object answer", `{"service_code":"1","answers":{"a":{"b":1}}}`, "application/json", 400, "bad_json", ""},
		{"bad base64", `{"service_code":"1","documents":[{"key":"evidence","content_base64":"@@@"}]}`, "application/json", 400, "bad_json", ""},
		{"form post", `service_code=1`, "application/x-www-form-urlencoded", 415, "unsupported_media_type", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("POST", "/api/v1/applications", strings.NewReader(tt.body))
			r.Header.Set("Content-Type", tt.ct)
			w := httptest.NewRecorder()
			s.h.ServeHTTP(w, r)
			var a reply
			a.status, a.body = w.Code, w.Body.Bytes()
			if err := json.Unmarshal(a.body, &a.json); err != nil {
				t.Fatalf("not JSON: %s", a.body)
			}
			s.checkDocumented("POST", r.Pattern, a)
			fields := wantProblem(t, a, tt.status, tt.code)
			if tt.field != "" {
				msg, _ := fields[tt.field].(string)
				if !strings.Contains(msg, "«"+tt.field+"»") && !strings.Contains(msg, tt.field) {
					t.Errorf("fields %v do not name %s", fields, tt.field)
				}
				if !strings.Contains(a.json["error"].(map[string]any)["message"].(string), tt.field) {
					t.Errorf("message does not name %s: %s", tt.field, a.body)
				}
			}
		})
	}
	wantProblem(t, s.do("POST", "/api/v1/track", `{"tracking_code":"1","mobile":"2","extra":1}`), 400, "bad_json")

	// A body over the limit is refused before it is parsed; a file over
	// the per-file limit is refused by the workflow.
	s.app.Flow.Opt.MaxUpload = 1 << 10
	big := withDoc(complaint(), bytes.Repeat([]byte{'x'}, 200<<10))
	wantProblem(t, s.do("POST", "/api/v1/applications", big), 413, "too_large")
	over := withDoc(complaint(), append(append([]byte{}, tinyPNG...), make([]byte, 2<<10)...))
	fields := wantProblem(t, s.do("POST", "/api/v1/applications", over), 422, "invalid")
	if fields["doc_evidence"] == nil {
		t.Errorf("fields %v", fields)
	}
}

func TestRoutingErrors(t *testing.T) {
	s := newStack(t)
	r := s.do("DELETE", "/api/v1/services", nil)
	wantProblem(t, r, 405, "method_not_allowed")
	if r.header.Get("Allow") == "" {
		t.Error("no Allow header")
	}
	wantProblem(t, s.do("GET", "/api/v1/nothing/here", nil), 404, "not_found")
	if r.header.Get("Cache-Control") != "no-store" {
		t.Errorf("Cache-Control %q", r.header.Get("Cache-Control"))
	}
}

func TestOpenAPIServed(t *testing.T) {
	s := newStack(t)
	r := s.do("GET", "/api/v1/openapi.json", nil)
	if r.status != 200 || !bytes.Equal(r.body, openAPIDoc) {
		t.Errorf("status %d, %d bytes", r.status, len(r.body))
	}
}

func TestHTTPStatus(t *testing.T) {
	tests := []struct {
		code string
		want int
	}{
		{desk.EINVALID, 422}, {desk.ENOTFOUND, 404}, {desk.ECONFLICT, 409}, {desk.EFORBIDDEN, 403},
		{desk.EUNAUTHORIZED, 401}, {desk.ERATELIMIT, 429}, {desk.EINTERNAL, 500}, {"", 500}, {"other", 500},
	}
	for _, tt := range tests {
		if got := HTTPStatus(tt.code); got != tt.want {
			t.Errorf("HTTPStatus(%q) = %d, want %d", tt.code, got, tt.want)
		}
	}
}

func TestInternalErrorsDoNotLeak(t *testing.T) {
	s := newStack(t)
	s.app.Store.Close() // every query now fails inside database/sql
	r := s.do("GET", "/api/v1/services", nil)
	wantProblem(t, r, 500, "internal")
	if msg := r.json["error"].(map[string]any)["message"]; msg != msgInternal {
		t.Errorf("message %q", msg)
	}
	if bytes.Contains(r.body, []byte("sql")) || bytes.Contains(r.body, []byte("store")) {
		t.Errorf("internals leaked: %s", r.body)
	}
}

func TestIdempotencyKeyConcurrent(t *testing.T) {
	s := newStack(t)
	const key = "0d8e2f61-b4a3-4c2a-9a57-5b0e7d9c3f41"
	body, _ := json.Marshal(complaint())
	ids := make([]string, 6)
	var wg sync.WaitGroup
	for i := range ids {
		wg.Go(func() {
			r := httptest.NewRequest("POST", "/api/v1/applications", bytes.NewReader(body))
			r.Header.Set("Content-Type", "application/json")
			r.Header.Set("Idempotency-Key", key)
			w := httptest.NewRecorder()
			s.h.ServeHTTP(w, r)
			var out ApplicationCreated
			json.Unmarshal(w.Body.Bytes(), &out)
			if w.Code != 201 {
				t.Errorf("status %d: %s", w.Code, w.Body)
			}
			ids[i] = out.ApplicationID
		})
	}
	wg.Wait()
	for _, id := range ids {
		if id != ids[0] || id == "" {
			t.Fatalf("ids %v, want one", ids)
		}
	}
	if n := s.codesSent(); n != 1 {
		t.Errorf("%d codes sent, want 1", n)
	}
}

func TestApplyForOther(t *testing.T) {
	s := newStack(t)
	body := complaint()
	body["for_other"] = true
	body["applicant"] = map[string]any{"name": "مریم احمدی", "national_id": nationalID}
	body["representative"] = map[string]any{"name": "رضا کریمی", "national_id": "0499370899", "mobile": "09351112233"}
	body["rep_basis"] = "قیم"
	body["documents"] = []any{map[string]any{"key": "representation_proof", "name": "hokm.pdf",
		"content_base64": base64.StdEncoding.EncodeToString([]byte("%PDF-1.4\n%%EOF\n"))}}
	a := s.do("POST", "/api/v1/applications", body)
	if a.status != 201 || a.json["otp_sent_to"] != "0935***2233" {
		t.Fatalf("%d %s", a.status, a.body)
	}
	id := a.json["application_id"].(string)
	c := s.do("POST", "/api/v1/applications/"+id+"/confirm", map[string]any{"code": s.lastCode("09351112233")})
	if c.status != 201 {
		t.Fatalf("confirm %d %s", c.status, c.body)
	}
	// The representative's mobile opens the tracking; the applicant gave none.
	tr := s.do("POST", "/api/v1/track", map[string]any{"tracking_code": c.json["tracking_code"], "mobile": "09351112233"})
	if tr.status != 200 {
		t.Errorf("track %d %s", tr.status, tr.body)
	}
}
