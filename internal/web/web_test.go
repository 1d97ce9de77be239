package web_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"mizban/internal/app"
	"mizban/internal/config"
	"mizban/internal/desk"
	"mizban/internal/fa"
	"mizban/internal/sms"
	"mizban/internal/store"
)

func storeFilterAll() store.ServiceFilter { return store.ServiceFilter{} }

// permitCode is the demo building permit; its card requires uploads.
const permitCode = "17051310001"

type site struct {
	t    *testing.T
	app  *app.App
	srv  *httptest.Server
	fake *sms.Fake
	c    *http.Client
}

func newSite(t *testing.T, demo bool) *site {
	t.Helper()
	cfg := config.Defaults()
	cfg.DataDir = t.TempDir()
	cfg.Demo = demo
	fake := sms.NewFake()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	a, err := app.New(context.Background(), cfg, log, fake)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	srv := httptest.NewServer(a.Handler())
	t.Cleanup(srv.Close)
	a.Flow.Opt.BaseURL = srv.URL
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	return &site{t: t, app: a, srv: srv, fake: fake, c: c}
}

func (s *site) do(req *http.Request) (int, string, http.Header) {
	s.t.Helper()
	resp, err := s.c.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header
}

func (s *site) get(path string) (int, string, http.Header) {
	req, _ := http.NewRequest("GET", s.srv.URL+path, nil)
	return s.do(req)
}

func (s *site) post(path string, form url.Values) (int, string, http.Header) {
	req, _ := http.NewRequest("POST", s.srv.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return s.do(req)
}

func (s *site) postMultipart(path string, fields map[string]string, files map[string][]byte) (int, string, http.Header) {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, v := range fields {
		w.WriteField(k, v)
	}
	for k, data := range files {
		fw, _ := w.CreateFormFile(k, k+".pdf")
		fw.Write(data)
	}
	w.Close()
	req, _ := http.NewRequest("POST", s.srv.URL+path, &buf)
	req.Header.Set("Content-Type", w.FormDataContentType())
	return s.do(req)
}

// deliver runs the SMS dispatcher once and returns the newest code sent.
func (s *site) lastCode() string {
	s.t.Helper()
	s.app.Dispatcher.RunOnce(context.Background())
	sent := s.fake.Sent()
	for i := len(sent) - 1; i >= 0; i-- {
		if m := regexp.MustCompile(`\d{6}`).FindString(sent[i].Text); m != "" && strings.Contains(sent[i].Text, "کد تأیید") {
			return m
		}
	}
	s.t.Fatal("no one-time code sent")
	return ""
}

func mustContain(t *testing.T, body string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(body, w) {
			t.Errorf("page lacks %q", w)
		}
	}
}

var pdf = []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")

func TestPagesRender(t *testing.T) {
	s := newSite(t, true)
	for _, tc := range []struct {
		path   string
		status int
		want   []string
	}{
		{"/", 200, []string{`<html lang="fa" dir="rtl">`, "پیگیری درخواست", "خدمات پرمراجعه", "Vazirmatn-Regular.woff2"}},
		{"/services", 200, []string{"فهرست خدمات", "صدور پروانه ساختمانی"}},
		{"/services?category=voice", 200, []string{"دسترسی به اطلاعات"}},
		{"/services/" + permitCode, 200, []string{"صدور پروانه ساختمانی", "مدارک لازم", "مراحل انجام کار", "قوانین و مقررات", "ثبت درخواست اینترنتی", `class="steps"`, `class="checklist"`}},
		{"/services/" + permitCode + "/apply", 200, []string{`enctype="multipart/form-data"`, `name="applicant_nid"`, `autocomplete="name"`}},
		{"/services/00000000000", 404, []string{"پیدا نشد"}},
		{"/track", 200, []string{"کد رهگیری", `inputmode="numeric"`}},
		{"/demo/sms", 200, []string{"صندوق پیامک نمایشی"}},
		{"/nope", 404, []string{"پیدا نشد"}},
		{"/?lang=en", 200, []string{`<html lang="en" dir="ltr">`, "Track a request"}},
		{"/healthz", 200, []string{"ok"}},
		{"/readyz", 200, []string{"ready"}},
	} {
		t.Run(tc.path, func(t *testing.T) {
			code, body, _ := s.get(tc.path)
			if code != tc.status {
				t.Fatalf("status = %d; want %d", code, tc.status)
			}
			mustContain(t, body, tc.want...)
		})
	}
	// The language choice sticks in a cookie; switch back with ?lang=fa.
	if _, body, _ := s.get("/services"); !strings.Contains(body, `lang="en"`) {
		t.Error("English not remembered")
	}
	s.get("/?lang=fa")
}

