package web_test

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"mizban/internal/auth"
	"mizban/internal/desk"
	"mizban/internal/fa"
	"mizban/internal/i18n"
	"mizban/internal/store"
)

// The route × role matrix: every staff and admin route, requested by each
// kind of visitor, must let through exactly the roles it is for. Wrong
// roles get 403, visitors who are not signed in as staff are sent to sign
// in, and nobody reaches another unit's request by its id.

// Who asks.
const (
	whoAnon     = "anonymous"
	whoCitizen  = "citizen" // holds a tracking session cookie, nothing else
	whoOfficerA = "officer A"
	whoOfficerB = "officer B"
	whoDesk     = "desk operator"
	whoManagerA = "manager A"
	whoEditor   = "editor" // catalog editor
	whoAuditor  = "auditor"
	whoAdmin    = "admin"
)

var matrixWho = []string{whoAnon, whoCitizen, whoOfficerA, whoOfficerB, whoDesk, whoManagerA, whoEditor, whoAuditor, whoAdmin}

// Groups of roles that open a route (as the routes' requireStaff says).
var (
	anyStaff   = []string{whoOfficerA, whoOfficerB, whoDesk, whoManagerA, whoEditor, whoAuditor, whoAdmin}
	catalogWho = []string{whoEditor, whoAdmin}
	trayWho    = []string{whoOfficerA, whoOfficerB, whoDesk, whoManagerA}
	counterWho = []string{whoDesk, whoManagerA}
	adminWho   = []string{whoAdmin}
)

// matrixRoute is one registered pattern and who may pass its guard. form,
// when set, is the POST body: chosen so that a request let through changes
// nothing that later rows depend on (an empty or invalid form).
type matrixRoute struct {
	pattern string
	allow   []string
	form    url.Values
}

