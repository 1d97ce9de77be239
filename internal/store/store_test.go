package store_test

import (
	"errors"
	"strings"
	"testing"

	"mizban/internal/desk"
	"mizban/internal/store"
	"mizban/internal/store/storetest"
)

func TestDialectAndPing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		if !strings.HasSuffix(t.Name(), "/"+s.Dialect()) {
			t.Errorf("Dialect() = %q, subtest %q", s.Dialect(), t.Name())
		}
		if err := s.Ping(ctx); err != nil {
			t.Fatal(err)
		}
		// Migrating twice is a no-op.
		if err := s.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
	})
}

func TestInTxRollsBack(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		boom := errors.New("boom")
		err := s.InTx(ctx, func(tx *store.Tx) error {
			if err := tx.SetMeta(ctx, "k", "v"); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("InTx error %v, want boom unchanged", err)
		}
		if _, ok, err := s.Meta(ctx, "k"); err != nil || ok {
			t.Fatalf("after rollback Meta: ok %v err %v, want absent", ok, err)
		}
		// A desk error passes through InTx unwrapped.
		err = s.InTx(ctx, func(tx *store.Tx) error { return desk.Errorf(desk.EFORBIDDEN, "نه") })
		wantCode(t, err, desk.EFORBIDDEN)
	})
}

func TestMeta(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		if v, ok, err := s.Meta(ctx, "seeded"); err != nil || ok || v != "" {
			t.Fatalf("missing key: %q %v %v", v, ok, err)
		}
		inTx(t, s, func(tx *store.Tx) error { return tx.SetMeta(ctx, "seeded", "1") })
		inTx(t, s, func(tx *store.Tx) error { return tx.SetMeta(ctx, "seeded", "2") })
		v, ok, err := s.Meta(ctx, "seeded")
		if err != nil || !ok || v != "2" {
			t.Fatalf("Meta = %q %v %v, want 2 true nil", v, ok, err)
		}
	})
}

func TestUnitsAndStaff(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		inTx(t, s, func(tx *store.Tx) error {
			for _, u := range []desk.Unit{
				{Code: "root", Name: "شهرداری"},
				{Code: "permits", Name: "اداره پروانه", Parent: "root"},
			} {
				if err := tx.PutUnit(ctx, u); err != nil {
					return err
				}
			}
			return tx.PutUnit(ctx, desk.Unit{Code: "permits", Name: "اداره صدور پروانه", Parent: "root"})
		})
		units, err := s.Units(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(units) != 2 || units[0].Code != "permits" || units[0].Name != "اداره صدور پروانه" ||
			units[0].Parent != "root" || units[1].Code != "root" {
			t.Fatalf("Units = %+v", units)
		}

		var id1, id2, again int64
		inTx(t, s, func(tx *store.Tx) (err error) {
			rec := store.StaffRecord{Staff: desk.Staff{Name: "علی رضایی", Title: "کارشناس", UnitCode: "permits"},
				Username: "ali", Role: "clerk", Active: true}
			if id1, err = tx.PutStaff(ctx, rec); err != nil {
				return err
			}
			if id2, err = tx.PutStaff(ctx, store.StaffRecord{Staff: desk.Staff{Name: "سارا", UnitCode: "permits"},
				Username: "sara", Role: "clerk", Active: false}); err != nil {
				return err
			}
			rec.Title = "کارشناس ارشد"
			again, err = tx.PutStaff(ctx, rec)
			return err
		})
		if id1 == 0 || id1 == id2 || again != id1 {
			t.Fatalf("ids %d %d, upsert gave %d", id1, id2, again)
		}
		st, err := s.Staff(ctx, id1)
		if err != nil {
			t.Fatal(err)
		}
		want := desk.Staff{ID: id1, Name: "علی رضایی", Title: "کارشناس ارشد", UnitCode: "permits"}
		if st != want {
			t.Fatalf("Staff = %+v, want %+v", st, want)
		}
		rec, err := s.StaffByUsername(ctx, "sara")
		if err != nil || rec.ID != id2 || rec.Active || rec.Role != "clerk" {
			t.Fatalf("StaffByUsername = %+v, %v", rec, err)
		}
		list, err := s.StaffByUnit(ctx, "permits")
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 1 || list[0] != want {
			t.Fatalf("StaffByUnit = %+v, want only the active %+v", list, want)
		}
		_, err = s.Staff(ctx, 9999)
		wantCode(t, err, desk.ENOTFOUND)
		_, err = s.StaffByUsername(ctx, "nobody")
		wantCode(t, err, desk.ENOTFOUND)
	})
}
