package store_test

import (
	"testing"
	"time"

	"mizban/internal/desk"
	"mizban/internal/store"
	"mizban/internal/store/storetest"
)

func TestAssignRules(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		r, err := s.AssignRule(ctx, "permits")
		if err != nil || r.Mode != store.AssignQueue || r.LastStaffID != 0 {
			t.Fatalf("default rule %+v, %v; want a queue", r, err)
		}
		err = s.InTx(ctx, func(tx *store.Tx) error {
			return tx.PutAssignRule(ctx, store.AssignRule{UnitCode: "permits", Mode: "lottery"})
		})
		wantCode(t, err, desk.EINVALID)
		var id int64
		inTx(t, s, func(tx *store.Tx) error {
			var err error
			if id, err = tx.PutStaff(ctx, store.StaffRecord{Username: "a", Staff: desk.Staff{Name: "الف"}, Active: true}); err != nil {
				return err
			}
			if err := tx.PutAssignRule(ctx, store.AssignRule{UnitCode: "permits", Mode: store.AssignRoundRobin}); err != nil {
				return err
			}
			return tx.SetAssignTurn(ctx, "permits", id)
		})
		// Changing the mode keeps the turn.
		inTx(t, s, func(tx *store.Tx) error {
			return tx.PutAssignRule(ctx, store.AssignRule{UnitCode: "permits", Mode: store.AssignRoundRobin})
		})
		if r, err = s.AssignRule(ctx, "permits"); err != nil || r.Mode != store.AssignRoundRobin || r.LastStaffID != id {
			t.Fatalf("rule %+v, %v", r, err)
		}
	})
}

func TestClockAndDecisions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		req := createRequest(t, s)
		inTx(t, s, func(tx *store.Tx) error { return tx.PauseClock(ctx, req.ID, t0) })
		// A second pause keeps the first time.
		inTx(t, s, func(tx *store.Tx) error { return tx.PauseClock(ctx, req.ID, t0.Add(time.Hour)) })
		if at, err := s.PausedSince(ctx, req.ID); err != nil || !at.Equal(t0.Truncate(time.Microsecond)) {
			t.Fatalf("paused since %v, %v; want %v", at, err, t0)
		}
		inTx(t, s, func(tx *store.Tx) error { return tx.ResumeClock(ctx, req.ID) })
		if at, err := s.PausedSince(ctx, req.ID); err != nil || !at.IsZero() {
			t.Fatalf("after resume: %v, %v", at, err)
		}

		var staffID int64
		ev := &desk.Event{RequestID: req.ID, At: t0, Type: "answered", Actor: "staff:1"}
		inTx(t, s, func(tx *store.Tx) error {
			var err error
			if staffID, err = tx.PutStaff(ctx, store.StaffRecord{Username: "b", Staff: desk.Staff{Name: "ب"}, Active: true}); err != nil {
				return err
			}
			return tx.AppendEvent(ctx, ev)
		})
		err := s.InTx(ctx, func(tx *store.Tx) error {
			return tx.AddDecision(ctx, &store.Decision{RequestID: req.ID, EventID: ev.ID, Kind: "maybe", StaffID: staffID, At: t0})
		})
		if err == nil {
			t.Fatal("decision of unknown kind stored")
		}
		inTx(t, s, func(tx *store.Tx) error {
			return tx.AddDecision(ctx, &store.Decision{RequestID: req.ID, EventID: ev.ID, Kind: store.DecisionReject,
				Text: "دلیل", LegalBasis: "ماده ۵", StaffID: staffID, At: t0})
		})
		ds, err := s.Decisions(ctx, req.ID)
		if err != nil || len(ds) != 1 || ds[0].LegalBasis != "ماده ۵" || ds[0].StaffName != "ب" || ds[0].DocumentID != 0 {
			t.Fatalf("decisions %+v, %v", ds, err)
		}

		// A document is reached only through its own request.
		other := createRequest(t, s)
		d := &desk.Document{DocKey: "deed", Name: "سند.pdf", MIME: "application/pdf", Size: 3, SHA256: "x", StoreKey: "k1"}
		inTx(t, s, func(tx *store.Tx) error { return tx.AddDocument(ctx, store.Owner{RequestID: req.ID}, d) })
		if got, err := s.RequestDocument(ctx, req.ID, d.ID); err != nil || got.Name != "سند.pdf" {
			t.Fatalf("RequestDocument = %+v, %v", got, err)
		}
		_, err = s.RequestDocument(ctx, other.ID, d.ID)
		wantCode(t, err, desk.ENOTFOUND)
	})
}
