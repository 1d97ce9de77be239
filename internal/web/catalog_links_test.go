package web_test

import (
	"net/http"
	"strings"
	"testing"
)

// The catalog list leads to every catalog page an editor or administrator
// may use, each of which opens for them; the staff home shows editors the
// per-service SMS switches too (administrators find them under system
// administration), and officers none of it.
func TestCatalogListLinks(t *testing.T) {
	c := newCatalogSite(t)
	links := []string{"/staff/catalog/announcements", "/staff/catalog/import", "/staff/catalog/export.json",
		"/staff/catalog/export.csv", "/staff/admin/sms/services"}
	for _, tc := range []struct {
		name     string
		who      *staffAgent
		homeSMS  bool // the staff home links the SMS switches
		catalogs bool // the catalog list opens
	}{
		{"editor", c.ed1, true, true},
		{"admin", c.admin, false, true},
		{"officer", c.officer, false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st, body, _ := tc.who.get("/staff")
			wantCode(t, "staff home", st, http.StatusOK, body)
			if got := strings.Contains(body, `href="/staff/admin/sms/services"`); got != tc.homeSMS {
				t.Errorf("staff home links the SMS switches: %v, want %v", got, tc.homeSMS)
			}
			st, body, _ = tc.who.get("/staff/catalog")
			if !tc.catalogs {
				if st != http.StatusForbidden {
					t.Errorf("catalog list = %d, want 403", st)
				}
				return
			}
			wantCode(t, "catalog list", st, http.StatusOK, body)
			for _, l := range links {
				mustContain(t, body, `href="`+l+`"`)
				if st, page, _ := tc.who.get(l); st != http.StatusOK {
					t.Errorf("GET %s = %d\n%s", l, st, errSummary(page))
				}
			}
		})
	}
}
