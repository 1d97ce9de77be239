package store_test

import (
	"testing"

	"mizban/internal/desk"
	"mizban/internal/letters"
	"mizban/internal/store"
	"mizban/internal/store/storetest"
)

func newSecretariat(code string) *letters.Secretariat {
	return &letters.Secretariat{Code: code, Name: "دبیرخانه " + code, IncomingFormat: "{year}/{seq}/و",
		OutgoingFormat: "{year}/{seq}/ص", InternalFormat: "{year}/{seq}/د", Active: true}
}

func createSecretariat(t testing.TB, s *store.Store, sec *letters.Secretariat) {
	t.Helper()
	inTx(t, s, func(tx *store.Tx) error { return tx.CreateSecretariat(ctx, sec) })
}

func TestSecretariats(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		if got, err := s.Secretariats(ctx); err != nil || len(got) != 0 {
			t.Fatalf("empty: %v, %v", got, err)
		}
		second := newSecretariat("2")
		second.IncomingFormat, second.Active = " {code}/{yy}/{seq:۴}/و ", false
		createSecretariat(t, s, second)
		createSecretariat(t, s, newSecretariat("۱")) // stored as "1"

		all, err := s.Secretariats(ctx)
		if err != nil || len(all) != 2 || all[0].Code != "1" || all[1].Code != "2" {
			t.Fatalf("Secretariats = %+v, %v", all, err)
		}
		if all[1] != *second || all[1].IncomingFormat != "{code}/{yy}/{seq:4}/و" || all[1].Active {
			t.Errorf("round trip %+v, want %+v with the canonical format", all[1], *second)
		}
		if one, err := s.Secretariat(ctx, "۲"); err != nil || one.Name != "دبیرخانه 2" {
			t.Errorf("Secretariat(۲) = %+v, %v", one, err)
		}
		_, err = s.Secretariat(ctx, "3")
		wantCode(t, err, desk.ENOTFOUND)

		// A taken code is a field error, and the transaction stays usable.
		err = s.InTx(ctx, func(tx *store.Tx) error {
			err := tx.CreateSecretariat(ctx, newSecretariat("1"))
			wantCode(t, err, desk.ECONFLICT)
			if desk.ErrorFields(err)["code"] == "" {
				t.Errorf("no message on the code field: %v", err)
			}
			return tx.CreateSecretariat(ctx, newSecretariat("3"))
		})
		if err != nil {
			t.Fatal(err)
		}
		bad := newSecretariat("4")
		bad.OutgoingFormat = "{seq}/ص"
		err = s.InTx(ctx, func(tx *store.Tx) error { return tx.CreateSecretariat(ctx, bad) })
		wantCode(t, err, desk.EINVALID)
		if desk.ErrorFields(err)["outgoing_format"] == "" {
			t.Errorf("no message on the outgoing format: %v", err)
		}
		if all, _ := s.Secretariats(ctx); len(all) != 3 {
			t.Errorf("%d secretariats, want 3 (1, 2, 3)", len(all))
		}
	})
}
