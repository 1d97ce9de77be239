package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"mizban/internal/desk"
	"mizban/internal/fa"
)

// upload posts one file as field "file" of a multipart form.
func (a *staffAgent) upload(path, name string, data []byte) (int, string, http.Header) {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	fw, _ := w.CreateFormFile("file", name)
	fw.Write(data)
	w.Close()
	req, _ := http.NewRequest("POST", a.s.srv.URL+path, &buf)
	req.Header.Set("Content-Type", w.FormDataContentType())
	return a.do(req)
}

// catalogStaff is a site with an editor, an officer and a manager of the
// building permit's unit signed in, at a time every demo card is overdue
// for review.
type catalogStaff struct {
	s                        *site
	editor, officer, manager *staffAgent
	unit                     string
}

func newCatalogStaff(t *testing.T) *catalogStaff {
	t.Helper()
	s := newSite(t, true)
	pinStaffClock(s, time.Date(2028, 5, 1, 5, 0, 0, 0, time.UTC))
	permit, err := s.app.Store.Service(context.Background(), permitCode)
	if err != nil {
		t.Fatal(err)
	}
	in := desk.Membership{UnitCode: permit.UnitCode, Title: "آزمون"}
	addStaffUser(t, s, "io.editor", "ویراستار آزمون", []desk.Role{desk.RoleEditor}, in)
	addStaffUser(t, s, "io.officer", "کارشناس آزمون", []desk.Role{desk.RoleOfficer}, in)
	addStaffUser(t, s, "io.manager", "مدیر آزمون", []desk.Role{desk.RoleManager}, in)
	return &catalogStaff{s: s, unit: permit.UnitCode,
		editor:  signInStaff(t, s, "io.editor", staffTestPassword),
		officer: signInStaff(t, s, "io.officer", staffTestPassword),
		manager: signInStaff(t, s, "io.manager", staffTestPassword)}
}

func TestStaleListPermissions(t *testing.T) {
	c := newCatalogStaff(t)
	all, err := c.s.app.Store.Services(context.Background(), storeFilterAll())
	if err != nil {
		t.Fatal(err)
	}
	if st, _, _ := c.officer.get("/staff/catalog/stale"); st != http.StatusForbidden {
		t.Errorf("officer: %d; want 403", st)
	}
	st, body, _ := c.editor.get("/staff/catalog/stale")
	if st != http.StatusOK {
		t.Fatalf("editor: %d", st)
	}
	rows := regexp.MustCompile(`<td><a href="/services/(\d+)">`).FindAllStringSubmatch(body, -1)
	if len(rows) != len(all) {
		t.Fatalf("editor sees %d stale cards; want all %d", len(rows), len(all))
	}
	mustContain(t, body, "شناسنامه‌های نیازمند بازبینی", `href="/staff/catalog/`+permitCode+`/edit"`)
	// Oldest first: the days column never grows down the table.
	days := regexp.MustCompile(`<td class="num"><strong>([۰-۹]+)</strong>`).FindAllStringSubmatch(body, -1)
	if len(days) != len(rows) {
		t.Fatalf("%d day cells for %d rows (Persian digits expected)", len(days), len(rows))
	}
	for i := 1; i < len(days); i++ {
		if len(fa.ASCIIDigits(days[i][1])) > len(fa.ASCIIDigits(days[i-1][1])) || len(fa.ASCIIDigits(days[i][1])) == len(fa.ASCIIDigits(days[i-1][1])) && fa.ASCIIDigits(days[i][1]) > fa.ASCIIDigits(days[i-1][1]) {
			t.Errorf("row %d has more days (%s) than the row above (%s)", i+1, days[i][1], days[i-1][1])
		}
	}

	// The manager finds the list from the staff home, sees only the cards
	// of their unit, and no editor links.
	_, body, _ = c.manager.get("/staff")
	mustContain(t, body, `href="/staff/catalog/stale"`)
	st, body, _ = c.manager.get("/staff/catalog/stale")
	if st != http.StatusOK {
		t.Fatalf("manager: %d", st)
	}
	want := 0
	for _, svc := range all {
		if svc.UnitCode == c.unit {
			want++
		}
	}
	if got := len(regexp.MustCompile(`<td><a href="/services/\d+">`).FindAllString(body, -1)); got != want || want == 0 {
		t.Errorf("manager sees %d cards; want their unit's %d", got, want)
	}
	if strings.Contains(body, "/edit") {
		t.Error("the manager's list links to the editor")
	}
}