// matrixRoutes is the table, kept by hand; TestRouteMatrixCoversEveryRoute
// fails when a /staff route is registered without a row here.
var matrixRoutes = []matrixRoute{
	// auth_routes.go (signed-in part)
	{pattern: "GET /staff", allow: anyStaff},
	{pattern: "GET /staff/password", allow: anyStaff},
	{pattern: "POST /staff/password", allow: anyStaff, form: url.Values{"password": {"a"}, "confirm": {"b"}}},
	// tray_routes.go
	{pattern: "GET /staff/tray", allow: trayWho},
	{pattern: "GET /staff/requests/{id}", allow: trayWho},
	{pattern: "POST /staff/requests/{id}/act", allow: trayWho},
	{pattern: "POST /staff/requests/{id}/reveal", allow: trayWho},
	// letters_routes.go (an unknown secretariat: a let-through POST registers nothing)
	{pattern: "POST /staff/requests/{id}/letter", allow: trayWho, form: url.Values{"secretariat": {"nope"}}},
	{pattern: "GET /staff/admin/secretariats", allow: adminWho},
	{pattern: "POST /staff/admin/secretariats", allow: adminWho},
	{pattern: "POST /staff/admin/secretariats/{code}/active", allow: adminWho},
	{pattern: "GET /staff/letters/{id}/print", allow: trayWho},
	{pattern: "GET /staff/requests/{id}/documents/{doc}", allow: trayWho},
	// counter_routes.go
	{pattern: "GET /staff/counter", allow: counterWho},
	{pattern: "GET /staff/counter/{code}", allow: counterWho},
	{pattern: "POST /staff/counter/{code}", allow: counterWho},
	{pattern: "GET /staff/counter/draft/{draft}", allow: counterWho},
	{pattern: "POST /staff/counter/draft/{draft}", allow: counterWho},
	{pattern: "POST /staff/counter/draft/{draft}/resend", allow: counterWho},
	{pattern: "GET /staff/counter/receipt/{code}", allow: counterWho},
	{pattern: "POST /staff/admin/units/{code}/assign", allow: adminWho, form: url.Values{"mode": {"nope"}}},
	// calendar_routes.go
	{pattern: "GET /staff/admin/calendar", allow: adminWho},
	{pattern: "POST /staff/admin/calendar/weekly", allow: adminWho, form: url.Values{"opens-6": {"99:99"}, "working-6": {"1"}}},
	{pattern: "POST /staff/admin/calendar/holidays", allow: adminWho},
	{pattern: "POST /staff/admin/calendar/closures", allow: adminWho},
	{pattern: "POST /staff/admin/calendar/closures/remove", allow: adminWho},
	// admin_routes.go
	{pattern: "GET /staff/admin", allow: adminWho},
	{pattern: "GET /staff/admin/units", allow: adminWho},
	{pattern: "POST /staff/admin/units", allow: adminWho},
	{pattern: "POST /staff/admin/units/{code}", allow: adminWho},
	{pattern: "GET /staff/admin/staff", allow: adminWho},
	{pattern: "POST /staff/admin/staff", allow: adminWho},
	{pattern: "GET /staff/admin/staff/{username}", allow: adminWho},
	{pattern: "POST /staff/admin/staff/{username}/roles", allow: adminWho},
	{pattern: "POST /staff/admin/staff/{username}/units", allow: adminWho},
	{pattern: "POST /staff/admin/staff/{username}/active", allow: adminWho},
	{pattern: "POST /staff/admin/staff/{username}/password", allow: adminWho},
	{pattern: "POST /staff/admin/staff/{username}/totp", allow: adminWho},
	// sms_routes.go
	{pattern: "GET /staff/admin/sms/templates", allow: adminWho},
	{pattern: "POST /staff/admin/sms/templates/{kind}", allow: adminWho, form: url.Values{"body": {"{{.Nope}}"}}},
	// smsadmin_routes.go (the id names no message: a let-through resend changes nothing)
	{pattern: "GET /staff/admin/sms", allow: adminWho},
	{pattern: "POST /staff/admin/sms/resend/{id}", allow: adminWho},
	// apiclients_routes.go (the empty form makes no client; {id} names none)
	{pattern: "GET /staff/admin/api-clients", allow: adminWho},
	{pattern: "POST /staff/admin/api-clients", allow: adminWho},
	{pattern: "POST /staff/admin/api-clients/{id}/revoke", allow: adminWho},
	// webhooks_routes.go (the empty form makes no endpoint; {id} and {seq}
	// name none)
	{pattern: "GET /staff/admin/webhooks", allow: adminWho},
	{pattern: "POST /staff/admin/webhooks", allow: adminWho},
	{pattern: "GET /staff/admin/webhooks/{id}", allow: adminWho},
	{pattern: "POST /staff/admin/webhooks/{id}/rotate", allow: adminWho},
	{pattern: "POST /staff/admin/webhooks/{id}/enable", allow: adminWho},
	{pattern: "POST /staff/admin/webhooks/{id}/disable", allow: adminWho},
	{pattern: "POST /staff/admin/webhooks/deliveries/{seq}/redeliver", allow: adminWho},
	// Per-service notices: admins and catalog editors ("editor", so the row
	// holds once the matrix signs an editor in; sms_services_test.go checks
	// editors meanwhile). {code} names no service, and the form lacks the
	// page's marker: nothing changes.
	{pattern: "GET /staff/admin/sms/services", allow: []string{whoAdmin, "editor"}},
	{pattern: "POST /staff/admin/sms/services/{code}", allow: []string{whoAdmin, "editor"}},
	// catalogedit_routes.go: {code} is unit A's code, which names no service;
	// POSTs lack a revision (or carry an unknown op), so nothing changes.
	{pattern: "GET /staff/catalog", allow: catalogWho},
	{pattern: "GET /staff/catalog/new", allow: catalogWho},
	{pattern: "POST /staff/catalog/new", allow: catalogWho, form: url.Values{"op": {"nope"}}},
	{pattern: "GET /staff/catalog/{code}/edit", allow: catalogWho},
	{pattern: "POST /staff/catalog/{code}/edit", allow: catalogWho, form: url.Values{"op": {"nope"}}},
	{pattern: "POST /staff/catalog/{code}/submit", allow: catalogWho},
	{pattern: "POST /staff/catalog/{code}/discard", allow: catalogWho},
	{pattern: "GET /staff/catalog/{code}/review", allow: catalogWho},
	{pattern: "POST /staff/catalog/{code}/approve", allow: catalogWho},
	{pattern: "POST /staff/catalog/{code}/return", allow: catalogWho},
	{pattern: "POST /staff/catalog/{code}/reviewed", allow: catalogWho},
	// catalogio_routes.go: empty forms (no file, no title) change nothing.
	{pattern: "GET /staff/catalog/stale", allow: []string{whoManagerA, whoEditor, whoAdmin}},
	{pattern: "GET /staff/catalog/announcements", allow: catalogWho},
	{pattern: "POST /staff/catalog/announcements", allow: catalogWho},
	{pattern: "GET /staff/catalog/export.json", allow: catalogWho},
	{pattern: "GET /staff/catalog/export.csv", allow: catalogWho},
	{pattern: "GET /staff/catalog/import", allow: catalogWho},
	{pattern: "POST /staff/catalog/import", allow: catalogWho},
}

