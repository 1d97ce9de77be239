package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"mizban/internal/auth"
	"mizban/internal/desk"
	"mizban/internal/store"
)

// adminSite is an empty desk (no demo data) with one root unit and a
// signed-in administrator.
func adminSite(t *testing.T) (*site, *staffAgent) {
	t.Helper()
	s := newSite(t, false)
	pinStaffClock(s, staffClockStart)
	ctx := context.Background()
	if err := s.app.Store.InTx(ctx, func(tx *store.Tx) error {
		return tx.PutUnit(ctx, desk.Unit{Code: "hq", Name: "ستاد مرکزی"})
	}); err != nil {
		t.Fatal(err)
	}
	addStaffUser(t, s, "root.admin", "پریسا رضایی", []desk.Role{desk.RoleAdmin}, desk.Membership{UnitCode: "hq", Title: "راهبر سامانه"})
	return s, signInStaff(t, s, "root.admin", staffTestPassword)
}

func wantCode(t *testing.T, what string, got, want int, body string) {
	t.Helper()
	if got != want {
		t.Fatalf("%s: status %d, want %d\n%s", what, got, want, errSummary(body))
	}
}

func wantAudit(t *testing.T, s *site, action, actor string) {
	t.Helper()
	recs, err := s.app.Store.Audit(context.Background(), store.AuditFilter{Action: action, Actor: actor})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) == 0 {
		t.Errorf("no audit record %s by %s", action, actor)
	}
}

func TestAdminUnits(t *testing.T) {
	s, admin := adminSite(t)
	st, body, _ := admin.get("/staff/admin")
	wantCode(t, "admin home", st, 200, body)
	mustContain(t, body, `href="/staff/admin/units"`, `href="/staff/admin/staff"`, `href="/staff/admin/calendar"`)

	// Empty form: every error at once, in Persian, 422.
	st, body, _ = admin.post("/staff/admin/units", url.Values{"code": {""}, "name": {""}, "parent": {"nowhere"}})
	wantCode(t, "empty unit", st, http.StatusUnprocessableEntity, body)
	mustContain(t, errSummary(body), "کد واحد را وارد کنید.", auth.MsgNeedUnitName, "واحد بالادستی پیدا نشد")
	// A bad code keeps what was typed.
	st, body, _ = admin.post("/staff/admin/units", url.Values{"code": {"9 bad"}, "name": {"اداره حقوقی"}, "parent": {"hq"}})
	wantCode(t, "bad code", st, http.StatusUnprocessableEntity, body)
	mustContain(t, body, auth.MsgBadUnitCode, `value="9 bad"`, `value="اداره حقوقی"`, `<option value="hq" selected>`)
	// A taken code.
	st, body, _ = admin.post("/staff/admin/units", url.Values{"code": {"hq"}, "name": {"دیگر"}})
	wantCode(t, "taken code", st, http.StatusUnprocessableEntity, body)
	mustContain(t, errSummary(body), "واحدی با این کد پیش‌تر ثبت شده است")

	st, _, h := admin.post("/staff/admin/units", url.Values{"code": {"legal"}, "name": {"اداره حقوقی"}, "parent": {"hq"}})
	if st != http.StatusSeeOther || h.Get("Location") != "/staff/admin/units?done=added" {
		t.Fatalf("add unit: %d to %q", st, h.Get("Location"))
	}
	st, body, _ = admin.get("/staff/admin/units?done=added")
	wantCode(t, "units", st, 200, body)
	mustContain(t, body, "واحد تازه ثبت شد.")
	// The child is nested under its parent.
	hq, legal := strings.Index(body, `id="unit-hq"`), strings.Index(body, `id="unit-legal"`)
	if hq < 0 || legal < hq || !strings.Contains(body[hq:legal], "<ul>") {
		t.Error("the unit tree does not nest legal under hq")
	}
	units, _ := s.app.Store.Units(context.Background())
	if len(units) != 2 || units[1].Code != "legal" || units[1].Parent != "hq" {
		t.Fatalf("units = %+v", units)
	}

	st, body, _ = admin.post("/staff/admin/units/legal", url.Values{"name": {"  "}})
	wantCode(t, "empty rename", st, http.StatusUnprocessableEntity, body)
	mustContain(t, body, `href="#f-rename-legal"`, `id="f-rename-legal"`)
	st, _, _ = admin.post("/staff/admin/units/legal", url.Values{"name": {"اداره امور حقوقی"}})
	wantCode(t, "rename", st, http.StatusSeeOther, "")
	units, _ = s.app.Store.Units(context.Background())
	if units[1].Name != "اداره امور حقوقی" || units[1].Parent != "hq" {
		t.Fatalf("renamed unit = %+v", units[1])
	}
	if st, _, _ := admin.post("/staff/admin/units/nowhere", url.Values{"name": {"x"}}); st != http.StatusNotFound {
		t.Errorf("rename of a missing unit = %d, want 404", st)
	}
	label := "staff:" + itoa64(admin.ID)
	wantAudit(t, s, auth.ActUnitCreate, label)
	wantAudit(t, s, auth.ActUnitRename, label)
}