func TestCatalogExportRoundTrip(t *testing.T) {
	c := newCatalogStaff(t)
	ctx := context.Background()
	before, _ := c.s.app.Store.Services(ctx, storeFilterAll())
	for _, tc := range []struct{ ext, ctype string }{{"json", "application/json"}, {"csv", "text/csv"}} {
		st, body, h := c.editor.get("/staff/catalog/export." + tc.ext)
		if st != http.StatusOK || !strings.HasPrefix(h.Get("Content-Type"), tc.ctype) {
			t.Fatalf("export %s: %d %q", tc.ext, st, h.Get("Content-Type"))
		}
		// 1 May 2028 is 12 Ordibehesht 1407.
		if want := `attachment; filename="mizban-catalog-1407-02-12.` + tc.ext + `"`; h.Get("Content-Disposition") != want {
			t.Errorf("export %s: Content-Disposition %q; want %q", tc.ext, h.Get("Content-Disposition"), want)
		}
		if tc.ext == "json" {
			var cards []desk.Service
			if err := json.Unmarshal([]byte(body), &cards); err != nil || len(cards) != len(before) {
				t.Fatalf("export json: %d cards, %v", len(cards), err)
			}
		}
		// Importing the export back changes nothing.
		st, page, h := c.editor.upload("/staff/catalog/import", "catalog."+tc.ext, []byte(body))
		if st != http.StatusSeeOther {
			t.Fatalf("import %s back: %d\n%s", tc.ext, st, problemTable(page))
		}
		_, page, _ = c.editor.get(h.Get("Location"))
		mustContain(t, page, `<strong class="n-created">۰</strong>`, `<strong class="n-updated">۰</strong>`,
			`<strong class="n-unchanged">`+fa.PersianDigits(itoa64(int64(len(before))))+`</strong>`)
	}
	after, _ := c.s.app.Store.Services(ctx, storeFilterAll())
	for i := range after {
		if after[i].Version != before[i].Version {
			t.Errorf("%s: version %d → %d after a round trip", after[i].Code, before[i].Version, after[i].Version)
		}
	}
	if st, _, _ := c.officer.get("/staff/catalog/export.json"); st != http.StatusForbidden {
		t.Errorf("officer export: %d; want 403", st)
	}
	if st, _, _ := c.manager.get("/staff/catalog/import"); st != http.StatusForbidden {
		t.Errorf("manager import page: %d; want 403", st)
	}
}

// problemTable is the problems table of the import page, for messages.
func problemTable(body string) string {
	i := strings.Index(body, `class="problem-table"`)
	if i < 0 {
		return errSummary(body)
	}
	return body[i:min(len(body), i+3000)]
}

