package workflow_test

import (
	"context"
	"encoding/json"
	"slices"
	"testing"

	"mizban/internal/desk"
	"mizban/internal/store"
	"mizban/internal/store/storetest"
	"mizban/internal/webhook"
	"mizban/internal/workflow"
)

// hookLog returns the types of the deliveries to endpoint id, oldest first,
// and checks each body decodes as a versioned event about request req.
func hookLog(t *testing.T, st *store.Store, id, req int64) []string {
	t.Helper()
	ds, err := st.WebhookDeliveries(context.Background(), id, 100)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, d := range slices.Backward(ds) {
		var e webhook.Event
		if err := json.Unmarshal(d.Body, &e); err != nil || e.Type != d.EventType {
			t.Fatalf("delivery %s body %s: %v", d.ID, d.Body, err)
		}
		var data struct {
			RequestID    int64  `json:"request_id"`
			TrackingCode string `json:"tracking_code"`
		}
		if err := json.Unmarshal(e.Data, &data); err != nil || data.RequestID != req || d.RequestID != req {
			t.Fatalf("delivery %s data %s: want request %d", d.ID, e.Data, req)
		}
		// The tracking code is what the Integration API's paths take.
		if r, err := st.Request(context.Background(), req); err != nil || data.TrackingCode != r.TrackingCode || r.TrackingCode == "" {
			t.Fatalf("delivery %s data %s: want tracking code %q (%v)", d.ID, e.Data, r.TrackingCode, err)
		}
		out = append(out, d.EventType)
	}
	return out
}

// Registration and staff actions queue their webhooks in their own
// transaction, one per subscribed endpoint; a refused action queues none.
func TestWebhooksFromWorkflow(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		o := newOffice(t, st)
		all := &store.WebhookEndpoint{URL: "https://all.example", Events: webhook.EventTypes, Active: true}
		closed := &store.WebhookEndpoint{URL: "https://closed.example", Events: []string{webhook.RequestClosed}, Active: true}
		if err := st.InTx(ctx, func(tx *store.Tx) error {
			if err := tx.AddWebhookEndpoint(ctx, all); err != nil {
				return err
			}
			return tx.AddWebhookEndpoint(ctx, closed)
		}); err != nil {
			t.Fatal(err)
		}

		// A citizen's application, through the one-time code.
		id, err := o.flow.SaveDraft(ctx, validInput())
		if err != nil {
			t.Fatal(err)
		}
		r, err := o.flow.Confirm(ctx, id, lastCode(t, st, "09121234567"))
		if err != nil {
			t.Fatal(err)
		}
		if got := hookLog(t, st, all.ID, r.ID); !slices.Equal(got, []string{webhook.RequestCreated}) {
			t.Fatalf("after registration: %v", got)
		}

		officer := o.offA1
		if r.UnitCode != "permits" {
			t.Fatalf("registered in unit %q", r.UnitCode)
		}
		r = o.act(t, officer, r, workflow.ActInput{Action: desk.ActAccept})
		// A refused action (a stale version) rolls back: nothing queued.
		if _, err := o.flow.Act(ctx, officer, workflow.ActInput{RequestID: r.ID, Version: r.Version - 1,
			Action: desk.ActNote, Text: "x"}); err == nil {
			t.Fatal("stale action succeeded")
		}
		r = o.act(t, officer, r, workflow.ActInput{Action: desk.ActNote, Text: "یادداشت"})
		r = o.act(t, officer, r, workflow.ActInput{Action: desk.ActRequestDocs, Message: "سند را بفرستید."})
		r = o.setStatus(t, r, desk.StatusInProgress)
		r = o.act(t, officer, r, workflow.ActInput{Action: desk.ActRefer, ToUnit: "legal", ToStaff: o.offB.StaffID,
			Instruction: "بررسی شود"})
		r = o.act(t, o.offB, r, workflow.ActInput{Action: desk.ActAnswer, Text: "پاسخ"})
		r = o.act(t, o.mgrB, r, workflow.ActInput{Action: desk.ActClose})

		want := []string{
			webhook.RequestCreated,
			webhook.RequestStatusChanged,                                    // accept: submitted → in progress
			webhook.RequestDocumentsRequested, webhook.RequestStatusChanged, // → needs docs
			webhook.RequestReferred,
			webhook.RequestAnswered, webhook.RequestStatusChanged,
			webhook.RequestClosed, webhook.RequestStatusChanged,
		}
		if got := hookLog(t, st, all.ID, r.ID); !slices.Equal(got, want) {
			t.Errorf("deliveries to the all-events endpoint:\n got %v\nwant %v", got, want)
		}
		if got := hookLog(t, st, closed.ID, r.ID); !slices.Equal(got, []string{webhook.RequestClosed}) {
			t.Errorf("deliveries to the closed-only endpoint: %v", got)
		}
	})
}
