package sms

import (
	"context"
	"errors"
	"strconv"
	"sync"
	"testing"
	"time"

	"mizban/internal/sms/smsfake"
)

var (
	_ Provider      = (*Failover)(nil)
	_ StatusChecker = (*Failover)(nil)
	_ IDHonourer    = (*Failover)(nil)
)

// scripted is a provider whose answers tests set: err fails every send
// while set.
type scripted struct {
	name string
	mu   sync.Mutex
	err  error
	sent []string
}

func (s *scripted) Name() string { return s.name }

func (s *scripted) Send(_ context.Context, m Message) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err != nil {
		return "", s.err
	}
	s.sent = append(s.sent, m.ID)
	return "r" + strconv.Itoa(len(s.sent)), nil
}

func (s *scripted) fail(err error) {
	s.mu.Lock()
	s.err = err
	s.mu.Unlock()
}

func (s *scripted) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.sent)
}

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

var (
	errOutage = &Error{Provider: "p", Code: "http-502", Msg: "down"}
	errBadNum = &Error{Provider: "p", Code: "411", Msg: "bad number", Permanent: true}
)

func newFailover(t *testing.T) (*Failover, *scripted, *scripted, *clock) {
	t.Helper()
	p, s := &scripted{name: "kavenegar"}, &scripted{name: "smsir"}
	c := &clock{t: time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)}
	f, err := NewFailover(p, s, FailoverOptions{Threshold: 3, Window: time.Minute, CoolDown: 5 * time.Minute, Now: c.now})
	if err != nil {
		t.Fatal(err)
	}
	return f, p, s, c
}

func msg(id string) Message { return Message{ID: id, To: "09121234567", Text: "hi"} }

func TestFailoverSwitchAndBack(t *testing.T) {
	f, p, s, c := newFailover(t)
	ctx := t.Context()
	if ref, err := f.Send(ctx, msg("a")); err != nil || ref != "kavenegar:r1" {
		t.Fatalf("healthy: %q, %v", ref, err)
	}
	p.fail(errOutage)
	for i := range 3 {
		if f.Active() != "kavenegar" {
			t.Fatalf("switched after %d failures", i)
		}
		// Each failing call returns the primary's error; nothing goes to the secondary at once.
		if _, err := f.Send(ctx, msg("b")); !errors.Is(err, errOutage) {
			t.Fatalf("err = %v", err)
		}
		c.add(10 * time.Second)
	}
	if f.Active() != "smsir" || s.count() != 0 {
		t.Fatalf("active %s, secondary sent %d", f.Active(), s.count())
	}
	if ref, err := f.Send(ctx, msg("b")); err != nil || ref != "smsir:r1" {
		t.Fatalf("on secondary: %q, %v", ref, err)
	}
	// Still within the cool-down: the secondary keeps the traffic even if the primary healed.
	p.fail(nil)
	c.add(4 * time.Minute)
	if _, err := f.Send(ctx, msg("c")); err != nil || s.count() != 2 {
		t.Fatalf("cool-down: %v, secondary sent %d", err, s.count())
	}
	// After the cool-down the primary is tried and, on success, kept.
	c.add(2 * time.Minute)
	if f.Active() != "kavenegar" {
		t.Fatal("primary not retried after cool-down")
	}
	if ref, err := f.Send(ctx, msg("d")); err != nil || ref != "kavenegar:r2" {
		t.Fatalf("back: %q, %v", ref, err)
	}
	if f.Active() != "kavenegar" {
		t.Error("did not stay on primary")
	}
}

func TestFailoverProbeFails(t *testing.T) {
	f, p, _, c := newFailover(t)
	p.fail(errOutage)
	for range 3 {
		f.Send(t.Context(), msg("x"))
	}
	c.add(6 * time.Minute)
	if _, err := f.Send(t.Context(), msg("probe")); !errors.Is(err, errOutage) {
		t.Fatalf("probe: %v", err)
	}
	// One failed probe is enough: back to the secondary for a fresh cool-down.
	if f.Active() != "smsir" {
		t.Fatal("failed probe did not return to secondary")
	}
	c.add(4 * time.Minute)
	if f.Active() != "smsir" {
		t.Error("cool-down did not restart at the probe")
	}
	c.add(2 * time.Minute)
	if f.Active() != "kavenegar" {
		t.Error("no probe after the second cool-down")
	}
}

