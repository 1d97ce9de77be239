package store_test

import (
	"testing"

	"mizban/internal/desk"
	"mizban/internal/letters"
	"mizban/internal/store"
	"mizban/internal/store/storetest"
)

func TestSetSecretariatActive(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		createSecretariat(t, s, newSecretariat("1"))
		inTx(t, s, func(tx *store.Tx) error { return tx.SetSecretariatActive(ctx, "۱", false) })
		if got, _ := s.Secretariat(ctx, "1"); got.Active {
			t.Error("still active after switching off")
		}
		err := register(s, incoming("1", at(1404, 5, 1, 10, 0, 0)))
		wantCode(t, err, desk.EINVALID)
		inTx(t, s, func(tx *store.Tx) error { return tx.SetSecretariatActive(ctx, "1", true) })
		if got, _ := s.Secretariat(ctx, "1"); !got.Active {
			t.Error("not active after switching on")
		}
		err = s.InTx(ctx, func(tx *store.Tx) error { return tx.SetSecretariatActive(ctx, "9", false) })
		wantCode(t, err, desk.ENOTFOUND)
	})
}

func TestRequestLetter(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		createSecretariat(t, s, newSecretariat("1"))
		r := createRequest(t, s)
		err := s.InTx(ctx, func(tx *store.Tx) error {
			_, err := tx.RequestLetter(ctx, r.ID, letters.Incoming)
			return err
		})
		wantCode(t, err, desk.ENOTFOUND)
		first := incoming("1", at(1404, 5, 1, 10, 0, 0))
		first.RequestID = r.ID
		mustRegister(t, s, first)
		second := incoming("1", at(1404, 5, 2, 10, 0, 0))
		second.RequestID = r.ID
		mustRegister(t, s, second)
		inTx(t, s, func(tx *store.Tx) error {
			got, err := tx.RequestLetter(ctx, r.ID, letters.Incoming)
			if err != nil || got.ID != first.ID || got.Number != first.Number {
				t.Errorf("RequestLetter = %+v, %v; want the first, %s", got, err, first.Number)
			}
			_, err = tx.RequestLetter(ctx, r.ID, letters.Outgoing)
			wantCode(t, err, desk.ENOTFOUND)
			return nil
		})
	})
}
