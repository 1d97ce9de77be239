// Package jobs runs Mizban's durable background work. Messages are written
// to an outbox table in the same transaction as the change that causes them;
// the dispatcher here sends them afterwards, so a crash between commit and
// send delays a message but never loses it.
package jobs

import (
	"context"
	"log/slog"
	"math/rand/v2"
	"time"

	"mizban/internal/sms"
	"mizban/internal/store"
)

// MaxAttempts is how often a message is tried before it is parked as failed
// for an administrator to look at.
const MaxAttempts = 12

// Dispatcher sends due outbox SMS through a Provider.
type Dispatcher struct {
	Store    *store.Store
	Provider sms.Provider
	Log      *slog.Logger
	Now      func() time.Time
	Poll     time.Duration // how often to look when not woken
	wake     chan struct{}
}

// NewDispatcher returns a dispatcher polling every second.
func NewDispatcher(st *store.Store, p sms.Provider, log *slog.Logger) *Dispatcher {
	return &Dispatcher{Store: st, Provider: p, Log: log, Now: time.Now, Poll: time.Second, wake: make(chan struct{}, 1)}
}

// Wake asks the dispatcher to look now (after a commit that enqueued).
func (d *Dispatcher) Wake() {
	select {
	case d.wake <- struct{}{}:
	default:
	}
}

// Run sends until ctx ends.
func (d *Dispatcher) Run(ctx context.Context) {
	t := time.NewTicker(d.Poll)
	defer t.Stop()
	for {
		for d.RunOnce(ctx) > 0 && ctx.Err() == nil {
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-d.wake:
		}
	}
}

// RunOnce sends one batch of due messages and returns how many it tried.
func (d *Dispatcher) RunOnce(ctx context.Context) int {
	msgs, err := d.Store.DueSMS(ctx, d.Now().UTC(), 50)
	if err != nil {
		if ctx.Err() == nil {
			d.Log.Error("sms outbox read failed", "err", err)
		}
		return 0
	}
	for _, m := range msgs {
		d.send(ctx, m)
	}
	return len(msgs)
}

func (d *Dispatcher) send(ctx context.Context, m store.OutSMS) {
	sctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	ref, err := d.Provider.Send(sctx, sms.Message{ID: m.ID, To: m.To, Text: m.Text})
	cancel()
	now := d.Now().UTC()
	if err == nil {
		if err := d.Store.MarkSMSSent(ctx, m.ID, d.Provider.Name(), ref, now); err != nil {
			d.Log.Error("sms mark sent failed", "id", m.ID, "err", err)
		}
		return
	}
	attempts := m.Attempts + 1
	failed := attempts >= MaxAttempts
	next := now.Add(Backoff(attempts))
	d.Log.Warn("sms send failed", "id", m.ID, "kind", m.Kind, "attempt", attempts, "parked", failed, "err", err)
	if err := d.Store.MarkSMSRetry(ctx, m.ID, err.Error(), next, failed); err != nil {
		d.Log.Error("sms mark retry failed", "id", m.ID, "err", err)
	}
}

// Backoff is the wait before attempt n+1: exponential from 5 s, capped at
// one hour, with up to 20% jitter so retries of many messages spread out.
func Backoff(n int) time.Duration {
	base := 5 * time.Second << min(n-1, 10)
	base = min(base, time.Hour)
	return base + time.Duration(rand.Int64N(int64(base/5)+1))
}
