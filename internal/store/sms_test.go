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

		if err := s.MarkSMSSent(ctx, "otp-1", "log", "ref-9", t0.Add(2*time.Minute), time.Time{}); err != nil {
			t.Fatal(err)
		}
		if err := s.MarkSMSRetry(ctx, "status-1", "timeout", t0.Add(2*time.Minute), t0.Add(5*time.Minute), false); err != nil {
			t.Fatal(err)
		}
		due, _ = s.DueSMS(ctx, t0.Add(2*time.Minute), 10)
		sameIDs(t, "after send and retry", due, nil...)
		due, _ = s.DueSMS(ctx, t0.Add(2*time.Hour), 10)
		sameIDs(t, "later", due, "status-1", "later")
		if due[0].Attempts != 1 || due[0].LastError != "timeout" || !due[0].NotBefore.Equal(t0.Add(5*time.Minute)) {
			t.Fatalf("retried %+v", due[0])
		}
		if err := s.MarkSMSRetry(ctx, "status-1", "rejected", t0.Add(3*time.Minute), t0.Add(time.Hour), true); err != nil {
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

		wantCode(t, s.MarkSMSSent(ctx, "nope", "log", "", t0, time.Time{}), desk.ENOTFOUND)
		wantCode(t, s.MarkSMSRetry(ctx, "nope", "", t0, t0, false), desk.ENOTFOUND)
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

func enqueueAll(t *testing.T, s *store.Store, msgs ...*store.OutSMS) {
	t.Helper()
	inTx(t, s, func(tx *store.Tx) error {
		for _, m := range msgs {
			if _, err := tx.EnqueueSMS(ctx, m); err != nil {
				return err
			}
		}
		return nil
	})
}

func TestSMSClaimLease(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		// Four citizens: one's messages never wait for another's.
		enqueueAll(t, s,
			&store.OutSMS{ID: "n1", To: "09121234567", Text: "a", Kind: "registered", CreatedAt: t0},
			&store.OutSMS{ID: "n2", To: "09122222222", Text: "b", Kind: "registered", CreatedAt: t0.Add(time.Second)},
			&store.OutSMS{ID: "o1", To: "09123333333", Text: "c", Kind: "otp_counter", CreatedAt: t0.Add(2 * time.Second)},
			&store.OutSMS{ID: "late", To: "09124444444", Text: "d", Kind: "registered", CreatedAt: t0, NotBefore: t0.Add(time.Hour)},
		)
		now := t0.Add(time.Minute)
		lease := now.Add(2 * time.Minute)
		a, err := s.ClaimSMS(ctx, "A", now, lease, store.PriorityNotice, 2)
		if err != nil {
			t.Fatal(err)
		}
		sameIDs(t, "A claims", a, "o1", "n1")
		if a[0].ClaimedBy != "A" || !a[0].ClaimedUntil.Equal(lease) || a[0].State != store.StateQueued {
			t.Fatalf("claimed %+v", a[0])
		}
		// B sees only what A did not take, and nothing not yet due.
		b, _ := s.ClaimSMS(ctx, "B", now, lease, store.PriorityNotice, 10)
		sameIDs(t, "B claims", b, "n2")
		c, _ := s.ClaimSMS(ctx, "C", now, lease, store.PriorityNotice, 10)
		sameIDs(t, "C claims", c, nil...)

		// A sends one and releases the other; B crashes with n2.
		if err := s.MarkSMSSent(ctx, "o1", "fake", "r1", now, now.Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
		if err := s.ReleaseSMS(ctx, "A", "n1"); err != nil {
			t.Fatal(err)
		}
		c, _ = s.ClaimSMS(ctx, "C", now, lease, store.PriorityNotice, 10)
		sameIDs(t, "after release", c, "n1")
		// Once B's lease has run out, n2 goes to another instance, same id.
		c, _ = s.ClaimSMS(ctx, "C", lease, lease.Add(time.Minute), store.PriorityNotice, 10)
		sameIDs(t, "after expiry", c, "n1", "n2")
		// Quiet hours: only one-time codes.
		enqueueAll(t, s, &store.OutSMS{ID: "o2", To: "09121234567", Text: "e", Kind: "otp", CreatedAt: now})
		c, _ = s.ClaimSMS(ctx, "D", t0.Add(2*time.Hour), t0.Add(3*time.Hour), store.PriorityCode, 10)
		sameIDs(t, "urgent only", c, "o2")

		sent, _ := s.RecentSMS(ctx, 10)
		for _, m := range sent {
			if m.ID == "o1" && (m.State != store.StateSent || !m.StateAt.Equal(now) ||
				!m.NextCheck.Equal(now.Add(time.Minute)) || m.ClaimedBy != "" || !m.ClaimedUntil.IsZero()) {
				t.Fatalf("sent %+v", m)
			}
		}
	})
}

