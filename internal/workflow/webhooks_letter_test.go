package workflow_test

import (
	"context"
	"encoding/json"
	"slices"
	"testing"

	"mizban/internal/desk"
	"mizban/internal/jalali"
	"mizban/internal/letters"
	"mizban/internal/store"
	"mizban/internal/store/storetest"
	"mizban/internal/webhook"
	"mizban/internal/workflow"
)

// letterHooks returns the data of the letter.registered deliveries to
// endpoint id about request req, oldest first.
func letterHooks(t *testing.T, st *store.Store, id, req int64) []map[string]any {
	t.Helper()
	ds, err := st.WebhookDeliveries(context.Background(), id, 100)
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]any
	for _, d := range slices.Backward(ds) {
		if d.EventType != webhook.LetterRegistered || d.RequestID != req {
			continue
		}
		var e struct {
			Type string         `json:"type"`
			Data map[string]any `json:"data"`
		}
		if err := json.Unmarshal(d.Body, &e); err != nil || e.Type != webhook.LetterRegistered {
			t.Fatalf("delivery %s body %s: %v", d.ID, d.Body, err)
		}
		out = append(out, e.Data)
	}
	return out
}

// Registering a request as an incoming letter (built-in numbering or
// manual) and answering it (the outgoing reply) each queue one
// letter.registered with the letter's record, in the same transaction; a
// refused registration queues none.
func TestLetterWebhooks(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		o := newOffice(t, st)
		if err := o.flow.CreateSecretariat(ctx, o.admin, workflow.SecretariatInput{Secretariat: centralSecretariat()}); err != nil {
			t.Fatal(err)
		}
		ep := &store.WebhookEndpoint{URL: "https://letters.example", Events: []string{webhook.LetterRegistered}, Active: true}
		if err := st.InTx(ctx, func(tx *store.Tx) error { return tx.AddWebhookEndpoint(ctx, ep) }); err != nil {
			t.Fatal(err)
		}

		// Built-in numbering, then the answer as the reply letter.
		r := o.file(t, "permits", "citizen")
		in, err := o.flow.RegisterIncoming(ctx, o.offA1, workflow.RegisterInput{RequestID: r.ID, Version: r.Version, Secretariat: "1"})
		if err != nil {
			t.Fatal(err)
		}
		// A second registration is refused and queues nothing.
		if _, err := o.flow.RegisterIncoming(ctx, o.offA1, workflow.RegisterInput{RequestID: r.ID, Version: o.reload(t, r.ID).Version, Secretariat: "1"}); desk.ErrorCode(err) != desk.ECONFLICT {
			t.Fatalf("second registration: %v", err)
		}
		cur := o.act(t, o.offA1, o.reload(t, r.ID), workflow.ActInput{Action: desk.ActAccept})
		o.act(t, o.mgrA, cur, workflow.ActInput{Action: desk.ActAnswer, Text: "پروانه صادر شد."})
		ls, _ := st.LettersOfRequest(ctx, r.ID)
		if len(ls) != 2 {
			t.Fatalf("%d letters", len(ls))
		}
		out := ls[1]
		got := letterHooks(t, st, ep.ID, r.ID)
		if len(got) != 2 {
			t.Fatalf("letter hooks %v; want the incoming letter and the reply", got)
		}
		for i, tc := range []struct {
			l         letters.Letter
			direction string
			inReplyTo float64
		}{{in, "incoming", 0}, {out, "outgoing", float64(in.ID)}} {
			d := got[i]
			if d["request_id"] != float64(r.ID) || d["letter_id"] != float64(tc.l.ID) || d["direction"] != tc.direction ||
				d["number"] != tc.l.Number || d["secretariat"] != "1" || d["date"] != jalali.FromTime(tc.l.RegisteredAt).String() ||
				d["event_id"] == nil || d["event_id"] == float64(0) || d["registered_at"] == nil {
				t.Errorf("hook %d: %v; want letter %+v", i, d, tc.l)
			}
			if rt, _ := d["in_reply_to"].(float64); rt != tc.inReplyTo {
				t.Errorf("hook %d in_reply_to %v; want %v", i, d["in_reply_to"], tc.inReplyTo)
			}
			if d["tracking_code"] != r.TrackingCode {
				t.Errorf("hook %d tracking_code %v; want %s (the API's paths take it)", i, d["tracking_code"], r.TrackingCode)
			}
			for _, personal := range []string{"mobile", "name", "national_id"} {
				if _, ok := d[personal]; ok {
					t.Errorf("hook %d carries %s", i, personal)
				}
			}
		}

		// Manual mode: the typed number and date travel as registered.
		m := o.file(t, "permits", "citizen")
		today := jalali.FromTime(o.now).String()
		if _, err := o.flow.RegisterIncoming(ctx, o.offA1, workflow.RegisterInput{RequestID: m.ID, Version: m.Version,
			Secretariat: "1", Number: "۸۸۲/ص/۱۲", Date: today}); err != nil {
			t.Fatal(err)
		}
		got = letterHooks(t, st, ep.ID, m.ID)
		if len(got) != 1 || got[0]["number"] != "882/ص/12" || got[0]["date"] != today || got[0]["direction"] != "incoming" {
			t.Errorf("manual letter hooks %v", got)
		}
	})
}
