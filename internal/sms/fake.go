package sms

import (
	"context"
	"errors"
	"strconv"
	"sync"
)

// ErrFake is what Fake returns for a send it was told to fail.
var ErrFake = errors.New("sms: fake provider failure")

// Fake is a test provider: it records what it sends and can be told to fail.
// The zero value is ready to use.
type Fake struct {
	mu       sync.Mutex
	sent     []Message
	attempts int
	failNext int
}

// NewFake returns an empty Fake.
func NewFake() *Fake { return &Fake{} }

// Name implements Provider.
func (*Fake) Name() string { return "fake" }

// Send implements Provider. Invalid messages fail with ErrInvalid, so tests
// catch what a real provider would refuse.
func (f *Fake) Send(ctx context.Context, m Message) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	if err := m.Check(); err != nil {
		return "", err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.attempts++
	if f.failNext > 0 {
		f.failNext--
		return "", ErrFake
	}
	f.sent = append(f.sent, m)
	return "fake-" + strconv.Itoa(len(f.sent)), nil
}

// FailNext makes the next n sends fail with ErrFake.
func (f *Fake) FailNext(n int) {
	f.mu.Lock()
	f.failNext = n
	f.mu.Unlock()
}

// Sent returns a copy of the messages sent so far, oldest first.
func (f *Fake) Sent() []Message {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]Message(nil), f.sent...)
}

// Attempts counts every valid Send call, failed ones included, so tests can
// see retries.
func (f *Fake) Attempts() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.attempts
}