func TestDemoInboxOnlyInDemo(t *testing.T) {
	s := newSite(t, false)
	if code, _, _ := s.get("/demo/sms"); code != http.StatusNotFound {
		t.Fatalf("/demo/sms outside demo mode = %d; want 404", code)
	}
}

func TestCatalogSearchForgivesSpelling(t *testing.T) {
	s := newSite(t, true)
	for _, q := range []string{"پروانه ساختماني", "پروانهساختمانی", "پروانه‌ساختمانی", "پروانه ساختمانى", "۱۷۰۵۱۳۱۰۰۰۱", "١٧٠٥١٣١٠٠٠١", "ٍپروانه"} {
		_, body, _ := s.get("/services?q=" + url.QueryEscape(q))
		if !strings.Contains(body, "/services/"+permitCode+`"`) {
			t.Errorf("q=%q did not find the building permit", q)
		}
	}
}

func TestApplyErrorsKeepInput(t *testing.T) {
	s := newSite(t, true)
	fields := map[string]string{
		"for_other": "self", "applicant_name": "علي رضايي", "applicant_nid": "0076229646", "applicant_mobile": "۰۹۱۲۱۲۳۴۵۶۷",
	}
	code, body, _ := s.postMultipart("/services/"+permitCode+"/apply", fields, map[string][]byte{"doc_ownership_deed": pdf})
	if code != http.StatusUnprocessableEntity {
		t.Fatalf("status = %d; want 422", code)
	}
	mustContain(t, body, `class="error-summary"`, "کد ملی درست نیست", `href="#f-applicant_nid"`,
		`value="0076229646"`, `value="۰۹۱۲۱۲۳۴۵۶۷"`, "doc_ownership_deed.pdf", `name="draft" value="`)
	if strings.Contains(body, `name="draft" value=""`) {
		t.Error("draft id not kept: the uploaded file would be lost")
	}
}

func TestApplyConfirmReceiptTrack(t *testing.T) {
	s := newSite(t, true)
	svc, err := s.app.Store.Service(context.Background(), permitCode)
	if err != nil {
		t.Fatal(err)
	}
	fields, files := permitForm(svc, "۰۰۷۶۲۲۹۶۴۵", "09121234567")
	code, body, h := s.postMultipart("/services/"+permitCode+"/apply", fields, files)
	if code != http.StatusSeeOther {
		t.Fatalf("apply = %d; want 303\n%s", code, errSummary(body))
	}
	confirm := h.Get("Location")
	code, body, _ = s.get(confirm)
	if code != 200 {
		t.Fatalf("confirm page = %d", code)
	}
	mustContain(t, body, "بررسی و تأیید درخواست", "۰۹۱۲***۴۵۶۷", "علی رضایی", "تغییر")

	// Wrong code: error, nothing registered.
	code, body, _ = s.post(confirm, url.Values{"code": {"000000"}})
	if code == http.StatusSeeOther {
		t.Fatal("a wrong code registered the request")
	}
	mustContain(t, body, "کد تأیید نادرست است")

	otp := s.lastCode()
	code, _, h = s.post(confirm, url.Values{"code": {fa.PersianDigits(otp)}})
	if code != http.StatusSeeOther || !strings.HasPrefix(h.Get("Location"), "/receipt/") {
		t.Fatalf("confirm = %d %q; want a redirect to the receipt", code, h.Get("Location"))
	}
	receipt := h.Get("Location")
	tracking := strings.TrimPrefix(strings.SplitN(receipt, "?", 2)[0], "/receipt/")
	if !desk.ValidTrackingCode(tracking) {
		t.Fatalf("tracking code %q invalid", tracking)
	}
	// A second confirm (double click) lands on the same receipt.
	if _, _, h2 := s.post(confirm, url.Values{"code": {otp}}); h2.Get("Location") != receipt {
		t.Fatalf("repeat confirm went to %q; want %q", h2.Get("Location"), receipt)
	}
	code, body, _ = s.get(receipt)
	if code != 200 {
		t.Fatalf("receipt = %d", code)
	}
	mustContain(t, body, "درخواست شما ثبت شد", "تاریخ پاسخ نهایی", "<svg", "۰۰۷****۶۴۵", svc.Title)
	if strings.Contains(body, "0076229645") || strings.Contains(body, "۰۰۷۶۲۲۹۶۴۵") {
		t.Error("receipt shows the national ID unmasked")
	}
	// The receipt needs its token.
	if code, _, _ := s.get("/receipt/" + tracking); code != http.StatusNotFound {
		t.Errorf("receipt without token = %d; want 404", code)
	}
	// The confirmation SMS carries the tracking code.
	s.app.Dispatcher.RunOnce(context.Background())
	found := false
	for _, m := range s.fake.Sent() {
		found = found || strings.Contains(m.Text, tracking)
	}
	if !found {
		t.Error("no SMS with the tracking code")
	}

	// Tracking with Persian digits.
	code, body, _ = s.post("/track", url.Values{"code": {fa.PersianDigits(tracking)}, "mobile": {"۰۹۱۲۱۲۳۴۵۶۷"}})
	if code != 200 {
		t.Fatalf("track = %d\n%s", code, errSummary(body))
	}
	mustContain(t, body, "مراحل رسیدگی", `class="timeline"`, "ثبت شده", "پیامک‌های فرستاده‌شده")

	// Wrong mobile and unknown code answer alike.
	_, b1, _ := s.post("/track", url.Values{"code": {tracking}, "mobile": {"09120000000"}})
	other, _ := desk.NewTrackingCode()
	_, b2, _ := s.post("/track", url.Values{"code": {other}, "mobile": {"09121234567"}})
	if errSummary(b1) != errSummary(b2) || errSummary(b1) == "" {
		t.Errorf("wrong mobile %q vs unknown code %q; want the same answer", errSummary(b1), errSummary(b2))
	}

	// Details need the one-time code.
	if code, _, _ := s.get("/track/details"); code != http.StatusUnauthorized {
		t.Errorf("details without code = %d; want 401", code)
	}
	s.post("/track/code", url.Values{"code": {tracking}, "mobile": {"09121234567"}})
	otp = s.lastCode()
	code, _, _ = s.post("/track/verify", url.Values{"code": {tracking}, "mobile": {"09121234567"}, "otp": {otp}})
	if code != http.StatusSeeOther {
		t.Fatalf("verify = %d", code)
	}
	code, body, _ = s.get("/track/details")
	if code != 200 {
		t.Fatalf("details = %d", code)
	}
	mustContain(t, body, "جزئیات و مدارک", "۰۰۷۶۲۲۹۶۴۵", "/track/documents/")
	m := regexp.MustCompile(`/track/documents/(\d+)`).FindString(body)
	code, doc, hdr := s.get(m)
	if code != 200 || doc != string(pdf) || hdr.Get("Content-Type") != "application/pdf" {
		t.Errorf("document download = %d %q %q", code, hdr.Get("Content-Type"), doc)
	}
}