// publicStaffRoutes are the /staff routes open to anyone: signing in and
// out. They are not in the matrix (auth_test.go covers them).
var publicStaffRoutes = []string{
	"GET /staff/login", "POST /staff/login", "GET /staff/login/totp", "POST /staff/login/totp",
	"GET /staff/enroll", "POST /staff/enroll", "POST /staff/logout",
}

var handlePattern = regexp.MustCompile(`\.Handle(?:Func)?\(\s*"([^"]+)"`)

// registeredStaffRoutes reads the route patterns from the package's source:
// http.ServeMux cannot list what it holds.
func registeredStaffRoutes(t *testing.T) []string {
	t.Helper()
	names, err := filepath.Glob("*.go")
	if err != nil || len(names) == 0 {
		t.Fatalf("no sources: %v", err)
	}
	var out []string
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range handlePattern.FindAllStringSubmatch(string(b), -1) {
			if strings.Contains(m[1], "/staff") {
				out = append(out, m[1])
			}
		}
	}
	return out
}

func TestRouteMatrixCoversEveryRoute(t *testing.T) {
	found := registeredStaffRoutes(t)
	if !slices.Contains(found, "GET /staff/tray") || !slices.Contains(found, "POST /staff/login") {
		t.Fatalf("route discovery is broken: found %q", found)
	}
	inTable := map[string]bool{}
	for _, r := range matrixRoutes {
		if inTable[r.pattern] {
			t.Errorf("%q is twice in the matrix", r.pattern)
		}
		inTable[r.pattern] = true
	}
	for _, p := range publicStaffRoutes {
		inTable[p] = true
	}
	for _, p := range found {
		if !inTable[p] {
			t.Errorf("route %q is registered but not in the route × role matrix (matrix_test.go): add a row", p)
		}
	}
	for p := range inTable {
		if !slices.Contains(found, p) {
			t.Errorf("matrix row %q matches no registered route: remove or rename it", p)
		}
	}
}

// matrixWorld is one desk with a request of unit A, and everybody of the
// matrix signed in (or not).
type matrixWorld struct {
	s         *site
	agents    map[string]*staffAgent
	citizen   *http.Cookie
	request   desk.Request
	docID     int64
	unitA     string
	spareUser string
}

// matrixApply files the demo building permit through the citizen's pages.
func matrixApply(t *testing.T, s *site) desk.Request { return applyPermit(t, s, "09121234567") }

// citizenCookie opens a tracking session for r (one-time code by SMS) and
// returns its cookie.
func citizenCookie(t *testing.T, s *site, r desk.Request) *http.Cookie {
	t.Helper()
	form := url.Values{"code": {r.TrackingCode}, "mobile": {"09121234567"}}
	s.post("/track/code", form)
	form.Set("otp", fa.ASCIIDigits(s.lastCode()))
	if code, body, _ := s.post("/track/verify", form); code != http.StatusSeeOther {
		t.Fatalf("track verify = %d\n%s", code, errSummary(body))
	}
	u, _ := url.Parse(s.srv.URL + "/track/details")
	for _, c := range s.c.Jar.Cookies(u) {
		if c.Name == "mizban_track" {
			return c
		}
	}
	t.Fatal("no tracking session cookie")
	return nil
}

func newMatrixWorld(t *testing.T) *matrixWorld {
	t.Helper()
	return newMatrixWorldOn(t, newSite(t, true))
}

