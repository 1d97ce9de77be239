package store_test

import (
	"testing"
	"time"

	"mizban/internal/desk"
	"mizban/internal/store"
	"mizban/internal/store/storetest"
)

func TestStaffDirectory(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		enrolled := putPerson(t, s, "f.nowrouzi")
		var bare int64
		inTx(t, s, func(tx *store.Tx) error {
			if err := tx.SetStaffRoles(ctx, enrolled, []desk.Role{desk.RoleAdmin, desk.RoleOfficer}); err != nil {
				return err
			}
			if err := tx.SetStaffUnits(ctx, enrolled, []desk.Membership{{UnitCode: "permits", Title: "کارشناس"}, {UnitCode: "legal"}}); err != nil {
				return err
			}
			if err := tx.SetPassword(ctx, enrolled, "hash", time.Now().UTC(), false); err != nil {
				return err
			}
			if err := tx.SetPendingTOTP(ctx, enrolled, []byte("0123456789abcdefghij")); err != nil {
				return err
			}
			if err := tx.EnrollTOTP(ctx, enrolled, 1, nil); err != nil {
				return err
			}
			var err error
			// No password, no roles, disabled: still listed.
			bare, err = tx.PutStaff(ctx, store.StaffRecord{Staff: desk.Staff{Name: "آرش کیانی"}, Username: "a.kiani", Active: false})
			return err
		})
		got, err := s.StaffDirectory(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || got[0].ID != bare || got[1].ID != enrolled {
			t.Fatalf("directory = %+v, want a.kiani then f.nowrouzi (by name)", got)
		}
		b, e := got[0], got[1]
		if b.Active || b.HasPassword || b.TOTPEnrolled || len(b.Roles) != 0 || len(b.Units) != 0 {
			t.Errorf("bare account = %+v", b)
		}
		if !e.Active || !e.HasPassword || !e.TOTPEnrolled || e.Username != "f.nowrouzi" {
			t.Errorf("enrolled account = %+v", e)
		}
		if len(e.Roles) != 2 || e.Roles[0] != desk.RoleOfficer || e.Roles[1] != desk.RoleAdmin {
			t.Errorf("roles = %v, want desk.Roles order", e.Roles)
		}
		if len(e.Units) != 2 || e.Units[0] != (desk.Membership{UnitCode: "permits", Title: "کارشناس"}) || e.Units[1].UnitCode != "legal" {
			t.Errorf("units = %v, want the main one first", e.Units)
		}
	})
}
