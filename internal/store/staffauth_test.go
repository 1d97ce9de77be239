package store_test

import (
	"slices"
	"testing"
	"time"

	"mizban/internal/desk"
	"mizban/internal/store"
	"mizban/internal/store/storetest"
)

func putPerson(t *testing.T, s *store.Store, username string) int64 {
	t.Helper()
	var id int64
	inTx(t, s, func(tx *store.Tx) error {
		for _, u := range []desk.Unit{{Code: "legal", Name: "حقوقی"}, {Code: "permits", Name: "پروانه"}} {
			if err := tx.PutUnit(ctx, u); err != nil {
				return err
			}
		}
		var err error
		id, err = tx.PutStaff(ctx, store.StaffRecord{Staff: desk.Staff{Name: "فاطمه نوروزی"}, Username: username, Active: true})
		return err
	})
	return id
}

func TestActorRolesAndUnits(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		id := putPerson(t, s, "f.nowrouzi")
		inTx(t, s, func(tx *store.Tx) error {
			if err := tx.SetStaffRoles(ctx, id, []desk.Role{desk.RoleManager, desk.RoleOfficer}); err != nil {
				return err
			}
			return tx.SetStaffUnits(ctx, id, []desk.Membership{
				{UnitCode: "permits", Title: "کارشناس صدور پروانه"}, {UnitCode: "legal", Title: "مشاور حقوقی"}})
		})
		a, err := s.Actor(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		// Roles come in desk.Roles order, units in the order given.
		if !slices.Equal(a.Roles, []desk.Role{desk.RoleOfficer, desk.RoleManager}) {
			t.Errorf("roles %v", a.Roles)
		}
		if !slices.Equal(a.UnitCodes(), []string{"permits", "legal"}) || a.Units[1].Title != "مشاور حقوقی" {
			t.Errorf("units %+v", a.Units)
		}
		if a.Name != "فاطمه نوروزی" || a.StaffID != id {
			t.Errorf("actor %+v", a)
		}
		// The staff row follows the main membership and first role.
		rec, err := s.StaffRecord(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if rec.UnitCode != "permits" || rec.Title != "کارشناس صدور پروانه" || rec.Role != "officer" {
			t.Errorf("staff row %+v", rec)
		}
		members, err := s.UnitMembers(ctx, "legal")
		if err != nil {
			t.Fatal(err)
		}
		if len(members) != 1 || members[0].ID != id || members[0].Title != "مشاور حقوقی" {
			t.Errorf("legal members %+v", members)
		}
		// Replacing roles replaces them.
		inTx(t, s, func(tx *store.Tx) error { return tx.SetStaffRoles(ctx, id, []desk.Role{desk.RoleAuditor}) })
		if a, _ := s.Actor(ctx, id); !slices.Equal(a.Roles, []desk.Role{desk.RoleAuditor}) {
			t.Errorf("roles after replace %v", a.Roles)
		}
		wantCode(t, s.InTx(ctx, func(tx *store.Tx) error { return tx.SetStaffRoles(ctx, id, []desk.Role{"king"}) }), desk.EINVALID)
		// Disabled and unknown staff cannot act.
		inTx(t, s, func(tx *store.Tx) error { return tx.SetStaffActive(ctx, id, false) })
		_, err = s.Actor(ctx, id)
		wantCode(t, err, desk.EUNAUTHORIZED)
		_, err = s.Actor(ctx, id+100)
		wantCode(t, err, desk.EUNAUTHORIZED)
		if members, _ := s.UnitMembers(ctx, "legal"); len(members) != 0 {
			t.Errorf("a disabled person is still listed: %+v", members)
		}
	})
}