func newMatrixWorldOn(t *testing.T, s *site) *matrixWorld {
	t.Helper()
	pinStaffClock(s, staffClockStart)
	w := &matrixWorld{s: s, agents: map[string]*staffAgent{}, spareUser: "spare.person"}
	w.request = matrixApply(t, s)
	w.citizen = citizenCookie(t, s, w.request)
	w.unitA = w.request.UnitCode
	unitB := "buildctl"
	if w.unitA == unitB {
		unitB = "permits"
	}
	in := func(unit string) desk.Membership { return desk.Membership{UnitCode: unit, Title: "آزمون"} }
	people := []struct {
		who, username string
		role          desk.Role
		unit          string
	}{
		{whoOfficerA, "matrix.officer.a", desk.RoleOfficer, w.unitA},
		{whoOfficerB, "matrix.officer.b", desk.RoleOfficer, unitB},
		// In unit B, so unit A's queue is not theirs either.
		{whoDesk, "matrix.desk", desk.RoleDeskOperator, unitB},
		{whoManagerA, "matrix.manager.a", desk.RoleManager, w.unitA},
		{whoEditor, "matrix.editor", desk.RoleEditor, w.unitA},
		{whoAuditor, "matrix.auditor", desk.RoleAuditor, w.unitA},
		{whoAdmin, "matrix.admin", desk.RoleAdmin, w.unitA},
	}
	for _, p := range people {
		addStaffUser(t, s, p.username, "همکار "+p.who, []desk.Role{p.role}, in(p.unit))
	}
	addStaffUser(t, s, w.spareUser, "همکار یدک", []desk.Role{desk.RoleOfficer}, in(unitB))
	for _, p := range people {
		w.agents[p.who] = signInStaff(t, s, p.username, staffTestPassword)
	}
	docs, err := s.app.Store.Documents(context.Background(), store.Owner{RequestID: w.request.ID})
	if err != nil || len(docs) == 0 {
		t.Fatalf("the request has no documents: %v", err)
	}
	w.docID = docs[0].ID
	return w
}

// path fills a pattern's wildcards with values of this world.
func (w *matrixWorld) path(pattern string) (method, path string) {
	method, path, _ = strings.Cut(pattern, " ")
	path = strings.NewReplacer(
		"{id}", itoa64(w.request.ID), "{doc}", itoa64(w.docID), "{draft}", "no-such-draft",
		"{username}", w.spareUser, "{kind}", "survey",
	).Replace(path)
	if strings.HasPrefix(path, "/staff/counter/") {
		path = strings.Replace(path, "{code}", permitCode, 1)
	}
	return method, strings.Replace(path, "{code}", w.unitA, 1)
}

