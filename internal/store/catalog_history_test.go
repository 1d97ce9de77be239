package store_test

import (
	"testing"
	"time"

	"mizban/internal/desk"
	"mizban/internal/store"
	"mizban/internal/store/storetest"
)

func TestServiceVersionMeta(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		wantCode(t, func() error { _, err := s.ServiceHistory(ctx, "13091234567"); return err }(), desk.ENOTFOUND)
		svc := permitService()
		inTx(t, s, func(tx *store.Tx) error {
			_, err := tx.PublishServiceVersion(ctx, svc, store.VersionMeta{PublishedBy: "علی"})
			return err
		})
		svc.FeeRials, svc.UpdatedAt = 500000, t0.Add(time.Hour)
		changes := `[{"area":"fee","text":"هزینه تغییر کرد.","material":true}]`
		inTx(t, s, func(tx *store.Tx) error {
			v, err := tx.PublishServiceVersion(ctx, svc, store.VersionMeta{Changes: changes, Material: true, PublishedBy: "مینا"})
			if v != 2 {
				t.Errorf("version %d", v)
			}
			return err
		})
		h, err := s.ServiceHistory(ctx, svc.Code)
		if err != nil || len(h) != 2 {
			t.Fatalf("history = %+v, %v", h, err)
		}
		if h[0].Version != 2 || h[0].Changes != changes || !h[0].Material || h[0].PublishedBy != "مینا" || !h[0].PublishedAt.Equal(t0.Add(time.Hour)) {
			t.Errorf("newest = %+v", h[0])
		}
		if h[1].Version != 1 || h[1].Changes != "[]" || h[1].Material || h[1].PublishedBy != "علی" {
			t.Errorf("oldest = %+v", h[1])
		}
		// The version a request was filed under stays as it was.
		old, err := s.ServiceVersion(ctx, svc.Code, 1)
		if err != nil || old.FeeRials != 0 {
			t.Errorf("version 1 = %+v, %v", old, err)
		}

		// Marking reviewed changes the current card only, no new version.
		at := t0.Add(72 * time.Hour)
		inTx(t, s, func(tx *store.Tx) error { return tx.MarkServiceReviewed(ctx, svc.Code, at) })
		cur, err := s.Service(ctx, svc.Code)
		if err != nil || cur.Version != 2 || !cur.ReviewedAt.Equal(at) || cur.FeeRials != 500000 {
			t.Errorf("reviewed card = %+v, %v", cur, err)
		}
		if h, _ := s.ServiceHistory(ctx, svc.Code); len(h) != 2 {
			t.Errorf("a review made a version: %d", len(h))
		}
		wantCode(t, s.InTx(ctx, func(tx *store.Tx) error { return tx.MarkServiceReviewed(ctx, "404", at) }), desk.ENOTFOUND)
	})
}

func TestOpenRequestPeople(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		rep := &desk.Person{Name: "وکیل", Mobile: "09350000000"}
		var ids []int64
		for _, c := range []struct {
			status  desk.Status
			service string
			rep     *desk.Person
		}{
			{desk.StatusSubmitted, "13090100000", nil},
			{desk.StatusNeedsDocs, "13090100000", rep},
			{desk.StatusInProgress, "13090100000", nil},
			{desk.StatusAnswered, "13090100000", nil},
			{desk.StatusClosed, "13090100000", nil},
			{desk.StatusRejected, "13090100000", nil},
			{desk.StatusSubmitted, "other", nil},
		} {
			r := newRequest(t)
			r.Status, r.ServiceCode, r.Representative = c.status, c.service, c.rep
			inTx(t, s, func(tx *store.Tx) error { return tx.CreateRequest(ctx, r) })
			ids = append(ids, r.ID)
		}
		inTx(t, s, func(tx *store.Tx) error {
			got, err := tx.OpenRequestPeople(ctx, "13090100000")
			if err != nil {
				return err
			}
			if len(got) != 3 || got[0].ID != ids[0] || got[1].ID != ids[1] || got[2].ID != ids[2] {
				t.Fatalf("open = %+v", got)
			}
			if got[0].Applicant.Mobile != "09121234567" || got[1].Representative == nil || got[1].Representative.Mobile != rep.Mobile {
				t.Errorf("people not unsealed: %+v", got)
			}
			return nil
		})
	})
}
