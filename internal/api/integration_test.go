package api

import (
	"context"
	"strings"
	"testing"

	"mizban/internal/desk"
	"mizban/internal/store"
	"mizban/internal/workflow"
)

// adminActor is the administrator who makes clients in these tests.
var adminActor = desk.Actor{StaffID: 15, Name: "پریسا رضایی", Roles: []desk.Role{desk.RoleAdmin}}

// client makes an integration client and returns its Authorization value.
func (s *stack) client(scopes []string, units ...string) (store.APIClient, string) {
	s.t.Helper()
	c, token, err := s.app.Flow.CreateAPIClient(context.Background(), adminActor,
		workflow.APIClientInput{Name: "اتوماسیون آزمایشی", Scopes: scopes, Units: units})
	if err != nil {
		s.t.Fatal(err)
	}
	return c, "Bearer " + token
}

// submitted registers a complaint through the API and returns it.
func (s *stack) submitted() desk.Request {
	s.t.Helper()
	a := s.do("POST", "/api/v1/applications", complaint())
	if a.status != 201 {
		s.t.Fatalf("apply: %d %s", a.status, a.body)
	}
	c := s.do("POST", "/api/v1/applications/"+a.json["application_id"].(string)+"/confirm", map[string]any{"code": s.lastCode(mobile)})
	if c.status != 201 {
		s.t.Fatalf("confirm: %d %s", c.status, c.body)
	}
	r, err := s.app.Store.RequestByTracking(context.Background(), c.json["tracking_code"].(string))
	if err != nil {
		s.t.Fatal(err)
	}
	return r
}

var allScopes = []string{workflow.ScopeRequestsRead, workflow.ScopeEventsWrite}

