package jobs

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"mizban/internal/audit"
	"mizban/internal/store"
	"mizban/internal/store/storetest"
	"mizban/internal/webhook"
)

// receiver is an httptest endpoint on 127.0.0.1 that verifies every
// delivery's signature against each of its secrets and answers with the
// next planned status (204 once the plan is used up).
type receiver struct {
	t       *testing.T
	clock   *testClock
	secrets []string // every one must verify
	mu      sync.Mutex
	plan    []int
	got     []string // webhook-id of each verified request, in arrival order
	sigs    []int    // how many signatures each carried
}

func (rc *receiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	rc.mu.Lock()
	defer rc.mu.Unlock()
	for _, s := range rc.secrets {
		if err := webhook.Verify(s, r.Header, body, rc.clock.Now(), webhook.DefaultTolerance); err != nil {
			rc.t.Errorf("delivery %s does not verify: %v", r.Header.Get(webhook.HeaderID), err)
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
	}
	rc.got = append(rc.got, r.Header.Get(webhook.HeaderID))
	rc.sigs = append(rc.sigs, len(strings.Fields(r.Header.Get(webhook.HeaderSignature))))
	code := http.StatusNoContent
	if len(rc.plan) > 0 {
		code, rc.plan = rc.plan[0], rc.plan[1:]
	}
	w.WriteHeader(code)
}

func (rc *receiver) ids() []string {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return slices.Clone(rc.got)
}

// noJitter gives the schedule's exact waits.
var noJitter = webhook.Retry{Rand: func(int64) int64 { return 0 }}

type hookEnv struct {
	st    *store.Store
	clock *testClock
	w     *WebhookWorker
	rc    *receiver
	ep    *store.WebhookEndpoint
}

// newHookEnv starts a receiver and an endpoint for it subscribed to
// request.created; allowPrivate is the administrator's checkbox.
func newHookEnv(t *testing.T, st *store.Store, allowPrivate bool, plan ...int) *hookEnv {
	t.Helper()
	secret, err := webhook.NewSecret()
	if err != nil {
		t.Fatal(err)
	}
	c := &testClock{t: time.Date(2026, 3, 10, 8, 0, 0, 0, time.UTC)}
	rc := &receiver{t: t, clock: c, secrets: []string{secret}, plan: plan}
	srv := httptest.NewServer(rc)
	t.Cleanup(srv.Close)
	ep := &store.WebhookEndpoint{URL: srv.URL + "/hook", Events: []string{webhook.RequestCreated},
		Secrets: []store.WebhookSecret{{Text: secret}}, Active: true, AllowPrivate: allowPrivate, CreatedAt: c.Now()}
	if err := st.InTx(context.Background(), func(tx *store.Tx) error { return tx.AddWebhookEndpoint(context.Background(), ep) }); err != nil {
		t.Fatal(err)
	}
	w := NewWebhookWorker(st, quietLog)
	w.Now = c.Now
	w.Retry = noJitter
	return &hookEnv{st: st, clock: c, w: w, rc: rc, ep: ep}
}

func (h *hookEnv) enqueue(t *testing.T, id string, req int64) {
	t.Helper()
	body := []byte(`{"type":"request.created","timestamp":"2026-03-10T08:00:00.000000Z","data":{"request_id":1},"version":1}`)
	if err := h.st.InTx(context.Background(), func(tx *store.Tx) error {
		_, err := tx.EnqueueWebhook(context.Background(), id, webhook.RequestCreated, req, body, h.clock.Now())
		return err
	}); err != nil {
		t.Fatal(err)
	}
}

func (h *hookEnv) delivery(t *testing.T, id string) store.WebhookDelivery {
	t.Helper()
	ds, err := h.st.WebhookDeliveries(context.Background(), h.ep.ID, 100)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range ds {
		if d.ID == id {
			return d
		}
	}
	t.Fatalf("no delivery %s", id)
	return store.WebhookDelivery{}
}

// A failing receiver is retried on the schedule with the same webhook-id
// and a fresh signature until it answers 2xx; each attempt is logged.
func TestWebhookRetriesOnSchedule(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		h := newHookEnv(t, st, true, 500, 503, 410)
		h.enqueue(t, "msg_a", 1)
		var wantNext time.Time
		for i, code := range []int{500, 503, 410} {
			if n := h.w.RunOnce(ctx); n != 1 {
				t.Fatalf("attempt %d: took %d deliveries", i+1, n)
			}
			d := h.delivery(t, "msg_a")
			wantNext = h.clock.Now().Add(noJitter.Schedule(i + 1))
			if d.Status != store.WebhookPending || d.LastCode != code || d.Attempts != i+1 || !d.NextAt.Equal(wantNext) {
				t.Fatalf("after attempt %d: %+v; want code %d, next %v", i+1, d, code, wantNext)
			}
			// Not due a moment before the wait ends.
			h.clock.Set(wantNext.Add(-time.Millisecond))
			if n := h.w.RunOnce(ctx); n != 0 {
				t.Fatalf("retried %d before the wait ended", n)
			}
			h.clock.Set(wantNext)
		}
		h.w.RunOnce(ctx)
		if d := h.delivery(t, "msg_a"); d.Status != store.WebhookDelivered || d.LastCode != 204 || d.Attempts != 4 {
			t.Fatalf("after success: %+v", d)
		}
		if got := h.rc.ids(); !slices.Equal(got, []string{"msg_a", "msg_a", "msg_a", "msg_a"}) {
			t.Fatalf("receiver got %v", got)
		}
		atts, err := st.WebhookAttempts(ctx, h.delivery(t, "msg_a").Seq)
		if err != nil {
			t.Fatal(err)
		}
		var codes []int
		for _, a := range atts {
			codes = append(codes, a.Code)
		}
		if !slices.Equal(codes, []int{500, 503, 410, 204}) {
			t.Fatalf("attempt log codes %v", codes)
		}
		if e, _ := st.WebhookEndpoint(ctx, h.ep.ID); !e.FailingSince.IsZero() || !e.Active {
			t.Fatalf("endpoint after success: %+v", e)
		}
	})
}

