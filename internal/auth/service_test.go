package auth_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"mizban/internal/audit"
	"mizban/internal/auth"
	"mizban/internal/desk"
	"mizban/internal/store"
	"mizban/internal/store/storetest"
)

var ctx = context.Background()

const goodPassword = "rain over the old bazaar"

// clock is the injected time of a test.
type clock struct{ t time.Time }

func (c *clock) now() time.Time          { return c.t }
func (c *clock) advance(d time.Duration) { c.t = c.t.Add(d) }

type env struct {
	t      *testing.T
	st     *store.Store
	svc    *auth.Service
	clk    *clock
	secret map[string][]byte // username → enrolled TOTP secret
}

func newEnv(t *testing.T, st *store.Store) *env {
	t.Helper()
	clk := &clock{time.Date(2026, 4, 20, 6, 0, 0, 0, time.UTC)}
	svc := auth.New(st, "شهرداری نمونه")
	svc.Params = auth.DemoParams // quick hashes; the costs are tested on their own
	svc.Now = clk.now
	err := st.InTx(ctx, func(tx *store.Tx) error {
		for _, u := range []desk.Unit{{Code: "legal", Name: "حقوقی"}, {Code: "permits", Name: "پروانه"}} {
			if err := tx.PutUnit(ctx, u); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return &env{t: t, st: st, svc: svc, clk: clk, secret: map[string][]byte{}}
}

func (e *env) add(username string, roles ...desk.Role) int64 {
	e.t.Helper()
	if len(roles) == 0 {
		roles = []desk.Role{desk.RoleOfficer}
	}
	id, err := e.svc.AddUser(ctx, auth.CommandLine(), auth.NewUser{Username: username, Name: "الهام طاهری",
		Units: []desk.Membership{{UnitCode: "permits", Title: "کارشناس صدور پروانه"}}, Roles: roles, Password: goodPassword})
	if err != nil {
		e.t.Fatal(err)
	}
	return id
}

// signIn signs username in fully, enrolling the second factor the first
// time, and returns the session token.
func (e *env) signIn(username string) string {
	e.t.Helper()
	step, err := e.svc.SignIn(ctx, username, goodPassword, "client-1")
	if err != nil {
		e.t.Fatal(err)
	}
	e.clk.advance(auth.TOTPPeriod * time.Second) // a fresh step, never a replay
	if step.Stage == store.StageEnroll {
		en, err := e.svc.EnrollStart(ctx, step.Token)
		if err != nil {
			e.t.Fatal(err)
		}
		e.secret[username] = en.Secret
		step, err = e.svc.EnrollConfirm(ctx, step.Token, auth.TOTP(en.Secret, e.clk.now()), "client-1")
		if err != nil {
			e.t.Fatal(err)
		}
		return step.Token
	}
	step, err = e.svc.SecondFactor(ctx, step.Token, auth.TOTP(e.secret[username], e.clk.now()), "client-1")
	if err != nil {
		e.t.Fatal(err)
	}
	return step.Token
}

func (e *env) wantCode(err error, code, msg string) {
	e.t.Helper()
	if desk.ErrorCode(err) != code || (msg != "" && desk.ErrorMessage(err) != msg) {
		e.t.Fatalf("error %v, want %s %q", err, code, msg)
	}
}

// audited returns the results of the audit records of action on target.
func (e *env) audited(action, target string) []string {
	e.t.Helper()
	recs, err := e.st.Audit(ctx, store.AuditFilter{Action: action, Target: target, Limit: 1000})
	if err != nil {
		e.t.Fatal(err)
	}
	var out []string
	for _, r := range recs {
		out = append(out, r.Result+":"+r.Details)
	}
	return out
}

func TestSignInEnrollAndSignOut(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st)
		id := e.add("e.taheri", desk.RoleOfficer, desk.RoleManager)
		target := "staff:" + itoa(id)

		// Wrong password, unknown user: the same message.
		_, err := e.svc.SignIn(ctx, "e.taheri", "wrong password here", "c")
		e.wantCode(err, desk.EUNAUTHORIZED, auth.MsgSignInFailed)
		_, err = e.svc.SignIn(ctx, "nobody", goodPassword, "c")
		e.wantCode(err, desk.EUNAUTHORIZED, auth.MsgSignInFailed)

		step, err := e.svc.SignIn(ctx, " E.Taheri ", goodPassword, "c")
		if err != nil {
			t.Fatal(err)
		}
		if step.Stage != store.StageEnroll || step.Token == "" {
			t.Fatalf("first sign-in %+v", step)
		}
		// A pending session is not a signed-in one.
		_, err = e.svc.Session(ctx, step.Token)
		e.wantCode(err, desk.EUNAUTHORIZED, "")
		en, err := e.svc.EnrollStart(ctx, step.Token)
		if err != nil {
			t.Fatal(err)
		}
		again, _ := e.svc.EnrollStart(ctx, step.Token)
		if string(again.Secret) != string(en.Secret) {
			t.Error("reloading the enrollment page changed the secret")
		}
		_, err = e.svc.EnrollConfirm(ctx, step.Token, "000000", "c")
		e.wantCode(err, desk.EINVALID, auth.MsgCodeWrong)
		done, err := e.svc.EnrollConfirm(ctx, step.Token, auth.TOTP(en.Secret, e.clk.now()), "c")
		if err != nil {
			t.Fatal(err)
		}
		if done.Stage != store.StageOK || done.Token == step.Token || len(done.Recovery) != 10 {
			t.Fatalf("enrolled %+v", done)
		}
		// The pending token is spent; the new one is signed in.
		if _, err := e.svc.Pending(ctx, step.Token, store.StageEnroll); err == nil {
			t.Error("the pending session survived sign-in")
		}
		a, err := e.svc.Session(ctx, done.Token)
		if err != nil {
			t.Fatal(err)
		}
		if a.StaffID != id || !slices.Equal(a.Roles, []desk.Role{desk.RoleOfficer, desk.RoleManager}) || !a.InUnit("permits") {
			t.Errorf("actor %+v", a)
		}
		// The enrolling code's step is spent: signing in again at once with
		// the same code is a replay.
		step2, err := e.svc.SignIn(ctx, "e.taheri", goodPassword, "c")
		if err != nil {
			t.Fatal(err)
		}
		if step2.Stage != store.StageTOTP {
			t.Fatalf("second sign-in stage %s", step2.Stage)
		}
		_, err = e.svc.SecondFactor(ctx, step2.Token, auth.TOTP(en.Secret, e.clk.now()), "c")
		e.wantCode(err, desk.EINVALID, auth.MsgCodeUsed)
		e.clk.advance(30 * time.Second)
		second, err := e.svc.SecondFactor(ctx, step2.Token, auth.TOTP(en.Secret, e.clk.now()), "c")
		if err != nil {
			t.Fatal(err)
		}
		// ... and that code cannot be used again either, in another sign-in.
		step3, _ := e.svc.SignIn(ctx, "e.taheri", goodPassword, "c")
		_, err = e.svc.SecondFactor(ctx, step3.Token, auth.TOTP(en.Secret, e.clk.now()), "c")
		e.wantCode(err, desk.EINVALID, auth.MsgCodeUsed)

		if err := e.svc.SignOut(ctx, second.Token, "c"); err != nil {
			t.Fatal(err)
		}
		_, err = e.svc.Session(ctx, second.Token)
		e.wantCode(err, desk.EUNAUTHORIZED, "")
		if _, err := e.svc.Session(ctx, done.Token); err != nil {
			t.Errorf("signing out of one browser ended another: %v", err)
		}

		for action, want := range map[string][]string{
			auth.ActStaffCreate: {"ok:roles: officer,manager; units: permits"},
			auth.ActPassword:    {"ok:next: enroll", "ok:next: totp", "ok:next: totp"},
			auth.ActEnroll:      {"ok:"},
			auth.ActSignIn:      {"failed:password", "failed:enroll totp", "ok:", "failed:replay", "ok:", "failed:replay"},
			auth.ActSignOut:     {"ok:ok"},
		} {
			if got := e.audited(action, target); !slices.Equal(got, want) {
				t.Errorf("audit %s: %q, want %q", action, got, want)
			}
		}
		// The audit filter has no "no target": the unknown name is the record
		// with none.
		recs, _ := st.Audit(ctx, store.AuditFilter{Action: auth.ActSignIn})
		unknown := 0
		for _, r := range recs {
			if r.Target == "" && r.Details == "unknown username" && r.Result == audit.Failed && r.Actor == "anonymous" {
				unknown++
			}
		}
		if unknown != 1 {
			t.Errorf("%d records of the unknown name's sign-in", unknown)
		}
		if _, err := st.VerifyAudit(ctx); err != nil {
			t.Error(err)
		}
	})
}

