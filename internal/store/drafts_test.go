package store_test

import (
	"slices"
	"testing"
	"time"

	"mizban/internal/desk"
	"mizban/internal/store"
	"mizban/internal/store/storetest"
)

func newDraft(id string, expires time.Time) store.Draft {
	return store.Draft{ID: id, ServiceCode: "13091234567", ServiceVersion: 2,
		Data: []byte(`{"name":"مریم"}`), MobileIdx: "idx1", Client: "c1",
		CreatedAt: t0, ExpiresAt: expires}
}

func TestDrafts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		d := newDraft("d1", t0.Add(time.Hour))
		inTx(t, s, func(tx *store.Tx) error { return tx.PutDraft(ctx, d) })
		got, err := s.Draft(ctx, "d1")
		if err != nil {
			t.Fatal(err)
		}
		if string(got.Data) != string(d.Data) || got.ServiceVersion != 2 || got.MobileIdx != "idx1" ||
			got.Client != "c1" || !got.CreatedAt.Equal(t0) || !got.ExpiresAt.Equal(d.ExpiresAt) || got.RequestID != 0 {
			t.Fatalf("Draft = %+v", got)
		}

		// A second put updates the data, mobile and expiry only.
		d2 := d
		d2.Data, d2.MobileIdx, d2.ExpiresAt = []byte(`{"name":"زهرا"}`), "idx2", t0.Add(2*time.Hour)
		d2.Client, d2.ServiceCode = "other", "other"
		r := createRequest(t, s)
		inTx(t, s, func(tx *store.Tx) error {
			if err := tx.PutDraft(ctx, d2); err != nil {
				return err
			}
			got, err := tx.Draft(ctx, "d1")
			if err != nil {
				return err
			}
			if string(got.Data) != `{"name":"زهرا"}` || got.MobileIdx != "idx2" ||
				!got.ExpiresAt.Equal(d2.ExpiresAt) || got.Client != "c1" || got.ServiceCode != d.ServiceCode {
				t.Errorf("after update: %+v", got)
			}
			return tx.SetDraftRequest(ctx, "d1", r.ID)
		})
		if got, _ := s.Draft(ctx, "d1"); got.RequestID != r.ID {
			t.Fatalf("RequestID = %d, want %d", got.RequestID, r.ID)
		}

		_, err = s.Draft(ctx, "missing")
		wantCode(t, err, desk.ENOTFOUND)
		err = s.InTx(ctx, func(tx *store.Tx) error { return tx.SetDraftRequest(ctx, "missing", r.ID) })
		wantCode(t, err, desk.ENOTFOUND)
	})
}

func TestDraftDataBoundToRow(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		inTx(t, s, func(tx *store.Tx) error {
			if err := tx.PutDraft(ctx, newDraft("a", t0)); err != nil {
				return err
			}
			return tx.PutDraft(ctx, newDraft("b", t0))
		})
		// Copying a's ciphertext onto b must not decrypt as b's data.
		if err := store.RawSQL(ctx, s, `UPDATE drafts SET data = (SELECT data FROM drafts WHERE id = 'a') WHERE id = 'b'`); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Draft(ctx, "b"); err == nil {
			t.Fatal("moved ciphertext decrypted")
		}
		if _, err := s.Draft(ctx, "a"); err != nil {
			t.Fatal(err)
		}
	})
}

func doc(key, name, storeKey string) desk.Document {
	return desk.Document{DocKey: key, Name: name, MIME: "application/pdf", Size: 1234,
		SHA256: "ab12", StoreKey: storeKey}
}

func TestDocuments(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		draft := store.Owner{DraftID: "d1"}
		d1, d2 := doc("deed", "سند.pdf", "k1"), doc("map", "نقشه.pdf", "k2")
		inTx(t, s, func(tx *store.Tx) error {
			if err := tx.PutDraft(ctx, newDraft("d1", t0.Add(time.Hour))); err != nil {
				return err
			}
			if err := tx.AddDocument(ctx, draft, &d1); err != nil {
				return err
			}
			return tx.AddDocument(ctx, draft, &d2)
		})
		if d1.ID == 0 || d2.ID <= d1.ID {
			t.Fatalf("ids %d %d", d1.ID, d2.ID)
		}
		docs, err := s.Documents(ctx, draft)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(docs, []desk.Document{d1, d2}) {
			t.Fatalf("Documents = %+v", docs)
		}

		// Another owner cannot delete it.
		err = s.InTx(ctx, func(tx *store.Tx) error {
			_, err := tx.DeleteDocument(ctx, store.Owner{DraftID: "other"}, d1.ID)
			return err
		})
		wantCode(t, err, desk.ENOTFOUND)
		inTx(t, s, func(tx *store.Tx) error {
			got, err := tx.DeleteDocument(ctx, draft, d1.ID)
			if err != nil {
				return err
			}
			if got != d1 {
				t.Errorf("deleted %+v, want %+v", got, d1)
			}
			return nil
		})

		r := createRequest(t, s)
		inTx(t, s, func(tx *store.Tx) error { return tx.AttachDocuments(ctx, "d1", r.ID) })
		if docs, _ := s.Documents(ctx, draft); len(docs) != 0 {
			t.Fatalf("draft still has %+v", docs)
		}
		got, err := s.Request(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got.Documents, []desk.Document{d2}) {
			t.Fatalf("request documents %+v, want %+v", got.Documents, d2)
		}

		_, err = s.Documents(ctx, store.Owner{})
		if err == nil {
			t.Fatal("empty owner accepted")
		}
		_, err = s.Documents(ctx, store.Owner{DraftID: "x", RequestID: 1})
		if err == nil {
			t.Fatal("double owner accepted")
		}
	})
}

func TestDeleteExpiredDrafts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		now := t0.Add(10 * time.Hour)
		r := createRequest(t, s)
		inTx(t, s, func(tx *store.Tx) error {
			for _, d := range []store.Draft{
				newDraft("old", now.Add(-time.Minute)),
				newDraft("used", now.Add(-time.Minute)),
				newDraft("fresh", now.Add(time.Minute)),
			} {
				if err := tx.PutDraft(ctx, d); err != nil {
					return err
				}
			}
			for _, o := range []struct{ draft, key string }{{"old", "k-old-1"}, {"old", "k-old-2"}, {"fresh", "k-fresh"}, {"used", "k-used"}} {
				d := doc("x", "x.pdf", o.key)
				if err := tx.AddDocument(ctx, store.Owner{DraftID: o.draft}, &d); err != nil {
					return err
				}
			}
			return tx.SetDraftRequest(ctx, "used", r.ID)
		})
		var keys []string
		inTx(t, s, func(tx *store.Tx) (err error) {
			keys, err = tx.DeleteExpiredDrafts(ctx, now)
			return err
		})
		if !slices.Equal(keys, []string{"k-old-1", "k-old-2"}) {
			t.Fatalf("store keys %v", keys)
		}
		_, err := s.Draft(ctx, "old")
		wantCode(t, err, desk.ENOTFOUND)
		for _, id := range []string{"used", "fresh"} {
			if _, err := s.Draft(ctx, id); err != nil {
				t.Fatalf("%s: %v", id, err)
			}
		}
		if docs, _ := s.Documents(ctx, store.Owner{DraftID: "fresh"}); len(docs) != 1 {
			t.Fatalf("fresh draft documents %+v", docs)
		}
	})
}
