package store_test

import (
	"testing"
	"time"

	"mizban/internal/desk"
	"mizban/internal/store"
	"mizban/internal/store/storetest"
)

func TestAPIClients(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		var staffID int64
		inTx(t, s, func(tx *store.Tx) (err error) {
			staffID, err = tx.PutStaff(ctx, store.StaffRecord{Staff: desk.Staff{Name: "اتوماسیون"}, Username: "api-client-test"})
			return err
		})
		c := store.APIClient{Name: "اتوماسیون", TokenPrefix: "mzb_abcd", TokenHash: "h1",
			Scopes: []string{"requests:read", "events:write"}, Units: []string{"u1", "u2"},
			StaffID: staffID, CreatedAt: t0, CreatedBy: "staff:1"}
		inTx(t, s, func(tx *store.Tx) error { return tx.AddAPIClient(ctx, &c) })
		if c.ID == 0 {
			t.Fatal("no id")
		}
		got, err := s.APIClientByToken(ctx, "h1")
		if err != nil || got.ID != c.ID || len(got.Scopes) != 2 || len(got.Units) != 2 || !got.RevokedAt.IsZero() ||
			!got.CreatedAt.Equal(t0) || got.StaffID != staffID {
			t.Fatalf("by token = %+v, %v", got, err)
		}
		if _, err := s.APIClientByToken(ctx, "nope"); desk.ErrorCode(err) != desk.ENOTFOUND {
			t.Errorf("unknown token: %v", err)
		}
		inTx(t, s, func(tx *store.Tx) error { return tx.RevokeAPIClient(ctx, c.ID, t0.Add(time.Hour)) })
		inTx(t, s, func(tx *store.Tx) error { return tx.RevokeAPIClient(ctx, c.ID, t0.Add(2*time.Hour)) })
		if got, _ := s.APIClient(ctx, c.ID); !got.RevokedAt.Equal(t0.Add(time.Hour)) {
			t.Errorf("revoked at %v, want the first revocation", got.RevokedAt)
		}
		err = s.InTx(ctx, func(tx *store.Tx) error { return tx.RevokeAPIClient(ctx, c.ID+99, t0) })
		if desk.ErrorCode(err) != desk.ENOTFOUND {
			t.Errorf("revoke unknown: %v", err)
		}
		dup := c
		err = s.InTx(ctx, func(tx *store.Tx) error { return tx.AddAPIClient(ctx, &dup) })
		if desk.ErrorCode(err) != desk.ECONFLICT {
			t.Errorf("same token hash twice: %v", err)
		}
		// The row the client acts as is nobody's account: no page lists it
		// and no command finds it to enable it or give it a password.
		if _, err := s.StaffByUsername(ctx, "api-client-test"); desk.ErrorCode(err) != desk.ENOTFOUND {
			t.Errorf("an API client's staff row found by username: %v", err)
		}
		if dir, err := s.StaffDirectory(ctx); err != nil {
			t.Fatal(err)
		} else {
			for _, e := range dir {
				if e.ID == staffID {
					t.Errorf("the staff directory lists the API client's row %+v", e)
				}
			}
		}
		if all, err := s.APIClients(ctx); err != nil || len(all) != 1 {
			t.Errorf("list = %+v, %v", all, err)
		}

		if _, err := s.IdempotentReply(ctx, c.ID, "k1"); desk.ErrorCode(err) != desk.ENOTFOUND {
			t.Errorf("new key: %v", err)
		}
		first := store.IdempotentReply{Route: "POST /x", BodyHash: "b", Status: 201, Response: []byte(`{"a":1}`)}
		if err := s.SaveIdempotentReply(ctx, c.ID, "k1", first, t0); err != nil {
			t.Fatal(err)
		}
		second := first
		second.Status = 200
		if err := s.SaveIdempotentReply(ctx, c.ID, "k1", second, t0); err != nil {
			t.Fatal(err)
		}
		r, err := s.IdempotentReply(ctx, c.ID, "k1")
		if err != nil || r.Status != 201 || string(r.Response) != `{"a":1}` || r.Route != "POST /x" {
			t.Errorf("stored reply = %+v, %v; want the first", r, err)
		}
	})
}

func TestChanges(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		a, b := createRequest(t, s), newRequest(t)
		b.UnitCode = "legal"
		inTx(t, s, func(tx *store.Tx) error { return tx.CreateRequest(ctx, b) })
		for i, r := range []*desk.Request{a, b, a} {
			inTx(t, s, func(tx *store.Tx) error {
				return tx.AppendEvent(ctx, &desk.Event{RequestID: r.ID, At: t0.Add(time.Duration(i) * time.Minute),
					Type: "submitted", Status: r.Status, UnitCode: r.UnitCode, Actor: "citizen"})
			})
		}
		all, err := s.Changes(ctx, 0, nil, 10)
		if err != nil || len(all) != 3 || all[0].TrackingCode != a.TrackingCode || all[1].TrackingCode != b.TrackingCode ||
			all[0].EventID >= all[1].EventID || all[0].Status != desk.StatusSubmitted || !all[0].At.Equal(t0) {
			t.Fatalf("all = %+v, %v", all, err)
		}
		if got, _ := s.Changes(ctx, all[0].EventID, nil, 1); len(got) != 1 || got[0].EventID != all[1].EventID {
			t.Errorf("after the first, limit 1 = %+v", got)
		}
		if got, _ := s.Changes(ctx, 0, []string{"permits", "pr"}, 10); len(got) != 2 || got[0].UnitCode != "permits" || got[1].UnitCode != "permits" {
			t.Errorf("permits only = %+v", got)
		}
		if got, _ := s.Changes(ctx, all[2].EventID, nil, 10); len(got) != 0 {
			t.Errorf("after the last = %+v", got)
		}
	})
}