func itoa(n int64) string { return (&desk.Actor{StaffID: n}).Label()[len("staff:"):] }

func TestRecoveryCodeSingleUse(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st)
		id := e.add("k.bahrami")
		step, _ := e.svc.SignIn(ctx, "k.bahrami", goodPassword, "c")
		en, _ := e.svc.EnrollStart(ctx, step.Token)
		done, err := e.svc.EnrollConfirm(ctx, step.Token, auth.TOTP(en.Secret, e.clk.now()), "c")
		if err != nil {
			t.Fatal(err)
		}
		code := done.Recovery[3]
		step, _ = e.svc.SignIn(ctx, "k.bahrami", goodPassword, "c")
		if _, err := e.svc.SecondFactor(ctx, step.Token, code, "c"); err != nil {
			t.Fatalf("recovery code refused: %v", err)
		}
		step, _ = e.svc.SignIn(ctx, "k.bahrami", goodPassword, "c")
		_, err = e.svc.SecondFactor(ctx, step.Token, code, "c")
		e.wantCode(err, desk.EINVALID, auth.MsgCodeWrong)
		// Another code still works.
		if _, err := e.svc.SecondFactor(ctx, step.Token, done.Recovery[4], "c"); err != nil {
			t.Fatalf("second recovery code refused: %v", err)
		}
		target := "staff:" + itoa(id)
		if got := e.audited(auth.ActRecoveryUsed, target); !slices.Equal(got, []string{"ok:left: 9", "ok:left: 8"}) {
			t.Errorf("recovery audit %q", got)
		}
		if got := e.audited(auth.ActSignIn, target); !slices.Equal(got, []string{"ok:", "ok:", "failed:recovery code", "ok:"}) {
			t.Errorf("sign-in audit %q", got)
		}
	})
}

