package store_test

import (
	"slices"
	"sync"
	"testing"
	"time"

	"mizban/internal/audit"
	"mizban/internal/desk"
	"mizban/internal/store"
	"mizban/internal/store/storetest"
)

func addEndpoint(t *testing.T, s *store.Store, e *store.WebhookEndpoint) {
	t.Helper()
	if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.AddWebhookEndpoint(ctx, e) }); err != nil {
		t.Fatal(err)
	}
}

func enqueueWebhook(t *testing.T, s *store.Store, id, typ string, req int64, at time.Time) int {
	t.Helper()
	var n int
	err := s.InTx(ctx, func(tx *store.Tx) (err error) {
		n, err = tx.EnqueueWebhook(ctx, id, typ, req, []byte(`{"id":"`+id+`"}`), at)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func deliveryIDs(ds []store.WebhookDelivery) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.ID)
	}
	return out
}

// Secrets are sealed, read back, and rotated with an overlap.
func TestWebhookEndpointSecrets(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		e := &store.WebhookEndpoint{URL: "https://a.example/hook", Events: []string{"request.created"},
			Secrets: []store.WebhookSecret{{Text: "whsec_old"}}, Active: true, CreatedAt: t0}
		addEndpoint(t, s, e)
		if err := s.InTx(ctx, func(tx *store.Tx) error {
			return tx.RotateWebhookSecret(ctx, e.ID, "whsec_new", t0.Add(time.Hour), 72*time.Hour)
		}); err != nil {
			t.Fatal(err)
		}
		got, err := s.WebhookEndpoint(ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := []store.WebhookSecret{{Text: "whsec_old", Expires: t0.Add(73 * time.Hour)}, {Text: "whsec_new"}}
		if !slices.EqualFunc(got.Secrets, want, func(a, b store.WebhookSecret) bool {
			return a.Text == b.Text && a.Expires.Equal(b.Expires)
		}) {
			t.Fatalf("secrets after rotation = %+v, want %+v", got.Secrets, want)
		}
		// A second rotation after the overlap drops the old secret.
		if err := s.InTx(ctx, func(tx *store.Tx) error {
			return tx.RotateWebhookSecret(ctx, e.ID, "whsec_third", t0.Add(100*time.Hour), time.Hour)
		}); err != nil {
			t.Fatal(err)
		}
		got, _ = s.WebhookEndpoint(ctx, e.ID)
		if len(got.Secrets) != 2 || got.Secrets[0].Text != "whsec_new" || got.Secrets[1].Text != "whsec_third" {
			t.Fatalf("secrets after second rotation = %+v", got.Secrets)
		}
		// The list is sealed to its row: moved to another endpoint it does
		// not open (plain JSON would).
		other := &store.WebhookEndpoint{URL: "https://b.example", Events: []string{"request.created"}}
		addEndpoint(t, s, other)
		if err := store.RawSQL(ctx, s, `UPDATE webhook_endpoints SET secrets = (SELECT secrets FROM webhook_endpoints WHERE id = $1) WHERE id = $2`, e.ID, other.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.WebhookEndpoint(ctx, other.ID); err == nil {
			t.Fatal("secrets moved to another endpoint opened")
		}
	})
}