func TestCredentials(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		id := putPerson(t, s, "h.sadeghi")
		_, err := s.Credentials(ctx, id)
		wantCode(t, err, desk.ENOTFOUND)
		inTx(t, s, func(tx *store.Tx) error { return tx.SetPassword(ctx, id, "$argon2id$x", t0, true) })
		if n, err := s.DemoPasswords(ctx); err != nil || n != 1 {
			t.Fatalf("demo passwords %d, %v", n, err)
		}
		secret := []byte("12345678901234567890")
		inTx(t, s, func(tx *store.Tx) error {
			if n, err := tx.AuthFailed(ctx, id); err != nil || n != 1 {
				t.Errorf("first failure counted %d, %v", n, err)
			}
			if err := tx.LockStaff(ctx, id, t0.Add(time.Hour)); err != nil {
				return err
			}
			return tx.SetPendingTOTP(ctx, id, secret)
		})
		c, err := s.Credentials(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if string(c.TOTPSecret) != string(secret) || c.TOTPEnrolled || c.FailedCount != 1 ||
			!c.LockedUntil.Equal(t0.Add(time.Hour)) || !c.DemoPassword || !c.PasswordChangedAt.Equal(t0) {
			t.Errorf("credentials %+v", c)
		}
		inTx(t, s, func(tx *store.Tx) error {
			if err := tx.EnrollTOTP(ctx, id, 100, []string{"h1", "h2"}); err != nil {
				return err
			}
			return tx.SetPassword(ctx, id, "$argon2id$y", t0.Add(time.Minute), false)
		})
		c, _ = s.Credentials(ctx, id)
		// A new password clears failures and the lock but keeps the second factor.
		if c.FailedCount != 0 || !c.LockedUntil.IsZero() || c.DemoPassword || !c.TOTPEnrolled || c.TOTPLastStep != 100 ||
			!slices.Equal(c.RecoveryCodes, []string{"h1", "h2"}) || c.PasswordHash != "$argon2id$y" {
			t.Errorf("after new password %+v", c)
		}
		if n, _ := s.DemoPasswords(ctx); n != 0 {
			t.Errorf("demo passwords %d after change", n)
		}
		inTx(t, s, func(tx *store.Tx) error {
			for _, tc := range []struct {
				step int64
				want bool
			}{{100, false}, {99, false}, {101, true}, {101, false}, {103, true}} {
				if ok, err := tx.UseTOTPStep(ctx, id, tc.step); err != nil || ok != tc.want {
					t.Errorf("UseTOTPStep(%d) = %v, %v; want %v", tc.step, ok, err, tc.want)
				}
			}
			for _, tc := range []struct {
				hash string
				want bool
			}{{"h2", true}, {"h2", false}, {"h3", false}, {"h1", true}, {"h1", false}} {
				if ok, err := tx.UseRecoveryCode(ctx, id, tc.hash); err != nil || ok != tc.want {
					t.Errorf("UseRecoveryCode(%s) = %v, %v; want %v", tc.hash, ok, err, tc.want)
				}
			}
			return nil
		})
		// A sealed secret moved to another person's row does not open.
		other := putPerson(t, s, "m.ghasemi")
		inTx(t, s, func(tx *store.Tx) error { return tx.SetPassword(ctx, other, "$argon2id$z", t0, false) })
		if err := store.CopyTOTPSecret(ctx, s, id, other); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Credentials(ctx, other); err == nil {
			t.Error("a TOTP secret copied between rows was accepted")
		}
		inTx(t, s, func(tx *store.Tx) error { return tx.ResetTOTP(ctx, id) })
		if c, _ := s.Credentials(ctx, id); c.TOTPSecret != nil || c.TOTPEnrolled || len(c.RecoveryCodes) != 0 {
			t.Errorf("after reset %+v", c)
		}
	})
}

func TestSessions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		id := putPerson(t, s, "r.abbasi")
		other := putPerson(t, s, "l.mohammadi")
		mk := func(hash string, staff int64, created time.Time) store.Session {
			return store.Session{TokenHash: hash, StaffID: staff, Stage: store.StageOK, CreatedAt: created,
				LastSeenAt: created, AbsoluteExpiry: created.Add(12 * time.Hour), Client: "c1"}
		}
		inTx(t, s, func(tx *store.Tx) error {
			for _, ss := range []store.Session{mk("a", id, t0), mk("b", id, t0), mk("c", other, t0), mk("old", other, t0.Add(-13*time.Hour))} {
				if err := tx.CreateSession(ctx, ss); err != nil {
					return err
				}
			}
			return nil
		})
		got, err := s.Session(ctx, "a")
		if err != nil {
			t.Fatal(err)
		}
		if got != mk("a", id, t0) {
			t.Errorf("session %+v", got)
		}
		if err := s.TouchSession(ctx, "a", t0.Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
		// Touching never moves last_seen back.
		if err := s.TouchSession(ctx, "a", t0); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.Session(ctx, "a"); !got.LastSeenAt.Equal(t0.Add(time.Minute)) {
			t.Errorf("last seen %v", got.LastSeenAt)
		}
		inTx(t, s, func(tx *store.Tx) error {
			if n, err := tx.DeleteExpiredSessions(ctx, t0, t0.Add(-30*time.Minute)); err != nil || n != 1 {
				t.Errorf("expired sessions removed: %d, %v", n, err)
			}
			if n, err := tx.DeleteStaffSessions(ctx, id); err != nil || n != 2 {
				t.Errorf("sessions of one person removed: %d, %v", n, err)
			}
			return tx.DeleteSession(ctx, "nothing")
		})
		for _, h := range []string{"a", "b", "old"} {
			_, err := s.Session(ctx, h)
			wantCode(t, err, desk.ENOTFOUND)
		}
		if _, err := s.Session(ctx, "c"); err != nil {
			t.Errorf("another person's session ended: %v", err)
		}
	})
}
