package store_test

import (
	"testing"
	"time"

	"mizban/internal/desk"
	"mizban/internal/store"
	"mizban/internal/store/storetest"
)

func TestCatalogDraftRevisions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		wantCode(t, func() error { _, err := s.CatalogDraft(ctx, "13091234567"); return err }(), desk.ENOTFOUND)
		d := store.CatalogDraft{Code: "13091234567", BaseVersion: 2, State: store.DraftEditing,
			Card: permitService(), UpdatedBy: "staff:1", UpdatedName: "سارا رحیمی", UpdatedAt: t0}
		inTx(t, s, func(tx *store.Tx) error { return tx.CreateCatalogDraft(ctx, &d) })
		if d.Revision != 1 {
			t.Fatalf("first revision = %d", d.Revision)
		}
		// A second first draft of the same code is a conflict, and the
		// transaction stays usable (PostgreSQL aborts on a failed statement).
		inTx(t, s, func(tx *store.Tx) error {
			twin := d
			wantCode(t, tx.CreateCatalogDraft(ctx, &twin), desk.ECONFLICT)
			_, err := tx.CatalogDraft(ctx, d.Code)
			return err
		})

		// Two editors saving from revision 1: the first wins, the second
		// is refused and changes nothing.
		first, second := d, d
		first.Card.Title, first.UpdatedName = "عنوان اول", "علی"
		second.Card.Title, second.UpdatedName = "عنوان دوم", "مینا"
		inTx(t, s, func(tx *store.Tx) error { return tx.UpdateCatalogDraft(ctx, &first) })
		err := s.InTx(ctx, func(tx *store.Tx) error { return tx.UpdateCatalogDraft(ctx, &second) })
		wantCode(t, err, desk.ECONFLICT)
		got, err := s.CatalogDraft(ctx, d.Code)
		if err != nil || got.Revision != 2 || got.Card.Title != "عنوان اول" || got.UpdatedName != "علی" ||
			got.BaseVersion != 2 || !got.UpdatedAt.Equal(t0) || !got.EffectiveAt.IsZero() {
			t.Fatalf("after the race: %+v, %v", got, err)
		}

		// State, effective date and review fields round-trip.
		eff := t0.Add(48 * time.Hour)
		got.State, got.EffectiveAt, got.SubmittedBy, got.SubmittedName, got.ReviewNote, got.ApprovedBy =
			store.DraftScheduled, eff, "staff:1", "علی", "یادداشت", "مدیر"
		inTx(t, s, func(tx *store.Tx) error { return tx.UpdateCatalogDraft(ctx, &got) })
		again, err := s.CatalogDraft(ctx, d.Code)
		if err != nil || again.Revision != 3 || again.State != store.DraftScheduled || !again.EffectiveAt.Equal(eff) ||
			again.SubmittedBy != "staff:1" || again.SubmittedName != "علی" || again.ReviewNote != "یادداشت" || again.ApprovedBy != "مدیر" {
			t.Fatalf("round trip: %+v, %v", again, err)
		}

		// Due: only scheduled drafts whose date has come.
		other := store.CatalogDraft{Code: "13090000002", New: true, State: store.DraftReview, Card: desk.Service{Code: "13090000002"},
			EffectiveAt: t0, UpdatedBy: "staff:2", UpdatedAt: t0.Add(-time.Minute)}
		inTx(t, s, func(tx *store.Tx) error { return tx.CreateCatalogDraft(ctx, &other) })
		for _, c := range []struct {
			at   time.Time
			want int
		}{{eff.Add(-time.Second), 0}, {eff, 1}, {eff.Add(time.Hour), 1}} {
			inTx(t, s, func(tx *store.Tx) error {
				due, err := tx.DueCatalogDrafts(ctx, c.at)
				if len(due) != c.want || (c.want == 1 && due[0].Code != d.Code) {
					t.Errorf("due at %v = %+v", c.at, due)
				}
				return err
			})
		}
		list, err := s.CatalogDrafts(ctx)
		if err != nil || len(list) != 2 || list[0].Code != d.Code || !list[1].New {
			t.Fatalf("drafts = %+v, %v", list, err)
		}

		// Delete checks the revision too.
		wantCode(t, s.InTx(ctx, func(tx *store.Tx) error { return tx.DeleteCatalogDraft(ctx, d.Code, 2) }), desk.ECONFLICT)
		wantCode(t, s.InTx(ctx, func(tx *store.Tx) error { return tx.DeleteCatalogDraft(ctx, "999", 1) }), desk.ENOTFOUND)
		inTx(t, s, func(tx *store.Tx) error { return tx.DeleteCatalogDraft(ctx, d.Code, 3) })
		wantCode(t, func() error { _, err := s.CatalogDraft(ctx, d.Code); return err }(), desk.ENOTFOUND)
	})
}