func TestIntegrationAuth(t *testing.T) {
	s := newStack(t)
	r := s.submitted()
	_, readOnly := s.client([]string{workflow.ScopeRequestsRead})
	_, writeOnly := s.client([]string{workflow.ScopeEventsWrite})
	revoked, revokedAuth := s.client(allScopes)
	if err := s.app.Flow.RevokeAPIClient(context.Background(), adminActor, revoked.ID, ""); err != nil {
		t.Fatal(err)
	}
	list := "/api/v1/integration/requests"
	one := list + "/" + r.TrackingCode
	refer := one + "/referrals"
	body := map[string]any{"unit": "legal", "instruction": "بررسی شود"}
	for _, tc := range []struct {
		name, method, path, auth string
		body                     any
		status                   int
		code                     string
	}{
		{"no token", "GET", list, "", nil, 401, "unauthorized"},
		{"not bearer", "GET", list, "Basic abc", nil, 401, "unauthorized"},
		{"unknown token", "GET", list, "Bearer mzb_nope", nil, 401, "unauthorized"},
		{"revoked", "GET", one, revokedAuth, nil, 401, "unauthorized"},
		{"read without requests:read", "GET", list, writeOnly, nil, 403, "forbidden"},
		{"one without requests:read", "GET", one, writeOnly, nil, 403, "forbidden"},
		{"refer without events:write", "POST", refer, readOnly, body, 403, "forbidden"},
		{"close without events:write", "POST", one + "/close", readOnly, map[string]any{}, 403, "forbidden"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var h []string
			if tc.auth != "" {
				h = []string{"Authorization", tc.auth}
			}
			a := s.do(tc.method, tc.path, tc.body, h...)
			wantProblem(t, a, tc.status, tc.code)
			if tc.status == 401 && !strings.HasPrefix(a.header.Get("WWW-Authenticate"), "Bearer") {
				t.Errorf("WWW-Authenticate %q", a.header.Get("WWW-Authenticate"))
			}
		})
	}
	if got := s.do("GET", one, nil, "Authorization", readOnly); got.status != 200 {
		t.Errorf("with the scope: %d %s", got.status, got.body)
	}
	// Every call is audited with the client, route and result.
	recs, err := s.app.Store.Audit(context.Background(), store.AuditFilter{Action: "api.call", Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	results := map[string]int{}
	for _, rec := range recs {
		results[rec.Result]++
		if rec.Target == "" {
			t.Errorf("audit without route: %+v", rec)
		}
	}
	if len(recs) != 9 || results["denied"] != 8 || results["ok"] != 1 {
		t.Errorf("audited %d calls: %v", len(recs), results)
	}
	if recs[len(recs)-1].Actor == "api" || !strings.HasPrefix(recs[len(recs)-1].Actor, "api:") {
		t.Errorf("last record's actor %q, want the client", recs[len(recs)-1].Actor)
	}
}

func TestIntegrationReferAndTrack(t *testing.T) {
	s := newStack(t)
	r := s.submitted()
	client, auth := s.client(allScopes)
	key := "5b0e7d9c-3f41-4c2a-9a57-0d8e2f61b4a3"
	refer := "/api/v1/integration/requests/" + r.TrackingCode + "/referrals"
	body := map[string]any{"unit": "legal", "instruction": "بررسی و نتیجه اعلام شود"}

	first := s.do("POST", refer, body, "Authorization", auth, "Idempotency-Key", key)
	if first.status != 201 || first.json["unit_code"] != "legal" || first.json["status"] != "in_progress" {
		t.Fatalf("refer: %d %s", first.status, first.body)
	}
	again := s.do("POST", refer, body, "Authorization", auth, "Idempotency-Key", key)
	if again.status != 201 || string(again.body) != string(first.body) || again.header.Get("Idempotent-Replayed") != "true" {
		t.Errorf("repeat: %d %s (replayed %q)", again.status, again.body, again.header.Get("Idempotent-Replayed"))
	}
	other := s.do("POST", refer, map[string]any{"unit": "pr", "instruction": "x"}, "Authorization", auth, "Idempotency-Key", key)
	wantProblem(t, other, 409, "idempotency_mismatch")
	refs, err := s.app.Store.Referrals(context.Background(), r.ID)
	if err != nil || len(refs) != 1 || refs[0].Instruction != "بررسی و نتیجه اعلام شود" {
		t.Errorf("referrals after a repeat = %+v, %v; want one", refs, err)
	}

	// The citizen sees the stage, named after the client, and gets the SMS.
	tr := s.do("POST", "/api/v1/track", map[string]any{"tracking_code": r.TrackingCode, "mobile": mobile})
	events, _ := tr.json["events"].([]any)
	if tr.status != 200 || len(events) == 0 {
		t.Fatalf("track: %d %s", tr.status, tr.body)
	}
	top := events[0].(map[string]any)
	if top["type"] != "referred" || top["status"] != "in_progress" {
		t.Errorf("newest event %v, want the referral", top)
	}
	outbox, err := s.app.Store.RequestSMS(context.Background(), r.ID)
	if err != nil {
		t.Fatal(err)
	}
	var told int
	for _, m := range outbox {
		if m.Kind == "referred" && strings.Contains(m.Text, "ارجاع") {
			told++
		}
	}
	if told != 1 {
		t.Errorf("%d referral SMS queued, want 1: %+v", told, outbox)
	}

	// GET shows the referral with its instruction.
	got := s.do("GET", "/api/v1/integration/requests/"+r.TrackingCode, nil, "Authorization", auth)
	refsOut, _ := got.json["referrals"].([]any)
	if got.status != 200 || len(refsOut) != 1 || refsOut[0].(map[string]any)["instruction"] != "بررسی و نتیجه اعلام شود" {
		t.Errorf("get: %d %s", got.status, got.body)
	}

	// Close: refused until answered, then through the same state machine.
	closeURL := "/api/v1/integration/requests/" + r.TrackingCode + "/close"
	wantProblem(t, s.do("POST", closeURL, map[string]any{}, "Authorization", auth), 422, "invalid")
	actor, err := s.app.Flow.APIActor(context.Background(), client)
	if err != nil {
		t.Fatal(err)
	}
	cur, _ := s.app.Store.Request(context.Background(), r.ID)
	if _, err := s.app.Flow.Act(context.Background(), actor, workflow.ActInput{RequestID: r.ID, Version: cur.Version,
		Action: desk.ActAnswer, Text: "پاسخ داده شد."}); err != nil {
		t.Fatal(err)
	}
	stale := 1
	wantProblem(t, s.do("POST", closeURL, map[string]any{"version": stale}, "Authorization", auth), 409, "conflict")
	closed := s.do("POST", closeURL, map[string]any{"message": "مختومه شد."}, "Authorization", auth)
	if closed.status != 200 || closed.json["status"] != "closed" {
		t.Errorf("close: %d %s", closed.status, closed.body)
	}
	wantProblem(t, s.do("POST", refer, map[string]any{"unit": "nowhere", "instruction": "x"}, "Authorization", auth), 422, "invalid")
	bad := s.do("POST", refer, map[string]any{"unit": "legal"}, "Authorization", auth, "Idempotency-Key", "short")
	if f := wantProblem(t, bad, 422, "invalid"); f["idempotency_key"] == nil {
		t.Errorf("short key: %s", bad.body)
	}
}

func TestIntegrationUnitLimit(t *testing.T) {
	s := newStack(t)
	r := s.submitted()
	_, all := s.client(allScopes)
	_, mine := s.client(allScopes, r.UnitCode)
	_, elsewhere := s.client(allScopes, "pr")
	if r.UnitCode == "pr" {
		t.Fatal("the complaint landed in pr; pick another unit for the test")
	}
	list := "/api/v1/integration/requests"
	one := list + "/" + r.TrackingCode
	for _, auth := range []string{all, mine} {
		if a := s.do("GET", list, nil, "Authorization", auth); len(a.json["changes"].([]any)) == 0 {
			t.Errorf("changes: %s", a.body)
		}
		if a := s.do("GET", one, nil, "Authorization", auth); a.status != 200 {
			t.Errorf("get: %d %s", a.status, a.body)
		}
	}
	if a := s.do("GET", list, nil, "Authorization", elsewhere); a.status != 200 || len(a.json["changes"].([]any)) != 0 {
		t.Errorf("another unit's changes leak: %s", a.body)
	}
	wantProblem(t, s.do("GET", one, nil, "Authorization", elsewhere), 404, "not_found")
	wantProblem(t, s.do("POST", one+"/referrals", map[string]any{"unit": "pr", "instruction": "x"}, "Authorization", elsewhere), 404, "not_found")
	if cur, _ := s.app.Store.Request(context.Background(), r.ID); cur.UnitCode != r.UnitCode {
		t.Errorf("a client of another unit moved the request to %s", cur.UnitCode)
	}
}

func TestIntegrationChangesCursor(t *testing.T) {
	s := newStack(t)
	s.submitted()
	s.submitted()
	_, auth := s.client(allScopes)
	list := "/api/v1/integration/requests"
	page := s.do("GET", list+"?limit=1", nil, "Authorization", auth)
	if page.status != 200 || len(page.json["changes"].([]any)) != 1 || page.json["more"] != true {
		t.Fatalf("first page: %s", page.body)
	}
	next := page.json["next"].(string)
	rest := s.do("GET", list+"?since="+next, nil, "Authorization", auth)
	changes := rest.json["changes"].([]any)
	if len(changes) == 0 || rest.json["more"] != false {
		t.Fatalf("rest: %s", rest.body)
	}
	if changes[0].(map[string]any)["cursor"] == next {
		t.Errorf("the cursor's own change came again")
	}
	end := s.do("GET", list+"?since="+rest.json["next"].(string), nil, "Authorization", auth)
	if len(end.json["changes"].([]any)) != 0 || end.json["next"] != rest.json["next"] {
		t.Errorf("at the end: %s", end.body)
	}
	for _, q := range []string{"?since=abc", "?limit=0", "?limit=501"} {
		wantProblem(t, s.do("GET", list+q, nil, "Authorization", auth), 422, "invalid")
	}
}

// A referral may name the person to hold the request: an active officer
// or manager of the unit, by username; anyone else is a field error.
func TestIntegrationReferToPerson(t *testing.T) {
	s := newStack(t)
	r := s.submitted()
	_, auth := s.client(allScopes)
	refer := "/api/v1/integration/requests/" + r.TrackingCode + "/referrals"
	for _, who := range []string{"nobody.here", "s.jafari"} { // unknown; an officer of another unit
		bad := s.do("POST", refer, map[string]any{"unit": "legal", "person": who, "instruction": "x"}, "Authorization", auth)
		if f := wantProblem(t, bad, 422, "invalid"); f["person"] == nil {
			t.Errorf("person %q: %s", who, bad.body)
		}
	}
	ok := s.do("POST", refer, map[string]any{"unit": "legal", "person": "f.nowrouzi", "instruction": "بررسی شود"}, "Authorization", auth)
	if ok.status != 201 || ok.json["unit_code"] != "legal" {
		t.Fatalf("refer to a person: %d %s", ok.status, ok.body)
	}
	holder, err := s.app.Store.StaffByUsername(context.Background(), "f.nowrouzi")
	if err != nil {
		t.Fatal(err)
	}
	got, _ := s.app.Store.Request(context.Background(), r.ID)
	if got.AssigneeID != holder.ID {
		t.Errorf("held by staff %d; want %d", got.AssigneeID, holder.ID)
	}
}
