package store_test

import (
	"testing"
	"time"

	"mizban/internal/desk"
	"mizban/internal/store"
	"mizban/internal/store/storetest"
)

func smsIDs(list []store.OutSMS) []string {
	out := make([]string, len(list))
	for i, m := range list {
		out[i] = m.ID
	}
	return out
}

func sameIDs(t *testing.T, what string, got []store.OutSMS, want ...string) {
	t.Helper()
	g := smsIDs(got)
	if len(g) != len(want) {
		t.Fatalf("%s: got %v, want %v", what, g, want)
	}
	for i := range g {
		if g[i] != want[i] {
			t.Fatalf("%s: got %v, want %v", what, g, want)
		}
	}
}

func TestSMSOutbox(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		r := createRequest(t, s)
		msgs := []*store.OutSMS{
			{ID: "status-1", To: "09121234567", Text: "درخواست شما ثبت شد", Kind: "status", RequestID: r.ID,
				DedupeKey: "req-1-submitted", CreatedAt: t0},
			{ID: "otp-1", To: "09121234567", Text: "کد تأیید: ۱۲۳۴۵", Kind: "otp", CreatedAt: t0.Add(time.Minute)},
			{ID: "later", To: "09350000000", Text: "یادآوری", Kind: "status", RequestID: r.ID,
				CreatedAt: t0.Add(30 * time.Second), NotBefore: t0.Add(time.Hour)},
		}
		inTx(t, s, func(tx *store.Tx) error {
			for _, m := range msgs {
				ok, err := tx.EnqueueSMS(ctx, m)
				if err != nil {
					return err
				}
				if !ok {
					t.Errorf("%s not enqueued", m.ID)
				}
			}
			// Same dedupe key: a no-op, even with another id.
			dup := &store.OutSMS{To: "09121234567", Text: "تکراری", Kind: "status", DedupeKey: "req-1-submitted", CreatedAt: t0}
			ok, err := tx.EnqueueSMS(ctx, dup)
			if err != nil {
				return err
			}
			if ok {
				t.Error("duplicate dedupe key enqueued")
			}
			return nil
		})
		// The same id twice is a conflict, not a silent drop.
		err := s.InTx(ctx, func(tx *store.Tx) error {
			_, err := tx.EnqueueSMS(ctx, &store.OutSMS{ID: "otp-1", To: "0912", Text: "x", Kind: "otp", CreatedAt: t0})
			return err
		})
		wantCode(t, err, desk.ECONFLICT)

		due, err := s.DueSMS(ctx, t0.Add(time.Minute), 10)
		if err != nil {
			t.Fatal(err)
		}
		sameIDs(t, "due", due, "otp-1", "status-1")
		if m := due[0]; m.To != "09121234567" || m.Text != "کد تأیید: ۱۲۳۴۵" || m.Status != store.SMSPending ||
			!m.CreatedAt.Equal(t0.Add(time.Minute)) || !m.NotBefore.Equal(m.CreatedAt) || m.Attempts != 0 {
			t.Fatalf("due[0] = %+v", m)
		}
		if due[1].DedupeKey != "req-1-submitted" || due[1].RequestID != r.ID {
			t.Fatalf("due[1] = %+v", due[1])
		}
		one, _ := s.DueSMS(ctx, t0.Add(time.Minute), 1)
		sameIDs(t, "limit 1", one, "otp-1")

		if err := s.MarkSMSSent(ctx, "otp-1", "log", "ref-9", t0.Add(2*time.Minute)); err != nil {
			t.Fatal(err)
		}
		if err := s.MarkSMSRetry(ctx, "status-1", "timeout", t0.Add(5*time.Minute), false); err != nil {
			t.Fatal(err)
		}
		due, _ = s.DueSMS(ctx, t0.Add(2*time.Minute), 10)
		sameIDs(t, "after send and retry", due, nil...)
		due, _ = s.DueSMS(ctx, t0.Add(2*time.Hour), 10)
		sameIDs(t, "later", due, "status-1", "later")
		if due[0].Attempts != 1 || due[0].LastError != "timeout" || !due[0].NotBefore.Equal(t0.Add(5*time.Minute)) {
			t.Fatalf("retried %+v", due[0])
		}
		if err := s.MarkSMSRetry(ctx, "status-1", "rejected", t0.Add(time.Hour), true); err != nil {
			t.Fatal(err)
		}
		due, _ = s.DueSMS(ctx, t0.Add(2*time.Hour), 10)
		sameIDs(t, "after giving up", due, "later")

		recent, err := s.RecentSMS(ctx, 10)
		if err != nil {
			t.Fatal(err)
		}
		sameIDs(t, "recent", recent, "otp-1", "later", "status-1")
		sent := recent[0]
		if sent.Status != store.SMSSent || sent.Provider != "log" || sent.ProviderRef != "ref-9" ||
			!sent.SentAt.Equal(t0.Add(2*time.Minute)) || sent.Attempts != 1 {
			t.Fatalf("sent %+v", sent)
		}
		if recent[2].Status != store.SMSFailed || recent[2].Attempts != 2 || recent[2].LastError != "rejected" {
			t.Fatalf("failed %+v", recent[2])
		}
		if two, _ := s.RecentSMS(ctx, 2); len(two) != 2 {
			t.Fatalf("RecentSMS limit: %d", len(two))
		}
		forReq, err := s.RequestSMS(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		sameIDs(t, "request", forReq, "status-1", "later")

		wantCode(t, s.MarkSMSSent(ctx, "nope", "log", "", t0), desk.ENOTFOUND)
		wantCode(t, s.MarkSMSRetry(ctx, "nope", "", t0, false), desk.ENOTFOUND)
	})
}

func TestEnqueueSMSFillsDefaults(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		a, b := &store.OutSMS{To: "0912", Text: "a", Kind: "otp"}, &store.OutSMS{To: "0912", Text: "b", Kind: "otp"}
		inTx(t, s, func(tx *store.Tx) error {
			if _, err := tx.EnqueueSMS(ctx, a); err != nil {
				return err
			}
			_, err := tx.EnqueueSMS(ctx, b)
			return err
		})
		if len(a.ID) != 32 || a.ID == b.ID || a.CreatedAt.IsZero() || !a.NotBefore.Equal(a.CreatedAt) || a.Status != store.SMSPending {
			t.Fatalf("defaults %+v", a)
		}
		due, err := s.DueSMS(ctx, time.Now().Add(time.Minute), 10)
		if err != nil || len(due) != 2 {
			t.Fatalf("due %v %v", due, err)
		}
	})
}
