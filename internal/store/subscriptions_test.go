package store_test

import (
	"testing"
	"time"

	"mizban/internal/desk"
	"mizban/internal/store"
	"mizban/internal/store/storetest"
)

func TestSubscriptions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		const svc = "13091234567"
		a := &store.Subscription{ID: "sub-a", ServiceCode: svc, Mobile: "09121234567", Client: "c", CreatedAt: t0}
		b := &store.Subscription{ID: "sub-b", ServiceCode: svc, Mobile: "09121234567", CreatedAt: t0.Add(time.Minute)}
		other := &store.Subscription{ID: "sub-c", ServiceCode: svc, Mobile: "09350000000", CreatedAt: t0}
		inTx(t, s, func(tx *store.Tx) error {
			for _, x := range []*store.Subscription{a, b, other} {
				if err := tx.CreateSubscription(ctx, x); err != nil {
					return err
				}
			}
			return nil
		})
		got, err := s.Subscription(ctx, "sub-a")
		if err != nil || got.Mobile != "09121234567" || got.Active() || got.Client != "c" || !got.CreatedAt.Equal(t0) {
			t.Fatalf("pending = %+v, %v", got, err)
		}
		// The mobile is sealed, with its blind index beside it.
		raw, idx, err := store.SubscriptionRow(ctx, s, "sub-a")
		if err != nil {
			t.Fatal(err)
		}
		if raw == "09121234567" || idx != storetest.Vault(t).Index("09121234567") {
			t.Errorf("stored mobile %q, index %q", raw, idx)
		}

		confirm := func(id string) bool {
			var already bool
			inTx(t, s, func(tx *store.Tx) error {
				var err error
				already, err = tx.ConfirmSubscription(ctx, id, t0.Add(time.Hour))
				return err
			})
			return already
		}
		if confirm("sub-a") {
			t.Error("first confirm said already")
		}
		if !confirm("sub-a") {
			t.Error("second confirm of the same id is not 'already'")
		}
		// The same mobile subscribing again: no second active row.
		if !confirm("sub-b") {
			t.Error("same mobile twice is not 'already'")
		}
		inTx(t, s, func(tx *store.Tx) error {
			subs, err := tx.Subscribers(ctx, svc)
			if len(subs) != 1 || subs[0].ID != "sub-a" || subs[0].Mobile != "09121234567" {
				t.Errorf("subscribers = %+v", subs)
			}
			return err
		})

		// Tokens: only their hash is kept; ending is idempotent.
		inTx(t, s, func(tx *store.Tx) error { return tx.AddSubscriptionToken(ctx, "sub-a", "hash-1", t0) })
		byTok, err := s.SubscriptionByToken(ctx, "hash-1")
		if err != nil || byTok.ID != "sub-a" || !byTok.Active() {
			t.Fatalf("by token = %+v, %v", byTok, err)
		}
		wantCode(t, func() error { _, err := s.SubscriptionByToken(ctx, "nope"); return err }(), desk.ENOTFOUND)
		inTx(t, s, func(tx *store.Tx) error { return tx.EndSubscription(ctx, "sub-a", t0.Add(2*time.Hour)) })
		inTx(t, s, func(tx *store.Tx) error { return tx.EndSubscription(ctx, "sub-a", t0.Add(3*time.Hour)) })
		ended, _ := s.Subscription(ctx, "sub-a")
		if ended.Active() || !ended.EndedAt.Equal(t0.Add(2*time.Hour)) {
			t.Errorf("ended = %+v", ended)
		}
		inTx(t, s, func(tx *store.Tx) error {
			subs, err := tx.Subscribers(ctx, svc)
			if len(subs) != 0 {
				t.Errorf("after unsubscribe: %+v", subs)
			}
			return err
		})
		// After unsubscribing, the same mobile may subscribe again.
		if confirm("sub-b") {
			t.Error("re-subscribing after an end said already")
		}
		wantCode(t, s.InTx(ctx, func(tx *store.Tx) error { return tx.EndSubscription(ctx, "nope", t0) }), desk.ENOTFOUND)

		// Purge drops only old unconfirmed ones.
		inTx(t, s, func(tx *store.Tx) error {
			n, err := tx.PurgePendingSubscriptions(ctx, t0.Add(time.Second))
			if n != 1 {
				t.Errorf("purged %d, want 1 (sub-c)", n)
			}
			return err
		})
		wantCode(t, func() error { _, err := s.Subscription(ctx, "sub-c"); return err }(), desk.ENOTFOUND)
		if _, err := s.Subscription(ctx, "sub-b"); err != nil {
			t.Errorf("confirmed one purged: %v", err)
		}
		if tok := store.NewSubscriptionToken(); len(tok) != store.LinkTokenLen {
			t.Errorf("token %q", tok)
		} else if _, ok := store.ValidLinkToken(tok); !ok {
			t.Errorf("token %q not valid", tok)
		}
	})
}

// A pending subscription counts as confirmed once a code of its purpose
// was used; an unused code, or a used code of another purpose, does not.
func TestSubscriptionCodeUsed(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		otp := func(purpose, subject string, used bool) {
			inTx(t, s, func(tx *store.Tx) error {
				o := &store.OTP{Purpose: purpose, Subject: subject, MobileIdx: "idx", CodeHash: "h",
					CreatedAt: t0, ExpiresAt: t0.Add(3 * time.Minute)}
				if err := tx.CreateOTP(ctx, o); err != nil || !used {
					return err
				}
				return tx.OTPUse(ctx, o.ID, t0.Add(time.Minute))
			})
		}
		otp("subscribe", "sub-unused", false)
		otp("subscribe", "sub-used", false) // a resend after the used one below
		otp("subscribe", "sub-used", true)
		otp("submit", "sub-other", true)
		for _, tc := range []struct {
			id   string
			want bool
		}{{"sub-unused", false}, {"sub-used", true}, {"sub-other", false}, {"nope", false}} {
			got, err := s.SubscriptionCodeUsed(ctx, "subscribe", tc.id)
			if err != nil || got != tc.want {
				t.Errorf("SubscriptionCodeUsed(%q) = %v, %v; want %v", tc.id, got, err, tc.want)
			}
		}
	})
}
