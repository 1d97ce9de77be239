package store_test

import (
	"bytes"
	"os"
	"reflect"
	"testing"
	"time"

	"mizban/internal/desk"
	"mizban/internal/store"
	"mizban/internal/store/storetest"
)

func TestCreateAndLoadRequest(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		r := newRequest(t)
		r.Representative = &desk.Person{Name: "وکیل", NationalID: "1234567891", Mobile: "09350000000"}
		r.IdempotencyKey = "idem-1"
		inTx(t, s, func(tx *store.Tx) error { return tx.CreateRequest(ctx, r) })
		if r.ID == 0 || r.Version != 1 {
			t.Fatalf("ID %d Version %d", r.ID, r.Version)
		}
		r.Documents = nil // loaders return nil for none
		for name, load := range map[string]func() (desk.Request, error){
			"id":          func() (desk.Request, error) { return s.Request(ctx, r.ID) },
			"tracking":    func() (desk.Request, error) { return s.RequestByTracking(ctx, r.TrackingCode) },
			"idempotency": func() (desk.Request, error) { return s.RequestByIdempotencyKey(ctx, "idem-1") },
		} {
			got, err := load()
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if !reflect.DeepEqual(got, *r) {
				t.Fatalf("%s:\n got %+v\nwant %+v", name, got, *r)
			}
		}
		inTx(t, s, func(tx *store.Tx) error {
			got, err := tx.Request(ctx, r.ID)
			if err != nil || got.TrackingCode != r.TrackingCode {
				t.Errorf("tx.Request = %+v, %v", got, err)
			}
			got, err = tx.RequestByIdempotencyKey(ctx, "idem-1")
			if err != nil || got.ID != r.ID {
				t.Errorf("tx.RequestByIdempotencyKey = %+v, %v", got, err)
			}
			return nil
		})

		// Optional fields come back empty.
		bare := newRequest(t)
		bare.DueAt, bare.Answers, bare.UnitCode = time.Time{}, nil, ""
		inTx(t, s, func(tx *store.Tx) error { return tx.CreateRequest(ctx, bare) })
		got, err := s.Request(ctx, bare.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !got.DueAt.IsZero() || got.Representative != nil || len(got.Answers) != 0 || got.AssigneeID != 0 ||
			got.IdempotencyKey != "" {
			t.Fatalf("bare request %+v", got)
		}

		for name, err := range map[string]error{
			"id":          second(s.Request(ctx, 424242)),
			"tracking":    second(s.RequestByTracking(ctx, "000000000000")),
			"idempotency": second(s.RequestByIdempotencyKey(ctx, "nope")),
			"empty key":   second(s.RequestByIdempotencyKey(ctx, "")),
		} {
			if desk.ErrorCode(err) != desk.ENOTFOUND || desk.ErrorMessage(err) != "درخواستی با این مشخصات پیدا نشد." {
				t.Errorf("%s: %v", name, err)
			}
		}
	})
}

func second[T any](_ T, err error) error { return err }

func TestCreateRequestConflicts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		r := newRequest(t)
		r.IdempotencyKey = "k"
		inTx(t, s, func(tx *store.Tx) error { return tx.CreateRequest(ctx, r) })

		sameCode := newRequest(t)
		sameCode.TrackingCode = r.TrackingCode
		sameKey := newRequest(t)
		sameKey.IdempotencyKey = "k"
		for name, dup := range map[string]*desk.Request{"tracking code": sameCode, "idempotency key": sameKey} {
			// The transaction stays usable after the conflict, so the caller
			// can retry with a new code inside it, on PostgreSQL too.
			inTx(t, s, func(tx *store.Tx) error {
				wantCode(t, tx.CreateRequest(ctx, dup), desk.ECONFLICT)
				if dup.ID != 0 {
					t.Errorf("%s: ID set to %d on conflict", name, dup.ID)
				}
				fresh := newRequest(t)
				return tx.CreateRequest(ctx, fresh)
			})
		}
		// Requests without a key do not clash with each other.
		createRequest(t, s)
		createRequest(t, s)
	})
}

func TestUpdateRequestOptimistic(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		r := createRequest(t, s)
		var staffID int64
		inTx(t, s, func(tx *store.Tx) (err error) {
			staffID, err = tx.PutStaff(ctx, store.StaffRecord{Staff: desk.Staff{Name: "علی"}, Username: "ali", Active: true})
			return err
		})
		stale := *r
		r.Status, r.UnitCode, r.AssigneeID, r.DueAt = desk.StatusInProgress, "legal", staffID, t0.Add(240*time.Hour)
		inTx(t, s, func(tx *store.Tx) error { return tx.UpdateRequest(ctx, r) })
		if r.Version != 2 {
			t.Fatalf("Version %d, want 2", r.Version)
		}
		got, err := s.Request(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != desk.StatusInProgress || got.UnitCode != "legal" || got.AssigneeID != staffID ||
			!got.DueAt.Equal(r.DueAt) || got.Version != 2 {
			t.Fatalf("after update %+v", got)
		}

		stale.Status = desk.StatusRejected
		err = s.InTx(ctx, func(tx *store.Tx) error { return tx.UpdateRequest(ctx, &stale) })
		wantCode(t, err, desk.ECONFLICT)
		if want := "این درخواست هم‌زمان توسط شخص دیگری تغییر کرده است؛ لطفاً صفحه را دوباره باز کنید."; desk.ErrorMessage(err) != want {
			t.Fatalf("message %q", desk.ErrorMessage(err))
		}
		if stale.Version != 1 {
			t.Fatalf("stale version bumped to %d", stale.Version)
		}
		if got, _ := s.Request(ctx, r.ID); got.Status != desk.StatusInProgress {
			t.Fatalf("stale write landed: %s", got.Status)
		}

		// Unassigning clears the assignee.
		r.AssigneeID = 0
		inTx(t, s, func(tx *store.Tx) error { return tx.UpdateRequest(ctx, r) })
		if got, _ := s.Request(ctx, r.ID); got.AssigneeID != 0 || got.Version != 3 {
			t.Fatalf("after unassign %+v", got)
		}

		missing := desk.Request{ID: 777, Version: 1, Status: desk.StatusClosed}
		err = s.InTx(ctx, func(tx *store.Tx) error { return tx.UpdateRequest(ctx, &missing) })
		wantCode(t, err, desk.ENOTFOUND)
	})
}

