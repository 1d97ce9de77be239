package api

import (
	"context"
	"encoding/base64"
	"strings"
	"testing"

	"mizban/internal/desk"
	"mizban/internal/store"
	"mizban/internal/webhook"
	"mizban/internal/workflow"
)

const createPath = "/api/v1/integration/requests"

var createScopes = []string{workflow.ScopeRequestsCreate, workflow.ScopeRequestsRead}

// portalComplaint is the complaint as a portal files it: the public
// application body plus channel and the portal's own id.
func portalComplaint() map[string]any {
	b := withDoc(complaint(), tinyPNG)
	b["channel"] = "portal"
	b["external_ref"] = "MYGOV-1405-000123"
	return b
}

// registered counts the requests registered so far (their first events).
func (s *stack) registered() int {
	s.t.Helper()
	ch, err := s.app.Store.Changes(context.Background(), 0, nil, 1000)
	if err != nil {
		s.t.Fatal(err)
	}
	n := 0
	for _, c := range ch {
		if c.EventType == "submitted" {
			n++
		}
	}
	return n
}

// hookAll adds a webhook endpoint subscribed to every event.
func (s *stack) hookAll() *store.WebhookEndpoint {
	s.t.Helper()
	ctx := context.Background()
	e := &store.WebhookEndpoint{URL: "https://hooks.example", Events: webhook.EventTypes, Active: true}
	if err := s.app.Store.InTx(ctx, func(tx *store.Tx) error { return tx.AddWebhookEndpoint(ctx, e) }); err != nil {
		s.t.Fatal(err)
	}
	return e
}

