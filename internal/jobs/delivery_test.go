package jobs

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"mizban/internal/jalali"
	"mizban/internal/sms"
	"mizban/internal/store"
	"mizban/internal/store/storetest"
)

var quietLog = slog.New(slog.NewTextHandler(io.Discard, nil))

// testClock is an injected time the test moves by hand.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *testClock) Set(t time.Time)     { c.mu.Lock(); c.t = t; c.mu.Unlock() }
func (c *testClock) Add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

func newTestDispatcher(st *store.Store, p sms.Provider, c *testClock) *Dispatcher {
	d := NewDispatcher(st, p, quietLog)
	d.Now = c.Now
	return d
}

func byText(t *testing.T, st *store.Store, text string) store.OutSMS {
	t.Helper()
	all, err := st.RecentSMS(context.Background(), 1000)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range all {
		if m.Text == text {
			return m
		}
	}
	t.Fatalf("no message %q", text)
	return store.OutSMS{}
}

func sentTexts(f *sms.Fake) []string {
	var out []string
	for _, m := range f.Sent() {
		out = append(out, m.Text)
	}
	return out
}

func TestDispatcherQuietHours(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		c := &testClock{t: time.Date(2026, 3, 10, 22, 30, 0, 0, jalali.Tehran)}
		fake := sms.NewFake()
		d := newTestDispatcher(st, fake, c)
		d.Workers = 1 // one send at a time: the order sent is the order claimed

		enqueue(t, st, c.Now(), "answered", "09121234567", "پاسخ داده شد", "a")
		enqueue(t, st, c.Now().Add(-time.Second), "otp", "09121234567", "کد ۱۲۳۴۵۶", "")
		enqueue(t, st, c.Now(), "otp_counter", "09121234567", "کد ۶۵۴۳۲۱", "")
		enqueue(t, st, c.Now(), "registered", "09351112233", "ثبت شد", "r")
		d.RunOnce(ctx)
		if got := sentTexts(fake); len(got) != 3 || got[0] != "کد ۱۲۳۴۵۶" || got[1] != "کد ۶۵۴۳۲۱" || got[2] != "ثبت شد" {
			t.Fatalf("at night sent %q; want only the one-time codes and the confirmation", got)
		}
		morning := time.Date(2026, 3, 11, 7, 0, 0, 0, jalali.Tehran)
		if m := byText(t, st, "پاسخ داده شد"); !m.NotBefore.Equal(morning) || m.Status != store.SMSPending {
			t.Fatalf("notice at night: %+v; want waiting for %v", m, morning)
		}
		// Past midnight, still quiet; an OTP made now still goes at once.
		c.Set(time.Date(2026, 3, 11, 6, 59, 0, 0, jalali.Tehran))
		enqueue(t, st, c.Now(), "otp", "09121234567", "کد ۱۱۱۱۱۱", "")
		d.RunOnce(ctx)
		if got := sentTexts(fake); len(got) != 4 || got[3] != "کد ۱۱۱۱۱۱" {
			t.Fatalf("before 07:00 sent %q", got)
		}
		c.Set(morning)
		d.RunOnce(ctx)
		if got := sentTexts(fake); len(got) != 5 || got[4] != "پاسخ داده شد" {
			t.Fatalf("at 07:00 sent %q", got)
		}

		// Quiet hours off: a notice goes at night.
		d.Quiet = Quiet{}
		c.Set(time.Date(2026, 3, 11, 23, 0, 0, 0, jalali.Tehran))
		enqueue(t, st, c.Now(), "closed", "09121234567", "بسته شد", "b")
		d.RunOnce(ctx)
		if got := sentTexts(fake); len(got) != 6 {
			t.Fatalf("quiet hours off: sent %q", got)
		}
	})
}

// gateway is a Fake that can also be asked for delivery states and be told
// to refuse messages for good.
type gateway struct {
	*sms.Fake
	mu        sync.Mutex
	states    map[string]sms.State // by reference
	statusErr error
	asked     int
	permanent bool
}

func newGateway() *gateway { return &gateway{Fake: sms.NewFake(), states: map[string]sms.State{}} }

