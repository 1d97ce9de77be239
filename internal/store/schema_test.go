package store_test

import (
	"os"
	"slices"
	"testing"
	"time"

	"mizban/internal/store"
	"mizban/internal/store/storetest"
)

// Both migrations must build the same tables and columns.
func TestSchemasMatch(t *testing.T) {
	if os.Getenv(storetest.EnvPostgres) == "" {
		t.Skip("schema comparison needs PostgreSQL: set " + storetest.EnvPostgres)
	}
	lite, err := store.Columns(ctx, storetest.Open(t))
	if err != nil {
		t.Fatal(err)
	}
	pg, err := store.Columns(ctx, storetest.OpenPostgres(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(lite) < 50 {
		t.Fatalf("only %d columns read from SQLite", len(lite))
	}
	for _, c := range lite {
		if !slices.Contains(pg, c) {
			t.Errorf("%s is only in SQLite", c)
		}
	}
	for _, c := range pg {
		if !slices.Contains(lite, c) {
			t.Errorf("%s is only in PostgreSQL", c)
		}
	}
}

// A time goes in and comes out equal to the microsecond, in UTC, whatever
// zone it was written in.
func TestTimeRoundTrip(t *testing.T) {
	tehran := time.FixedZone("IRST", 3*3600+1800)
	times := []time.Time{
		t0,
		time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2025, 12, 31, 23, 59, 59, 999999000, tehran),
		time.Now(), // carries a monotonic reading and nanoseconds
	}
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		for i, at := range times {
			o := &store.OTP{Purpose: "p", Subject: string(rune('a' + i)), CodeHash: "h", CreatedAt: at, ExpiresAt: at}
			inTx(t, s, func(tx *store.Tx) error { return tx.CreateOTP(ctx, o) })
			got, err := s.LatestOTP(ctx, "p", o.Subject)
			if err != nil {
				t.Fatal(err)
			}
			want := at.UTC().Truncate(time.Microsecond)
			if !got.CreatedAt.Equal(want) || got.CreatedAt.Location() != time.UTC {
				t.Errorf("%v came back as %v (%v)", at, got.CreatedAt, got.CreatedAt.Location())
			}
			// Equal times compare equal in SQL too.
			n, _, err := s.CountOTPs(ctx, "", "", want)
			if err != nil {
				t.Fatal(err)
			}
			if n == 0 {
				t.Errorf("%v: created_at >= itself found nothing", at)
			}
		}
	})
}

// SQLite keeps times as text: comparisons must still follow time order when
// fractions have different lengths or are absent.
func TestTimesCompareInOrder(t *testing.T) {
	base := time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC)
	offsets := []time.Duration{0, 450 * time.Millisecond, 500 * time.Millisecond, 1, time.Microsecond,
		999999 * time.Microsecond, time.Second, 10 * time.Second, 11*time.Second + 5*time.Millisecond}
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		inTx(t, s, func(tx *store.Tx) error {
			for _, d := range offsets {
				at := base.Add(d)
				if err := tx.CreateOTP(ctx, &store.OTP{Purpose: "p", Subject: "s", MobileIdx: "m", CodeHash: "h",
					CreatedAt: at, ExpiresAt: at}); err != nil {
					return err
				}
			}
			return nil
		})
		for _, since := range offsets {
			want := 0
			for _, d := range offsets {
				if !base.Add(d).Truncate(time.Microsecond).Before(base.Add(since).Truncate(time.Microsecond)) {
					want++
				}
			}
			got, _, err := s.CountOTPs(ctx, "m", "", base.Add(since))
			if err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("since +%v: counted %d, want %d", since, got, want)
			}
		}
	})
}
