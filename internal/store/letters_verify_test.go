package store_test

import (
	"testing"

	"mizban/internal/desk"
	"mizban/internal/store"
	"mizban/internal/store/storetest"
)

func TestLetterVerifyToken(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		createSecretariat(t, s, newSecretariat("1"))
		a, b := incoming("1", at(1404, 5, 1, 10, 0, 0)), incoming("1", at(1404, 5, 1, 11, 0, 0))
		mustRegister(t, s, a)
		mustRegister(t, s, b)
		if tok, err := s.LetterToken(ctx, a.ID); err != nil || tok != "" {
			t.Fatalf("token before any: %q, %v", tok, err)
		}
		var first, again, other string
		inTx(t, s, func(tx *store.Tx) (err error) {
			if first, err = tx.LetterVerifyToken(ctx, a.ID); err != nil {
				return err
			}
			if again, err = tx.LetterVerifyToken(ctx, a.ID); err != nil {
				return err
			}
			other, err = tx.LetterVerifyToken(ctx, b.ID)
			return err
		})
		if _, ok := store.ValidVerifyToken(first); !ok || first != again || first == other {
			t.Fatalf("tokens %q %q %q: want a valid one, kept, and another for the other letter", first, again, other)
		}
		if got, err := s.LetterByToken(ctx, " "+first+" "); err != nil || got.ID != a.ID {
			t.Errorf("LetterByToken = %+v, %v", got, err)
		}
		for _, bad := range []string{"", "short", first[:15] + "0", "ﺍﺍﺍﺍﺍﺍﺍﺍﺍﺍﺍﺍﺍﺍﺍﺍ"} {
			_, err := s.LetterByToken(ctx, bad)
			wantCode(t, err, desk.ENOTFOUND)
		}
		_, err := s.LetterByToken(ctx, "2222222222222222")
		wantCode(t, err, desk.ENOTFOUND)
	})
}
