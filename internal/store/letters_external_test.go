package store_test

import (
	"testing"

	"mizban/internal/desk"
	"mizban/internal/letters"
	"mizban/internal/store"
	"mizban/internal/store/storetest"
)

func external(number string) *letters.Letter {
	l := incoming("1", at(1405, 2, 10, 0, 0, 0))
	l.Number = number
	return l
}

func recordExternal(s *store.Store, l *letters.Letter) error {
	return s.InTx(ctx, func(tx *store.Tx) error { return tx.RecordExternalLetter(ctx, l) })
}

func TestRecordExternalLetter(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		createSecretariat(t, s, newSecretariat("1"))
		a, b := external(" ۱۲۳۴/۵۶\u200f "), external("AB-99")
		for _, l := range []*letters.Letter{a, b} {
			if err := recordExternal(s, l); err != nil {
				t.Fatal(err)
			}
		}
		if a.Number != "1234/56" || a.Seq != -1 || b.Seq != -2 || a.Year != 1405 {
			t.Errorf("recorded %+v and %+v", a, b)
		}
		got, err := s.LetterByNumber(ctx, "1", letters.Incoming, "۱۲۳۴/۵۶")
		if err != nil || got.ID != a.ID || !got.RegisteredAt.Equal(a.RegisteredAt) {
			t.Errorf("look-up %+v, %v", got, err)
		}
		// The series' own numbers still start at 1.
		own := incoming("1", at(1405, 2, 11, 9, 0, 0))
		mustRegister(t, s, own)
		if own.Seq != 1 || own.Number != "1405/1/و" {
			t.Errorf("own number after manual ones: %+v", own)
		}

		for _, tc := range []struct {
			name, number, code, field string
		}{
			{"empty", "  ", desk.EINVALID, "number"},
			{"too long", "123456789012345678901", desk.EINVALID, "number"},
			{"taken", "1234/56", desk.ECONFLICT, "number"},
		} {
			err := recordExternal(s, external(tc.number))
			wantCode(t, err, tc.code)
			if desk.ErrorFields(err)[tc.field] == "" {
				t.Errorf("%s: no message on %s: %v", tc.name, tc.field, err)
			}
		}
		missing := external("77")
		missing.Secretariat = "9"
		wantCode(t, recordExternal(s, missing), desk.ENOTFOUND)
	})
}
