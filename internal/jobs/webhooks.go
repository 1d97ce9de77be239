package jobs

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"time"

	"mizban/internal/audit"
	"mizban/internal/store"
	"mizban/internal/webhook"
)

// DefaultDisableAfter is how long an endpoint may keep failing before it is
// switched off: the retry schedule's span, so an endpoint is disabled about
// when its first failed event is given up.
const DefaultDisableAfter = 72 * time.Hour

// WebhookWorker delivers due webhooks, as Dispatcher sends SMS: deliveries
// are claimed under a lease (store.ClaimWebhooks), so several instances
// never post the same one at once, and one request's deliveries to an
// endpoint are claimed one at a time, in order. A crash mid-post lets the
// lease run out and the delivery goes again with the same webhook-id,
// which receivers use to drop the repeat.
type WebhookWorker struct {
	Store *store.Store
	Log   *slog.Logger
	Now   func() time.Time
	Poll  time.Duration // how often to look when not woken

	Instance string        // names this process in leases
	Lease    time.Duration // ≤ 0: DefaultLease; must exceed the guard's timeout
	Workers  int           // concurrent posts
	Batch    int           // deliveries claimed at a time
	// Guard is the outbound client's base: its Allow list is extended with
	// the endpoint's host for endpoints allowed on the agency's network.
	Guard webhook.Guard
	Retry webhook.Retry
	// DisableAfter switches off an endpoint failing this long (≤ 0:
	// DefaultDisableAfter).
	DisableAfter time.Duration

	wake    chan struct{}
	mu      sync.Mutex
	clients map[string]*http.Client // by the allowed host ("" for none)
}

// NewWebhookWorker returns a worker polling every 5 seconds with a fresh
// instance id.
func NewWebhookWorker(st *store.Store, log *slog.Logger) *WebhookWorker {
	return &WebhookWorker{Store: st, Log: log, Now: time.Now, Poll: 5 * time.Second,
		Instance: NewInstanceID(), wake: make(chan struct{}, 1)}
}