func TestEvents(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		r := createRequest(t, s)
		var staffID int64
		inTx(t, s, func(tx *store.Tx) (err error) {
			if err := tx.PutUnit(ctx, desk.Unit{Code: "permits", Name: "اداره پروانه"}); err != nil {
				return err
			}
			staffID, err = tx.PutStaff(ctx, store.StaffRecord{
				Staff:    desk.Staff{Name: "علی رضایی", Title: "کارشناس", UnitCode: "permits"},
				Username: "ali", Active: true})
			return err
		})
		evs := []*desk.Event{
			{RequestID: r.ID, At: t0, Type: "submitted", Status: desk.StatusSubmitted, UnitCode: "permits", Actor: "citizen"},
			{RequestID: r.ID, At: t0.Add(time.Hour), Type: "note", UnitCode: "permits", StaffID: staffID,
				Actor: "staff:1", Note: "بررسی داخلی", Internal: true},
			{RequestID: r.ID, At: t0.Add(2 * time.Hour), Type: "status", Status: desk.StatusInProgress,
				UnitCode: "gone", StaffID: staffID, Actor: "staff:1", Note: "در حال بررسی"},
		}
		inTx(t, s, func(tx *store.Tx) error {
			for _, e := range evs {
				if err := tx.AppendEvent(ctx, e); err != nil {
					return err
				}
			}
			return nil
		})
		all, err := s.Events(ctx, r.ID, true)
		if err != nil {
			t.Fatal(err)
		}
		if len(all) != 3 || all[0].ID != evs[2].ID || all[1].ID != evs[1].ID || all[2].ID != evs[0].ID {
			t.Fatalf("not newest first: %+v", all)
		}
		want := *evs[1]
		want.UnitName, want.StaffName, want.StaffTitle = "اداره پروانه", "علی رضایی", "کارشناس"
		if all[1] != want {
			t.Fatalf("event\n got %+v\nwant %+v", all[1], want)
		}
		if all[0].UnitName != "" || all[2].StaffName != "" || all[2].UnitName != "اداره پروانه" {
			t.Fatalf("joins: %+v", all)
		}
		public, err := s.Events(ctx, r.ID, false)
		if err != nil {
			t.Fatal(err)
		}
		if len(public) != 2 || public[0].Internal || public[1].Internal {
			t.Fatalf("public timeline %+v", public)
		}
		if none, err := s.Events(ctx, 9999, true); err != nil || len(none) != 0 {
			t.Fatalf("unknown request: %v %v", none, err)
		}
		// An event must belong to a request.
		err = s.InTx(ctx, func(tx *store.Tx) error {
			return tx.AppendEvent(ctx, &desk.Event{RequestID: 9999, At: t0, Type: "x", Actor: "system"})
		})
		if err == nil {
			t.Fatal("event for a missing request accepted")
		}
	})
}

// Personal data must not reach the database file in the clear.
func TestPersonalDataSealedOnDisk(t *testing.T) {
	s := storetest.Open(t)
	r := newRequest(t)
	r.Applicant = desk.Person{Name: "شهرزاد نیک‌نام", NationalID: "4608968882", Mobile: "09127654321"}
	r.Answers = map[string]string{"address": "کوچه ارغوان پلاک ۹۹۱"}
	inTx(t, s, func(tx *store.Tx) error {
		if err := tx.CreateRequest(ctx, r); err != nil {
			return err
		}
		d := doc("deed", "سند-شهرزاد.pdf", "sk")
		if err := tx.AddDocument(ctx, store.Owner{RequestID: r.ID}, &d); err != nil {
			return err
		}
		if err := tx.PutDraft(ctx, store.Draft{ID: "dr", ServiceCode: "x", Data: []byte(`{"national_id":"4608968882"}`),
			CreatedAt: t0, ExpiresAt: t0}); err != nil {
			return err
		}
		_, err := tx.EnqueueSMS(ctx, &store.OutSMS{To: "09120001111", Text: "کد تأیید ۵۸۱۳۲", Kind: "otp", CreatedAt: t0})
		return err
	})
	if err := store.Checkpoint(ctx, s); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(store.FilePath(s))
	if err != nil {
		t.Fatal(err)
	}
	if wal, err := os.ReadFile(store.FilePath(s) + "-wal"); err == nil {
		raw = append(raw, wal...)
	}
	if !bytes.Contains(raw, []byte(r.TrackingCode)) {
		t.Fatal("tracking code not in the file: the scan reads the wrong bytes")
	}
	for _, secret := range []string{"4608968882", "09127654321", "شهرزاد", "ارغوان", "سند-شهرزاد", "کد تأیید ۵۸۱۳۲", "09120001111"} {
		if bytes.Contains(raw, []byte(secret)) {
			t.Errorf("%q found in plaintext in the database file", secret)
		}
	}
}