func TestSMSRequestOrder(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		r := createRequest(t, s)
		enqueueAll(t, s,
			&store.OutSMS{ID: "r1", To: "09121234567", Text: "a", Kind: "registered", RequestID: r.ID, CreatedAt: t0},
			&store.OutSMS{ID: "r2", To: "09121234567", Text: "b", Kind: "referred", RequestID: r.ID, CreatedAt: t0.Add(time.Second)},
			&store.OutSMS{ID: "x", To: "09351234567", Text: "c", Kind: "registered", CreatedAt: t0.Add(time.Second)},
		)
		now := t0.Add(time.Minute)
		got, _ := s.ClaimSMS(ctx, "A", now, now.Add(time.Minute), store.PriorityNotice, 10)
		sameIDs(t, "first", got, "r1", "x")
		if err := s.MarkSMSSent(ctx, "x", "fake", "", now, time.Time{}); err != nil {
			t.Fatal(err)
		}
		// r1 fails and backs off: r2 still waits behind it.
		if err := s.MarkSMSRetry(ctx, "r1", "down", now, now.Add(time.Hour), false); err != nil {
			t.Fatal(err)
		}
		got, _ = s.ClaimSMS(ctx, "A", now.Add(time.Minute), now.Add(2*time.Minute), store.PriorityNotice, 10)
		sameIDs(t, "while r1 waits", got, nil...)
		// A late failure report never puts a sent message back in the queue.
		wantCode(t, s.MarkSMSRetry(ctx, "x", "late", now, now, false), desk.ENOTFOUND)
		got, _ = s.ClaimSMS(ctx, "A", now.Add(2*time.Hour), now.Add(3*time.Hour), store.PriorityNotice, 10)
		sameIDs(t, "r1 due again", got, "r1")
		// Parked, r1 no longer holds r2 back.
		if err := s.MarkSMSRetry(ctx, "r1", "rejected", now, now, true); err != nil {
			t.Fatal(err)
		}
		got, _ = s.ClaimSMS(ctx, "A", now.Add(2*time.Hour), now.Add(3*time.Hour), store.PriorityNotice, 10)
		sameIDs(t, "after parking r1", got, "r2")
	})
}

