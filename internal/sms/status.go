package sms

import (
	"context"
	"errors"
)

// State is a message's delivery state, normalised across gateways.
type State string

// Delivery states. A message moves queued → sent → delivered, undelivered
// or failed. Expired is ours, not a gateway's: the poller sets it when no
// final state arrives in time (DOMAIN §5: about 30 hours; we wait 48).
const (
	StateQueued      State = "queued"      // accepted, not yet handed to the operator
	StateSent        State = "sent"        // handed to the operator, no report yet
	StateDelivered   State = "delivered"   // the handset confirmed it
	StateUndelivered State = "undelivered" // the operator reported it did not arrive
	StateFailed      State = "failed"      // refused, cancelled or blocked: it never left
	StateExpired     State = "expired"     // no final state in time
)

// Final reports whether polling can stop.
func (s State) Final() bool {
	switch s {
	case StateDelivered, StateUndelivered, StateFailed, StateExpired:
		return true
	}
	return false
}

// StatusChecker is implemented by providers whose gateway can be asked for
// a message's delivery state by the reference Send returned.
type StatusChecker interface {
	Status(ctx context.Context, providerRef string) (State, error)
}

// IDHonourer is implemented by providers that can say whether their gateway
// drops a repeated message carrying the same Message.ID. Where it does not,
// a retry after a crash between send and record reaches the citizen twice;
// the outbox reports such duplicates rather than hiding them.
type IDHonourer interface {
	HonoursID() bool
}

// ErrNoStatus is returned when the provider that sent a message cannot be
// asked for its delivery state.
var ErrNoStatus = errors.New("sms: provider cannot report delivery status")