func TestAdminStaff(t *testing.T) {
	s, admin := adminSite(t)
	ctx := context.Background()
	if err := s.app.Store.InTx(ctx, func(tx *store.Tx) error {
		return tx.PutUnit(ctx, desk.Unit{Code: "legal", Name: "اداره حقوقی", Parent: "hq"})
	}); err != nil {
		t.Fatal(err)
	}
	st, body, _ := admin.get("/staff/admin/staff")
	wantCode(t, "staff list", st, 200, body)
	mustContain(t, body, "پریسا رضایی", "root.admin", "مدیر سامانه", "ستاد مرکزی — راهبر سامانه", "راه‌اندازی شده")

	// Errors: all at once, values kept, the password never echoed.
	weak := url.Values{"username": {"f.nowrouzi"}, "name": {"فاطمه نوروزی"}, "password": {"password123"},
		"confirm": {"password123"}, "unit": {"legal"}, "title-legal": {"کارشناس حقوقی"}}
	st, body, _ = admin.post("/staff/admin/staff", weak)
	wantCode(t, "weak password", st, http.StatusUnprocessableEntity, body)
	mustContain(t, errSummary(body), "این گذرواژه بسیار رایج است", auth.MsgNeedRole)
	mustContain(t, body, `value="f.nowrouzi"`, `value="فاطمه نوروزی"`, `value="کارشناس حقوقی"`, `name="unit" value="legal" checked`)
	if strings.Contains(body, "password123") {
		t.Error("the password is echoed back")
	}
	bad := url.Values{"username": {"X"}, "name": {"فاطمه نوروزی"}, "password": {staffTestPassword},
		"confirm": {staffTestPassword}, "unit": {"legal"}, "role": {"officer"}}
	st, body, _ = admin.post("/staff/admin/staff", bad)
	wantCode(t, "bad username", st, http.StatusUnprocessableEntity, body)
	mustContain(t, errSummary(body), auth.MsgBadUsername)

	add := url.Values{"username": {"F.Nowrouzi"}, "name": {"فاطمه نوروزی"}, "password": {staffTestPassword},
		"confirm": {staffTestPassword}, "role": {"officer", "manager"}, "unit": {"hq", "legal"},
		"title-legal": {"کارشناس حقوقی"}, "title-hq": {"عضو کمیسیون"}, "main": {"legal"}}
	st, _, h := admin.post("/staff/admin/staff", add)
	if st != http.StatusSeeOther || h.Get("Location") != "/staff/admin/staff/f.nowrouzi?done=added" {
		t.Fatalf("add: %d to %q", st, h.Get("Location"))
	}
	st, _, _ = admin.post("/staff/admin/staff", add)
	if st != http.StatusConflict {
		t.Errorf("adding a taken username = %d, want 409", st)
	}
	rec, err := s.app.Store.StaffByUsername(ctx, "f.nowrouzi")
	if err != nil {
		t.Fatal(err)
	}
	act, _ := s.app.Store.Actor(ctx, rec.ID)
	if len(act.Units) != 2 || act.Units[0] != (desk.Membership{UnitCode: "legal", Title: "کارشناس حقوقی"}) ||
		!act.Has(desk.RoleOfficer) || !act.Has(desk.RoleManager) || len(act.Roles) != 2 {
		t.Fatalf("created %+v", act)
	}
	st, body, _ = admin.get("/staff/admin/staff/f.nowrouzi?done=added")
	wantCode(t, "person page", st, 200, body)
	mustContain(t, body, "حساب همکار ساخته شد", "هنوز راه‌اندازی نشده", `value="officer" checked`, `value="manager" checked`,
		`name="main" value="legal" checked`)

	// The new colleague signs in (enrolling); then roles and units change.
	pinStaffClock(s, staffClockStart.Add(time.Minute))
	person := signInStaff(t, s, "f.nowrouzi", staffTestPassword)
	st, body, _ = admin.post("/staff/admin/staff/f.nowrouzi/roles", url.Values{})
	wantCode(t, "no roles", st, http.StatusUnprocessableEntity, body)
	mustContain(t, errSummary(body), auth.MsgNeedRole)
	st, _, h = admin.post("/staff/admin/staff/f.nowrouzi/roles", url.Values{"role": {"officer"}})
	wantCode(t, "roles", st, http.StatusSeeOther, "")
	st, _, _ = admin.post("/staff/admin/staff/f.nowrouzi/units", url.Values{"unit": {"hq"}, "title-hq": {"کارشناس"}})
	wantCode(t, "units", st, http.StatusSeeOther, "")
	act, _ = s.app.Store.Actor(ctx, rec.ID)
	if len(act.Roles) != 1 || act.Roles[0] != desk.RoleOfficer || len(act.Units) != 1 || act.Units[0].Title != "کارشناس" {
		t.Fatalf("after changes %+v", act)
	}
	st, body, _ = admin.get(h.Get("Location"))
	mustContain(t, body, "نقش‌ها ذخیره شد.", "راه‌اندازی شده")

	// Disable: their session ends at once; enable lets them back.
	if st, _, _ := admin.post("/staff/admin/staff/f.nowrouzi/active", nil); st != http.StatusBadRequest {
		t.Errorf("a bare active POST = %d, want 400", st)
	}
	st, _, _ = admin.post("/staff/admin/staff/f.nowrouzi/active", url.Values{"active": {"0"}})
	wantCode(t, "disable", st, http.StatusSeeOther, "")
	if st, _, h := person.get("/staff"); st != http.StatusSeeOther || !strings.HasPrefix(h.Get("Location"), "/staff/login") {
		t.Errorf("disabled person still signed in: %d", st)
	}
	st, body, _ = admin.get("/staff/admin/staff")
	mustContain(t, body, `<tr class="inactive">`)
	st, _, _ = admin.post("/staff/admin/staff/f.nowrouzi/active", url.Values{"active": {"1"}})
	wantCode(t, "enable", st, http.StatusSeeOther, "")

	// Reset the password (policy-checked): sessions end.
	pinStaffClock(s, staffClockStart.Add(2*time.Minute))
	person = signInStaff(t, s, "f.nowrouzi", staffTestPassword)
	st, body, _ = admin.post("/staff/admin/staff/f.nowrouzi/password", url.Values{"password": {"password123"}, "confirm": {"password123"}})
	wantCode(t, "weak reset", st, http.StatusUnprocessableEntity, body)
	st, body, _ = admin.post("/staff/admin/staff/f.nowrouzi/password", url.Values{"password": {"amber lanterns by the harbour"}, "confirm": {"amber lanterns by the harbor"}})
	wantCode(t, "mismatch", st, http.StatusUnprocessableEntity, body)
	if st, _, _ := person.get("/staff"); st != http.StatusOK {
		t.Fatal("a refused reset ended the session")
	}
	st, _, _ = admin.post("/staff/admin/staff/f.nowrouzi/password", url.Values{"password": {"amber lanterns by the harbour"}, "confirm": {"amber lanterns by the harbour"}})
	wantCode(t, "reset", st, http.StatusSeeOther, "")
	if st, _, _ := person.get("/staff"); st != http.StatusSeeOther {
		t.Errorf("session lived through a password reset: %d", st)
	}

	// Reset the second factor: needs the identity check; then not enrolled.
	st, body, _ = admin.post("/staff/admin/staff/f.nowrouzi/totp", nil)
	wantCode(t, "totp without confirmation", st, http.StatusUnprocessableEntity, body)
	st, _, _ = admin.post("/staff/admin/staff/f.nowrouzi/totp", url.Values{"confirm_identity": {"1"}})
	wantCode(t, "totp reset", st, http.StatusSeeOther, "")
	if c, _ := s.app.Store.Credentials(ctx, rec.ID); c.TOTPEnrolled {
		t.Error("second factor still enrolled after the reset")
	}

	// The administrator cannot lock themselves out.
	st, body, _ = admin.post("/staff/admin/staff/root.admin/active", url.Values{"active": {"0"}})
	wantCode(t, "self disable", st, http.StatusUnprocessableEntity, body)
	st, body, _ = admin.post("/staff/admin/staff/root.admin/roles", url.Values{"role": {"officer"}})
	wantCode(t, "self demote", st, http.StatusUnprocessableEntity, body)
	if st, _, _ := admin.get("/staff/admin/staff/nobody.here"); st != http.StatusNotFound {
		t.Errorf("missing person = %d, want 404", st)
	}

	label := "staff:" + itoa64(admin.ID)
	for _, a := range []string{auth.ActStaffCreate, auth.ActStaffRoles, auth.ActStaffUnits, auth.ActStaffDisable,
		auth.ActStaffEnable, auth.ActPasswordSet, auth.ActTOTPReset} {
		wantAudit(t, s, a, label)
	}
}