// Deliveries go to subscribed active endpoints only, once per event, and
// one request's deliveries to an endpoint are claimed in order.
func TestWebhookEnqueueAndOrder(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		r1, r2 := createRequest(t, s), createRequest(t, s)
		a := &store.WebhookEndpoint{URL: "https://a.example", Events: []string{"request.created", "request.closed"}, Active: true}
		b := &store.WebhookEndpoint{URL: "https://b.example", Events: []string{"request.closed"}, Active: true}
		off := &store.WebhookEndpoint{URL: "https://c.example", Events: []string{"request.created"}, Active: false}
		for _, e := range []*store.WebhookEndpoint{a, b, off} {
			addEndpoint(t, s, e)
		}
		for _, c := range []struct {
			id, typ string
			req     int64
			want    int
		}{
			{"m1", "request.created", r1.ID, 1},
			{"m2", "request.closed", r1.ID, 2},
			{"m3", "request.created", r2.ID, 1},
			{"m1", "request.created", r1.ID, 0}, // a repeat of the same event
			{"m4", "request.referred", r1.ID, 0},
		} {
			if got := enqueueWebhook(t, s, c.id, c.typ, c.req, t0); got != c.want {
				t.Errorf("enqueue %s %s: %d deliveries, want %d", c.id, c.typ, got, c.want)
			}
		}
		now := t0.Add(time.Second)
		got, err := s.ClaimWebhooks(ctx, "A", now, now.Add(time.Minute), 10)
		if err != nil {
			t.Fatal(err)
		}
		// m2 to a waits behind m1 to a; m2 to b goes.
		if ids := deliveryIDs(got); !slices.Equal(ids, []string{"m1", "m2", "m3"}) || got[1].EndpointID != b.ID {
			t.Fatalf("first claim = %v (endpoint of m2 %d, b is %d)", ids, got[1].EndpointID, b.ID)
		}
		if again, _ := s.ClaimWebhooks(ctx, "B", now, now.Add(time.Minute), 10); len(again) != 0 {
			t.Fatalf("leased deliveries claimed again: %v", deliveryIDs(again))
		}
		// m1 fails and backs off: m2 to a still waits.
		since, err := s.RecordWebhookAttempt(ctx, "A", got[0], store.WebhookOutcome{At: now, Code: 500, Error: "HTTP 500", Next: now.Add(time.Hour)})
		if err != nil || !since.Equal(now) {
			t.Fatalf("record failure: since %v, err %v", since, err)
		}
		if c, _ := s.ClaimWebhooks(ctx, "B", now.Add(30*time.Second), now.Add(2*time.Minute), 10); len(c) != 0 {
			t.Fatalf("claimed while an older delivery backs off: %v", deliveryIDs(c))
		}
		// After the back-off (and the other leases' end) m1 goes again,
		// with the leftovers m2 to b and m3, which A never recorded.
		c, _ := s.ClaimWebhooks(ctx, "B", now.Add(time.Hour), now.Add(time.Hour+time.Minute), 10)
		if ids := deliveryIDs(c); !slices.Equal(ids, []string{"m1", "m2", "m3"}) || c[1].EndpointID != b.ID {
			t.Fatalf("claim after back-off = %v, want [m1 m2(b) m3]", ids)
		}
		if since, err := s.RecordWebhookAttempt(ctx, "B", c[0], store.WebhookOutcome{At: now.Add(time.Hour), Code: 204, OK: true}); err != nil || !since.IsZero() {
			t.Fatalf("record success: since %v, err %v", since, err)
		}
		// Recording by an instance whose lease is gone is refused.
		if _, err := s.RecordWebhookAttempt(ctx, "B", c[0], store.WebhookOutcome{At: now, OK: true}); desk.ErrorCode(err) != desk.ENOTFOUND {
			t.Fatalf("second record: %v, want ENOTFOUND", err)
		}
		c, _ = s.ClaimWebhooks(ctx, "B", now.Add(time.Hour), now.Add(time.Hour+time.Minute), 10)
		if ids := deliveryIDs(c); !slices.Equal(ids, []string{"m2"}) || c[0].EndpointID != a.ID {
			t.Fatalf("claim after delivery = %v, want [m2] to a", ids)
		}
		atts, err := s.WebhookAttempts(ctx, got[0].Seq)
		if err != nil || len(atts) != 2 || atts[0].Code != 500 || atts[1].Code != 204 || atts[1].Attempt != 2 {
			t.Fatalf("attempts = %+v, %v", atts, err)
		}
	})
}