func TestSMSDeferStateAndRequeue(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		r := createRequest(t, s)
		enqueueAll(t, s,
			&store.OutSMS{ID: "n", To: "09121234567", Text: "a", Kind: "answered", RequestID: r.ID, CreatedAt: t0},
			&store.OutSMS{ID: "o", To: "09121234567", Text: "b", Kind: "otp", CreatedAt: t0},
			&store.OutSMS{ID: "p", To: "09121234567", Text: "c", Kind: "closed", CreatedAt: t0},
		)
		end := t0.Add(8 * time.Hour)
		if n, err := s.DeferSMS(ctx, end); err != nil || n != 2 {
			t.Fatalf("deferred %d, %v; want 2", n, err)
		}
		due, _ := s.DueSMS(ctx, t0.Add(time.Hour), 10)
		sameIDs(t, "during quiet hours", due, "o")
		due, _ = s.DueSMS(ctx, end, 10)
		sameIDs(t, "after", due, "o", "n", "p")
		if !due[1].NotBefore.Equal(end) {
			t.Fatalf("not_before %v; want %v", due[1].NotBefore, end)
		}

		// Delivery state: the time moves only when the state does.
		at := end.Add(time.Minute)
		if err := s.MarkSMSSent(ctx, "n", "kavenegar", "77", at, at.Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
		checks, _ := s.ClaimSMSChecks(ctx, "A", at, at.Add(time.Minute), 10)
		sameIDs(t, "not yet", checks, nil...)
		checks, _ = s.ClaimSMSChecks(ctx, "A", at.Add(time.Minute), at.Add(2*time.Minute), 10)
		sameIDs(t, "check due", checks, "n")
		if again, _ := s.ClaimSMSChecks(ctx, "B", at.Add(time.Minute), at.Add(2*time.Minute), 10); len(again) != 0 {
			t.Fatal("a leased check was claimed twice")
		}
		if err := s.RecordSMSState(ctx, "n", store.StateSent, at.Add(time.Minute), at.Add(6*time.Minute)); err != nil {
			t.Fatal(err)
		}
		if err := s.RecordSMSState(ctx, "n", store.StateDelivered, at.Add(6*time.Minute), time.Time{}); err != nil {
			t.Fatal(err)
		}
		list, _ := s.RequestSMS(ctx, r.ID)
		if m := list[0]; m.State != store.StateDelivered || !m.StateAt.Equal(at.Add(6*time.Minute)) || m.Checks != 2 ||
			!m.NextCheck.IsZero() || m.ProviderRef != "77" {
			t.Fatalf("after checks %+v", m)
		}
		if c, _ := s.ClaimSMSChecks(ctx, "A", at.Add(100*time.Hour), at.Add(101*time.Hour), 10); len(c) != 0 {
			t.Fatal("a final state is not checked again")
		}

		// Parked messages, newest first; requeue one.
		for _, id := range []string{"p", "o"} {
			if err := s.MarkSMSRetry(ctx, id, "بد", end, end, true); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.RecordSMSState(ctx, "o", store.StateFailed, end.Add(time.Hour), time.Time{}); err == nil {
			t.Fatal("state recorded for an unsent message")
		}
		parked, err := s.ParkedSMS(ctx, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(parked) != 2 || parked[0].State != store.StateFailed || parked[0].LastError != "بد" || parked[0].Attempts != 1 {
			t.Fatalf("parked %+v", parked)
		}
		var m store.OutSMS
		inTx(t, s, func(tx *store.Tx) (err error) {
			m, err = tx.RequeueSMS(ctx, "p", end.Add(2*time.Hour))
			return err
		})
		if m.ID != "p" || m.Status != store.SMSFailed || m.Kind != "closed" {
			t.Fatalf("requeued %+v", m)
		}
		parked, _ = s.ParkedSMS(ctx, 10)
		sameIDs(t, "parked after requeue", parked, "o")
		due, _ = s.DueSMS(ctx, end.Add(2*time.Hour), 10)
		sameIDs(t, "requeued is due", due, "p")
		if due[0].Attempts != 0 || due[0].State != store.StateQueued {
			t.Fatalf("requeued row %+v", due[0])
		}
		err = s.InTx(ctx, func(tx *store.Tx) error { _, err := tx.RequeueSMS(ctx, "p", end); return err })
		wantCode(t, err, desk.ECONFLICT)
		err = s.InTx(ctx, func(tx *store.Tx) error { _, err := tx.RequeueSMS(ctx, "nope", end); return err })
		wantCode(t, err, desk.ENOTFOUND)

		// A one-time code too old to use is expired, not sent.
		enqueueAll(t, s, &store.OutSMS{ID: "o3", To: "09121234567", Text: "x", Kind: "otp", CreatedAt: t0})
		if err := s.ExpireSMS(ctx, "o3", "دیر", end); err != nil {
			t.Fatal(err)
		}
		due, _ = s.DueSMS(ctx, end.Add(3*time.Hour), 10)
		sameIDs(t, "expired is not due", due, "p")
	})
}

func TestReleaseSMSLeases(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		now := t0
		inTx(t, s, func(tx *store.Tx) error {
			_, err := tx.EnqueueSMS(ctx, &store.OutSMS{To: "09121234567", Text: "کد", Kind: "otp", DedupeKey: "lease:1", CreatedAt: now, NotBefore: now})
			return err
		})
		got, err := s.ClaimSMS(ctx, "dead", now, now.Add(time.Hour), store.PriorityNotice, 10)
		if err != nil || len(got) != 1 {
			t.Fatalf("claim = %d, %v", len(got), err)
		}
		n, err := s.ReleaseSMSLeases(ctx)
		if err != nil {
			t.Fatal(err)
		}
		again, _ := s.ClaimSMS(ctx, "alive", now, now.Add(time.Hour), store.PriorityNotice, 10)
		if s.Dialect() == store.SQLite && (n != 1 || len(again) != 1) {
			t.Errorf("SQLite: released %d, reclaimed %d; want 1 and 1", n, len(again))
		}
		if s.Dialect() == store.Postgres && (n != 0 || len(again) != 0) {
			t.Errorf("PostgreSQL: released %d, reclaimed %d; other instances' leases must stand", n, len(again))
		}
	})
}