func TestLockoutAndBackOff(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st)
		id := e.add("h.maleki")
		target := "staff:" + itoa(id)
		e.signIn("h.maleki") // enrolled
		for i := 1; i <= 4; i++ {
			_, err := e.svc.SignIn(ctx, "h.maleki", "not my password", "c")
			e.wantCode(err, desk.EUNAUTHORIZED, auth.MsgSignInFailed)
		}
		if got := e.audited(auth.ActLockout, target); len(got) != 0 {
			t.Fatalf("locked after 4 failures: %q", got)
		}
		// The fifth failure locks, and even the right password is refused.
		_, err := e.svc.SignIn(ctx, "h.maleki", "not my password", "c")
		e.wantCode(err, desk.EUNAUTHORIZED, auth.MsgSignInFailed)
		_, err = e.svc.SignIn(ctx, "h.maleki", goodPassword, "c")
		e.wantCode(err, desk.EFORBIDDEN, auth.MsgLocked)
		c, _ := st.Credentials(ctx, id)
		if want := e.clk.now().Add(15 * time.Minute); !c.LockedUntil.Equal(want) {
			t.Errorf("locked until %v, want %v", c.LockedUntil, want)
		}
		e.clk.advance(14 * time.Minute)
		_, err = e.svc.SignIn(ctx, "h.maleki", goodPassword, "c")
		e.wantCode(err, desk.EFORBIDDEN, auth.MsgLocked)
		e.clk.advance(time.Minute)
		// The lock is over: one more failure locks again, for twice as long.
		_, err = e.svc.SignIn(ctx, "h.maleki", "not my password", "c")
		e.wantCode(err, desk.EUNAUTHORIZED, auth.MsgSignInFailed)
		c, _ = st.Credentials(ctx, id)
		if want := e.clk.now().Add(30 * time.Minute); !c.LockedUntil.Equal(want) || c.FailedCount != 6 {
			t.Errorf("locked until %v (%d failures), want %v", c.LockedUntil, c.FailedCount, want)
		}
		e.clk.advance(30 * time.Minute)
		// Wrong second-factor codes count too, and a full sign-in clears all.
		step, err := e.svc.SignIn(ctx, "h.maleki", goodPassword, "c")
		if err != nil {
			t.Fatal(err)
		}
		_, err = e.svc.SecondFactor(ctx, step.Token, "000000", "c")
		e.wantCode(err, desk.EFORBIDDEN, auth.MsgLocked) // the 7th failure: locked an hour
		if _, err := e.svc.Pending(ctx, step.Token, store.StageTOTP); err == nil {
			t.Error("a lock left the pending session open")
		}
		e.clk.advance(time.Hour)
		e.signIn("h.maleki")
		if c, _ := st.Credentials(ctx, id); c.FailedCount != 0 || !c.LockedUntil.IsZero() {
			t.Errorf("after sign-in: %d failures, locked until %v", c.FailedCount, c.LockedUntil)
		}
		if got := e.audited(auth.ActLockout, target); !slices.Equal(got, []string{
			"ok:failures: 5; minutes: 15", "ok:failures: 6; minutes: 30", "ok:failures: 7; minutes: 60"}) {
			t.Errorf("lockout audit %q", got)
		}
		if got := e.audited(auth.ActSignIn, target); slices.Index(got, "denied:locked") < 0 {
			t.Errorf("refusals while locked not audited: %q", got)
		}
	})
}