// Wake asks the worker to look now.
func (w *WebhookWorker) Wake() {
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

// Run delivers until ctx ends. On SQLite it first hands back the leases a
// crashed run of this process left.
func (w *WebhookWorker) Run(ctx context.Context) {
	if err := w.Store.ReleaseWebhookLeases(ctx); err != nil {
		w.Log.Error("webhook lease release failed", "err", err)
	}
	poll := w.Poll
	if poll <= 0 {
		poll = 5 * time.Second
	}
	t := time.NewTicker(poll)
	defer t.Stop()
	for {
		for w.RunOnce(ctx) > 0 && ctx.Err() == nil {
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-w.wake:
		}
	}
}

// RunOnce posts one batch of due deliveries and returns how many it took.
func (w *WebhookWorker) RunOnce(ctx context.Context) int {
	now := w.Now().UTC()
	ds, err := w.Store.ClaimWebhooks(ctx, w.Instance, now, now.Add(orDefault(w.Lease, DefaultLease)), orDefault(w.Batch, DefaultBatch))
	if err != nil {
		if ctx.Err() == nil {
			w.Log.Error("webhook claim failed", "err", err)
		}
		return 0
	}
	eps := map[int64]*store.WebhookEndpoint{}
	for _, d := range ds {
		if _, ok := eps[d.EndpointID]; ok {
			continue
		}
		e, err := w.Store.WebhookEndpoint(ctx, d.EndpointID)
		if err != nil {
			w.Log.Error("webhook endpoint read failed", "endpoint", d.EndpointID, "err", err)
			eps[d.EndpointID] = nil
			continue
		}
		eps[d.EndpointID] = &e
	}
	// A claim holds at most one delivery per request and endpoint, so the
	// batch may go in parallel without breaking any request's order.
	var (
		wg   sync.WaitGroup
		next = make(chan store.WebhookDelivery)
	)
	for range min(orDefault(w.Workers, DefaultWorkers), len(ds)) {
		wg.Go(func() {
			for d := range next {
				w.deliver(ctx, eps[d.EndpointID], d)
			}
		})
	}
	for _, d := range ds {
		next <- d
	}
	close(next)
	wg.Wait()
	return len(ds)
}

// client returns the guarded client for e: endpoints allowed on the
// agency's network get their own host added to the allow-list.
func (w *WebhookWorker) client(e *store.WebhookEndpoint) (*http.Client, error) {
	u, err := url.Parse(e.URL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Hostname() == "" {
		return nil, fmt.Errorf("invalid endpoint address")
	}
	host := ""
	if e.AllowPrivate {
		host = u.Hostname()
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if c, ok := w.clients[host]; ok {
		return c, nil
	}
	g := w.Guard
	if host != "" {
		g.Allow = append(append([]string(nil), g.Allow...), host)
	}
	if w.clients == nil {
		w.clients = map[string]*http.Client{}
	}
	c := g.Client()
	w.clients[host] = c
	return c, nil
}

func (w *WebhookWorker) deliver(ctx context.Context, e *store.WebhookEndpoint, d store.WebhookDelivery) {
	if e == nil {
		if err := w.Store.ReleaseWebhook(ctx, w.Instance, d.Seq); err != nil {
			w.Log.Error("webhook release failed", "seq", d.Seq, "err", err)
		}
		return
	}
	now := w.Now().UTC()
	if now.Add(orDefault(w.Guard.Timeout, webhook.DefaultTimeout)).After(d.ClaimedUntil) {
		// Too little of the lease left for a full attempt: another
		// instance could take the delivery meanwhile. Hand it back.
		if err := w.Store.ReleaseWebhook(ctx, w.Instance, d.Seq); err != nil {
			w.Log.Error("webhook release failed", "seq", d.Seq, "err", err)
		}
		return
	}
	code, err := w.post(ctx, e, d, now)
	if ctx.Err() != nil && err != nil {
		// Shutting down: not the endpoint's fault; hand the delivery back.
		if err := w.Store.ReleaseWebhook(context.WithoutCancel(ctx), w.Instance, d.Seq); err != nil {
			w.Log.Error("webhook release failed", "seq", d.Seq, "err", err)
		}
		return
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	at := w.Now().UTC()
	attempt := d.Attempts + 1
	o := store.WebhookOutcome{At: at, Code: code, OK: err == nil}
	if err != nil {
		o.Error = err.Error()
		o.GiveUp = w.Retry.GiveUp(attempt)
		o.Next = at.Add(w.Retry.Schedule(attempt))
		w.Log.Warn("webhook delivery failed", "id", d.ID, "endpoint", e.ID, "attempt", attempt,
			"code", code, "give_up", o.GiveUp, "err", err)
	}
	since, rerr := w.Store.RecordWebhookAttempt(ctx, w.Instance, d, o)
	if rerr != nil {
		w.Log.Error("webhook record failed", "id", d.ID, "endpoint", e.ID, "err", rerr)
		return
	}
	if o.OK || since.IsZero() || at.Sub(since) < orDefault(w.DisableAfter, DefaultDisableAfter) {
		return
	}
	done, derr := w.Store.DisableFailingWebhook(ctx, e.ID, at, &audit.Record{At: at, Actor: "system",
		Action: "webhook.disable", Target: "webhook:" + strconv.FormatInt(e.ID, 10), Result: audit.OK,
		Details: "failing_since=" + since.Format(time.RFC3339) + " last_code=" + strconv.Itoa(code)})
	if derr != nil {
		w.Log.Error("webhook endpoint disable failed", "endpoint", e.ID, "err", derr)
	} else if done {
		w.Log.Warn("webhook endpoint disabled after failing for days: an administrator should check it",
			"endpoint", e.ID, "failing_since", since)
	}
}

// post makes one signed attempt and returns the HTTP status (0 without an
// answer) and an error unless it was 2xx.
func (w *WebhookWorker) post(ctx context.Context, e *store.WebhookEndpoint, d store.WebhookDelivery, now time.Time) (int, error) {
	c, err := w.client(e)
	if err != nil {
		return 0, err
	}
	var secrets []webhook.Secret
	for _, s := range e.Secrets {
		p, err := webhook.ParseSecret(s.Text, s.Expires)
		if err != nil {
			return 0, err
		}
		secrets = append(secrets, p)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, e.URL, bytes.NewReader(d.Body))
	if err != nil {
		return 0, fmt.Errorf("invalid endpoint address")
	}
	for k, v := range webhook.Sign(secrets, d.ID, now, d.Body) {
		req.Header[k] = v
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "Mizban-Webhooks/1")
	resp, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, resp.Body) // the guard caps what is read
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return resp.StatusCode, fmt.Errorf("HTTP %d", resp.StatusCode)
	}
	return resp.StatusCode, nil
}