func TestCrossOriginPostRefused(t *testing.T) {
	s := newSite(t, true)
	req, _ := http.NewRequest("POST", s.srv.URL+"/track", strings.NewReader("code=1&mobile=2"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	if code, _, _ := s.do(req); code != http.StatusForbidden {
		t.Fatalf("cross-site POST = %d; want 403", code)
	}
}

func errSummary(body string) string {
	i := strings.Index(body, `class="error-summary"`)
	if i < 0 {
		return ""
	}
	j := strings.Index(body[i:], "</div>")
	return body[i : i+j]
}

func TestStaticAssetsHashed(t *testing.T) {
	s := newSite(t, true)
	_, body, _ := s.get("/")
	css := regexp.MustCompile(`/static/[0-9a-f]+/css/site\.css`).FindString(body)
	font := regexp.MustCompile(`/static/[0-9a-f]+/fonts/Vazirmatn-Regular\.woff2`).FindString(body)
	if css == "" || font == "" {
		t.Fatal("page lacks hashed CSS or font URLs")
	}
	code, sheet, h := s.get(css)
	if code != 200 || !strings.Contains(h.Get("Cache-Control"), "immutable") {
		t.Fatalf("css = %d %q", code, h.Get("Cache-Control"))
	}
	// The stylesheet names the very font URL the page preloads: one download.
	if !strings.Contains(sheet, font) {
		t.Errorf("stylesheet does not use the preloaded font URL %s", font)
	}
	if code, _, _ := s.get(font); code != 200 {
		t.Errorf("font = %d", code)
	}
	for _, p := range []string{"/static/abc/../../etc/passwd", "/static/x/%2e%2e/%2e%2e/go.mod", "/static/x/nothere.css"} {
		if code, body, _ := s.get(p); code == 200 {
			t.Errorf("%s = 200 (%d bytes); want refused", p, len(body))
		}
	}
}

func TestBadInputClearPersianErrors(t *testing.T) {
	s := newSite(t, true)
	t.Run("track empty", func(t *testing.T) {
		code, body, _ := s.post("/track", url.Values{"code": {""}, "mobile": {""}})
		if code != http.StatusUnprocessableEntity {
			t.Fatalf("status %d", code)
		}
		mustContain(t, body, "کد رهگیری را وارد کنید", `href="#f-code"`, `href="#f-mobile"`)
	})
	t.Run("track bad check digit keeps input", func(t *testing.T) {
		code, body, _ := s.post("/track", url.Values{"code": {"۱۲۳۴۵۶۷۸۹۰۱۲"}, "mobile": {"09121234567"}})
		if code != http.StatusUnprocessableEntity {
			t.Fatalf("status %d", code)
		}
		mustContain(t, body, "این کد درست نیست", `value="۱۲۳۴۵۶۷۸۹۰۱۲"`, `value="09121234567"`)
	})
	t.Run("unknown draft", func(t *testing.T) {
		if code, body, _ := s.get("/apply/deadbeef"); code != 404 || !strings.Contains(body, "دوباره شروع کنید") {
			t.Fatalf("status %d", code)
		}
	})
	t.Run("wrong file type keeps answers", func(t *testing.T) {
		fields := map[string]string{"for_other": "self", "applicant_name": "مریم کاظمی", "applicant_nid": "1583250689", "applicant_mobile": "09351234567"}
		code, body, _ := s.postMultipart("/services/"+permitCode+"/apply", fields, map[string][]byte{"doc_ownership_deed": []byte("MZ\x90\x00 not a document")})
		if code != http.StatusUnprocessableEntity {
			t.Fatalf("status %d", code)
		}
		mustContain(t, body, "پذیرفته نیست", `value="مریم کاظمی"`, `value="1583250689"`)
	})
	t.Run("representative fields required", func(t *testing.T) {
		fields := map[string]string{"for_other": "other", "applicant_name": "مریم کاظمی", "applicant_nid": "1583250689"}
		_, body, _ := s.postMultipart("/services/"+permitCode+"/apply", fields, nil)
		mustContain(t, body, `href="#f-rep_name"`, `href="#f-rep_nid"`, `href="#f-rep_mobile"`, `href="#f-rep_basis"`, `<details class="rep-details" open>`)
	})
	t.Run("too large upload", func(t *testing.T) {
		big := bytes.Repeat([]byte("x"), 120<<20)
		code, body, _ := s.postMultipart("/services/"+permitCode+"/apply", map[string]string{"applicant_name": "x"}, map[string][]byte{"doc_ownership_deed": big})
		if code != http.StatusRequestEntityTooLarge || !strings.Contains(body, "حجم") {
			t.Fatalf("status %d", code)
		}
	})
}

func TestOfflineServiceHasNoForm(t *testing.T) {
	s := newSite(t, true)
	list, err := s.app.Store.Services(context.Background(), storeFilterAll())
	if err != nil {
		t.Fatal(err)
	}
	for _, svc := range list {
		if svc.Online {
			continue
		}
		code, _, h := s.get("/services/" + svc.Code + "/apply")
		if code != http.StatusSeeOther || h.Get("Location") != "/services/"+svc.Code {
			t.Errorf("offline %s apply = %d %q", svc.Code, code, h.Get("Location"))
		}
		return
	}
	t.Fatal("demo has no offline service")
}

// permitForm fills the demo building permit's form the way a person would,
// with Persian digits where people type them.
func permitForm(svc desk.Service, nid, mobile string) (map[string]string, map[string][]byte) {
	fields := map[string]string{"for_other": "self", "applicant_name": "علی رضایی", "applicant_nid": nid, "applicant_mobile": mobile}
	files := map[string][]byte{}
	for _, d := range svc.Documents {
		if d.Upload && d.Required {
			files["doc_"+d.Key] = pdf
		}
	}
	for _, f := range svc.Form {
		switch f.Type {
		case desk.FieldChoice:
			fields["a_"+f.Key] = f.Choices[0]
		case desk.FieldYesNo:
			fields["a_"+f.Key] = "no"
		case desk.FieldDate:
			fields["a_"+f.Key+"_d"], fields["a_"+f.Key+"_m"], fields["a_"+f.Key+"_y"] = "۱", "۹", "۱۴۰۵"
		case desk.FieldNumber:
			fields["a_"+f.Key] = "۱۲۰"
		case desk.FieldPostalCode:
			fields["a_"+f.Key] = "1315783311"
		case desk.FieldNationalID:
			fields["a_"+f.Key] = "1583250689"
		case desk.FieldMobile:
			fields["a_"+f.Key] = "09351112233"
		case desk.FieldFile:
			if f.Required {
				files["doc_"+f.Key] = pdf
			}
		default:
			fields["a_"+f.Key] = "متن آزمایشی"
		}
	}
	return fields, files
}
