package web_test

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"mizban/internal/auth"
	"mizban/internal/desk"
	"mizban/internal/store"
)

// Signing staff in over HTTP, for any test of the staff pages: create an
// account (addStaffUser), then signInStaff walks the real pages — password,
// then the second factor — and returns a client holding the session.

// staffTestPassword passes the password policy; accounts are hashed with
// auth.DemoParams so creating them stays quick.
const staffTestPassword = "quiet river under seven stone bridges"

// staffClockStart is a Monday morning in Tehran (a working day).
var staffClockStart = time.Date(2026, 4, 20, 5, 0, 0, 0, time.UTC)

// pinStaffClock fixes the app's clock, which the sign-in service reads
// (web's authSvc uses Flow.Now), so TOTP codes can be computed for it.
func pinStaffClock(s *site, at time.Time) {
	s.app.Flow.Now = func() time.Time { return at }
}

// addStaffUser creates an account through auth's operator API (audited as
// the command line) and returns its id.
func addStaffUser(t *testing.T, s *site, username, name string, roles []desk.Role, units ...desk.Membership) int64 {
	t.Helper()
	svc := auth.New(s.app.Store, "")
	svc.Params = auth.DemoParams
	svc.Now = s.app.Flow.Now
	id, err := svc.AddUser(context.Background(), auth.CommandLine(), auth.NewUser{Username: username, Name: name,
		Units: units, Roles: roles, Password: staffTestPassword})
	if err != nil {
		t.Fatalf("add %s: %v", username, err)
	}
	return id
}

// staffAgent is one member of staff signed in, with their own cookie jar.
type staffAgent struct {
	t        *testing.T
	s        *site
	c        *http.Client
	Username string
	ID       int64
	Secret   []byte // their TOTP secret
}

func newStaffClient() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// signInStaff signs username in through POST /staff/login and the second
// factor. A first sign-in enrolls: the secret is put in place through the
// store (as the enrollment page would make one) and confirmed with a code
// of the app's clock; later sign-ins use the secret kept in the account.
func signInStaff(t *testing.T, s *site, username, password string) *staffAgent {
	t.Helper()
	ctx := context.Background()
	rec, err := s.app.Store.StaffByUsername(ctx, username)
	if err != nil {
		t.Fatalf("sign in %s: %v", username, err)
	}
	a := &staffAgent{t: t, s: s, c: newStaffClient(), Username: username, ID: rec.ID}
	st, _, h := a.post("/staff/login", url.Values{"username": {username}, "password": {password}})
	if st != http.StatusSeeOther {
		t.Fatalf("sign in %s: password step answered %d", username, st)
	}
	cred, err := s.app.Store.Credentials(ctx, rec.ID)
	if err != nil {
		t.Fatal(err)
	}
	a.Secret = cred.TOTPSecret
	to, step := h.Get("Location"), "/staff/login/totp"
	if strings.HasPrefix(to, "/staff/enroll") {
		step = "/staff/enroll"
		if a.Secret == nil {
			if a.Secret, err = auth.NewTOTPSecret(); err != nil {
				t.Fatal(err)
			}
			if err := s.app.Store.InTx(ctx, func(tx *store.Tx) error { return tx.SetPendingTOTP(ctx, rec.ID, a.Secret) }); err != nil {
				t.Fatal(err)
			}
		}
	} else if !strings.HasPrefix(to, step) {
		t.Fatalf("sign in %s: password step went to %q", username, to)
	}
	st, _, _ = a.post(step, url.Values{"code": {auth.TOTP(a.Secret, s.app.Flow.Now())}, "next": {"/staff"}})
	if st != http.StatusOK && st != http.StatusSeeOther { // enrollment shows the recovery codes (200)
		t.Fatalf("sign in %s: %s answered %d", username, step, st)
	}
	if st, _, _ := a.get("/staff"); st != http.StatusOK {
		t.Fatalf("sign in %s: /staff answered %d after signing in", username, st)
	}
	return a
}

func (a *staffAgent) do(req *http.Request) (int, string, http.Header) {
	a.t.Helper()
	resp, err := a.c.Do(req)
	if err != nil {
		a.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header
}

func (a *staffAgent) get(path string) (int, string, http.Header) {
	req, _ := http.NewRequest("GET", a.s.srv.URL+path, nil)
	return a.do(req)
}

func (a *staffAgent) post(path string, form url.Values) (int, string, http.Header) {
	req, _ := http.NewRequest("POST", a.s.srv.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return a.do(req)
}

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }
