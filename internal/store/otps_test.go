package store_test

import (
	"testing"
	"time"

	"mizban/internal/desk"
	"mizban/internal/store"
	"mizban/internal/store/storetest"
)

func TestOTPs(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		mk := func(subject, mobile, client string, at time.Time) *store.OTP {
			return &store.OTP{Purpose: "submit", Subject: subject, MobileIdx: mobile, Client: client,
				CodeHash: "h-" + at.Format(time.TimeOnly), CreatedAt: at, ExpiresAt: at.Add(2 * time.Minute)}
		}
		first := mk("d1", "m1", "c1", t0)
		second := mk("d1", "m1", "c2", t0.Add(time.Minute))
		inTx(t, s, func(tx *store.Tx) error {
			for _, o := range []*store.OTP{first, second, mk("d2", "m2", "c1", t0.Add(-time.Hour))} {
				if err := tx.CreateOTP(ctx, o); err != nil {
					return err
				}
			}
			return nil
		})
		if first.ID == 0 || second.ID == first.ID {
			t.Fatalf("ids %d %d", first.ID, second.ID)
		}
		got, err := s.LatestOTP(ctx, "submit", "d1")
		if err != nil {
			t.Fatal(err)
		}
		if got != *second {
			t.Fatalf("LatestOTP = %+v, want %+v", got, *second)
		}

		inTx(t, s, func(tx *store.Tx) error {
			for want := 1; want <= 3; want++ {
				n, err := tx.OTPTry(ctx, second.ID)
				if err != nil {
					return err
				}
				if n != want {
					t.Errorf("OTPTry = %d, want %d", n, want)
				}
			}
			if err := tx.OTPUse(ctx, second.ID, t0.Add(90*time.Second)); err != nil {
				return err
			}
			o, err := tx.LatestOTP(ctx, "submit", "d1")
			if err != nil {
				return err
			}
			if o.Tries != 3 || !o.UsedAt.Equal(t0.Add(90*time.Second)) {
				t.Errorf("in tx: tries %d used %v", o.Tries, o.UsedAt)
			}
			return nil
		})
		if got, _ := s.LatestOTP(ctx, "submit", "d1"); got.Tries != 3 || got.UsedAt.IsZero() {
			t.Fatalf("after commit: %+v", got)
		}

		_, err = s.LatestOTP(ctx, "login", "d1")
		wantCode(t, err, desk.ENOTFOUND)
		err = s.InTx(ctx, func(tx *store.Tx) error { _, err := tx.OTPTry(ctx, 999); return err })
		wantCode(t, err, desk.ENOTFOUND)
		err = s.InTx(ctx, func(tx *store.Tx) error { return tx.OTPUse(ctx, 999, t0) })
		wantCode(t, err, desk.ENOTFOUND)

		tests := []struct {
			mobile, client string
			since          time.Time
			byMobile       int
			byClient       int
		}{
			{"m1", "c1", t0.Add(-2 * time.Hour), 2, 2},
			{"m1", "c1", t0, 2, 1}, // since is inclusive
			{"m1", "c2", t0.Add(time.Second), 1, 1},
			{"m2", "c9", t0.Add(-2 * time.Hour), 1, 0},
			{"m1", "c1", t0.Add(time.Hour), 0, 0},
		}
		for _, tc := range tests {
			m, c, err := s.CountOTPs(ctx, tc.mobile, tc.client, tc.since)
			if err != nil {
				t.Fatal(err)
			}
			if m != tc.byMobile || c != tc.byClient {
				t.Errorf("CountOTPs(%s, %s, %v) = %d, %d; want %d, %d",
					tc.mobile, tc.client, tc.since, m, c, tc.byMobile, tc.byClient)
			}
		}
	})
}
