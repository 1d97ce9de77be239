package store_test

import (
	"testing"
	"time"

	"mizban/internal/desk"
	"mizban/internal/store"
	"mizban/internal/store/storetest"
)

// draftFixture is a request in progress in unit permits, with an officer
// who drafts and an event to hang drafts and decisions on.
type draftFixture struct {
	req              *desk.Request
	officer, manager int64
}

func newDraftFixture(t *testing.T, s *store.Store, unit string) draftFixture {
	t.Helper()
	var f draftFixture
	f.req = newRequest(t)
	f.req.UnitCode = unit
	inTx(t, s, func(tx *store.Tx) error {
		if err := tx.PutUnit(ctx, desk.Unit{Code: unit, Name: "واحد " + unit}); err != nil {
			return err
		}
		var err error
		if f.officer, err = tx.PutStaff(ctx, store.StaffRecord{Username: "o-" + unit, Staff: desk.Staff{Name: "کارشناس", Title: "کارشناس پروانه"}, Active: true}); err != nil {
			return err
		}
		if f.manager, err = tx.PutStaff(ctx, store.StaffRecord{Username: "m-" + unit, Staff: desk.Staff{Name: "مدیر"}, Active: true}); err != nil {
			return err
		}
		if err := tx.CreateRequest(ctx, f.req); err != nil {
			return err
		}
		f.req.Status = desk.StatusInProgress
		return tx.UpdateRequest(ctx, f.req)
	})
	return f
}

func appendEvent(t *testing.T, s *store.Store, requestID int64, typ string, at time.Time) desk.Event {
	t.Helper()
	ev := desk.Event{RequestID: requestID, At: at, Type: typ, Actor: "staff:1", Internal: true}
	inTx(t, s, func(tx *store.Tx) error { return tx.AppendEvent(ctx, &ev) })
	return ev
}

func TestReplyDraftSaveReplaceDelete(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		f := newDraftFixture(t, s, "permits")
		_, err := s.ReplyDraft(ctx, f.req.ID)
		wantCode(t, err, desk.ENOTFOUND)

		ev1 := appendEvent(t, s, f.req.ID, "reply_drafted", t0)
		inTx(t, s, func(tx *store.Tx) error {
			return tx.SaveReplyDraft(ctx, &store.ReplyDraft{RequestID: f.req.ID, Text: "پروانه صادر می‌شود.",
				LegalBasis: "ماده ۱۰۰", StaffID: f.officer, EventID: ev1.ID, At: t0})
		})
		got, err := s.ReplyDraft(ctx, f.req.ID)
		if err != nil || got.Text != "پروانه صادر می‌شود." || got.LegalBasis != "ماده ۱۰۰" || got.StaffID != f.officer ||
			got.EventID != ev1.ID || got.StaffName != "کارشناس" || got.StaffTitle != "کارشناس پروانه" ||
			!got.At.Equal(t0.Truncate(time.Microsecond)) || got.At.Location() != time.UTC {
			t.Fatalf("draft %+v, %v", got, err)
		}

		// Saving again replaces text, author and time: one draft per request.
		later := t0.Add(time.Hour)
		ev2 := appendEvent(t, s, f.req.ID, "reply_drafted", later)
		inTx(t, s, func(tx *store.Tx) error {
			if _, err := tx.ReplyDraft(ctx, f.req.ID); err != nil {
				return err
			}
			return tx.SaveReplyDraft(ctx, &store.ReplyDraft{RequestID: f.req.ID, Text: "متن تازه",
				StaffID: f.manager, EventID: ev2.ID, At: later})
		})
		got, err = s.ReplyDraft(ctx, f.req.ID)
		if err != nil || got.Text != "متن تازه" || got.LegalBasis != "" || got.StaffID != f.manager ||
			got.EventID != ev2.ID || !got.At.Equal(later.Truncate(time.Microsecond)) {
			t.Fatalf("replaced draft %+v, %v", got, err)
		}

		inTx(t, s, func(tx *store.Tx) error { return tx.DeleteReplyDraft(ctx, f.req.ID) })
		_, err = s.ReplyDraft(ctx, f.req.ID)
		wantCode(t, err, desk.ENOTFOUND)
		// Deleting what is not there is no error: an answer without a draft.
		inTx(t, s, func(tx *store.Tx) error { return tx.DeleteReplyDraft(ctx, f.req.ID) })
	})
}