func TestClientLimit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st)
		e.add("a.kiani")
		e.svc.Clients = auth.NewClientLimiter(3, 15*time.Minute)
		for _, u := range []string{"x1", "x2", "x3"} {
			_, err := e.svc.SignIn(ctx, u, "whatever it is", "office")
			e.wantCode(err, desk.EUNAUTHORIZED, auth.MsgSignInFailed)
		}
		_, err := e.svc.SignIn(ctx, "a.kiani", goodPassword, "office")
		e.wantCode(err, desk.ERATELIMIT, auth.MsgClientLimited)
		// Another address is not affected, and the window passes.
		if _, err := e.svc.SignIn(ctx, "a.kiani", goodPassword, "home"); err != nil {
			t.Errorf("another client refused: %v", err)
		}
		e.clk.advance(15 * time.Minute)
		if _, err := e.svc.SignIn(ctx, "a.kiani", goodPassword, "office"); err != nil {
			t.Errorf("still refused after the window: %v", err)
		}
		if got := e.audited(auth.ActSignIn, ""); slices.Index(got, "denied:client limit") < 0 {
			t.Errorf("client limit not audited: %q", got)
		}
	})
}

func TestSessionTimeouts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st)
		e.add("m.safari")
		tok := e.signIn("m.safari")
		// Idle: activity every 29 minutes keeps it; 30 minutes of quiet ends it.
		for range 3 {
			e.clk.advance(29 * time.Minute)
			if _, err := e.svc.Session(ctx, tok); err != nil {
				t.Fatalf("active session ended: %v", err)
			}
		}
		e.clk.advance(30 * time.Minute)
		_, err := e.svc.Session(ctx, tok)
		e.wantCode(err, desk.EUNAUTHORIZED, auth.MsgSessionOver)

		// Absolute: even a busy session ends 12 hours after sign-in.
		tok = e.signIn("m.safari")
		start := e.clk.now()
		for e.clk.now().Sub(start) < 12*time.Hour-20*time.Minute {
			e.clk.advance(20 * time.Minute)
			if _, err := e.svc.Session(ctx, tok); err != nil {
				t.Fatalf("session ended after %v: %v", e.clk.now().Sub(start), err)
			}
		}
		e.clk.t = start.Add(12 * time.Hour)
		_, err = e.svc.Session(ctx, tok)
		e.wantCode(err, desk.EUNAUTHORIZED, auth.MsgSessionOver)

		// A pending session lasts ten minutes.
		step, _ := e.svc.SignIn(ctx, "m.safari", goodPassword, "c")
		e.clk.advance(10 * time.Minute)
		_, err = e.svc.SecondFactor(ctx, step.Token, auth.TOTP(e.secret["m.safari"], e.clk.now()), "c")
		e.wantCode(err, desk.EUNAUTHORIZED, auth.MsgSessionOver)
	})
}

