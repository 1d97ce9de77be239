package sms

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"
)

// FailoverOptions tunes when Failover switches gateways. Zero fields take
// the defaults.
type FailoverOptions struct {
	Threshold int           // consecutive retryable primary failures that switch; default 3
	Window    time.Duration // the failures must fall within it; default 2 minutes
	CoolDown  time.Duration // time on the secondary before the primary is tried again; default 5 minutes
	Now       func() time.Time
}

// Failover sends through a primary gateway and moves to a secondary when
// the primary keeps failing. Each Send calls exactly one gateway: after a
// failure the message goes back to the outbox, and its retry uses whichever
// gateway is active then. Sending the same message on to the secondary at
// once could reach the citizen twice when the primary's "failure" was a
// timeout after it had in fact sent.
//
// Permanent errors (a bad number) say nothing about the gateway's health:
// they neither count nor reset the run of failures. Once the cool-down has
// passed, sends try the primary again; one success returns to it for good,
// one retryable failure restarts the cool-down.
//
// References are prefixed with the sending gateway's name ("kavenegar:123")
// so Status knows whom to ask.
type Failover struct {
	primary, secondary Provider
	opts               FailoverOptions

	mu          sync.Mutex
	streak      int       // consecutive retryable primary failures
	streakStart time.Time // time of the first of them
	onSecondary bool
	switchedAt  time.Time
}

// NewFailover returns a Failover; the two providers must have different
// names, since the names tell their references apart.
func NewFailover(primary, secondary Provider, opts FailoverOptions) (*Failover, error) {
	switch {
	case primary == nil || secondary == nil:
		return nil, fmt.Errorf("%w: درگاه اصلی و پشتیبان هر دو باید تنظیم شوند", ErrConfig)
	case primary.Name() == secondary.Name():
		return nil, fmt.Errorf("%w: درگاه اصلی و پشتیبان نام یکسان %q دارند؛ برای درگاه عمومی نام (Name) دیگری بگذارید", ErrConfig, primary.Name())
	}
	if opts.Threshold <= 0 {
		opts.Threshold = 3
	}
	if opts.Window <= 0 {
		opts.Window = 2 * time.Minute
	}
	if opts.CoolDown <= 0 {
		opts.CoolDown = 5 * time.Minute
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	return &Failover{primary: primary, secondary: secondary, opts: opts}, nil
}

// Name implements Provider, naming both gateways.
func (f *Failover) Name() string {
	return "failover(" + f.primary.Name() + "," + f.secondary.Name() + ")"
}

// Active names the gateway the next Send will use, for the admin page.
func (f *Failover) Active() string {
	p, _ := f.pick()
	return p.Name()
}

// HonoursID implements IDHonourer: only if both gateways do.
func (f *Failover) HonoursID() bool {
	return honours(f.primary) && honours(f.secondary)
}

func honours(p Provider) bool {
	h, ok := p.(IDHonourer)
	return ok && h.HonoursID()
}

// Send implements Provider.
func (f *Failover) Send(ctx context.Context, m Message) (string, error) {
	p, primary := f.pick()
	ref, err := p.Send(ctx, m)
	if primary {
		f.record(ctx, err)
	}
	if err != nil {
		return "", err
	}
	return p.Name() + ":" + ref, nil
}

func (f *Failover) pick() (Provider, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.onSecondary && f.opts.Now().Sub(f.switchedAt) < f.opts.CoolDown {
		return f.secondary, false
	}
	return f.primary, true
}

// record updates the primary's health after a send through it.
func (f *Failover) record(ctx context.Context, err error) {
	switch {
	case err == nil:
		f.mu.Lock()
		f.streak, f.onSecondary = 0, false
		f.mu.Unlock()
		return
	case IsPermanent(err), errors.Is(ctx.Err(), context.Canceled):
		return // the message's fault, or our caller gave up: not the gateway's
	}
	now := f.opts.Now()
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.onSecondary { // the probe after the cool-down failed
		f.switchedAt = now
		return
	}
	if f.streak == 0 || now.Sub(f.streakStart) > f.opts.Window {
		f.streak, f.streakStart = 0, now
	}
	f.streak++
	if f.streak >= f.opts.Threshold {
		f.onSecondary, f.switchedAt, f.streak = true, now, 0
	}
}

// Status implements StatusChecker by asking the gateway named in ref.
func (f *Failover) Status(ctx context.Context, ref string) (State, error) {
	name, inner, ok := strings.Cut(ref, ":")
	if !ok {
		return "", fmt.Errorf("%w: %q has no gateway prefix", ErrUnknownRef, ref)
	}
	var p Provider
	switch name {
	case f.primary.Name():
		p = f.primary
	case f.secondary.Name():
		p = f.secondary
	default:
		return "", fmt.Errorf("%w: gateway %q is not configured", ErrUnknownRef, name)
	}
	sc, ok := p.(StatusChecker)
	if !ok {
		return "", fmt.Errorf("%w: %s", ErrNoStatus, name)
	}
	return sc.Status(ctx, inner)
}