// One request's deliveries reach the receiver in order: the second waits
// while the first backs off.
func TestWebhookOrderPerRequest(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		h := newHookEnv(t, st, true, 500)
		h.w.Workers = 1 // posts in claim order, so msg_1 meets the 500
		h.enqueue(t, "msg_1", 7)
		h.enqueue(t, "msg_2", 7)
		h.enqueue(t, "msg_3", 8)
		h.w.RunOnce(ctx) // msg_1 fails, msg_3 goes; msg_2 waits
		if got := h.rc.ids(); len(got) != 2 || !slices.Contains(got, "msg_1") || !slices.Contains(got, "msg_3") {
			t.Fatalf("first run reached %v", got)
		}
		h.clock.Add(noJitter.Schedule(1))
		h.w.RunOnce(ctx) // msg_1 delivered
		h.w.RunOnce(ctx) // then msg_2
		got := h.rc.ids()
		if !slices.Equal(got[2:], []string{"msg_1", "msg_2"}) {
			t.Fatalf("order %v; want msg_1 again before msg_2", got)
		}
	})
}

// Without the administrator's permission an address on the local network
// is refused before any connection; the attempt is logged with no code.
func TestWebhookPrivateRefused(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		h := newHookEnv(t, st, false)
		h.enqueue(t, "msg_p", 1)
		h.w.RunOnce(context.Background())
		if got := h.rc.ids(); len(got) != 0 {
			t.Fatalf("receiver on 127.0.0.1 reached without permission: %v", got)
		}
		d := h.delivery(t, "msg_p")
		if d.Status != store.WebhookPending || d.LastCode != 0 || !strings.Contains(d.LastError, "loopback") {
			t.Fatalf("refused delivery: %+v", d)
		}
	})
}

// An endpoint failing for three days is given up on and disabled, with an
// audit record; enabling it and redelivering reaches the receiver again.
func TestWebhookDisabledAfterDays(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		plan := make([]int, webhook.MaxAttempts)
		for i := range plan {
			plan[i] = 500
		}
		h := newHookEnv(t, st, true, plan...)
		h.enqueue(t, "msg_d", 1)
		start := h.clock.Now()
		for i := 1; i <= webhook.MaxAttempts; i++ {
			if n := h.w.RunOnce(ctx); n != 1 {
				t.Fatalf("attempt %d took %d", i, n)
			}
			e, _ := st.WebhookEndpoint(ctx, h.ep.ID)
			elapsed := h.clock.Now().Sub(start)
			if e.Active != (elapsed < DefaultDisableAfter) {
				t.Fatalf("attempt %d at %v: endpoint active %v", i, elapsed, e.Active)
			}
			h.clock.Add(noJitter.Schedule(i))
		}
		if d := h.delivery(t, "msg_d"); d.Status != store.WebhookFailed || d.Attempts != webhook.MaxAttempts {
			t.Fatalf("after the last attempt: %+v", d)
		}
		recs, err := st.Audit(ctx, store.AuditFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.ContainsFunc(recs, func(r audit.Record) bool {
			return r.Action == "webhook.disable" && r.Actor == "system" && strings.HasPrefix(r.Details, "failing_since=")
		}) {
			t.Fatal("no audit record of the disabling")
		}
		if err := st.InTx(ctx, func(tx *store.Tx) error {
			if err := tx.SetWebhookEndpointActive(ctx, h.ep.ID, true, h.clock.Now()); err != nil {
				return err
			}
			_, err := tx.RedeliverWebhook(ctx, h.delivery(t, "msg_d").Seq, h.clock.Now())
			return err
		}); err != nil {
			t.Fatal(err)
		}
		h.w.RunOnce(ctx)
		if d := h.delivery(t, "msg_d"); d.Status != store.WebhookDelivered {
			t.Fatalf("after redelivery: %+v", d)
		}
	})
}

// During a rotation's overlap each delivery carries both signatures and
// verifies with either secret.
func TestWebhookRotationSignsTwice(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		h := newHookEnv(t, st, true)
		next, _ := webhook.NewSecret()
		if err := st.InTx(ctx, func(tx *store.Tx) error {
			return tx.RotateWebhookSecret(ctx, h.ep.ID, next, h.clock.Now(), webhook.DefaultOverlap)
		}); err != nil {
			t.Fatal(err)
		}
		h.rc.secrets = append(h.rc.secrets, next)
		h.enqueue(t, "msg_r1", 1)
		h.w.RunOnce(ctx)
		// After the overlap only the new secret signs.
		h.clock.Add(webhook.DefaultOverlap)
		h.rc.mu.Lock()
		h.rc.secrets = []string{next}
		h.rc.mu.Unlock()
		h.enqueue(t, "msg_r2", 2)
		h.w.RunOnce(ctx)
		if !slices.Equal(h.rc.sigs, []int{2, 1}) || !slices.Equal(h.rc.ids(), []string{"msg_r1", "msg_r2"}) {
			t.Fatalf("signatures per delivery %v, ids %v; want [2 1]", h.rc.sigs, h.rc.ids())
		}
	})
}
