package web_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"mizban/internal/desk"
	"mizban/internal/i18n"
	"mizban/internal/workflow"
)

// What the citizen sees of the staff's work on the tracking pages, and the
// documents upload after the one-time code. Staff act through Flow.Act as
// demo staff; the citizen goes through the pages.

// trackSite is the demo site with room for one test's look-ups, and a small
// upload limit so "too large" needs no megabytes.
func trackSite(t *testing.T) *site {
	t.Helper()
	s := newSite(t, true)
	s.app.Flow.Lookups = workflow.NewLimiter(1000, time.Minute)
	s.app.Flow.Opt.MaxUpload = 4 << 10
	return s
}

// applyPermit files the demo building permit through the citizen's pages
// and returns the request.
func applyPermit(t *testing.T, s *site, mobile string) desk.Request {
	t.Helper()
	ctx := context.Background()
	svc, err := s.app.Store.Service(ctx, permitCode)
	if err != nil {
		t.Fatal(err)
	}
	fields, files := permitForm(svc, "0076229645", mobile)
	code, body, h := s.postMultipart("/services/"+permitCode+"/apply", fields, files)
	if code != http.StatusSeeOther {
		t.Fatalf("apply = %d\n%s", code, errSummary(body))
	}
	confirm := h.Get("Location")
	code, _, h = s.post(confirm, url.Values{"code": {s.lastCode()}})
	if code != http.StatusSeeOther {
		t.Fatalf("confirm = %d", code)
	}
	tracking := strings.TrimPrefix(strings.SplitN(h.Get("Location"), "?", 2)[0], "/receipt/")
	r, err := s.app.Store.RequestByTracking(ctx, tracking)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// demoActor is the demo staff member with username, as Act takes them.
func demoActor(t *testing.T, s *site, username string) desk.Actor {
	t.Helper()
	ctx := context.Background()
	rec, err := s.app.Store.StaffByUsername(ctx, username)
	if err != nil {
		t.Fatal(err)
	}
	a, err := s.app.Store.Actor(ctx, rec.ID)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// unitHead is an officer or manager of unit, who can take the files of its
// queue: the first stop of a new request.
func unitHead(t *testing.T, s *site, unit string) desk.Actor {
	t.Helper()
	staff, err := s.app.Store.Assignees(context.Background(), unit, desk.RoleOfficer, desk.RoleManager)
	if err != nil || len(staff) == 0 {
		t.Fatalf("no officer or manager in %s: %v", unit, err)
	}
	a, err := s.app.Store.Actor(context.Background(), staff[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// act takes one staff action on request id at its current version.
func act(t *testing.T, s *site, a desk.Actor, id int64, in workflow.ActInput) desk.Request {
	t.Helper()
	ctx := context.Background()
	r, err := s.app.Store.Request(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	in.RequestID, in.Version = id, r.Version
	out, err := s.app.Flow.Act(ctx, a, in)
	if err != nil {
		t.Fatalf("%s by %s: %v", in.Action, a.Name, err)
	}
	return out
}

// track looks a request up by code and mobile, as the tracking form does.
func track(t *testing.T, s *site, r desk.Request, mobile string) string {
	t.Helper()
	code, body, _ := s.post("/track", url.Values{"code": {r.TrackingCode}, "mobile": {mobile}})
	if code != http.StatusOK {
		t.Fatalf("track = %d\n%s", code, errSummary(body))
	}
	return body
}

type namedFile struct {
	name string
	data []byte
}

// postDocs sends files as the documents form does (one field, several
// files, their own names), with client c.
func postDocs(s *site, c *http.Client, files ...namedFile) (int, string, http.Header) {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for _, f := range files {
		fw, _ := w.CreateFormFile("documents", f.name)
		fw.Write(f.data)
	}
	w.Close()
	req, _ := http.NewRequest("POST", s.srv.URL+"/track/documents", &buf)
	req.Header.Set("Content-Type", w.FormDataContentType())
	saved := s.c
	s.c = c
	defer func() { s.c = saved }()
	return s.do(req)
}

// stranger is a browser with no tracking session.
func stranger() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

func mustLack(t *testing.T, body string, unwanted ...string) {
	t.Helper()
	for _, u := range unwanted {
		if strings.Contains(body, u) {
			t.Errorf("page shows %q", u)
		}
	}
}

func TestTrackShowsStaffWork(t *testing.T) {
	s := trackSite(t)
	ctx := context.Background()
	const mobile = "09121234567"
	req := applyPermit(t, s, mobile)
	first := unitHead(t, s, req.UnitCode)
	if req.UnitCode == "permits" {
		t.Fatal("the permit starts in permits; the referral below would stay in the unit")
	}
	taheri := demoActor(t, s, "e.taheri") // officer, permits
	const instruction = "نقشه و سند را بررسی و نظر بدهید"
	act(t, s, first, req.ID, workflow.ActInput{Action: desk.ActAccept})
	act(t, s, first, req.ID, workflow.ActInput{Action: desk.ActRefer, ToUnit: "permits", ToStaff: taheri.StaffID,
		Instruction: instruction})

	// Referral: the unit and the person now holding the file; the
	// instruction is staff-only.
	body := track(t, s, req, mobile)
	mustContain(t, section(body, `class="summary-list"`), "اداره صدور پروانه ساختمانی", "الهام طاهری", "کارشناس صدور پروانه")
	mustContain(t, body, "درخواست برای رسیدگی ارجاع شد.")
	mustLack(t, body, instruction, `id="docs-asked"`, `id="decision"`)

	// Documents asked for: the officer's message and the call to action,
	// which leads to the one-time code.
	const asked = "تصویر برابر اصل سند مالکیت و نقشه تفکیکی را بفرستید."
	act(t, s, taheri, req.ID, workflow.ActInput{Action: desk.ActRequestDocs, Message: asked})
	body = track(t, s, req, mobile)
	mustContain(t, body, `id="docs-asked"`, asked, "مدارک بیشتری لازم است", `<span class="tag needs_docs">`)
	cta := regexp.MustCompile(`(?s)<form method="post" action="/track/code">.{0,400}?بارگذاری مدارک</button>`)
	if !cta.MatchString(body) {
		t.Error("no «بارگذاری مدارک» button posting to /track/code")
	}
	mustLack(t, body, `action="/track/documents"`) // not before the one-time code
	// In English the chrome is translated; the officer's words stay as written.
	code, body, _ := s.post("/track?lang=en", url.Values{"code": {req.TrackingCode}, "mobile": {mobile}})
	wantStatus(t, "track in English", code, http.StatusOK)
	mustContain(t, section(body, `id="docs-asked"`), "More documents are needed", asked, "Upload documents")
	s.get("/?lang=fa")

	code, body, _ = s.post("/track/code", url.Values{"code": {req.TrackingCode}, "mobile": {mobile}})
	if code != http.StatusOK {
		t.Fatalf("send code = %d\n%s", code, errSummary(body))
	}
	mustContain(t, body, `href="#i-otp"`, `id="i-otp"`)
	code, _, h := s.post("/track/verify", url.Values{"code": {req.TrackingCode}, "mobile": {mobile}, "otp": {s.lastCode()}})
	if code != http.StatusSeeOther || h.Get("Location") != "/track/details" {
		t.Fatalf("verify = %d %q", code, h.Get("Location"))
	}
	code, body, _ = s.get("/track/details")
	if code != http.StatusOK {
		t.Fatalf("details = %d", code)
	}
	mustContain(t, body, `id="upload"`, `action="/track/documents"`, `enctype="multipart/form-data"`,
		`name="documents"`, `id="f-documents"`, asked)
	docsBefore := len(req.Documents)
	stillWaiting := func(what string) {
		t.Helper()
		r, _ := s.app.Store.Request(ctx, req.ID)
		if r.Status != desk.StatusNeedsDocs || len(r.Documents) != docsBefore {
			t.Errorf("%s: status %s, %d documents; want needs_docs, %d", what, r.Status, len(r.Documents), docsBefore)
		}
	}

	// No session, or a forged one: 401, nothing stored.
	code, _, _ = postDocs(s, stranger(), namedFile{"sanad.pdf", pdf})
	wantStatus(t, "documents without a session", code, http.StatusUnauthorized)
	forged := stranger()
	u, _ := url.Parse(s.srv.URL + "/track")
	forged.Jar.SetCookies(u, []*http.Cookie{{Name: "mizban_track", Value: req.TrackingCode + ".9999999999.0123456789abcdef0123456789abcdef"}})
	code, _, _ = postDocs(s, forged, namedFile{"sanad.pdf", pdf})
	wantStatus(t, "documents with a forged session", code, http.StatusUnauthorized)
	stillWaiting("refused posts")

	// Errors in Persian with the summary, the form still there.
	for _, tc := range []struct {
		what   string
		files  []namedFile
		status int
		msg    string
	}{
		{"nothing chosen", []namedFile{{"", nil}}, http.StatusUnprocessableEntity, "دست‌کم یک فایل بارگذاری کنید."},
		{"wrong type", []namedFile{{"note.txt", []byte("just some plain text, not a document")}}, http.StatusUnprocessableEntity, "این نوع فایل پذیرفته نیست"},
		{"too large", []namedFile{{"big.pdf", append(append([]byte{}, pdf...), bytes.Repeat([]byte("0"), 5<<10)...)}}, http.StatusUnprocessableEntity, "حجم فایل بیش از"},
		{"body over the limit", []namedFile{{"huge.pdf", bytes.Repeat([]byte("0"), 2<<20)}}, http.StatusRequestEntityTooLarge, "حجم فایل‌های فرستاده‌شده بیش از حد مجاز است"},
	} {
		code, body, _ := postDocs(s, s.c, tc.files...)
		wantStatus(t, tc.what, code, tc.status)
		sum := errSummary(body)
		if !strings.Contains(sum, tc.msg) || !strings.Contains(sum, `href="#f-documents"`) {
			t.Errorf("%s: error summary %q; want %q linked to the field", tc.what, sum, tc.msg)
		}
		mustContain(t, body, `class="field has-error" id="f-documents"`, `action="/track/documents"`, asked)
		stillWaiting(tc.what)
	}

	// Success: back to the officer, the step on the timeline, a
	// confirmation line, the files listed for staff.
	code, _, h = postDocs(s, s.c, namedFile{"sanad.pdf", pdf}, namedFile{"naghshe.pdf", pdf})
	if code != http.StatusSeeOther || h.Get("Location") != "/track/details?sent=1" {
		t.Fatalf("documents = %d %q; want 303 to the details", code, h.Get("Location"))
	}
	code, body, _ = s.get(h.Get("Location"))
	wantStatus(t, "details after documents", code, http.StatusOK)
	mustContain(t, body, `id="docs-sent"`, "مدارک شما رسید.", `<span class="tag in_progress">`,
		"متقاضی مدارک خواسته‌شده را فرستاد.", "sanad.pdf", "naghshe.pdf")
	mustLack(t, body, `action="/track/documents"`, `id="docs-asked"`)
	view, err := s.app.Flow.StaffView(ctx, taheri, req.ID)
	if err != nil {
		t.Fatal(err)
	}
	if view.Request.Status != desk.StatusInProgress || view.Holder.ID != taheri.StaffID {
		t.Errorf("after documents: status %s with %d; want in_progress with %d", view.Request.Status, view.Holder.ID, taheri.StaffID)
	}
	names := map[string]bool{}
	for _, d := range view.Request.Documents {
		names[d.Name] = true
	}
	if len(view.Request.Documents) != docsBefore+2 || !names["sanad.pdf"] || !names["naghshe.pdf"] {
		t.Errorf("staff see %d documents %v; want %d with sanad.pdf and naghshe.pdf", len(view.Request.Documents), names, docsBefore+2)
	}
	// The confirmation line only follows a real arrival.
	if _, body, _ = s.get("/track/details?sent=1"); !strings.Contains(body, `id="docs-sent"`) {
		t.Error("confirmation gone while the arrival is still the latest step")
	}

	// Extension: the new date and the reason.
	const why = "استعلام از اداره ثبت اسناد لازم است."
	ext := act(t, s, taheri, req.ID, workflow.ActInput{Action: desk.ActExtend, Days: 5, Reason: why})
	newDate, err := i18n.Date(i18n.FA, ext.DueAt)
	if err != nil {
		t.Fatal(err)
	}
	body = track(t, s, req, mobile)
	ext1 := section(body, `id="extended"`)
	mustContain(t, ext1, "موعد پاسخ تمدید شد", "تاریخ پاسخ جدید", newDate, "دلیل تمدید", why)
	if _, body, _ = s.get("/track/details?sent=1"); strings.Contains(body, `id="docs-sent"`) {
		t.Error("confirmation shown though a later step came")
	}

	// Answer with an attachment: the text for everyone who tracks, the
	// download after the one-time code.
	const answer = "پروانه ساختمانی شما صادر شد.\nبرای دریافت اصل آن به اداره صدور پروانه مراجعه کنید."
	letter := append(append([]byte{}, pdf...), []byte("% answer letter\n")...)
	done := act(t, s, taheri, req.ID, workflow.ActInput{Action: desk.ActAnswer, Text: answer,
		Attachment: &workflow.Upload{Name: "parvaneh.pdf", Data: letter}})
	var attach desk.Document
	for _, d := range done.Documents {
		if d.DocKey == "answer" {
			attach = d
		}
	}
	if attach.ID == 0 {
		t.Fatal("answer attachment not stored")
	}
	body = track(t, s, req, mobile)
	dec := section(body, `id="decision"`)
	mustContain(t, dec, "پاسخ درخواست شما", answer, "الهام طاهری", "پاسخ پیوست دارد")
	mustLack(t, body, "/track/answer/", `id="extended"`)

	code, body, _ = s.get("/track/details")
	wantStatus(t, "details after the answer", code, http.StatusOK)
	link := "/track/answer/" + itoa(attach.ID)
	mustContain(t, section(body, `id="decision"`), answer, `href="`+link+`"`, "دریافت پیوست پاسخ", "parvaneh.pdf")
	mustLack(t, body, `href="/track/documents/`+itoa(attach.ID)+`"`) // not among the citizen's own documents
	code, got, hdr := s.get(link)
	if code != http.StatusOK || got != string(letter) || hdr.Get("Content-Type") != "application/pdf" ||
		!strings.Contains(hdr.Get("Content-Disposition"), "attachment") {
		t.Errorf("answer download = %d %q %q", code, hdr.Get("Content-Type"), hdr.Get("Content-Disposition"))
	}
	// Only the answer's own attachment, only with the session.
	code, _, _ = s.get("/track/answer/" + itoa(req.Documents[0].ID))
	wantStatus(t, "an applicant's document through the answer route", code, http.StatusNotFound)
	saved := s.c
	s.c = stranger()
	code, _, _ = s.get(link)
	s.c = saved
	wantStatus(t, "answer download without a session", code, http.StatusUnauthorized)
	s.c = forged
	code, _, _ = s.get(link)
	s.c = saved
	wantStatus(t, "answer download with a forged session", code, http.StatusUnauthorized)
	// The stored hash is checked again: a changed file is refused.
	if err := s.app.Flow.Files.Put(ctx, attach.StoreKey, []byte("%PDF-1.4 altered")); err != nil {
		t.Fatal(err)
	}
	code, got, _ = s.get(link)
	if code != http.StatusInternalServerError || strings.Contains(got, "altered") {
		t.Errorf("altered attachment = %d; want 500 without its bytes", code)
	}
}

func TestTrackShowsRejection(t *testing.T) {
	s := trackSite(t)
	const mobile = "09351234567"
	req := applyPermit(t, s, mobile)
	taheri := demoActor(t, s, "e.taheri")
	act(t, s, unitHead(t, s, req.UnitCode), req.ID, workflow.ActInput{Action: desk.ActRefer, ToUnit: "permits",
		ToStaff: taheri.StaffID, Instruction: "بررسی شود"})
	const reason = "ملک در طرح تعریض خیابان قرار دارد و ساخت در آن مجاز نیست."
	const basis = "ماده ۱۰۰ قانون شهرداری‌ها و طرح تفصیلی مصوب شهر"
	act(t, s, taheri, req.ID, workflow.ActInput{Action: desk.ActReject, Reason: reason, LegalBasis: basis})

	body := track(t, s, req, mobile)
	dec := section(body, `id="decision"`)
	mustContain(t, dec, "درخواست شما رد شد", "دلیل رد", reason, "مبنای قانونی", basis, "الهام طاهری", "کارشناس صدور پروانه")
	mustContain(t, body, `<span class="tag rejected">`)
	svc, err := s.app.Store.Service(context.Background(), permitCode)
	if err != nil || svc.Complaints == "" {
		t.Fatalf("the demo permit has no complaints text: %v", err)
	}
	mustContain(t, dec, "اگر با این تصمیم موافق نیستید", svc.Complaints)
	mustLack(t, body, "پاسخ درخواست شما", `id="docs-asked"`)

	// The same in English: the chrome translated, the staff's words as written.
	code, body, _ := s.post("/track?lang=en", url.Values{"code": {req.TrackingCode}, "mobile": {mobile}})
	wantStatus(t, "track in English", code, http.StatusOK)
	mustContain(t, section(body, `id="decision"`), "Your request was rejected", reason, basis)
}

// section is the part of body from the element carrying attr to its
// closing </section>.
func section(body, attr string) string {
	i := strings.Index(body, attr)
	if i < 0 {
		return ""
	}
	j := strings.Index(body[i:], "</section>")
	if j < 0 {
		return body[i:]
	}
	return body[i : i+j]
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