func (g *gateway) Send(ctx context.Context, m sms.Message) (string, error) {
	g.mu.Lock()
	refuse := g.permanent
	g.mu.Unlock()
	if refuse {
		return "", &sms.Error{Provider: "fake", Code: "411", Msg: "گیرنده نامعتبر است", Permanent: true}
	}
	return g.Fake.Send(ctx, m)
}

func (g *gateway) Status(ctx context.Context, ref string) (sms.State, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.asked++
	if g.statusErr != nil {
		return "", g.statusErr
	}
	if s, ok := g.states[ref]; ok {
		return s, nil
	}
	return sms.StateSent, nil
}

func (g *gateway) set(ref string, s sms.State) {
	g.mu.Lock()
	g.states[ref] = s
	g.mu.Unlock()
}

func TestDispatcherPermanentErrorParksAtOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		c := &testClock{t: time.Date(2026, 3, 10, 10, 0, 0, 0, time.UTC)}
		g := newGateway()
		g.permanent = true
		d := newTestDispatcher(st, g, c)
		enqueue(t, st, c.Now(), "registered", "09121234567", "ثبت شد", "r")
		d.RunOnce(context.Background())
		m := byText(t, st, "ثبت شد")
		if m.Status != store.SMSFailed || m.State != store.StateFailed || m.Attempts != 1 ||
			!strings.Contains(m.LastError, "گیرنده نامعتبر است") || !m.StateAt.Equal(c.Now()) {
			t.Fatalf("after a permanent error: %+v; want parked at once with the reason", m)
		}
		parked, _ := st.ParkedSMS(context.Background(), 10)
		if len(parked) != 1 || parked[0].ID != m.ID {
			t.Fatalf("parked list %+v", parked)
		}
	})
}

func TestDispatcherFollowsDeliveryState(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		sent := time.Date(2026, 3, 10, 10, 0, 0, 0, time.UTC)
		c := &testClock{t: sent}
		g := newGateway()
		d := newTestDispatcher(st, g, c)
		enqueue(t, st, sent, "registered", "09121234567", "یک", "1")
		enqueue(t, st, sent, "referred", "09351112233", "دو", "2")
		d.RunOnce(ctx)
		one, two := byText(t, st, "یک"), byText(t, st, "دو")
		if one.State != store.StateSent || one.ProviderRef == "" || !one.NextCheck.Equal(sent.Add(time.Minute)) {
			t.Fatalf("after send %+v; want sent, first look-up in a minute", one)
		}
		if g.asked != 0 {
			t.Fatal("asked for a state before it was due")
		}
		// One minute on: both asked, still sent; next look-up 5 minutes later.
		c.Add(time.Minute)
		d.RunOnce(ctx)
		if g.asked != 2 {
			t.Fatalf("asked %d times; want 2", g.asked)
		}
		if m := byText(t, st, "یک"); m.Checks != 1 || !m.NextCheck.Equal(c.Now().Add(5*time.Minute)) {
			t.Fatalf("after the first look-up %+v", m)
		}
		// The first is delivered: recorded, and never asked about again.
		g.set(one.ProviderRef, sms.StateDelivered)
		c.Add(5 * time.Minute)
		d.RunOnce(ctx)
		if m := byText(t, st, "یک"); m.State != store.StateDelivered || !m.StateAt.Equal(c.Now()) || !m.NextCheck.IsZero() {
			t.Fatalf("delivered %+v", m)
		}
		// A gateway error keeps the schedule going.
		g.statusErr = &sms.Error{Provider: "fake", Code: "http-502", Msg: "قطع"}
		c.Add(15 * time.Minute)
		d.RunOnce(ctx)
		if m := byText(t, st, "دو"); m.State != store.StateSent || m.Checks != 3 || !m.NextCheck.Equal(c.Now().Add(time.Hour)) {
			t.Fatalf("after a failed look-up %+v", m)
		}
		g.statusErr = nil
		// The second never gets a final state: hourly, then expired at 48 h.
		for i := 0; i < 60 && !byText(t, st, "دو").NextCheck.IsZero(); i++ {
			c.Set(byText(t, st, "دو").NextCheck)
			d.RunOnce(ctx)
		}
		m := byText(t, st, "دو")
		if m.State != store.StateExpired || !m.StateAt.Equal(sent.Add(StatusWindow)) || two.ID != m.ID {
			t.Fatalf("never delivered: %+v; want expired at %v", m, sent.Add(StatusWindow))
		}
		if m.Checks != 4+47 { // 1, 5, 15, 60 minutes, then hourly up to 48 h
			t.Errorf("look-ups = %d", m.Checks)
		}
	})
}