func TestFailoverCounting(t *testing.T) {
	tests := []struct {
		name     string
		steps    []error // nil: a success
		gap      time.Duration
		switched bool
	}{
		{"three outages", []error{errOutage, errOutage, errOutage}, time.Second, true},
		{"two outages", []error{errOutage, errOutage}, time.Second, false},
		{"success resets", []error{errOutage, errOutage, nil, errOutage, errOutage}, time.Second, false},
		{"permanent errors do not count", []error{errBadNum, errBadNum, errBadNum, errBadNum}, time.Second, false},
		{"permanent errors do not reset", []error{errOutage, errBadNum, errOutage, errBadNum, errOutage}, time.Second, true},
		{"invalid message does not count", []error{ErrInvalid, ErrInvalid, ErrInvalid}, time.Second, false},
		{"outside the window", []error{errOutage, errOutage, errOutage}, 40 * time.Second, false},
		{"plain errors count", []error{errors.New("x"), errors.New("y"), errors.New("z")}, time.Second, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, p, _, c := newFailover(t)
			for _, e := range tt.steps {
				p.fail(e)
				f.Send(t.Context(), msg("x"))
				c.add(tt.gap)
			}
			if got := f.Active() == "smsir"; got != tt.switched {
				t.Errorf("switched = %v, want %v", got, tt.switched)
			}
		})
	}
}

func TestFailoverPermanentReturnedAsIs(t *testing.T) {
	f, p, _, _ := newFailover(t)
	p.fail(errBadNum)
	if _, err := f.Send(t.Context(), msg("x")); err != errBadNum {
		t.Errorf("err = %v", err)
	}
}

func TestFailoverCanceledDoesNotCount(t *testing.T) {
	f, p, _, _ := newFailover(t)
	p.fail(context.Canceled)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	for range 5 {
		f.Send(ctx, msg("x"))
	}
	if f.Active() != "kavenegar" {
		t.Error("our own cancellation counted against the gateway")
	}
}

func TestFailoverConcurrent(t *testing.T) {
	f, p, s, _ := newFailover(t)
	p.fail(errOutage)
	var wg sync.WaitGroup
	for i := range 50 {
		wg.Go(func() {
			f.Send(t.Context(), msg(strconv.Itoa(i)))
			f.Active()
		})
	}
	wg.Wait()
	if f.Active() != "smsir" {
		t.Error("did not switch")
	}
	if s.count()+p.count() > 50 {
		t.Error("a message went to two gateways")
	}
}

func TestFailoverNew(t *testing.T) {
	a, b := &scripted{name: "a"}, &scripted{name: "a"}
	if _, err := NewFailover(a, b, FailoverOptions{}); !errors.Is(err, ErrConfig) {
		t.Errorf("same names: %v", err)
	}
	if _, err := NewFailover(a, nil, FailoverOptions{}); !errors.Is(err, ErrConfig) {
		t.Errorf("nil: %v", err)
	}
	f, err := NewFailover(a, &scripted{name: "b"}, FailoverOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if f.Name() != "failover(a,b)" || f.opts.Threshold != 3 || f.opts.CoolDown != 5*time.Minute {
		t.Errorf("name %q opts %+v", f.Name(), f.opts)
	}
}

func TestFailoverStatusAndIDs(t *testing.T) {
	ks := smsfake.NewKavenegarServer()
	defer ks.Close()
	ss := smsfake.NewSMSIRServer()
	defer ss.Close()
	k := NewKavenegar(KavenegarConfig{APIKey: smsfake.KavenegarKey, BaseURL: ks.URL})
	s := NewSMSIR(SMSIRConfig{APIKey: smsfake.SMSIRKey, LineNumber: "3000", BaseURL: ss.BaseURL()})
	f, err := NewFailover(k, s, FailoverOptions{Threshold: 1})
	if err != nil {
		t.Fatal(err)
	}
	if f.HonoursID() {
		t.Error("sms.ir as secondary cannot honour ids")
	}
	ref1, err := f.Send(t.Context(), msg("a"))
	if err != nil {
		t.Fatal(err)
	}
	ks.Down(503)
	if _, err := f.Send(t.Context(), msg("b")); err == nil {
		t.Fatal("want outage error")
	}
	ref2, err := f.Send(t.Context(), msg("b"))
	if err != nil {
		t.Fatal(err)
	}
	ks.Up()
	ks.SetDefaultStatus(11)
	ss.SetDefaultState(1)
	if st, err := f.Status(t.Context(), ref1); st != StateUndelivered || err != nil {
		t.Errorf("%s: %q, %v", ref1, st, err)
	}
	if st, err := f.Status(t.Context(), ref2); st != StateDelivered || err != nil {
		t.Errorf("%s: %q, %v", ref2, st, err)
	}
	for _, ref := range []string{"123", "magfa:1", ""} {
		if _, err := f.Status(t.Context(), ref); !errors.Is(err, ErrUnknownRef) {
			t.Errorf("%q: %v", ref, err)
		}
	}
	g, _ := NewFailover(&scripted{name: "x"}, s, FailoverOptions{})
	if _, err := g.Status(t.Context(), "x:r1"); !errors.Is(err, ErrNoStatus) {
		t.Errorf("no status: %v", err)
	}
	if len(ks.Deliveries()) != 1 || len(ss.Deliveries()) != 1 {
		t.Errorf("deliveries %d + %d, want 1 + 1", len(ks.Deliveries()), len(ss.Deliveries()))
	}
}
