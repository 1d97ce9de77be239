package store_test

import (
	"strings"
	"testing"

	"mizban/internal/desk"
	"mizban/internal/store"
	"mizban/internal/store/storetest"
)

func TestLetterSignerName(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		createSecretariat(t, s, newSecretariat("1"))
		l := external("1405/77/خ")
		if err := recordExternal(s, l); err != nil {
			t.Fatal(err)
		}
		if name, err := s.LetterSignerName(ctx, l.ID); err != nil || name != "" {
			t.Errorf("before: %q, %v", name, err)
		}
		set := func(id int64, name string) error {
			return s.InTx(ctx, func(tx *store.Tx) error { return tx.SetLetterSignerName(ctx, id, name) })
		}
		if err := set(l.ID, " علی محمدی، مدیر امور حقوقی "); err != nil {
			t.Fatal(err)
		}
		if name, err := s.LetterSignerName(ctx, l.ID); err != nil || name != "علی محمدی، مدیر امور حقوقی" {
			t.Errorf("after: %q, %v", name, err)
		}
		if err := set(l.ID, strings.Repeat("ن", store.MaxSignerName+1)); desk.ErrorFields(err)["signer"] == "" {
			t.Errorf("too long: %v", err)
		}
		if err := set(l.ID+100, "کسی"); desk.ErrorCode(err) != desk.ENOTFOUND {
			t.Errorf("no such letter: %v", err)
		}
		if _, err := s.LetterSignerName(ctx, l.ID+100); desk.ErrorCode(err) != desk.ENOTFOUND {
			t.Errorf("no such letter, read: %v", err)
		}
		// The rest of the letter is as it was.
		got, err := s.Letter(ctx, l.ID)
		if err != nil || got.Number != "1405/77/خ" || got.SignerID != 0 {
			t.Errorf("letter %+v, %v", got, err)
		}
	})
}