func TestDispatcherWithoutStatusLeavesSent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		c := &testClock{t: time.Date(2026, 3, 10, 10, 0, 0, 0, time.UTC)}
		d := newTestDispatcher(st, sms.NewFake(), c)
		enqueue(t, st, c.Now(), "registered", "09121234567", "ثبت شد", "r")
		d.RunOnce(context.Background())
		c.Add(49 * time.Hour)
		d.RunOnce(context.Background())
		if m := byText(t, st, "ثبت شد"); m.State != store.StateSent || !m.NextCheck.IsZero() || m.Checks != 0 {
			t.Fatalf("%+v; want sent, never asked", m)
		}
	})
}

func TestDispatcherOTPExpiry(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		c := &testClock{t: time.Date(2026, 3, 10, 10, 0, 0, 0, time.UTC)}
		fake := sms.NewFake()
		d := newTestDispatcher(st, fake, c)
		d.OTPExpiry = 3 * time.Minute
		enqueue(t, st, c.Now(), "otp", "09121234567", "کد کهنه", "")
		c.Add(3*time.Minute + time.Second)
		enqueue(t, st, c.Now(), "otp", "09121234567", "کد تازه", "")
		d.RunOnce(context.Background())
		if got := sentTexts(fake); len(got) != 1 || got[0] != "کد تازه" {
			t.Fatalf("sent %q; want only the code still valid", got)
		}
		if m := byText(t, st, "کد کهنه"); m.Status != store.SMSExpired || m.State != store.StateExpired {
			t.Fatalf("stale code %+v", m)
		}
	})
}

// A dispatcher never starts a send on a lease too short to finish it in.
func TestDispatcherShortLeaseSendsNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		c := &testClock{t: time.Date(2026, 3, 10, 10, 0, 0, 0, time.UTC)}
		fake := sms.NewFake()
		d := newTestDispatcher(st, fake, c)
		d.Lease, d.SendTimeout = 10*time.Second, 20*time.Second
		enqueue(t, st, c.Now(), "registered", "09121234567", "ثبت شد", "r")
		d.RunOnce(context.Background())
		if fake.Attempts() != 0 {
			t.Fatal("sent on a lease shorter than the send timeout")
		}
		if m := byText(t, st, "ثبت شد"); m.ClaimedBy != "" || m.Attempts != 0 {
			t.Fatalf("%+v; want released untried", m)
		}
	})
}

// An instance that claims and dies: after the lease another sends the
// message, under the same id.
func TestDispatcherCrashedClaimRetriedAfterLease(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		c := &testClock{t: time.Date(2026, 3, 10, 10, 0, 0, 0, time.UTC)}
		enqueue(t, st, c.Now(), "registered", "09121234567", "ثبت شد", "r")
		dead, err := st.ClaimSMS(ctx, "dead", c.Now(), c.Now().Add(DefaultLease), store.PriorityNotice, 10)
		if err != nil || len(dead) != 1 {
			t.Fatalf("claim %v %v", dead, err)
		}
		fake := sms.NewFake()
		d := newTestDispatcher(st, fake, c)
		c.Add(DefaultLease - time.Second)
		d.RunOnce(ctx)
		if fake.Attempts() != 0 {
			t.Fatal("sent a message leased to another instance")
		}
		c.Add(time.Second)
		d.RunOnce(ctx)
		if got := fake.Sent(); len(got) != 1 || got[0].ID != dead[0].ID {
			t.Fatalf("after the lease sent %+v; want the same message id %s", got, dead[0].ID)
		}
	})
}
