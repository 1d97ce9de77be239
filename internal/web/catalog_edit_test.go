package web_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"mizban/internal/desk"
	"mizban/internal/jalali"
	"mizban/internal/workflow"
)

// catalogSite is the demo desk with two editors (so one can approve what
// the other sent), an administrator and an officer, all signed in.
type catalogSite struct {
	s                        *site
	ed1, ed2, admin, officer *staffAgent
}

func newCatalogSite(t *testing.T) *catalogSite {
	t.Helper()
	s := newSite(t, true)
	pinStaffClock(s, staffClockStart)
	in := desk.Membership{UnitCode: "desk", Title: "ویراستار"}
	addStaffUser(t, s, "cat.editor.one", "نسرین ویراستار", []desk.Role{desk.RoleEditor}, in)
	addStaffUser(t, s, "cat.editor.two", "کاوه ویراستار", []desk.Role{desk.RoleEditor}, in)
	addStaffUser(t, s, "cat.admin", "پریسا مدیر", []desk.Role{desk.RoleAdmin}, desk.Membership{UnitCode: "it", Title: "راهبر"})
	addStaffUser(t, s, "cat.officer", "بهرام کارشناس", []desk.Role{desk.RoleOfficer}, desk.Membership{UnitCode: "permits", Title: "کارشناس"})
	return &catalogSite{s: s,
		ed1:     signInStaff(t, s, "cat.editor.one", staffTestPassword),
		ed2:     signInStaff(t, s, "cat.editor.two", staffTestPassword),
		admin:   signInStaff(t, s, "cat.admin", staffTestPassword),
		officer: signInStaff(t, s, "cat.officer", staffTestPassword),
	}
}

var (
	formTag     = regexp.MustCompile(`(?s)<form method="post" action="([^"]+)"[^>]*class="card-editor">(.*?)</form>`)
	inputTag    = regexp.MustCompile(`<input ([^>]*)>`)
	textareaTag = regexp.MustCompile(`(?s)<textarea [^>]*name="([^"]+)"[^>]*>(.*?)</textarea>`)
	selectTag   = regexp.MustCompile(`(?s)<select [^>]*name="([^"]+)"[^>]*>(.*?)</select>`)
	selectedOpt = regexp.MustCompile(`<option value="([^"]*)" selected>`)
	attr        = regexp.MustCompile(`([a-z-]+)(?:="([^"]*)")?`)
)

// editorForm reads the card editor's form from a page the way a browser
// would submit it (no button pressed yet): text and hidden inputs, ticked
// boxes, textareas and the selected option of each select.
func editorForm(t *testing.T, body string) (action string, v url.Values) {
	t.Helper()
	m := formTag.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no card editor form on the page\n%s", errSummary(body))
	}
	action, form := html.UnescapeString(m[1]), m[2]
	v = url.Values{}
	for _, in := range inputTag.FindAllStringSubmatch(form, -1) {
		a := map[string]string{}
		for _, kv := range attr.FindAllStringSubmatch(in[1], -1) {
			a[kv[1]] = html.UnescapeString(kv[2])
		}
		_, checked := a["checked"]
		switch a["type"] {
		case "text", "hidden":
			v.Add(a["name"], a["value"])
		case "checkbox", "radio":
			if checked {
				v.Add(a["name"], a["value"])
			}
		}
	}
	for _, ta := range textareaTag.FindAllStringSubmatch(form, -1) {
		v.Set(ta[1], html.UnescapeString(ta[2]))
	}
	for _, sel := range selectTag.FindAllStringSubmatch(form, -1) {
		if o := selectedOpt.FindStringSubmatch(sel[2]); o != nil {
			v.Set(sel[1], html.UnescapeString(o[1]))
		} else if first := regexp.MustCompile(`<option value="([^"]*)"`).FindStringSubmatch(sel[2]); first != nil {
			v.Set(sel[1], html.UnescapeString(first[1]))
		}
	}
	return action, v
}

// openEditor loads the edit page of code as a and returns its form.
func openEditor(t *testing.T, a *staffAgent, code string) (string, url.Values) {
	t.Helper()
	st, body, _ := a.get("/staff/catalog/" + code + "/edit")
	wantCode(t, "edit page", st, http.StatusOK, body)
	return editorForm(t, body)
}

