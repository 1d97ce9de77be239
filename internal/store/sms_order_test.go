package store_test

import (
	"testing"
	"time"

	"mizban/internal/store"
	"mizban/internal/store/storetest"
)

// A citizen's notices go in order across all their requests; another
// citizen's never wait for them, nor do one-time codes.
func TestSMSCitizenOrder(t *testing.T) {
	const mina, reza = "09121234567", "09351234567"
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		r1, r2, r3 := createRequest(t, s), createRequest(t, s), createRequest(t, s)
		enqueueAll(t, s,
			&store.OutSMS{ID: "code", To: mina, Text: "کد", Kind: "otp", CreatedAt: t0.Add(-time.Second), NotBefore: t0.Add(time.Hour)},
			&store.OutSMS{ID: "a1", To: mina, Text: "a1", Kind: "answered", RequestID: r1.ID, CreatedAt: t0},
			&store.OutSMS{ID: "a2", To: mina, Text: "a2", Kind: "closed", RequestID: r2.ID, CreatedAt: t0.Add(time.Second)},
			&store.OutSMS{ID: "b1", To: reza, Text: "b1", Kind: "answered", RequestID: r3.ID, CreatedAt: t0.Add(2 * time.Second)},
		)
		now := t0.Add(time.Minute)
		claim := func(what string, at time.Time, maxPriority int, want ...string) {
			t.Helper()
			got, err := s.ClaimSMS(ctx, "A", at, at.Add(time.Minute), maxPriority, 10)
			if err != nil {
				t.Fatal(err)
			}
			sameIDs(t, what, got, want...)
		}
		// The pending code (not yet due) holds nothing back; a2 waits
		// for a1 although it is about another request.
		claim("first", now, store.PriorityNotice, "a1", "b1")
		if err := s.MarkSMSSent(ctx, "b1", "fake", "", now, time.Time{}); err != nil {
			t.Fatal(err)
		}
		// a1 fails and backs off: a2 still waits, leased or not.
		claim("while a1 is leased", now, store.PriorityNotice)
		if err := s.MarkSMSRetry(ctx, "a1", "down", now, now.Add(time.Hour), false); err != nil {
			t.Fatal(err)
		}
		enqueueAll(t, s,
			&store.OutSMS{ID: "b2", To: reza, Text: "b2", Kind: "closed", RequestID: r3.ID, CreatedAt: now},
			&store.OutSMS{ID: "code2", To: mina, Text: "کد", Kind: "otp", CreatedAt: now},
		)
		claim("while a1 backs off", now.Add(time.Minute), store.PriorityNotice, "code2", "b2")
		for _, id := range []string{"code2", "b2"} {
			if err := s.MarkSMSSent(ctx, id, "fake", "", now.Add(time.Minute), time.Time{}); err != nil {
				t.Fatal(err)
			}
		}
		claim("a1 due again", now.Add(2*time.Hour), store.PriorityNotice, "code", "a1")
		if err := s.MarkSMSSent(ctx, "a1", "fake", "", now.Add(2*time.Hour), time.Time{}); err != nil {
			t.Fatal(err)
		}
		claim("after a1", now.Add(2*time.Hour), store.PriorityNotice, "a2")
	})
}

// A notice held for quiet hours never holds back the confirmation of a
// request the citizen has just made; in the morning, notices keep order.
func TestSMSCitizenOrderQuietHours(t *testing.T) {
	const mina = "09121234567"
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		r1, r2 := createRequest(t, s), createRequest(t, s)
		morning := t0.Add(8 * time.Hour)
		enqueueAll(t, s,
			&store.OutSMS{ID: "held", To: mina, Text: "a", Kind: "answered", RequestID: r1.ID, CreatedAt: t0, NotBefore: morning},
			&store.OutSMS{ID: "reg", To: mina, Text: "b", Kind: "registered", RequestID: r2.ID, CreatedAt: t0.Add(time.Minute)},
			&store.OutSMS{ID: "later", To: mina, Text: "c", Kind: "referred", RequestID: r2.ID, CreatedAt: t0.Add(2 * time.Minute)},
		)
		night := t0.Add(5 * time.Minute)
		got, err := s.ClaimSMS(ctx, "A", night, night.Add(time.Minute), store.PriorityReply, 10)
		if err != nil {
			t.Fatal(err)
		}
		sameIDs(t, "at night", got, "reg")
		if err := s.MarkSMSSent(ctx, "reg", "fake", "", night, time.Time{}); err != nil {
			t.Fatal(err)
		}
		got, _ = s.ClaimSMS(ctx, "A", morning, morning.Add(time.Minute), store.PriorityNotice, 10)
		sameIDs(t, "in the morning", got, "held")
		if err := s.MarkSMSSent(ctx, "held", "fake", "", morning, time.Time{}); err != nil {
			t.Fatal(err)
		}
		got, _ = s.ClaimSMS(ctx, "A", morning, morning.Add(time.Minute), store.PriorityNotice, 10)
		sameIDs(t, "then", got, "later")
	})
}
