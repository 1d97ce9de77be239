package store_test

import (
	"strings"
	"testing"

	"mizban/internal/desk"
	"mizban/internal/store"
	"mizban/internal/store/storetest"
)

func TestValidLinkToken(t *testing.T) {
	for _, c := range []struct {
		in, want string
		ok       bool
	}{
		{"abcdefgh", "abcdefgh", true},
		{"ABCDEFGH", "abcdefgh", true}, // a phone capitalised it
		{" 23456789 ", "23456789", true},
		{"abcdefg", "abcdefg", false},     // short
		{"abcdefghj", "abcdefghj", false}, // long
		{"abcdefgi", "abcdefgi", false},   // i is left out: it reads as 1 or l
		{"abcdefg0", "abcdefg0", false},   // 0 reads as o
		{"abcd/fgh", "abcd/fgh", false},
		{"", "", false},
		{"۲۳۴۵۶۷۸۹", "۲۳۴۵۶۷۸۹", false},
	} {
		got, ok := store.ValidLinkToken(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("ValidLinkToken(%q) = %q, %t; want %q, %t", c.in, got, ok, c.want, c.ok)
		}
	}
}

func linkToken(t *testing.T, s *store.Store, id int64) string {
	t.Helper()
	var token string
	inTx(t, s, func(tx *store.Tx) (err error) {
		token, err = tx.LinkToken(ctx, id)
		return err
	})
	return token
}

func TestLinkTokens(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		a, b := createRequest(t, s), createRequest(t, s)
		ta, tb := linkToken(t, s, a.ID), linkToken(t, s, b.ID)
		for _, tok := range []string{ta, tb} {
			if _, ok := store.ValidLinkToken(tok); !ok {
				t.Fatalf("token %q", tok)
			}
		}
		if ta == tb {
			t.Fatalf("two requests share token %q", ta)
		}
		if again := linkToken(t, s, a.ID); again != ta {
			t.Fatalf("token changed: %q then %q", ta, again)
		}
		for _, tok := range []string{ta, strings.ToUpper(ta)} {
			r, err := s.RequestByLinkToken(ctx, tok)
			if err != nil || r.ID != a.ID || r.TrackingCode != a.TrackingCode {
				t.Fatalf("RequestByLinkToken(%q) = %d, %v; want request %d", tok, r.ID, err, a.ID)
			}
		}
		unknown := "zzzzzzzz"
		if ta == unknown || tb == unknown {
			unknown = "yyyyyyyy"
		}
		for _, tok := range []string{unknown, "", "abc", a.TrackingCode, "'; --"} {
			_, err := s.RequestByLinkToken(ctx, tok)
			wantCode(t, err, desk.ENOTFOUND)
		}
		err := s.InTx(ctx, func(tx *store.Tx) error { _, err := tx.LinkToken(ctx, 999999); return err })
		wantCode(t, err, desk.ENOTFOUND)

		// A request from before migration 00008 has none: the first
		// message that needs one draws it, and it stays.
		if err := store.RawSQL(ctx, s, `UPDATE requests SET link_token = NULL WHERE id = $1`, b.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.RequestByLinkToken(ctx, tb); desk.ErrorCode(err) != desk.ENOTFOUND {
			t.Fatalf("old token still opens: %v", err)
		}
		fresh := linkToken(t, s, b.ID)
		if _, ok := store.ValidLinkToken(fresh); !ok || fresh == ta {
			t.Fatalf("lazy token %q (other request's %q)", fresh, ta)
		}
		if again := linkToken(t, s, b.ID); again != fresh {
			t.Fatalf("lazy token changed: %q then %q", fresh, again)
		}
		if r, err := s.RequestByLinkToken(ctx, fresh); err != nil || r.ID != b.ID {
			t.Fatalf("lazy token opens %d, %v; want %d", r.ID, err, b.ID)
		}
	})
}