func TestSessionsEndOnPasswordChangeAndDisable(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st)
		id := e.add("v.nazari")
		target := "staff:" + itoa(id)
		a, b := e.signIn("v.nazari"), e.signIn("v.nazari")

		// Changing one's own password: the current one is checked, the policy
		// applies, and every session ends.
		err := e.svc.ChangeOwnPassword(ctx, a, "not the password", "a much better phrase", "c")
		e.wantCode(err, desk.EINVALID, auth.MsgWrongCurrent)
		err = e.svc.ChangeOwnPassword(ctx, a, goodPassword, "1qaz2wsx3edc", "c")
		e.wantCode(err, desk.EINVALID, auth.MsgPasswordCommon)
		if _, err := e.svc.Session(ctx, b); err != nil {
			t.Fatalf("a refused change ended sessions: %v", err)
		}
		if err := e.svc.ChangeOwnPassword(ctx, a, goodPassword, "a much better phrase", "c"); err != nil {
			t.Fatal(err)
		}
		for _, tok := range []string{a, b} {
			_, err := e.svc.Session(ctx, tok)
			e.wantCode(err, desk.EUNAUTHORIZED, "")
		}
		_, err = e.svc.SignIn(ctx, "v.nazari", goodPassword, "c")
		e.wantCode(err, desk.EUNAUTHORIZED, auth.MsgSignInFailed)

		// A reset from the command line does the same.
		if err := e.svc.SetPassword(ctx, auth.CommandLine(), "v.nazari", goodPassword); err != nil {
			t.Fatal(err)
		}
		c := e.signIn("v.nazari")
		err = e.svc.SetPassword(ctx, auth.CommandLine(), "v.nazari", "password1234")
		e.wantCode(err, desk.EINVALID, auth.MsgPasswordCommon)
		if err := e.svc.SetPassword(ctx, auth.CommandLine(), "v.nazari", goodPassword+" again"); err != nil {
			t.Fatal(err)
		}
		_, err = e.svc.Session(ctx, c)
		e.wantCode(err, desk.EUNAUTHORIZED, "")

		// Disabling ends sessions at once and refuses the right password.
		if err := e.svc.SetPassword(ctx, auth.CommandLine(), "v.nazari", goodPassword); err != nil {
			t.Fatal(err)
		}
		d := e.signIn("v.nazari")
		if err := e.svc.SetActive(ctx, auth.CommandLine(), "v.nazari", false); err != nil {
			t.Fatal(err)
		}
		_, err = e.svc.Session(ctx, d)
		e.wantCode(err, desk.EUNAUTHORIZED, "")
		_, err = e.svc.SignIn(ctx, "v.nazari", goodPassword, "c")
		e.wantCode(err, desk.EUNAUTHORIZED, auth.MsgSignInFailed)
		if err := e.svc.SetActive(ctx, auth.CommandLine(), "v.nazari", true); err != nil {
			t.Fatal(err)
		}
		e.signIn("v.nazari")

		if got := e.audited(auth.ActPasswordSet, target); !slices.Equal(got, []string{
			"failed:current password", "ok:sessions ended: 2", "ok:sessions ended: 0", "ok:sessions ended: 1", "ok:sessions ended: 0"}) {
			t.Errorf("password audit %q", got)
		}
		for _, action := range []string{auth.ActStaffDisable, auth.ActStaffEnable} {
			if got := e.audited(action, target); !slices.Equal(got, []string{"ok:"}) {
				t.Errorf("%s audit %q", action, got)
			}
		}
		if got := e.audited(auth.ActSignIn, target); slices.Index(got, "denied:inactive") < 0 {
			t.Errorf("sign-in of a disabled account not audited: %q", got)
		}
	})
}

