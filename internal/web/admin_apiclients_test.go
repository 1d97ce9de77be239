package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func TestAdminAPIClients(t *testing.T) {
	s, admin := adminSite(t)
	st, body, _ := admin.get("/staff/admin")
	wantCode(t, "admin home", st, 200, body)
	mustContain(t, body, `href="/staff/admin/api-clients"`)
	st, body, h := admin.get("/staff/admin/api-clients")
	wantCode(t, "empty list", st, 200, body)
	mustContain(t, body, "هنوز هیچ کلاینتی ساخته نشده است.")
	if h.Get("Cache-Control") != "no-store" {
		t.Errorf("Cache-Control %q", h.Get("Cache-Control"))
	}

	// Every error at once, what was typed kept.
	st, body, _ = admin.post("/staff/admin/api-clients", url.Values{"name": {""}, "unit": {"nowhere"}})
	wantCode(t, "empty form", st, http.StatusUnprocessableEntity, body)
	mustContain(t, errSummary(body), "نام کلاینت را بنویسید", "دست‌کم یک دسترسی", "واحد انتخاب‌شده پیدا نشد")
	st, body, _ = admin.post("/staff/admin/api-clients", url.Values{"name": {"اتوماسیون"}})
	wantCode(t, "no scope", st, http.StatusUnprocessableEntity, body)
	mustContain(t, body, `value="اتوماسیون"`)

	st, body, h = admin.post("/staff/admin/api-clients", url.Values{"name": {"اتوماسیون اداری"},
		"scope": {"requests:read", "events:write"}, "unit": {"hq"}})
	wantCode(t, "add", st, 200, body)
	token := regexp.MustCompile(`value="(mzb_[A-Za-z0-9_-]{43})"`).FindStringSubmatch(body)
	if token == nil || h.Get("Cache-Control") != "no-store" {
		t.Fatalf("no token panel (Cache-Control %q)\n%s", h.Get("Cache-Control"), body)
	}
	c, err := s.app.Flow.AuthenticateAPI(context.Background(), token[1])
	if err != nil || c.Name != "اتوماسیون اداری" || strings.Join(c.Units, ",") != "hq" {
		t.Fatalf("the shown token: %+v, %v", c, err)
	}
	wantAudit(t, s, "api_client.create", "")

	// The list shows the prefix, never the token again.
	st, body, _ = admin.get("/staff/admin/api-clients")
	wantCode(t, "list", st, 200, body)
	mustContain(t, body, "اتوماسیون اداری", c.TokenPrefix+"…", "ستاد مرکزی", "خواندن درخواست‌ها")
	if strings.Contains(body, token[1]) {
		t.Error("the token is shown again")
	}

	revoke := "/staff/admin/api-clients/" + strconv.FormatInt(c.ID, 10) + "/revoke"
	st, _, h = admin.post(revoke, nil)
	if st != http.StatusSeeOther || h.Get("Location") != "/staff/admin/api-clients?done=revoked" {
		t.Fatalf("revoke: %d to %q", st, h.Get("Location"))
	}
	st, body, _ = admin.get("/staff/admin/api-clients?done=revoked")
	wantCode(t, "after revoke", st, 200, body)
	mustContain(t, body, "توکن کلاینت باطل شد", "باطل شده")
	if _, err := s.app.Flow.AuthenticateAPI(context.Background(), token[1]); err == nil {
		t.Error("a revoked token still works")
	}
	st, body, _ = admin.post("/staff/admin/api-clients/999/revoke", nil)
	wantCode(t, "revoke unknown", st, http.StatusNotFound, body)
}