func TestCatalogImportRefusesAndChangesNothing(t *testing.T) {
	c := newCatalogStaff(t)
	ctx := context.Background()
	permit, _ := c.s.app.Store.Service(ctx, permitCode)

	// One good change and one broken card: nothing may be published.
	good := permit
	good.Title = permit.Title + " (ویرایش)"
	broken := permit
	broken.Code, broken.Title, broken.Steps = "99999999999", "", nil
	if len(broken.Documents) > 0 {
		broken.Documents = append([]desk.RequiredDoc(nil), broken.Documents...)
		broken.Documents[0].Name = ""
	}
	data, _ := json.Marshal([]desk.Service{good, broken})
	st, body, _ := c.editor.upload("/staff/catalog/import", "cards.json", data)
	if st != http.StatusUnprocessableEntity {
		t.Fatalf("invalid import: %d", st)
	}
	mustContain(t, body, "فایل ایراد دارد و هیچ تغییری ذخیره نشد.", `class="problem-table"`,
		`<td class="num">۲</td>`, `<bdi class="ltr">۹۹۹۹۹۹۹۹۹۹۹</bdi>`, `<bdi class="ltr">title</bdi>`, `<bdi class="ltr">steps</bdi>`)
	if after, _ := c.s.app.Store.Service(ctx, permitCode); after.Version != permit.Version || after.Title != permit.Title {
		t.Errorf("a refused import changed the permit: v%d %q", after.Version, after.Title)
	}
	if _, err := c.s.app.Store.Service(ctx, "99999999999"); desk.ErrorCode(err) != desk.ENOTFOUND {
		t.Errorf("a refused import created the broken card: %v", err)
	}

	// A CSV problem the workflow finds (an unknown unit) names the file's
	// line, past the header and a blank line, not the card's number.
	all, _ := c.s.app.Store.Services(ctx, storeFilterAll())
	other := all[0]
	if other.Code == permitCode {
		other = all[1]
	}
	list := "code,unit_code\n\n" + other.Code + "," + other.UnitCode + "\n" + permitCode + ",nowhere\n"
	st, body, _ = c.editor.upload("/staff/catalog/import", "list.csv", []byte(list))
	if st != http.StatusUnprocessableEntity {
		t.Fatalf("csv with an unknown unit: %d", st)
	}
	row := regexp.MustCompile(`<td class="num">([^<]+)</td>\s*<td><bdi class="ltr">` + fa.PersianDigits(permitCode)).FindStringSubmatch(body)
	if row == nil || row[1] != "۴" {
		t.Errorf("the unknown unit's problem names row %v; want line ۴\n%s", row, problemTable(body))
	}

	// No file, a file with no services, a file too large.
	for _, tc := range []struct {
		name   string
		data   []byte
		status int
		want   string
	}{
		{"empty.json", []byte("[]"), http.StatusUnprocessableEntity, "در این فایل هیچ خدمتی نیست."},
		{"big.json", bytes.Repeat([]byte(" "), 11<<20), http.StatusRequestEntityTooLarge, "فایل بیش از ۱۰ مگابایت است."},
	} {
		st, body, _ := c.editor.upload("/staff/catalog/import", tc.name, tc.data)
		if st != tc.status || !strings.Contains(body, tc.want) || !strings.Contains(body, `href="#f-file"`) {
			t.Errorf("%s: %d\n%s", tc.name, st, errSummary(body))
		}
	}
	if st, body, _ := c.editor.post("/staff/catalog/import", url.Values{}); st != http.StatusUnprocessableEntity || !strings.Contains(body, "را انتخاب کنید") {
		t.Errorf("no file: %d", st)
	}
	if after, _ := c.s.app.Store.Service(ctx, permitCode); after.Version != permit.Version {
		t.Errorf("refused uploads changed the permit: v%d", after.Version)
	}
}

func TestStaffAnnouncements(t *testing.T) {
	c := newCatalogStaff(t)
	if st, _, _ := c.officer.get("/staff/catalog/announcements"); st != http.StatusForbidden {
		t.Errorf("officer: %d; want 403", st)
	}
	// Errors keep what was typed.
	st, body, _ := c.editor.post("/staff/catalog/announcements", url.Values{"service": {permitCode}, "title": {""}, "body": {"متن نوشته‌شده"}})
	if st != http.StatusUnprocessableEntity {
		t.Fatalf("empty title: %d", st)
	}
	mustContain(t, body, `href="#f-title"`, "متن نوشته‌شده", `<option value="`+permitCode+`" selected>`)

	st, _, h := c.editor.post("/staff/catalog/announcements", url.Values{"service": {""}, "title": {"ساعت کاری تابستان"}, "body": {"از اول تیر ساعت کار ۷ تا ۱۳ است."}})
	if st != http.StatusSeeOther {
		t.Fatalf("post: %d", st)
	}
	_, body, _ = c.editor.get(h.Get("Location"))
	mustContain(t, body, "اطلاعیه منتشر شد.", "ساعت کاری تابستان")
	_, body, _ = c.s.get("/announcements")
	mustContain(t, body, "ساعت کاری تابستان", "از اول تیر ساعت کار ۷ تا ۱۳ است.")
}
