// Package jobs runs Mizban's durable background work. Messages are written
// to an outbox table in the same transaction as the change that causes them;
// the dispatcher here sends them afterwards, so a crash between commit and
// send delays a message but never loses it.
//
// Several instances may share one database. Each takes due messages under
// a lease (store.ClaimSMS): a message leased to one instance is invisible
// to the others until the lease runs out, so two live instances never send
// the same message. An instance that dies mid-send leaves the lease to
// expire; the message is then sent again under the same id, which gateways
// that honour our id (Kavenegar's localid) drop as a repeat.
package jobs

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	mrand "math/rand/v2"
	"os"
	"sync"
	"time"

	"mizban/internal/sms"
	"mizban/internal/store"
)

// MaxAttempts is how often a message is tried before it is parked as failed
// for an administrator to look at.
const MaxAttempts = 12

// Defaults of the Dispatcher's tuning fields.
const (
	DefaultLease       = time.Minute
	DefaultSendTimeout = 20 * time.Second
	DefaultWorkers     = 4
	DefaultBatch       = 50
)

// Dispatcher sends due outbox SMS through a Provider and follows their
// delivery state. Set the exported fields before Run; zero values take the
// defaults.
type Dispatcher struct {
	Store    *store.Store
	Provider sms.Provider
	Log      *slog.Logger
	Now      func() time.Time
	Poll     time.Duration // how often to look when not woken

	// Instance names this process in leases; unique per process.
	Instance string
	// Lease is how long a claimed message stays reserved to this instance.
	// A send starts only while at least SendTimeout of it is left, so a
	// healthy instance never sends on an expired lease.
	Lease       time.Duration
	SendTimeout time.Duration
	Workers     int // concurrent sends
	Batch       int // messages claimed at a time
	// Quiet holds notices (not one-time codes) during its window.
	Quiet Quiet
	// OTPExpiry gives up on a one-time code still unsent this long after
	// it was made (it would arrive useless); zero never does.
	OTPExpiry time.Duration

	wake chan struct{}
}

// NewDispatcher returns a dispatcher polling every second, with the
// default quiet hours and a fresh instance id.
func NewDispatcher(st *store.Store, p sms.Provider, log *slog.Logger) *Dispatcher {
	return &Dispatcher{Store: st, Provider: p, Log: log, Now: time.Now, Poll: time.Second,
		Instance: NewInstanceID(), Quiet: DefaultQuiet, wake: make(chan struct{}, 1)}
}

// NewInstanceID is host, process and a random part: unique even for two
// processes that reuse a pid in containers.
func NewInstanceID() string {
	host, _ := os.Hostname()
	b := make([]byte, 4)
	rand.Read(b)
	return fmt.Sprintf("%s/%d/%s", host, os.Getpid(), hex.EncodeToString(b))
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

func (d *Dispatcher) lease() time.Duration       { return orDefault(d.Lease, DefaultLease) }
func (d *Dispatcher) sendTimeout() time.Duration { return orDefault(d.SendTimeout, DefaultSendTimeout) }

func orDefault[T time.Duration | int](v, def T) T {
	if v <= 0 {
		return def
	}
	return v
}

// RunOnce sends one batch of due messages and asks for the delivery state
// of one batch of sent ones; it returns how many messages it handled.
func (d *Dispatcher) RunOnce(ctx context.Context) int {
	now := d.Now().UTC()
	maxPriority := store.PriorityNotice
	if end, quiet := d.Quiet.Until(now); quiet {
		// Notices due now wait for the window's end, which the tracking
		// page then shows; one-time codes and the confirmation of a
		// request just made go on (the citizen is awake for those).
		if _, err := d.Store.DeferSMS(ctx, end); err != nil && ctx.Err() == nil {
			d.Log.Error("sms quiet-hours deferral failed", "err", err)
		}
		maxPriority = store.PriorityReply
	}
	msgs, err := d.Store.ClaimSMS(ctx, d.Instance, now, now.Add(d.lease()), maxPriority, orDefault(d.Batch, DefaultBatch))
	if err != nil {
		if ctx.Err() == nil {
			d.Log.Error("sms outbox claim failed", "err", err)
		}
		return 0
	}
	groups := byRecipient(msgs)
	d.parallel(len(groups), func(i int) {
		for _, m := range groups[i] {
			d.send(ctx, m)
		}
	})
	return len(msgs) + d.checkStates(ctx)
}

// byRecipient splits a claimed batch (one-time codes first, then oldest
// first) into one list per number, keeping that order. The lists are sent
// in parallel, each in turn, so one citizen's messages arrive in the
// order they were made; store.ClaimSMS keeps a citizen's notices in order
// across batches, instances and requests.
func byRecipient(msgs []store.OutSMS) [][]store.OutSMS {
	var (
		out [][]store.OutSMS
		at  = map[string]int{}
	)
	for _, m := range msgs {
		i, ok := at[m.To]
		if !ok {
			i = len(out)
			at[m.To] = i
			out = append(out, nil)
		}
		out[i] = append(out[i], m)
	}
	return out
}

// parallel runs f(0…n-1) on up to Workers goroutines, starting them in
// order of i.
func (d *Dispatcher) parallel(n int, f func(i int)) {
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		next int
	)
	for range min(orDefault(d.Workers, DefaultWorkers), n) {
		wg.Go(func() {
			for {
				mu.Lock()
				i := next
				next++
				mu.Unlock()
				if i >= n {
					return
				}
				f(i)
			}
		})
	}
	wg.Wait()
}

