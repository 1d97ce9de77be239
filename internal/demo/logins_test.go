package demo

import (
	"context"
	"slices"
	"strconv"
	"testing"

	"mizban/internal/auth"
	"mizban/internal/desk"
	"mizban/internal/store"
	"mizban/internal/store/storetest"
)

func TestLogins(t *testing.T) {
	logins := Logins()
	var roles []string
	for _, l := range logins {
		roles = append(roles, l.Role)
		if l.Username == "" || l.Password == "" {
			t.Errorf("login %+v", l)
		}
		// A published password can never be chosen for real.
		if err := auth.CheckPassword(l.Password, ""); desk.ErrorMessage(err) != auth.MsgPasswordCommon {
			t.Errorf("demo password of %s passes the policy: %v", l.Role, err)
		}
	}
	if !slices.Equal(roles, Roles) {
		t.Errorf("logins for roles %v, want %v", roles, Roles)
	}
}

func TestSeedStaffAccess(t *testing.T) {
	ctx := context.Background()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		if err := Seed(ctx, st); err != nil {
			t.Fatal(err)
		}
		if err := Seed(ctx, st); err != nil { // idempotent
			t.Fatal(err)
		}
		agency, _, _ := Load()
		if n, err := st.DemoPasswords(ctx); err != nil || n != len(agency.Staff) {
			t.Fatalf("%d demo passwords (%v), want %d", n, err, len(agency.Staff))
		}
		for _, l := range Logins() {
			rec, err := st.StaffByUsername(ctx, l.Username)
			if err != nil {
				t.Fatal(err)
			}
			a, err := st.Actor(ctx, rec.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(a.Roles, []desk.Role{desk.Role(l.Role)}) || !slices.Equal(a.UnitCodes(), []string{l.Unit}) {
				t.Errorf("%s: actor %+v", l.Username, a)
			}
			c, err := st.Credentials(ctx, rec.ID)
			if err != nil {
				t.Fatal(err)
			}
			if ok, err := auth.VerifyPassword(c.PasswordHash, l.Password); !ok || err != nil || c.TOTPEnrolled {
				t.Errorf("%s: password ok=%v err=%v enrolled=%v", l.Username, ok, err, c.TOTPEnrolled)
			}
		}
		// Outside demo mode this database is refused until every demo
		// password is gone.
		if err := RefuseDemoSecrets(ctx, st); err == nil {
			t.Fatal("a demo database was accepted for production")
		}
		svc := auth.New(st, "")
		svc.Params = auth.DemoParams
		for i, s := range agency.Staff {
			var err error
			if i%2 == 0 {
				err = svc.SetPassword(ctx, auth.CommandLine(), s.Username, "a private phrase, number "+strconv.Itoa(i))
			} else {
				err = svc.SetActive(ctx, auth.CommandLine(), s.Username, false)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		if err := RefuseDemoSecrets(ctx, st); err != nil {
			t.Errorf("refused after every demo password was changed or disabled: %v", err)
		}
	})
}