func TestDecisionDrafter(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		f := newDraftFixture(t, s, "permits")
		signed := appendEvent(t, s, f.req.ID, "answered", t0)
		direct := appendEvent(t, s, f.req.ID, "answered", t0.Add(time.Hour))
		var withDraft, without store.Decision
		inTx(t, s, func(tx *store.Tx) error {
			withDraft = store.Decision{RequestID: f.req.ID, EventID: signed.ID, Kind: store.DecisionAnswer, Text: "پاسخ",
				StaffID: f.manager, At: t0}
			if err := tx.AddDecision(ctx, &withDraft); err != nil {
				return err
			}
			without = store.Decision{RequestID: f.req.ID, EventID: direct.ID, Kind: store.DecisionAnswer, Text: "پاسخ",
				StaffID: f.manager, At: t0}
			if err := tx.AddDecision(ctx, &without); err != nil {
				return err
			}
			return tx.SetDecisionDrafter(ctx, signed.ID, f.officer)
		})
		got, err := s.DecisionDrafters(ctx, f.req.ID)
		if err != nil || len(got) != 1 || got[withDraft.ID].StaffID != f.officer || got[withDraft.ID].Name != "کارشناس" {
			t.Fatalf("drafters %+v, %v; want only decision %d by %d", got, err, withDraft.ID, f.officer)
		}
		// An event without a decision has nothing to mark.
		lone := appendEvent(t, s, f.req.ID, "note", t0)
		err = s.InTx(ctx, func(tx *store.Tx) error { return tx.SetDecisionDrafter(ctx, lone.ID, f.officer) })
		wantCode(t, err, desk.ENOTFOUND)
	})
}

func TestAwaitingSignature(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		mine := newDraftFixture(t, s, "permits")
		other := newDraftFixture(t, s, "health")
		newDraftFixture(t, s, "permits") // in progress without a draft: not listed
		answered := newDraftFixture(t, s, "permits")
		for i, f := range []draftFixture{mine, other, answered} {
			at := t0.Add(time.Duration(i) * time.Minute)
			ev := appendEvent(t, s, f.req.ID, "reply_drafted", at)
			inTx(t, s, func(tx *store.Tx) error {
				return tx.SaveReplyDraft(ctx, &store.ReplyDraft{RequestID: f.req.ID, Text: "متن",
					StaffID: f.officer, EventID: ev.ID, At: at})
			})
		}
		answered.req.Status = desk.StatusAnswered
		inTx(t, s, func(tx *store.Tx) error { return tx.UpdateRequest(ctx, answered.req) })

		manager := desk.Actor{StaffID: mine.manager, Roles: []desk.Role{desk.RoleManager},
			Units: []desk.Membership{{UnitCode: "permits"}}}
		officer := desk.Actor{StaffID: mine.officer, Roles: []desk.Role{desk.RoleOfficer},
			Units: []desk.Membership{{UnitCode: "permits"}}}
		// A manager of health holding the permits request signs it too.
		holder := desk.Actor{StaffID: other.manager, Roles: []desk.Role{desk.RoleManager},
			Units: []desk.Membership{{UnitCode: "health"}}}
		inTx(t, s, func(tx *store.Tx) error {
			mine.req.AssigneeID = other.manager
			return tx.UpdateRequest(ctx, mine.req)
		})

		for _, tc := range []struct {
			name  string
			a     desk.Actor
			limit int
			want  []int64
			count int
		}{
			{"manager of the unit", manager, 0, []int64{mine.req.ID}, 1},
			{"officer sees none", officer, 0, nil, 0},
			{"holder across units, oldest first", holder, 0, []int64{mine.req.ID, other.req.ID}, 2},
			{"limit keeps the count", holder, 1, []int64{mine.req.ID}, 2},
		} {
			t.Run(tc.name, func(t *testing.T) {
				rows, n, err := s.AwaitingSignature(ctx, tc.a, tc.limit)
				if err != nil || n != tc.count || len(rows) != len(tc.want) {
					t.Fatalf("rows %+v, count %d, %v; want %v, %d", rows, n, err, tc.want, tc.count)
				}
				for i, id := range tc.want {
					if rows[i].RequestID != id {
						t.Errorf("row %d is request %d; want %d", i, rows[i].RequestID, id)
					}
				}
				if len(rows) > 0 && (rows[0].DrafterName != "کارشناس" || rows[0].TrackingCode == "" || rows[0].UnitName == "") {
					t.Errorf("row %+v lacks drafter, code or unit", rows[0])
				}
			})
		}
	})
}