// Persian reasons recorded in the outbox for the administrators' page.
const (
	msgOTPExpired = "کد تأیید در زمان اعتبارش فرستاده نشد و دیگر فرستاده نمی‌شود."
	msgParked     = "پس از چند بار تلاش فرستاده نشد: "
)

func (d *Dispatcher) send(ctx context.Context, m store.OutSMS) {
	now := d.Now().UTC()
	if now.Add(d.sendTimeout()).After(m.ClaimedUntil) {
		// Too little of the lease left: another instance may take the
		// message the moment it runs out. Hand it back untried.
		if err := d.Store.ReleaseSMS(ctx, d.Instance, m.ID); err != nil {
			d.Log.Error("sms release failed", "id", m.ID, "err", err)
		}
		return
	}
	if store.Urgent(m.Kind) && d.OTPExpiry > 0 && now.Sub(m.CreatedAt) > d.OTPExpiry {
		d.Log.Warn("one-time code expired before it could be sent", "id", m.ID, "kind", m.Kind)
		if err := d.Store.ExpireSMS(ctx, m.ID, msgOTPExpired, now); err != nil {
			d.Log.Error("sms expire failed", "id", m.ID, "err", err)
		}
		return
	}
	sctx, cancel := context.WithTimeout(ctx, d.sendTimeout())
	ref, err := d.Provider.Send(sctx, sms.Message{ID: m.ID, To: m.To, Text: m.Text})
	cancel()
	now = d.Now().UTC()
	// What the gateway said is recorded even when a shutdown cancelled ctx
	// meanwhile: a send left unrecorded is sent again after the lease.
	shuttingDown := ctx.Err() != nil
	ctx, wcancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer wcancel()
	if err == nil {
		var check time.Time
		if _, ok := d.Provider.(sms.StatusChecker); ok && ref != "" {
			check = now.Add(CheckDelay(0))
		}
		if err := d.Store.MarkSMSSent(ctx, m.ID, d.Provider.Name(), ref, now, check); err != nil {
			// The lease runs out and the message goes again under the
			// same id: a duplicate only where the gateway ignores ids.
			d.Log.Error("sms mark sent failed", "id", m.ID, "err", err)
		}
		return
	}
	if shuttingDown {
		// Shutting down: not the message's fault. Release it for the next
		// instance instead of counting an attempt.
		if err := d.Store.ReleaseSMS(ctx, d.Instance, m.ID); err != nil {
			d.Log.Error("sms release failed", "id", m.ID, "err", err)
		}
		return
	}
	attempts := m.Attempts + 1
	permanent := sms.IsPermanent(err)
	parked := permanent || attempts >= MaxAttempts
	reason := err.Error()
	if parked && !permanent {
		reason = msgParked + reason
	}
	d.Log.Warn("sms send failed", "id", m.ID, "kind", m.Kind, "attempt", attempts,
		"permanent", permanent, "parked", parked, "err", err)
	if err := d.Store.MarkSMSRetry(ctx, m.ID, reason, now, now.Add(Backoff(attempts)), parked); err != nil {
		d.Log.Error("sms mark retry failed", "id", m.ID, "err", err)
	}
}

// Backoff is the wait before attempt n+1: exponential from 5 s, capped at
// one hour, with up to 20% jitter so retries of many messages spread out.
func Backoff(n int) time.Duration {
	base := 5 * time.Second << min(max(n, 1)-1, 10)
	base = min(base, time.Hour)
	return base + time.Duration(mrand.Int64N(int64(base/5)+1))
}