func TestIntegrationCreate(t *testing.T) {
	s := newStack(t)
	ctx := context.Background()
	hook := s.hookAll()
	client, auth := s.client(createScopes)
	const key = "0c6f1a52-8d3e-4b7a-9f20-5e1d7c3b9a44"

	first := s.do("POST", createPath, portalComplaint(), "Authorization", auth, "Idempotency-Key", key)
	if first.status != 201 {
		t.Fatalf("create: %d %s", first.status, first.body)
	}
	code, _ := first.json["tracking_code"].(string)
	link, _ := first.json["link"].(string)
	if first.json["status"] != "submitted" || first.json["service_code"] != complaintCode ||
		first.json["external_ref"] != "MYGOV-1405-000123" || first.json["due_date"] == nil ||
		!strings.Contains(link, "/t/") || first.json["unit_code"] == "" {
		t.Errorf("answer %s", first.body)
	}
	r, err := s.app.Store.RequestByTracking(ctx, code)
	if err != nil {
		t.Fatal(err)
	}
	if r.Channel != desk.ChannelAPI || r.Applicant.NationalID != nationalID || r.Applicant.Mobile != mobile ||
		r.UnitCode != first.json["unit_code"] {
		t.Errorf("stored %+v", r)
	}
	docs, err := s.app.Store.Documents(ctx, store.Owner{RequestID: r.ID})
	if err != nil || len(docs) != 1 || docs[0].DocKey != "evidence" {
		t.Errorf("documents %+v, %v", docs, err)
	}

	// The first event names the client and the portal's id; the
	// registration is audited as the client.
	events, err := s.app.Store.Events(ctx, r.ID, true)
	if err != nil || len(events) != 1 {
		t.Fatalf("events %+v, %v", events, err)
	}
	if !strings.Contains(events[0].Note, client.Name) || !strings.Contains(events[0].Note, "MYGOV-1405-000123") ||
		events[0].StaffID != client.StaffID {
		t.Errorf("first event %+v", events[0])
	}
	recs, err := s.app.Store.Audit(ctx, store.AuditFilter{Action: "request.register", Limit: 10})
	if err != nil || len(recs) != 1 || !strings.Contains(recs[0].Details, "MYGOV-1405-000123") ||
		!strings.HasPrefix(recs[0].Actor, "staff:") {
		t.Errorf("audit %+v, %v", recs, err)
	}

	// A retry with the same key and body files nothing new: same request,
	// one SMS, one webhook.
	again := s.do("POST", createPath, portalComplaint(), "Authorization", auth, "Idempotency-Key", key)
	if again.status != 201 || again.json["tracking_code"] != code || again.json["link"] != link ||
		again.json["external_ref"] != "MYGOV-1405-000123" || again.header.Get("Idempotent-Replayed") != "true" {
		t.Errorf("repeat: %d %s", again.status, again.body)
	}
	if n := s.registered(); n != 1 {
		t.Errorf("%d requests after a repeat, want 1", n)
	}
	outbox, err := s.app.Store.RequestSMS(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(outbox) != 1 || outbox[0].Kind != "registered" || !strings.Contains(outbox[0].Text, strings.TrimPrefix(link, "https://")) {
		t.Errorf("SMS %+v, want one registration notice with the link %s", outbox, link)
	}
	ds, err := s.app.Store.WebhookDeliveries(ctx, hook.ID, 10)
	if err != nil || len(ds) != 1 || ds[0].EventType != webhook.RequestCreated || ds[0].RequestID != r.ID {
		t.Errorf("webhooks %+v, %v", ds, err)
	}

	// The same key with another body is refused.
	other := portalComplaint()
	other["external_ref"] = "MYGOV-1405-000999"
	wantProblem(t, s.do("POST", createPath, other, "Authorization", auth, "Idempotency-Key", key), 409, "idempotency_mismatch")

	// The client reads what it filed.
	got := s.do("GET", "/api/v1/integration/requests/"+code, nil, "Authorization", auth)
	if got.status != 200 || got.json["tracking_code"] != code {
		t.Errorf("get: %d %s", got.status, got.body)
	}
}

// A written letter without a mobile is registered with no SMS, as at the
// counter; without a key every call files a request of its own.
func TestIntegrationCreateLetter(t *testing.T) {
	s := newStack(t)
	_, auth := s.client(createScopes)
	body := complaint()
	body["channel"] = "letter"
	body["applicant"] = map[string]any{"name": "مریم احمدی", "national_id": nationalID}
	a := s.do("POST", createPath, body, "Authorization", auth)
	if a.status != 201 || a.json["external_ref"] != "" {
		t.Fatalf("letter: %d %s", a.status, a.body)
	}
	r, err := s.app.Store.RequestByTracking(context.Background(), a.json["tracking_code"].(string))
	if err != nil {
		t.Fatal(err)
	}
	if r.Channel != desk.ChannelLetter || r.Applicant.Mobile != "" {
		t.Errorf("stored %+v", r)
	}
	if sms, _ := s.app.Store.RequestSMS(context.Background(), r.ID); len(sms) != 0 {
		t.Errorf("SMS without a mobile: %+v", sms)
	}
	if b := s.do("POST", createPath, body, "Authorization", auth); b.status != 201 || b.json["tracking_code"] == a.json["tracking_code"] {
		t.Errorf("second call without a key: %d %s", b.status, b.body)
	}
	if n := s.registered(); n != 2 {
		t.Errorf("%d requests, want 2", n)
	}
}

func TestIntegrationCreateRefused(t *testing.T) {
	s := newStack(t)
	_, readOnly := s.client([]string{workflow.ScopeRequestsRead, workflow.ScopeEventsWrite})
	_, inspection := s.client(createScopes, "inspection") // the complaint's responsible unit
	_, pr := s.client(createScopes, "pr")

	wantProblem(t, s.do("POST", createPath, portalComplaint(), "Authorization", readOnly), 403, "forbidden")
	wantProblem(t, s.do("POST", createPath, portalComplaint(), "Authorization", pr), 403, "forbidden")
	wantProblem(t, s.do("POST", createPath, portalComplaint()), 401, "unauthorized")
	if n := s.registered(); n != 0 {
		t.Fatalf("%d requests after refusals", n)
	}
	if a := s.do("POST", createPath, portalComplaint(), "Authorization", inspection); a.status != 201 {
		t.Errorf("client of the service's unit: %d %s", a.status, a.body)
	}
}

func TestIntegrationCreateInvalid(t *testing.T) {
	s := newStack(t)
	_, auth := s.client(createScopes)
	_, limited := s.client(createScopes, "inspection")
	text := []byte("this is plain text, not an image or a PDF")
	for _, tc := range []struct {
		name  string
		auth  string
		edit  func(b map[string]any)
		field string
	}{
		{"bad national ID", auth, func(b map[string]any) {
			b["applicant"].(map[string]any)["national_id"] = "0012345678"
		}, "applicant.national_id"},
		{"bad mobile", auth, func(b map[string]any) { b["applicant"].(map[string]any)["mobile"] = "0212345678" }, "applicant.mobile"},
		{"missing required answer", auth, func(b map[string]any) { delete(b["answers"].(map[string]any), "details") }, "answers.details"},
		{"bad choice", auth, func(b map[string]any) { b["answers"].(map[string]any)["complaint_about"] = "چیز دیگر" }, "answers.complaint_about"},
		{"document not a PNG", auth, func(b map[string]any) { withDoc(b, text) }, "documents[0]"},
		{"document not asked for", auth, func(b map[string]any) {
			b["documents"].([]any)[0].(map[string]any)["key"] = "deed"
		}, "documents[0]"},
		{"empty document", auth, func(b map[string]any) {
			b["documents"].([]any)[0].(map[string]any)["content_base64"] = ""
		}, "documents[0]"},
		{"unknown channel", auth, func(b map[string]any) { b["channel"] = "fax" }, "channel"},
		{"unit outside the client", limited, func(b map[string]any) { b["unit"] = "pr" }, "unit"},
		{"unknown unit", auth, func(b map[string]any) { b["unit"] = "nowhere" }, "unit"},
		{"external_ref too long", auth, func(b map[string]any) { b["external_ref"] = strings.Repeat("x", 65) }, "external_ref"},
		{"unknown service", auth, func(b map[string]any) { b["service_code"] = "99999999999" }, "service_code"},
		{"portal for an offline service", auth, func(b map[string]any) {
			b["service_code"], b["answers"], b["documents"] = "17051340003", map[string]any{}, []any{}
		}, "channel"},
		{"required document missing", auth, func(b map[string]any) {
			b["service_code"], b["channel"], b["documents"] = "17051340003", "in_person", []any{}
			b["answers"] = map[string]any{}
		}, "documents"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			const key = "7f3c2b1a-invalid-then-fixed"
			b := portalComplaint()
			tc.edit(b)
			a := s.do("POST", createPath, b, "Authorization", tc.auth, "Idempotency-Key", key)
			fields := wantProblem(t, a, 422, "invalid")
			if fields[tc.field] == nil {
				t.Errorf("no error at %s: %s", tc.field, a.body)
			}
			if n := s.registered(); n != 0 {
				t.Errorf("%d requests after a refused call", n)
			}
		})
	}
	// Nothing was kept under the key: the corrected call goes through.
	if a := s.do("POST", createPath, portalComplaint(), "Authorization", auth, "Idempotency-Key", "7f3c2b1a-invalid-then-fixed"); a.status != 201 {
		t.Errorf("corrected call: %d %s", a.status, a.body)
	}
	bad := s.do("POST", createPath, portalComplaint(), "Authorization", auth, "Idempotency-Key", "short")
	if f := wantProblem(t, bad, 422, "invalid"); f["idempotency_key"] == nil {
		t.Errorf("short key: %s", bad.body)
	}
}

// Documents larger than the 64 KiB other integration bodies may carry
// still go through with an Idempotency-Key.
func TestIntegrationCreateLargeDocument(t *testing.T) {
	s := newStack(t)
	_, auth := s.client(createScopes)
	pdf := append([]byte("%PDF-1.4\n"), []byte(strings.Repeat("0", 200<<10))...)
	b := complaint()
	b["documents"] = []any{map[string]any{"key": "evidence", "name": "scan.pdf", "content_base64": base64.StdEncoding.EncodeToString(pdf)}}
	a := s.do("POST", createPath, b, "Authorization", auth, "Idempotency-Key", "large-document-key-1")
	if a.status != 201 {
		t.Fatalf("large document: %d %s", a.status, a.body)
	}
}