// A given-up delivery can be redelivered; a pending one cannot. A
// disabled endpoint's deliveries are not claimed.
func TestWebhookRedeliverAndDisable(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		r := createRequest(t, s)
		e := &store.WebhookEndpoint{URL: "https://a.example", Events: []string{"request.created"}, Active: true}
		addEndpoint(t, s, e)
		enqueueWebhook(t, s, "m1", "request.created", r.ID, t0)
		got, _ := s.ClaimWebhooks(ctx, "A", t0, t0.Add(time.Minute), 10)
		if len(got) != 1 {
			t.Fatalf("claimed %d", len(got))
		}
		redeliver := func() error {
			return s.InTx(ctx, func(tx *store.Tx) error { _, err := tx.RedeliverWebhook(ctx, got[0].Seq, t0); return err })
		}
		if err := redeliver(); desk.ErrorCode(err) != desk.ECONFLICT {
			t.Fatalf("redeliver pending: %v, want ECONFLICT", err)
		}
		if _, err := s.RecordWebhookAttempt(ctx, "A", got[0], store.WebhookOutcome{At: t0, Error: "refused", GiveUp: true}); err != nil {
			t.Fatal(err)
		}
		list, _ := s.WebhookDeliveries(ctx, e.ID, 10)
		if len(list) != 1 || list[0].Status != store.WebhookFailed || list[0].Attempts != 1 {
			t.Fatalf("after giving up: %+v", list)
		}
		if err := redeliver(); err != nil {
			t.Fatal(err)
		}
		done, err := s.DisableFailingWebhook(ctx, e.ID, t0, &audit.Record{At: t0, Actor: "system",
			Action: "webhook.disable", Target: "webhook:1", Result: audit.OK})
		if err != nil || !done {
			t.Fatalf("disable: %v %v", done, err)
		}
		if done, _ := s.DisableFailingWebhook(ctx, e.ID, t0, &audit.Record{At: t0, Actor: "system",
			Action: "webhook.disable", Target: "webhook:1", Result: audit.OK}); done {
			t.Fatal("disabled twice")
		}
		if c, _ := s.ClaimWebhooks(ctx, "A", t0.Add(time.Hour), t0.Add(2*time.Hour), 10); len(c) != 0 {
			t.Fatalf("claimed for a disabled endpoint: %v", deliveryIDs(c))
		}
		if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.SetWebhookEndpointActive(ctx, e.ID, true, t0) }); err != nil {
			t.Fatal(err)
		}
		if c, _ := s.ClaimWebhooks(ctx, "A", t0.Add(time.Hour), t0.Add(2*time.Hour), 10); len(c) != 1 || c[0].Attempts != 0 {
			t.Fatalf("claim after enabling = %+v", c)
		}
	})
}

// Several instances claiming at once never share a delivery.
func TestWebhookClaimInstances(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		e := &store.WebhookEndpoint{URL: "https://a.example", Events: []string{"request.created"}, Active: true}
		addEndpoint(t, s, e)
		const n = 60
		for i := range n {
			enqueueWebhook(t, s, "m"+string(rune('A'+i/26))+string(rune('a'+i%26)), "request.created", 0, t0)
		}
		var (
			mu   sync.Mutex
			seen = map[int64]string{}
			wg   sync.WaitGroup
		)
		for w := range 4 {
			owner := string(rune('A' + w))
			wg.Go(func() {
				for range 10 {
					got, err := s.ClaimWebhooks(ctx, owner, t0, t0.Add(time.Minute), 5)
					if err != nil {
						t.Error(err)
						return
					}
					mu.Lock()
					for _, d := range got {
						if o, ok := seen[d.Seq]; ok {
							t.Errorf("delivery %d claimed by %s and %s", d.Seq, o, owner)
						}
						seen[d.Seq] = owner
					}
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		if len(seen) != n {
			t.Errorf("claimed %d of %d", len(seen), n)
		}
	})
}