func TestAccountAdministration(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st)
		id := e.add("n.akbari")
		target := "staff:" + itoa(id)
		for _, tc := range []struct {
			u    auth.NewUser
			code string
			msg  string
		}{
			{auth.NewUser{Username: "n.akbari", Name: "x", Units: []desk.Membership{{UnitCode: "legal"}}, Roles: []desk.Role{desk.RoleOfficer}, Password: goodPassword}, desk.ECONFLICT, auth.MsgUsernameTaken},
			{auth.NewUser{Username: "9lives", Name: "x", Units: []desk.Membership{{UnitCode: "legal"}}, Roles: []desk.Role{desk.RoleOfficer}, Password: goodPassword}, desk.EINVALID, auth.MsgBadUsername},
			{auth.NewUser{Username: "ok.name", Name: " ", Units: []desk.Membership{{UnitCode: "legal"}}, Roles: []desk.Role{desk.RoleOfficer}, Password: goodPassword}, desk.EINVALID, auth.MsgNeedName},
			{auth.NewUser{Username: "ok.name", Name: "x", Units: []desk.Membership{{UnitCode: "nowhere"}}, Roles: []desk.Role{desk.RoleOfficer}, Password: goodPassword}, desk.EINVALID, auth.MsgNoUnit},
			{auth.NewUser{Username: "ok.name", Name: "x", Units: []desk.Membership{{UnitCode: "legal"}}, Roles: []desk.Role{"king"}, Password: goodPassword}, desk.EINVALID, auth.MsgBadRole},
			{auth.NewUser{Username: "ok.name", Name: "x", Units: []desk.Membership{{UnitCode: "legal"}}, Password: goodPassword}, desk.EINVALID, auth.MsgNeedRole},
			{auth.NewUser{Username: "ok.name", Name: "x", Units: []desk.Membership{{UnitCode: "legal"}}, Roles: []desk.Role{desk.RoleOfficer}, Password: "ok.name is me"}, desk.EINVALID, auth.MsgPasswordUsername},
			{auth.NewUser{Username: "ok.name", Name: "x", Units: []desk.Membership{{UnitCode: "legal"}}, Roles: []desk.Role{desk.RoleOfficer}, Password: "qwertyuiop"}, desk.EINVALID, auth.MsgPasswordCommon},
		} {
			_, err := e.svc.AddUser(ctx, auth.CommandLine(), tc.u)
			e.wantCode(err, tc.code, tc.msg)
		}
		// Only an administrator may change accounts from a page.
		officer, _ := st.Actor(ctx, id)
		if _, err := auth.AdminOperator(officer, "c"); desk.ErrorCode(err) != desk.EFORBIDDEN {
			t.Errorf("an officer became an operator: %v", err)
		}
		admin := desk.Actor{StaffID: 99, Roles: []desk.Role{desk.RoleAdmin}}
		op, err := auth.AdminOperator(admin, "c")
		if err != nil {
			t.Fatal(err)
		}
		tok := e.signIn("n.akbari")
		if err := e.svc.SetRoles(ctx, op, "n.akbari", []desk.Role{desk.RoleManager}); err != nil {
			t.Fatal(err)
		}
		if err := e.svc.SetUnits(ctx, op, "n.akbari", []desk.Membership{{UnitCode: "legal", Title: "رئیس"}, {UnitCode: "permits", Title: "سرپرست"}}); err != nil {
			t.Fatal(err)
		}
		// The session sees the change at once: roles are read per request.
		a, err := e.svc.Session(ctx, tok)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(a.Roles, []desk.Role{desk.RoleManager}) || !slices.Equal(a.UnitCodes(), []string{"legal", "permits"}) {
			t.Errorf("actor after changes %+v", a)
		}
		recs, _ := st.Audit(ctx, store.AuditFilter{Target: target, Action: auth.ActStaffRoles})
		if len(recs) != 1 || recs[0].Actor != "staff:99" || recs[0].Details != "manager" || recs[0].Result != audit.OK {
			t.Errorf("roles audit %+v", recs)
		}
		if got := e.audited(auth.ActStaffUnits, target); !slices.Equal(got, []string{"ok:legal,permits"}) {
			t.Errorf("units audit %q", got)
		}
		// Resetting the second factor ends sessions; the next sign-in enrolls.
		if err := e.svc.ResetTOTP(ctx, op, "n.akbari"); err != nil {
			t.Fatal(err)
		}
		if _, err := e.svc.Session(ctx, tok); err == nil {
			t.Error("session survived a second-factor reset")
		}
		step, err := e.svc.SignIn(ctx, "n.akbari", goodPassword, "c")
		if err != nil || step.Stage != store.StageEnroll {
			t.Errorf("after reset: %+v, %v", step, err)
		}
	})
}