// ask sends one request as who; anonymous and citizen use a fresh client.
func (w *matrixWorld) ask(t *testing.T, who, method, path string, form url.Values) (int, string, http.Header) {
	t.Helper()
	a := w.agents[who]
	if a == nil {
		a = &staffAgent{t: t, s: w.s, c: newStaffClient()}
	}
	var req *http.Request
	if method == http.MethodPost {
		req, _ = http.NewRequest(method, w.s.srv.URL+path, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	} else {
		req, _ = http.NewRequest(method, w.s.srv.URL+path, nil)
	}
	if who == whoCitizen {
		req.AddCookie(w.citizen)
	}
	return a.do(req)
}

func TestRouteRoleMatrix(t *testing.T) {
	w := newMatrixWorld(t)
	ctx := context.Background()
	for _, rt := range matrixRoutes {
		method, path := w.path(rt.pattern)
		for _, who := range matrixWho {
			st, body, h := w.ask(t, who, method, path, rt.form)
			loc := h.Get("Location")
			toLogin := st == http.StatusSeeOther && strings.HasPrefix(loc, "/staff/login")
			switch {
			case who == whoAnon || who == whoCitizen:
				want := "/staff/login"
				if method == http.MethodGet {
					want += "?next="
				}
				if !toLogin || !strings.HasPrefix(loc, want) {
					t.Errorf("%s as %s: %d to %q, want 303 to %s…", rt.pattern, who, st, loc, want)
				}
			case !slices.Contains(rt.allow, who):
				if st != http.StatusForbidden {
					t.Errorf("%s as %s: %d, want 403 (wrong role)", rt.pattern, who, st)
				}
			default:
				// Through the guard: the page answers for itself — a page, a
				// redirect after a change, or a refusal of the (deliberately
				// empty) form or of a request outside the person's units.
				if toLogin || st == http.StatusForbidden || st == http.StatusUnauthorized || st >= 500 {
					t.Errorf("%s as %s: %d %q, want to pass the guard\n%s", rt.pattern, who, st, loc, errSummary(body))
				}
				if method == http.MethodGet && !strings.Contains(rt.pattern, "{") && st != http.StatusOK {
					t.Errorf("%s as %s: %d, want 200", rt.pattern, who, st)
				}
			}
		}
	}
	if recs, _ := w.s.app.Store.Audit(ctx, store.AuditFilter{Action: auth.ActDenied, Limit: 1000}); len(recs) == 0 {
		t.Error("no refusal reached the audit log")
	}
	// The spare account the admin rows aimed at is still as it was: empty
	// forms changed nothing.
	rec, err := w.s.app.Store.StaffByUsername(ctx, w.spareUser)
	if err != nil {
		t.Fatal(err)
	}
	act, err := w.s.app.Store.Actor(ctx, rec.ID)
	if err != nil || len(act.Roles) != 1 || act.Roles[0] != desk.RoleOfficer || len(act.Units) != 1 {
		t.Errorf("the matrix's forms changed the spare account: %+v %v", act, err)
	}
}

// TestNoRequestOfAnotherUnit: a request of unit A by its id, to officers of
// A and of B (and the other roles that see files).
func TestNoRequestOfAnotherUnit(t *testing.T) {
	w := newMatrixWorld(t)
	id := itoa64(w.request.ID)
	view, doc, act := "/staff/requests/"+id, "/staff/requests/"+id+"/documents/"+itoa64(w.docID), "/staff/requests/"+id+"/act"
	note := url.Values{"action": {string(desk.ActNote)}, "text": {"یادداشت آزمایشی"}, "version": {strconv.Itoa(w.request.Version)}}

	for _, who := range []string{whoOfficerB, whoDesk} {
		for _, p := range []string{view, doc} {
			if st, body, _ := w.ask(t, who, "GET", p, nil); st != http.StatusNotFound || hasCode(body, w.request.TrackingCode) {
				t.Errorf("%s GET %s: %d, want 404 with nothing of the request", who, p, st)
			}
		}
		if st, _, _ := w.ask(t, who, "POST", act, note); st != http.StatusNotFound {
			t.Errorf("%s POST act: %d, want 404", who, st)
		}
		if st, body, _ := w.ask(t, who, "POST", view+"/reveal", nil); st != http.StatusNotFound || strings.Contains(body, "0076229645") {
			t.Errorf("%s POST reveal: %d, want 404", who, st)
		}
		// Nor does their tray list it.
		if _, body, _ := w.ask(t, who, "GET", "/staff/tray?scope=unit&tab=all", nil); hasCode(body, w.request.TrackingCode) {
			t.Errorf("%s's tray lists unit A's request", who)
		}
	}
	r, _ := w.s.app.Store.Request(context.Background(), w.request.ID)
	if r.Version != w.request.Version {
		t.Fatalf("refused actions changed the request (version %d → %d)", w.request.Version, r.Version)
	}

	for _, who := range []string{whoOfficerA, whoManagerA} {
		st, body, _ := w.ask(t, who, "GET", view, nil)
		if st != http.StatusOK || !hasCode(body, w.request.TrackingCode) {
			t.Errorf("%s GET request: %d, want 200 with the request", who, st)
		}
		st, body, h := w.ask(t, who, "GET", doc, nil)
		if st != http.StatusOK || body != string(pdf) || h.Get("Cache-Control") != "no-store" {
			t.Errorf("%s GET document: %d %q", who, st, h.Get("Cache-Control"))
		}
	}
	st, body, h := w.ask(t, whoOfficerA, "POST", act, note)
	if st != http.StatusSeeOther || h.Get("Location") != view+"?done=note" {
		t.Fatalf("officer A notes: %d %q\n%s", st, h.Get("Location"), errSummary(body))
	}
}

// hasCode reports whether a page shows tracking code c, plain or grouped
// as pages print it.
func hasCode(body, c string) bool {
	return strings.Contains(body, c) || strings.Contains(body, fa.PersianDigits(c)) ||
		strings.Contains(body, i18n.Group(i18n.FA, c))
}
