package jobs

import (
	"context"
	"errors"
	"time"

	"mizban/internal/sms"
	"mizban/internal/store"
)

// StatusWindow is how long after sending the gateway is asked for a final
// delivery state; a message without one by then is expired (DOMAIN §5:
// operators keep reports for about 30 hours).
const StatusWindow = 48 * time.Hour

// checkDelays are the waits before the first look-ups; after them, hourly.
// Most reports arrive within minutes, so the early look-ups are dense.
var checkDelays = []time.Duration{time.Minute, 5 * time.Minute, 15 * time.Minute, time.Hour}

// CheckDelay is the wait before delivery-status look-up n+1 (n made so far).
func CheckDelay(n int) time.Duration {
	if n < len(checkDelays) {
		return checkDelays[max(n, 0)]
	}
	return time.Hour
}

// checkStates asks the gateway for the state of one batch of sent messages
// whose look-up is due, and returns how many it asked about.
func (d *Dispatcher) checkStates(ctx context.Context) int {
	sc, ok := d.Provider.(sms.StatusChecker)
	if !ok {
		return 0
	}
	now := d.Now().UTC()
	msgs, err := d.Store.ClaimSMSChecks(ctx, d.Instance, now, now.Add(d.lease()), orDefault(d.Batch, DefaultBatch))
	if err != nil {
		if ctx.Err() == nil {
			d.Log.Error("sms status claim failed", "err", err)
		}
		return 0
	}
	d.parallel(len(msgs), func(i int) { d.checkState(ctx, sc, msgs[i]) })
	return len(msgs)
}

func (d *Dispatcher) checkState(ctx context.Context, sc sms.StatusChecker, m store.OutSMS) {
	state, next := d.nextState(ctx, sc, m)
	if err := d.Store.RecordSMSState(ctx, m.ID, string(state), d.Now().UTC(), next); err != nil {
		d.Log.Error("sms record state failed", "id", m.ID, "err", err)
	}
}

// nextState asks about m and decides its state and the next look-up (zero:
// none). Failed look-ups keep the state and the schedule: the gateway
// may answer later, and the window bounds the asking.
func (d *Dispatcher) nextState(ctx context.Context, sc sms.StatusChecker, m store.OutSMS) (sms.State, time.Time) {
	current := sms.State(m.State)
	if m.Provider != d.Provider.Name() {
		// Sent through a gateway no longer configured: nobody to ask.
		return current, time.Time{}
	}
	cctx, cancel := context.WithTimeout(ctx, d.sendTimeout())
	state, err := sc.Status(cctx, m.ProviderRef)
	cancel()
	switch {
	case errors.Is(err, sms.ErrNoStatus):
		return current, time.Time{}
	case err != nil:
		d.Log.Warn("sms status look-up failed", "id", m.ID, "err", err)
		state = current
	case state.Final():
		return state, time.Time{}
	}
	now := d.Now().UTC()
	deadline := m.SentAt.Add(StatusWindow)
	if !now.Before(deadline) {
		return sms.StateExpired, time.Time{}
	}
	next := now.Add(CheckDelay(m.Checks + 1))
	if next.After(deadline) {
		next = deadline
	}
	return state, next
}