func press(v url.Values, op string) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	out.Set("op", op)
	return out
}

func (c *catalogSite) draft(t *testing.T, code string) workflow.CatalogDraft {
	t.Helper()
	d, err := c.s.app.Flow.CatalogDraft(context.Background(), desk.Actor{StaffID: c.ed1.ID, Name: "نسرین ویراستار",
		Roles: []desk.Role{desk.RoleEditor}}, code)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestCatalogEditorSavesATitle(t *testing.T) {
	c := newCatalogSite(t)
	st, body, _ := c.ed1.get("/staff")
	wantCode(t, "staff home", st, http.StatusOK, body)
	mustContain(t, body, `href="/staff/catalog"`)
	st, body, _ = c.ed1.get("/staff/catalog")
	wantCode(t, "catalog list", st, http.StatusOK, body)
	mustContain(t, body, "صدور پروانه ساختمانی", `href="/staff/catalog/`+permitCode+`/edit"`, `href="/staff/catalog/new"`)

	action, v := openEditor(t, c.ed1, permitCode)
	if action != "/staff/catalog/"+permitCode+"/edit" || v.Get("revision") != "0" || v.Get("title") != "صدور پروانه ساختمانی" {
		t.Fatalf("editor form: action %q revision %q title %q", action, v.Get("revision"), v.Get("title"))
	}
	// Every field of the card is on the form, under its dotted name.
	for _, k := range []string{"summary", "description", "kind", "type", "nature", "level", "category", "audience",
		"trigger", "life_events", "keywords", "duration_days", "visits", "fee_rials", "fee_note", "hours_places",
		"documents.0.name", "documents.0.key", "documents.0.formats", "documents.0.required", "documents.0.upload",
		"steps.0.title", "steps.0.detail", "steps.0.unit_code", "channels.information", "inquiries", "legal_basis",
		"complaints", "unit_code", "online", "form.0.label", "form.0.type", "form.0.choices", "form.1.max_len", "retention"} {
		if !v.Has(k) {
			t.Errorf("the form has no input %q", k)
		}
	}
	// Arabic ي and ك are folded; a fee in Persian digits is read.
	v.Set("title", "صدور پروانه ساختماني (كامل)")
	v.Set("fee_rials", "۵٬۰۰۰٬۰۰۰")
	st, body, h := c.ed1.post(action, press(v, "save"))
	wantCode(t, "save", st, http.StatusSeeOther, body)
	if h.Get("Location") != "/staff/catalog/"+permitCode+"/edit?done=saved" {
		t.Fatalf("save went to %q", h.Get("Location"))
	}
	d := c.draft(t, permitCode)
	if d.Revision != 1 || d.State != workflow.DraftEditing || d.Card.Title != "صدور پروانه ساختمانی (کامل)" || d.Card.FeeRials != 5000000 {
		t.Fatalf("draft after save: rev %d state %q title %q fee %d", d.Revision, d.State, d.Card.Title, d.Card.FeeRials)
	}
	if len(d.Card.Steps) != 7 || len(d.Card.Documents) != 6 || len(d.Card.Form) == 0 {
		t.Errorf("saving changed the lists: %d steps, %d documents, %d questions", len(d.Card.Steps), len(d.Card.Documents), len(d.Card.Form))
	}
	st, body, _ = c.ed1.get("/staff/catalog/" + permitCode + "/edit?done=saved")
	wantCode(t, "edit after save", st, http.StatusOK, body)
	mustContain(t, body, "پیش‌نویس ذخیره شد.", `value="صدور پروانه ساختمانی (کامل)"`, `name="revision" value="1"`)
	// Citizens still see the published card until it is approved.
	_, body, _ = c.s.get("/services/" + permitCode)
	if strings.Contains(body, "(کامل)") {
		t.Error("the public page shows an unapproved draft")
	}
	// The list shows the open draft.
	_, body, _ = c.ed1.get("/staff/catalog")
	mustContain(t, body, "پیش‌نویس‌های باز", "در حال ویرایش", "نسرین ویراستار")
}

func TestCatalogListButtonsWithoutJavaScript(t *testing.T) {
	c := newCatalogSite(t)
	action, v := openEditor(t, c.ed1, permitCode)
	v.Set("summary", "خلاصه‌ای که تازه نوشته شد")
	v.Set("duration_days", "سی") // not a number: kept as typed, nothing saved
	st, body, _ := c.ed1.post(action, press(v, "save"))
	wantCode(t, "save with a bad number", st, http.StatusUnprocessableEntity, body)
	mustContain(t, body, `value="سی"`, ">خلاصه‌ای که تازه نوشته شد</textarea>", `href="#f-duration_days"`)
	if d := c.draft(t, permitCode); d.Revision != 0 {
		t.Fatalf("a form with a bad number was saved (revision %d)", d.Revision)
	}

	_, v = editorForm(t, body)
	v.Set("duration_days", "۳۰")
	st, body, _ = c.ed1.post(action, press(v, "add:steps"))
	wantCode(t, "add step", st, http.StatusOK, body)
	mustContain(t, body, ">خلاصه‌ای که تازه نوشته شد</textarea>", `id="i-steps.7.title" name="steps.7.title" value="" autocomplete="off" autofocus`,
		`name="revision" value="1"`)
	d := c.draft(t, permitCode)
	if len(d.Card.Steps) != 8 || d.Card.Summary != "خلاصه‌ای که تازه نوشته شد" || d.Card.DurationDays != 30 {
		t.Fatalf("draft after add: %d steps, summary %q, %d days", len(d.Card.Steps), d.Card.Summary, d.Card.DurationDays)
	}

	// Type into the new step, then move it up: the text travels with it.
	_, v = editorForm(t, body)
	v.Set("steps.7.title", "تحویل پروانه چاپی")
	st, body, _ = c.ed1.post(action, press(v, "up:steps:7"))
	wantCode(t, "move up", st, http.StatusOK, body)
	d = c.draft(t, permitCode)
	if d.Card.Steps[6].Title != "تحویل پروانه چاپی" || d.Card.Steps[7].Title != "صدور و امضای پروانه" {
		t.Fatalf("after up: steps 7, 8 = %q, %q", d.Card.Steps[6].Title, d.Card.Steps[7].Title)
	}
	// Remove the first document, add a question: each keeps the rest.
	_, v = editorForm(t, body)
	st, body, _ = c.ed1.post(action, press(v, "remove:documents:0"))
	wantCode(t, "remove document", st, http.StatusOK, body)
	_, v = editorForm(t, body)
	st, body, _ = c.ed1.post(action, press(v, "add:form"))
	wantCode(t, "add question", st, http.StatusOK, body)
	d = c.draft(t, permitCode)
	if len(d.Card.Documents) != 5 || d.Card.Documents[0].Key != "owner_id_card" {
		t.Errorf("after remove: %d documents, first %q", len(d.Card.Documents), d.Card.Documents[0].Key)
	}
	if n := len(d.Card.Form); d.Card.Form[n-1].Type != desk.FieldText || d.Card.Form[n-1].Label != "" {
		t.Errorf("the added question is %+v", d.Card.Form[n-1])
	}
	// An op of another form's making is refused, not guessed at.
	_, v = editorForm(t, body)
	st, _, _ = c.ed1.post(action, press(v, "explode:steps"))
	wantCode(t, "unknown op", st, http.StatusBadRequest, "")
}

func TestCatalogValidationLandsOnItsField(t *testing.T) {
	c := newCatalogSite(t)
	action, v := openEditor(t, c.ed1, permitCode)
	v.Set("steps.2.title", "")
	st, body, _ := c.ed1.post(action, press(v, "submit"))
	wantCode(t, "submit invalid", st, http.StatusUnprocessableEntity, body)
	mustContain(t, body, `href="#f-steps.2.title"`, `class="field has-error" id="f-steps.2.title"`)
	if !strings.Contains(errSummary(body), "۳") {
		t.Errorf("the message does not name step 3 for people: %s", errSummary(body))
	}
	// The draft was saved (nothing typed is lost) and stays in editing.
	if d := c.draft(t, permitCode); d.Revision != 1 || d.State != workflow.DraftEditing || d.Card.Steps[2].Title != "" {
		t.Errorf("draft after refused submit: rev %d state %q", d.Revision, d.State)
	}
	// A bad effective date is said at its field.
	_, v = editorForm(t, body)
	v.Set("steps.2.title", "صدور دستور نقشه")
	v.Set("effective_d", "۳۱")
	v.Set("effective_m", "۱۲")
	v.Set("effective_y", "۱۴۰۵")
	st, body, _ = c.ed1.post(action, press(v, "save"))
	wantCode(t, "bad effective date", st, http.StatusUnprocessableEntity, body)
	mustContain(t, body, `href="#f-effective"`, `value="۳۱"`)
}

func TestCatalogConflictKeepsTheText(t *testing.T) {
	c := newCatalogSite(t)
	action, mine := openEditor(t, c.ed1, permitCode)
	_, theirs := openEditor(t, c.ed2, permitCode)
	theirs.Set("fee_rials", "6000000")
	st, body, _ := c.ed2.post(action, press(theirs, "save"))
	wantCode(t, "their save", st, http.StatusSeeOther, body)

	mine.Set("summary", "خلاصه‌ای که ویراستار یکم نوشت")
	st, body, _ = c.ed1.post(action, press(mine, "save"))
	wantCode(t, "stale save", st, http.StatusConflict, body)
	mustContain(t, body, ">خلاصه‌ای که ویراستار یکم نوشت</textarea>", "همکار شما هم این پیش‌نویس را تغییر داده است", "کاوه ویراستار")
	if d := c.draft(t, permitCode); d.Card.FeeRials != 6000000 || d.Card.Summary == "خلاصه‌ای که ویراستار یکم نوشت" {
		t.Fatalf("the stale save overwrote the other editor's draft: %+v", d.Card.Summary)
	}
	// Having read the differences, saving again replaces theirs on purpose.
	_, again := editorForm(t, body)
	if again.Get("revision") != "1" {
		t.Fatalf("conflict page revision = %q, want the stored 1", again.Get("revision"))
	}
	st, body, _ = c.ed1.post(action, press(again, "save"))
	wantCode(t, "deliberate save", st, http.StatusSeeOther, body)
	if d := c.draft(t, permitCode); d.Revision != 2 || d.Card.Summary != "خلاصه‌ای که ویراستار یکم نوشت" {
		t.Errorf("after the deliberate save: rev %d summary %q", d.Revision, d.Card.Summary)
	}
}

func TestCatalogPagesRefuseOtherRoles(t *testing.T) {
	c := newCatalogSite(t)
	for _, p := range []string{"/staff/catalog", "/staff/catalog/new", "/staff/catalog/" + permitCode + "/edit", "/staff/catalog/" + permitCode + "/review"} {
		if st, _, _ := c.officer.get(p); st != http.StatusForbidden {
			t.Errorf("officer GET %s: %d, want 403", p, st)
		}
	}
	_, v := openEditor(t, c.ed1, permitCode)
	v.Set("title", "عنوانی که کارشناس نوشت")
	if st, _, _ := c.officer.post("/staff/catalog/"+permitCode+"/edit", press(v, "save")); st != http.StatusForbidden {
		t.Errorf("officer POST edit: %d, want 403", st)
	}
	if d := c.draft(t, permitCode); d.Revision != 0 {
		t.Errorf("an officer's post saved a draft")
	}
	_, body, _ := c.officer.get("/staff")
	if strings.Contains(body, `href="/staff/catalog"`) {
		t.Error("an officer's home links to the catalog editor")
	}
}

func TestCatalogFourEyesThenPublish(t *testing.T) {
	c := newCatalogSite(t)
	action, v := openEditor(t, c.ed1, permitCode)
	v.Set("documents.0.notes", "تصویر همه صفحات سند؛ اسکن رنگی")
	const n = "6" // the demo permit lists documents 0–5; a seventh input is a seventh document
	v.Set("documents."+n+".key", "site_photo")
	v.Set("documents."+n+".name", "عکس ملک از گذر")
	v.Set("documents."+n+".required", "1")
	v.Set("documents."+n+".upload", "1")
	v["documents."+n+".formats"] = []string{"jpeg", "png"}
	st, body, h := c.ed1.post(action, press(v, "submit"))
	wantCode(t, "submit", st, http.StatusSeeOther, body)
	if !strings.HasPrefix(h.Get("Location"), "/staff/catalog?") || !strings.Contains(h.Get("Location"), "done=submitted") {
		t.Fatalf("submit went to %q", h.Get("Location"))
	}
	_, body, _ = c.ed1.get(h.Get("Location"))
	mustContain(t, body, "پیش‌نویس برای بازبینی فرستاده شد.", "در انتظار بازبینی")
	// The editor page is closed while the draft is in review.
	_, body, _ = c.ed1.get("/staff/catalog/" + permitCode + "/edit")
	if strings.Contains(body, `class="card-editor"`) {
		t.Error("a draft in review can still be edited")
	}

	st, body, _ = c.ed1.get("/staff/catalog/" + permitCode + "/review")
	wantCode(t, "review page", st, http.StatusOK, body)
	d := c.draft(t, permitCode)
	mustContain(t, body, "عکس ملک از گذر", "چه چیزی تغییر می‌کند", `class="tag material"`, `name="revision" value="`+strconv.Itoa(d.Revision)+`"`)
	rev := url.Values{"revision": {strconv.Itoa(d.Revision)}}
	st, body, _ = c.ed1.post("/staff/catalog/"+permitCode+"/approve", rev)
	if st < 400 || st >= 500 {
		t.Fatalf("approval by the submitter: %d, want a refusal\n%s", st, errSummary(body))
	}
	mustContain(t, body, `class="error-summary"`, "تأیید و انتشار")
	if svc, _ := c.s.app.Store.Service(context.Background(), permitCode); svc.Version != 1 {
		t.Fatalf("the submitter's own approval published version %d", svc.Version)
	}

	// Sent back with a note, the editor sees the note; sent again, a
	// second editor approves.
	st, body, _ = c.ed2.post("/staff/catalog/"+permitCode+"/return", url.Values{"revision": rev["revision"], "note": {""}})
	wantCode(t, "return without a note", st, http.StatusUnprocessableEntity, body)
	mustContain(t, body, `href="#f-note"`)
	st, body, _ = c.ed2.post("/staff/catalog/"+permitCode+"/return", url.Values{"revision": rev["revision"], "note": {"نام مدرک تازه را دقیق‌تر بنویسید."}})
	wantCode(t, "return", st, http.StatusSeeOther, body)
	action, v = openEditor(t, c.ed1, permitCode)
	_, body, _ = c.ed1.get("/staff/catalog/" + permitCode + "/edit")
	mustContain(t, body, "نام مدرک تازه را دقیق‌تر بنویسید.")
	v.Set("documents.6.name", "عکس نمای ملک از گذر")
	st, body, _ = c.ed1.post(action, press(v, "submit"))
	wantCode(t, "submit again", st, http.StatusSeeOther, body)
	d = c.draft(t, permitCode)

	st, body, h = c.admin.post("/staff/catalog/"+permitCode+"/approve", url.Values{"revision": {strconv.Itoa(d.Revision)}})
	wantCode(t, "approve by the admin", st, http.StatusSeeOther, body)
	if loc := h.Get("Location"); !strings.Contains(loc, "done=published") || !strings.Contains(loc, "v=2") {
		t.Fatalf("approve went to %q", loc)
	}
	_, body, _ = c.admin.get(h.Get("Location"))
	mustContain(t, body, "نسخه تازه منتشر شد", `href="/services/`+permitCode+`"`)
	_, body, _ = c.s.get("/services/" + permitCode)
	mustContain(t, body, "عکس نمای ملک از گذر", "تصویر همه صفحات سند؛ اسکن رنگی")
	if svc, _ := c.s.app.Store.Service(context.Background(), permitCode); svc.Version != 2 || len(svc.Documents) != 7 {
		t.Fatalf("published card: version %d, %d documents", svc.Version, len(svc.Documents))
	}

	// Reviewed, still right: recorded without a new version.
	st, body, h = c.ed2.post("/staff/catalog/"+permitCode+"/reviewed", nil)
	wantCode(t, "reviewed", st, http.StatusSeeOther, body)
	_, body, _ = c.ed2.get(h.Get("Location"))
	mustContain(t, body, "ثبت شد که شناسنامه بازبینی شد و درست است.")
	if svc, _ := c.s.app.Store.Service(context.Background(), permitCode); svc.Version != 2 {
		t.Errorf("marking reviewed made version %d", svc.Version)
	}
}

func TestCatalogNewService(t *testing.T) {
	c := newCatalogSite(t)
	st, body, _ := c.admin.get("/staff/catalog/new")
	wantCode(t, "new page", st, http.StatusOK, body)
	action, v := editorForm(t, body)
	if action != "/staff/catalog/new" || v.Get("new") != "1" {
		t.Fatalf("new form: action %q new %q", action, v.Get("new"))
	}
	// A code in use is refused at its input, with the text kept.
	v.Set("code", permitCode)
	v.Set("title", "مجوز نصب داربست")
	st, body, _ = c.admin.post(action, press(v, "save"))
	wantCode(t, "used code", st, http.StatusUnprocessableEntity, body)
	mustContain(t, body, `href="#f-code"`, `value="مجوز نصب داربست"`)

	_, v = editorForm(t, body)
	v.Set("code", "۱۷۰۵۱۳۱۰۰۹۹")
	st, body, _ = c.admin.post(action, press(v, "add:steps"))
	wantCode(t, "first save by a list button", st, http.StatusOK, body)
	action, v = editorForm(t, body)
	if action != "/staff/catalog/17051310099/edit" {
		t.Fatalf("after the first save the form posts to %q", action)
	}
	v.Set("steps.0.title", "ثبت درخواست")
	st, body, h := c.admin.post(action, press(v, "save"))
	wantCode(t, "save new", st, http.StatusSeeOther, body)
	d := c.draft(t, "17051310099")
	if !d.New || d.Card.Title != "مجوز نصب داربست" || len(d.Card.Steps) != 1 || d.Card.Steps[0].Title != "ثبت درخواست" {
		t.Fatalf("new draft: %+v", d)
	}
	_, body, _ = c.admin.get(h.Get("Location"))
	mustContain(t, body, "هنوز منتشر نشده")
	// Discarding it leaves nothing behind.
	st, body, _ = c.admin.post("/staff/catalog/17051310099/discard", url.Values{"revision": {strconv.Itoa(d.Revision)}})
	wantCode(t, "discard", st, http.StatusSeeOther, body)
	_, body, _ = c.admin.get("/staff/catalog")
	if strings.Contains(body, "مجوز نصب داربست") {
		t.Error("a discarded new service is still listed")
	}
}

func TestCatalogEffectiveDateSchedules(t *testing.T) {
	c := newCatalogSite(t) // the clock reads 31 Farvardin 1405
	action, v := openEditor(t, c.ed1, permitCode)
	v.Set("fee_rials", "5000000")
	v.Set("effective_d", "۱۰")
	v.Set("effective_m", "۲")
	v.Set("effective_y", "۱۴۰۵")
	st, body, _ := c.ed1.post(action, press(v, "submit"))
	wantCode(t, "submit with a date", st, http.StatusSeeOther, body)
	d := c.draft(t, permitCode)
	if got := d.EffectiveAt.In(jalali.Tehran); got.Hour() != 0 || jalali.FromTime(got) != (jalali.Date{Year: 1405, Month: 2, Day: 10}) {
		t.Fatalf("effective at %v", d.EffectiveAt)
	}
	_, body, _ = c.ed2.get("/staff/catalog/" + permitCode + "/review")
	mustContain(t, body, "تأیید برای انتشار در تاریخ اجرا", "۱۰ اردیبهشت ۱۴۰۵")
	st, body, h := c.ed2.post("/staff/catalog/"+permitCode+"/approve", url.Values{"revision": {strconv.Itoa(d.Revision)}})
	wantCode(t, "approve", st, http.StatusSeeOther, body)
	if !strings.Contains(h.Get("Location"), "done=scheduled") {
		t.Fatalf("approve went to %q", h.Get("Location"))
	}
	if svc, _ := c.s.app.Store.Service(context.Background(), permitCode); svc.Version != 1 || svc.FeeRials == 5000000 {
		t.Errorf("a scheduled version was published at once: version %d", svc.Version)
	}
	_, body, _ = c.ed2.get(h.Get("Location"))
	mustContain(t, body, "نسخه تأیید شد و در تاریخ اجرایش خودکار منتشر می‌شود.", "تأییدشده؛ در انتظار تاریخ اجرا")
}
