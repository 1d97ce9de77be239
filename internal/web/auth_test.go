package web_test

import (
	"context"
	"encoding/base32"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"mizban/internal/auth"
	"mizban/internal/desk"
	"mizban/internal/store"
)

const staffPassword = "blue tiles of the old mosque"

type staffSite struct {
	*site
	now    time.Time
	secret []byte
}

// newStaffSite is a desk with one unit and one officer, whose clock the
// test moves.
func newStaffSite(t *testing.T) *staffSite {
	t.Helper()
	s := &staffSite{site: newSite(t, false), now: time.Date(2026, 4, 20, 5, 0, 0, 0, time.UTC)}
	s.app.Flow.Now = func() time.Time { return s.now }
	ctx := context.Background()
	err := s.app.Store.InTx(ctx, func(tx *store.Tx) error {
		return tx.PutUnit(ctx, desk.Unit{Code: "permits", Name: "اداره صدور پروانه ساختمانی"})
	})
	if err != nil {
		t.Fatal(err)
	}
	svc := auth.New(s.app.Store, "")
	svc.Params = auth.DemoParams
	_, err = svc.AddUser(ctx, auth.CommandLine(), auth.NewUser{Username: "e.taheri", Name: "الهام طاهری",
		Units: []desk.Membership{{UnitCode: "permits", Title: "کارشناس صدور پروانه"}},
		Roles: []desk.Role{desk.RoleOfficer}, Password: staffPassword})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func (s *staffSite) advance(d time.Duration) { s.now = s.now.Add(d) }

func (s *staffSite) code() string { return auth.TOTP(s.secret, s.now) }

func (s *staffSite) login(user, pw string) (int, string, http.Header) {
	return s.post("/staff/login", url.Values{"username": {user}, "password": {pw}, "next": {"/staff"}})
}

func wantStatus(t *testing.T, what string, got, want int) {
	t.Helper()
	if got != want {
		t.Fatalf("%s: status %d, want %d", what, got, want)
	}
}

func wantRedirect(t *testing.T, what string, status int, h http.Header, prefix string) {
	t.Helper()
	if status != http.StatusSeeOther || !strings.HasPrefix(h.Get("Location"), prefix) {
		t.Fatalf("%s: %d to %q, want 303 to %s…", what, status, h.Get("Location"), prefix)
	}
}

var secretRE = regexp.MustCompile(`<strong>([A-Z2-7 ]{20,})</strong>`)

// enroll signs the officer in for the first time through the pages.
func (s *staffSite) enroll(t *testing.T) string {
	t.Helper()
	st, _, h := s.login("e.taheri", staffPassword)
	wantRedirect(t, "password", st, h, "/staff/enroll")
	st, body, _ := s.get(h.Get("Location"))
	wantStatus(t, "enroll page", st, http.StatusOK)
	m := secretRE.FindStringSubmatch(body)
	if m == nil || !strings.Contains(body, "<svg") {
		t.Fatal("enrollment page lacks the QR code or the key")
	}
	secret, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(strings.ReplaceAll(m[1], " ", ""))
	if err != nil {
		t.Fatal(err)
	}
	s.secret = secret
	st, body, _ = s.post("/staff/enroll", url.Values{"code": {"000000"}, "next": {"/staff"}})
	wantStatus(t, "wrong enrollment code", st, http.StatusUnprocessableEntity)
	mustContain(t, body, auth.MsgCodeWrong, "<svg")
	st, body, h = s.post("/staff/enroll", url.Values{"code": {s.code()}, "next": {"/staff"}})
	wantStatus(t, "enrollment", st, http.StatusOK)
	if h.Get("Cache-Control") != "no-store" {
		t.Error("recovery codes may be cached")
	}
	return body
}

func TestStaffSignInFlow(t *testing.T) {
	s := newStaffSite(t)
	st, _, h := s.get("/staff")
	wantRedirect(t, "anonymous /staff", st, h, "/staff/login?next=%2Fstaff")
	st, body, _ := s.get("/staff/login")
	wantStatus(t, "login page", st, http.StatusOK)
	mustContain(t, body, `name="username"`, `name="password"`, `autocomplete="current-password"`)

	// A wrong password and an unknown name read alike; the name is kept,
	// the password is not.
	st, body, _ = s.login("e.taheri", "not the password at all")
	wantStatus(t, "wrong password", st, http.StatusUnauthorized)
	mustContain(t, body, auth.MsgSignInFailed, `value="e.taheri"`)
	if strings.Contains(body, "not the password at all") {
		t.Error("the wrong password is echoed back")
	}
	st, body2, _ := s.login("nobody.here", staffPassword)
	wantStatus(t, "unknown user", st, http.StatusUnauthorized)
	mustContain(t, body2, auth.MsgSignInFailed)

	// The password step sets a pending session cookie with the right flags.
	st, _, h = s.login("e.taheri", staffPassword)
	wantRedirect(t, "password", st, h, "/staff/enroll")
	ck := h.Get("Set-Cookie")
	for _, attr := range []string{"mizban_staff=", "Path=/staff", "HttpOnly", "SameSite=Lax"} {
		if !strings.Contains(ck, attr) {
			t.Errorf("cookie %q lacks %s", ck, attr)
		}
	}
	// Pending is not signed in.
	st, _, h = s.get("/staff")
	wantRedirect(t, "pending /staff", st, h, "/staff/login")

	body = s.enroll(t)
	codes := regexp.MustCompile(`<code>([0-9a-z-]{19})</code>`).FindAllStringSubmatch(body, -1)
	if len(codes) != 10 {
		t.Fatalf("%d recovery codes shown", len(codes))
	}
	st, body, _ = s.get("/staff")
	wantStatus(t, "landing", st, http.StatusOK)
	mustContain(t, body, "الهام طاهری", "کارشناس", "اداره صدور پروانه ساختمانی", "کارشناس صدور پروانه",
		`href="/staff/tray"`, `action="/staff/logout"`)
	if strings.Contains(body, "/staff/admin/calendar") || strings.Contains(body, `href="/staff/counter"`) {
		t.Error("an officer is offered areas of other roles")
	}
	st, _, h = s.get("/staff/login")
	wantRedirect(t, "login while signed in", st, h, "/staff")

	st, _, h = s.post("/staff/logout", nil)
	wantRedirect(t, "logout", st, h, "/staff/login?out=1")
	st, _, h = s.get("/staff")
	wantRedirect(t, "after logout", st, h, "/staff/login")

	// Second sign-in: the code of the enrollment's step is spent.
	st, _, h = s.login("e.taheri", staffPassword)
	wantRedirect(t, "password again", st, h, "/staff/login/totp")
	st, body, _ = s.get(h.Get("Location"))
	wantStatus(t, "totp page", st, http.StatusOK)
	mustContain(t, body, `autocomplete="one-time-code"`)
	st, body, _ = s.post("/staff/login/totp", url.Values{"code": {s.code()}, "next": {"/staff"}})
	wantStatus(t, "replayed code", st, http.StatusUnprocessableEntity)
	mustContain(t, body, auth.MsgCodeUsed)
	s.advance(30 * time.Second)
	st, _, h = s.post("/staff/login/totp", url.Values{"code": {s.code()}, "next": {"/staff/tray?tab=new"}})
	wantRedirect(t, "totp", st, h, "/staff/tray?tab=new")

	// Idle for 30 minutes: signed out.
	s.advance(29 * time.Minute)
	if st, _, _ := s.get("/staff"); st != http.StatusOK {
		t.Fatalf("active session refused: %d", st)
	}
	s.advance(30 * time.Minute)
	st, _, h = s.get("/staff")
	wantRedirect(t, "idle", st, h, "/staff/login")

	// A recovery code signs in once.
	s.login("e.taheri", staffPassword)
	st, _, h = s.post("/staff/login/totp", url.Values{"code": {strings.ToUpper(codes[0][1])}})
	wantRedirect(t, "recovery code", st, h, "/staff")
	s.post("/staff/logout", nil)
	s.login("e.taheri", staffPassword)
	st, _, _ = s.post("/staff/login/totp", url.Values{"code": {codes[0][1]}})
	wantStatus(t, "spent recovery code", st, http.StatusUnprocessableEntity)

	counts := map[string]int{}
	recs, err := s.app.Store.Audit(context.Background(), store.AuditFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		counts[r.Action+" "+r.Result]++
	}
	for key, want := range map[string]int{
		"auth.sign_in ok": 3, "auth.sign_in failed": 5, "auth.password ok": 5, "auth.totp_enroll ok": 1,
		"auth.sign_out ok": 2, "auth.recovery_used ok": 1, "staff.create ok": 1,
	} {
		if counts[key] != want {
			t.Errorf("%d audit records %q, want %d (all: %v)", counts[key], key, want, counts)
		}
	}
}

func TestStaffGuard(t *testing.T) {
	s := newStaffSite(t)
	guarded := http.NewServeMux()
	guarded.Handle("GET /staff/any", s.app.Web.GuardForTest())
	guarded.Handle("GET /staff/admin-only", s.app.Web.GuardForTest(desk.RoleAdmin))
	guarded.Handle("POST /staff/any", s.app.Web.GuardForTest())
	g := httptest.NewServer(guarded)
	defer g.Close()
	do := func(method, path string) (int, string, http.Header) {
		req, _ := http.NewRequest(method, g.URL+path, nil)
		return s.do(req) // the same cookie jar: cookies do not tell ports apart
	}
	st, _, h := do("GET", "/staff/any?x=1")
	wantRedirect(t, "anonymous GET", st, h, "/staff/login?next=%2Fstaff%2Fany%3Fx%3D1")
	st, _, h = do("POST", "/staff/any")
	if st != http.StatusSeeOther || h.Get("Location") != "/staff/login" {
		t.Errorf("anonymous POST: %d to %q", st, h.Get("Location"))
	}
	s.enroll(t)
	st, body, _ := do("GET", "/staff/any")
	if st != http.StatusOK || !strings.HasPrefix(body, "hello staff:") {
		t.Errorf("signed-in GET: %d %q", st, body)
	}
	st, _, _ = do("GET", "/staff/admin-only")
	wantStatus(t, "officer on an admin page", st, http.StatusForbidden)
	recs, _ := s.app.Store.Audit(context.Background(), store.AuditFilter{Action: auth.ActDenied})
	if len(recs) != 1 || recs[0].Target != "route:GET /staff/admin-only" {
		t.Errorf("denial audit %+v", recs)
	}
	// A disabled person's session ends at once.
	svc := auth.New(s.app.Store, "")
	if err := svc.SetActive(context.Background(), auth.CommandLine(), "e.taheri", false); err != nil {
		t.Fatal(err)
	}
	st, _, h = do("GET", "/staff/any")
	wantRedirect(t, "disabled", st, h, "/staff/login")
}

func TestStaffLockoutAndCrossOrigin(t *testing.T) {
	s := newStaffSite(t)
	for range 5 {
		s.login("e.taheri", "a wrong guess again")
	}
	st, body, _ := s.login("e.taheri", staffPassword)
	wantStatus(t, "locked", st, http.StatusForbidden)
	mustContain(t, body, auth.MsgLocked)
	s.advance(15 * time.Minute)
	st, _, h := s.login("e.taheri", staffPassword)
	wantRedirect(t, "after the lock", st, h, "/staff/enroll")

	req, _ := http.NewRequest("POST", s.srv.URL+"/staff/login",
		strings.NewReader(url.Values{"username": {"e.taheri"}, "password": {staffPassword}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	st, _, _ = s.do(req)
	wantStatus(t, "cross-site sign-in", st, http.StatusForbidden)
}

func TestStaffPasswordChange(t *testing.T) {
	s := newStaffSite(t)
	s.enroll(t)
	st, body, _ := s.get("/staff/password")
	wantStatus(t, "password page", st, http.StatusOK)
	mustContain(t, body, `autocomplete="new-password"`)
	st, body, _ = s.post("/staff/password", url.Values{"current": {staffPassword}, "password": {"one new phrase here"}, "confirm": {"another"}})
	wantStatus(t, "mismatch", st, http.StatusUnprocessableEntity)
	mustContain(t, body, "گذرواژه تازه و تکرار آن یکسان نیستند.")
	st, body, _ = s.post("/staff/password", url.Values{"current": {staffPassword}, "password": {"qwertyuiop"}, "confirm": {"qwertyuiop"}})
	wantStatus(t, "common password", st, http.StatusUnprocessableEntity)
	mustContain(t, body, auth.MsgPasswordCommon)
	st, _, h := s.post("/staff/password", url.Values{"current": {staffPassword}, "password": {"one new phrase here"}, "confirm": {"one new phrase here"}})
	wantRedirect(t, "changed", st, h, "/staff/login?changed=1")
	st, _, h = s.get("/staff")
	wantRedirect(t, "after change", st, h, "/staff/login")
	s.advance(30 * time.Second)
	st, _, h = s.login("e.taheri", "one new phrase here")
	wantRedirect(t, "new password", st, h, "/staff/login/totp")
}
