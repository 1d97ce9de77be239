package jobs

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"mizban/internal/sms"
	"mizban/internal/store"
	"mizban/internal/store/storetest"
)

func enqueue(t *testing.T, st *store.Store, now time.Time, kind, to, text, key string) {
	t.Helper()
	ctx := context.Background()
	if err := st.InTx(ctx, func(tx *store.Tx) error {
		_, err := tx.EnqueueSMS(ctx, &store.OutSMS{To: to, Text: text, Kind: kind, DedupeKey: key, CreatedAt: now, NotBefore: now})
		return err
	}); err != nil {
		t.Fatal(err)
	}
}

func TestDispatcherSendsRetriesAndParks(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
		fake := sms.NewFake()
		d := NewDispatcher(st, fake, slog.New(slog.NewTextHandler(io.Discard, nil)))
		d.Now = func() time.Time { return now }
		d.Quiet = Quiet{} // the test runs through the night

		enqueue(t, st, now, "registered", "09121234567", "درخواست ثبت شد", "registered:1")
		enqueue(t, st, now, "otp", "09121234567", "کد تأیید: 123456", "otp:1")
		enqueue(t, st, now, "registered", "09121234567", "تکراری", "registered:1") // same event: no second message

		if n := d.RunOnce(ctx); n != 2 {
			t.Fatalf("first run tried %d; want 2", n)
		}
		sent := fake.Sent()
		if len(sent) != 2 || sent[0].Text != "کد تأیید: 123456" {
			t.Fatalf("sent = %+v; want the one-time code first, and no duplicate", sent)
		}
		if sent[0].ID == "" || sent[0].ID == sent[1].ID {
			t.Error("messages must carry distinct ids of our own")
		}

		// A failing gateway: the message waits with back-off, then goes.
		enqueue(t, st, now, "registered", "09351112233", "دومی", "registered:2")
		fake.FailNext(1)
		d.RunOnce(ctx)
		if d.RunOnce(ctx) != 0 {
			t.Fatal("a failed message was retried at once; want back-off")
		}
		now = now.Add(time.Minute)
		d.RunOnce(ctx)
		if got := fake.Sent(); len(got) != 3 || got[2].Text != "دومی" {
			t.Fatalf("after back-off sent = %d messages", len(got))
		}

		// A message that keeps failing is parked, not retried forever.
		enqueue(t, st, now, "registered", "09351112233", "سومی", "registered:3")
		fake.FailNext(MaxAttempts + 5)
		for i := 0; i < MaxAttempts+3; i++ {
			d.RunOnce(ctx)
			now = now.Add(2 * time.Hour)
		}
		if got := fake.Attempts(); got != 3+1+MaxAttempts {
			t.Errorf("attempts = %d; want %d (parked after %d)", got, 3+1+MaxAttempts, MaxAttempts)
		}
		recent, _ := st.RecentSMS(ctx, 10)
		for _, m := range recent {
			if m.Text == "سومی" && (m.Status != store.SMSFailed || m.State != store.StateFailed ||
				m.Attempts != MaxAttempts || !strings.HasPrefix(m.LastError, msgParked)) {
				t.Errorf("parked message %+v; want failed after %d attempts", m, MaxAttempts)
			}
		}
	})
}

func TestBackoff(t *testing.T) {
	prev := time.Duration(0)
	for n := 1; n <= 20; n++ {
		b := Backoff(n)
		lo := min(5*time.Second<<min(n-1, 10), time.Hour)
		if b < lo || b > lo+lo/5 {
			t.Errorf("Backoff(%d) = %v; want in [%v, %v]", n, b, lo, lo+lo/5)
		}
		if lo < prev {
			t.Errorf("base shrank at %d", n)
		}
		prev = lo
	}
}
