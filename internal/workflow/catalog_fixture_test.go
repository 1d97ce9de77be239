package workflow_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"mizban/internal/desk"
	"mizban/internal/store"
	"mizban/internal/workflow"
)

// Catalog test actors: two editors (four eyes), an administrator, an
// catOfficer and a catManager of the permits unit.
var (
	catEditorA = desk.Actor{StaffID: 11, Name: "سارا ویراستار", Roles: []desk.Role{desk.RoleEditor}}
	catEditorB = desk.Actor{StaffID: 12, Name: "رضا ویراستار", Roles: []desk.Role{desk.RoleEditor}}
	catAdmin   = desk.Actor{StaffID: 13, Name: "مدیر سامانه", Roles: []desk.Role{desk.RoleAdmin}}
	catOfficer = desk.Actor{StaffID: 14, Name: "کارشناس", Roles: []desk.Role{desk.RoleOfficer},
		Units: []desk.Membership{{UnitCode: "permits"}}}
	catManager = desk.Actor{StaffID: 15, Name: "مدیر واحد", Roles: []desk.Role{desk.RoleManager},
		Units: []desk.Membership{{UnitCode: "permits"}}}
)

const catCode = "13091713999" // testService()

// edit saves the card of code as changed by mutate, from the draft's
// current revision, and returns the saved draft.
func edit(t *testing.T, e *env, a desk.Actor, code string, mutate func(*desk.Service)) workflow.CatalogDraft {
	t.Helper()
	ctx := context.Background()
	d, err := e.flow.CatalogDraft(ctx, a, code)
	if err != nil {
		t.Fatalf("CatalogDraft: %v", err)
	}
	mutate(&d.Card)
	saved, err := e.flow.SaveCatalogDraft(ctx, a, workflow.DraftInput{Code: code, Revision: d.Revision, Card: d.Card,
		EffectiveAt: d.EffectiveAt, Client: "c"})
	if err != nil {
		t.Fatalf("SaveCatalogDraft: %v", err)
	}
	return saved
}

// publish takes a draft through submit (by catEditorA) and approval (by
// catEditorB) and returns what the approval did.
func publish(t *testing.T, e *env, code string, d workflow.CatalogDraft) workflow.Published {
	t.Helper()
	ctx := context.Background()
	if err := e.flow.SubmitCatalogDraft(ctx, catEditorA, code, d.Revision, "c"); err != nil {
		t.Fatalf("Submit: %v", err)
	}
	p, err := e.flow.ApproveCatalogDraft(ctx, catEditorB, code, d.Revision+1, "c")
	if err != nil {
		t.Fatalf("Approve: %v", err)
	}
	return p
}

// openRequest files a request on code for mobile directly in the store,
// in status st.
func openRequest(t *testing.T, e *env, code, mobile string, st desk.Status, rep *desk.Person) desk.Request {
	t.Helper()
	tc, err := desk.NewTrackingCode()
	if err != nil {
		t.Fatal(err)
	}
	svc, err := e.st.Service(context.Background(), code)
	if err != nil {
		t.Fatal(err)
	}
	r := desk.Request{TrackingCode: tc, ServiceCode: code, ServiceVersion: svc.Version, ServiceTitle: svc.Title,
		Kind: svc.Kind, Channel: desk.ChannelWeb, Status: st, SubmittedAt: e.now, UnitCode: "permits",
		Applicant: desk.Person{Name: "متقاضی", NationalID: "0076229645", Mobile: mobile}, Representative: rep}
	if err := e.st.InTx(context.Background(), func(tx *store.Tx) error { return tx.CreateRequest(context.Background(), &r) }); err != nil {
		t.Fatal(err)
	}
	return r
}

// subscribe subscribes mobile to code through the one-time code.
func subscribe(t *testing.T, e *env, code, mobile string) {
	t.Helper()
	ctx := context.Background()
	e.now = e.now.Add(time.Second) // lastCode reads the newest code
	start, err := e.flow.StartSubscription(ctx, code, mobile, "c-"+mobile)
	if err != nil {
		t.Fatalf("StartSubscription(%s): %v", mobile, err)
	}
	if _, err := e.flow.ConfirmSubscription(ctx, start.ID, lastCode(t, e.st, mobile), "c"); err != nil {
		t.Fatalf("ConfirmSubscription(%s): %v", mobile, err)
	}
}

// cardSMS counts the card_changed messages per recipient.
func cardSMS(t *testing.T, e *env) map[string][]string {
	t.Helper()
	msgs, err := e.st.RecentSMS(context.Background(), 500)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, m := range msgs {
		if m.Kind == "card_changed" {
			out[m.To] = append(out[m.To], m.Text)
		}
	}
	return out
}

// audits returns the audit records of action, in order, as "result target".
func audits(t *testing.T, e *env, action string) []string {
	t.Helper()
	recs, err := e.st.Audit(context.Background(), store.AuditFilter{Action: action, Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	out := make([]string, len(recs))
	for i, r := range recs {
		out[i] = r.Result + " " + r.Actor + " " + r.Target
	}
	return out
}

func hasAudit(t *testing.T, e *env, action, result string, a desk.Actor) bool {
	t.Helper()
	for _, s := range audits(t, e, action) {
		if strings.HasPrefix(s, result+" "+a.Label()+" ") {
			return true
		}
	}
	return false
}
