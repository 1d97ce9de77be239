package web_test

import (
	"context"
	"encoding/xml"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"mizban/internal/desk"
	"mizban/internal/fa"
	"mizban/internal/workflow"
)

// catalogEditor acts for the tests that publish cards straight through the
// workflow (the editor's pages have their own tests).
var catalogEditor = desk.Actor{StaffID: 9001, Name: "ویراستار آزمون", Roles: []desk.Role{desk.RoleEditor}}

// publishCard publishes code's card changed by edit, as a new version.
func publishCard(t *testing.T, s *site, code string, edit func(*desk.Service)) desk.Service {
	t.Helper()
	ctx := context.Background()
	card, err := s.app.Store.Service(ctx, code)
	if err != nil {
		t.Fatal(err)
	}
	edit(&card)
	res, problems, err := s.app.Flow.ImportCatalog(ctx, catalogEditor, []desk.Service{card}, "test")
	if err != nil || len(problems) > 0 || res.Updated != 1 {
		t.Fatalf("publish %s: %+v %+v %v", code, res, problems, err)
	}
	after, err := s.app.Store.Service(ctx, code)
	if err != nil {
		t.Fatal(err)
	}
	return after
}

// addDocument is a material change: one more required document.
func addDocument(name string) func(*desk.Service) {
	return func(c *desk.Service) {
		c.Documents = append(c.Documents, desk.RequiredDoc{Key: "doc_" + strconv.Itoa(len(c.Documents)+1) + "x", Name: name, Required: true})
	}
}

func TestChangeHistoryAfterPublish(t *testing.T) {
	s := newSite(t, true)
	pinStaffClock(s, staffClockStart)
	before, _ := s.app.Store.Service(context.Background(), permitCode)

	_, body, _ := s.get("/services/" + permitCode + "/changes")
	if strings.Contains(body, "کپی سند مالکیت تازه") {
		t.Fatal("the history names a document before it was added")
	}
	after := publishCard(t, s, permitCode, addDocument("کپی سند مالکیت تازه"))
	if after.Version != before.Version+1 {
		t.Fatalf("version %d → %d", before.Version, after.Version)
	}

	code, body, h := s.get("/services/" + permitCode + "/changes")
	if code != http.StatusOK {
		t.Fatalf("changes = %d", code)
	}
	mustContain(t, body, "تاریخچه تغییرات", `id="v`+strconv.Itoa(after.Version)+`"`,
		"نسخه "+fa.PersianDigits(strconv.Itoa(after.Version)), "کپی سند مالکیت تازه",
		`<span class="tag material">تغییر مهم</span>`, "مهم:", // marked with text, not colour alone
		`href="/services/`+permitCode+`/subscribe"`, `type="application/atom+xml"`)
	if h.Get("Content-Type") != "text/html; charset=utf-8" {
		t.Errorf("content type %q", h.Get("Content-Type"))
	}
	// Newest first: the new version comes before any older one.
	if i, j := strings.Index(body, `id="v`+strconv.Itoa(after.Version)+`"`), strings.Index(body, `id="v`+strconv.Itoa(before.Version)+`"`); j >= 0 && j < i {
		t.Error("older version listed before the newer one")
	}

	// The short link of the SMS.
	code, _, h = s.get("/h/" + url.PathEscape(fa.PersianDigits(permitCode)))
	if code != http.StatusFound || h.Get("Location") != "/services/"+permitCode+"/changes" {
		t.Errorf("/h/ = %d %q", code, h.Get("Location"))
	}

	// The card links its history, feed and subscription.
	_, body, _ = s.get("/services/" + permitCode)
	mustContain(t, body, `href="/services/`+permitCode+`/changes"`, `action="/services/`+permitCode+`/subscribe"`,
		`autocomplete="tel"`, `inputmode="numeric"`, `href="/services/`+permitCode+`/feed.atom"`, "آخرین بازبینی", "آخرین به‌روزرسانی")

	// The publish announced itself.
	for _, p := range []string{"/announcements", "/announcements?service=" + permitCode} {
		_, body, _ = s.get(p)
		mustContain(t, body, "کپی سند مالکیت تازه", `href="/services/`+permitCode+`/changes#v`+strconv.Itoa(after.Version)+`"`)
	}

	for _, p := range []string{"/services/00000000000/changes", "/announcements?service=00000000000", "/services/00000000000/feed.atom", "/services/00000000000/subscribe"} {
		if code, body, _ := s.get(p); code != http.StatusNotFound || !strings.Contains(body, "پیدا نشد") {
			t.Errorf("%s = %d; want 404 with a Persian message", p, code)
		}
	}
}

// atomDoc is what the tests read back of a feed.
type atomDoc struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string   `xml:"id"`
	Title   string   `xml:"title"`
	Updated string   `xml:"updated"`
	Author  string   `xml:"author>name"`
	Links   []struct {
		Href string `xml:"href,attr"`
		Rel  string `xml:"rel,attr"`
	} `xml:"link"`
	Entries []struct {
		ID      string `xml:"id"`
		Title   string `xml:"title"`
		Updated string `xml:"updated"`
		Link    struct {
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Content struct {
			Type string `xml:"type,attr"`
			Body string `xml:",chardata"`
		} `xml:"content"`
	} `xml:"entry"`
}

func readFeed(t *testing.T, s *site, path string) atomDoc {
	t.Helper()
	code, body, h := s.get(path)
	if code != http.StatusOK || !strings.HasPrefix(h.Get("Content-Type"), "application/atom+xml") {
		t.Fatalf("%s = %d %q", path, code, h.Get("Content-Type"))
	}
	var f atomDoc
	if err := xml.Unmarshal([]byte(body), &f); err != nil {
		t.Fatalf("%s does not parse: %v\n%s", path, err, body)
	}
	if f.ID == "" || f.Title == "" || f.Author == "" {
		t.Errorf("%s: id %q title %q author %q", path, f.ID, f.Title, f.Author)
	}
	if _, err := time.Parse(time.RFC3339, f.Updated); err != nil {
		t.Errorf("%s: updated %q: %v", path, f.Updated, err)
	}
	rels := map[string]string{}
	for _, l := range f.Links {
		rels[l.Rel] = l.Href
	}
	if u, err := url.Parse(rels["self"]); err != nil || !u.IsAbs() || !strings.HasSuffix(u.Path, path) {
		t.Errorf("%s: self link %q", path, rels["self"])
	}
	if u, err := url.Parse(rels["alternate"]); err != nil || !u.IsAbs() {
		t.Errorf("%s: alternate link %q", path, rels["alternate"])
	}
	seen := map[string]bool{}
	for _, e := range f.Entries {
		if !strings.HasPrefix(e.ID, "tag:") || seen[e.ID] {
			t.Errorf("%s: entry id %q not a unique tag: URI", path, e.ID)
		}
		seen[e.ID] = true
		if _, err := time.Parse(time.RFC3339, e.Updated); err != nil || e.Title == "" || e.Content.Type != "text" || e.Content.Body == "" {
			t.Errorf("%s: entry %+v", path, e)
		}
		if u, err := url.Parse(e.Link.Href); err != nil || !u.IsAbs() {
			t.Errorf("%s: entry link %q", path, e.Link.Href)
		}
	}
	return f
}

func TestAnnouncementFeeds(t *testing.T) {
	s := newSite(t, true)
	pinStaffClock(s, staffClockStart)
	ctx := context.Background()
	publishCard(t, s, permitCode, addDocument("نقشه تفکیکی"))
	s.app.Flow.Now = func() time.Time { return staffClockStart.Add(time.Hour) }
	if _, err := s.app.Flow.PostAnnouncement(ctx, catalogEditor, workflow.AnnouncementInput{
		Title: "تعطیلی میز خدمت", Body: "میز خدمت روز ۱۴ خرداد تعطیل است.\n\nدرخواست اینترنتی باز است.", Client: "test"}); err != nil {
		t.Fatal(err)
	}

	all := readFeed(t, s, "/announcements/feed.atom")
	if len(all.Entries) < 2 || all.Entries[0].Title != "تعطیلی میز خدمت" {
		t.Fatalf("agency feed: %d entries, first %+v", len(all.Entries), all.Entries)
	}
	if !strings.Contains(all.Entries[1].Content.Body, "نقشه تفکیکی") || !strings.Contains(all.Entries[1].Link.Href, "/services/"+permitCode+"/changes#v") {
		t.Errorf("the version's entry: %+v", all.Entries[1])
	}
	if all.Updated != staffClockStart.Add(time.Hour).Format(time.RFC3339) {
		t.Errorf("feed updated %q; want the newest entry's time", all.Updated)
	}
	// The same feed twice: entry ids do not move.
	again := readFeed(t, s, "/announcements/feed.atom")
	if again.Entries[0].ID != all.Entries[0].ID {
		t.Errorf("entry id changed: %q → %q", all.Entries[0].ID, again.Entries[0].ID)
	}

	one := readFeed(t, s, "/services/"+permitCode+"/feed.atom")
	if len(one.Entries) == 0 {
		t.Fatal("service feed has no entries")
	}
	for _, e := range one.Entries {
		if e.Title == "تعطیلی میز خدمت" {
			t.Error("the service feed lists an agency-wide announcement")
		}
	}

	// The announcements page: paragraphs, the feed link in the head.
	_, body, _ := s.get("/announcements")
	mustContain(t, body, `<p class="announce-text">میز خدمت روز ۱۴ خرداد تعطیل است.</p>`, `<p class="announce-text">درخواست اینترنتی باز است.</p>`,
		`rel="alternate" type="application/atom+xml"`, `href="/announcements/feed.atom"`, "اطلاعیه عمومی")
}

// smsTo is the newest SMS sent to mobile whose text has want, or "".
func smsTo(s *site, mobile, want string) string {
	sent := s.fake.Sent()
	for i := len(sent) - 1; i >= 0; i-- {
		if sent[i].To == mobile && strings.Contains(sent[i].Text, want) {
			return sent[i].Text
		}
	}
	return ""
}

func countTo(s *site, mobile, want string) int {
	n := 0
	for _, m := range s.fake.Sent() {
		if m.To == mobile && strings.Contains(m.Text, want) {
			n++
		}
	}
	return n
}

func TestSubscribeAndUnsubscribe(t *testing.T) {
	s := newSite(t, true)
	now := staffClockStart // a working morning: change notices are not held for quiet hours
	pinStaffClock(s, now)
	const mobile = "09351234567"
	sub := "/services/" + permitCode + "/subscribe"

	// A bad number is refused and kept as typed.
	code, body, _ := s.post(sub, url.Values{"mobile": {"۰۹۳۵"}})
	if code != http.StatusUnprocessableEntity {
		t.Fatalf("bad mobile = %d", code)
	}
	mustContain(t, body, `class="error-summary"`, `href="#f-mobile"`, `value="۰۹۳۵"`)

	code, body, h := s.post(sub, url.Values{"mobile": {"۰۹۳۵۱۲۳۴۵۶۷"}})
	if code != http.StatusSeeOther || !strings.HasPrefix(h.Get("Location"), "/subscribe/") {
		t.Fatalf("subscribe = %d %q\n%s", code, h.Get("Location"), errSummary(body))
	}
	page := h.Get("Location")
	_, body, _ = s.get(page)
	mustContain(t, body, "تأیید اشتراک", "۰۹۳۵***۴۵۶۷", `href="/demo/sms"`, `autocomplete="one-time-code"`, "ارسال دوباره کد")

	// The page reads service, number and state from the subscription, not
	// its URL: a hand-made query can neither print other text as the
	// number nor claim the subscription is done before the code.
	if strings.Contains(page, "?") {
		t.Errorf("code page URL %q carries a query", page)
	}
	for _, q := range []string{"?done=1", "?s=404&m=call+0900&done=1", "?m=0912%2A%2A%2A0000"} {
		code, body, _ = s.get(page + q)
		if code != http.StatusOK {
			t.Fatalf("GET %s = %d", q, code)
		}
		mustContain(t, body, "تأیید اشتراک", "۰۹۳۵***۴۵۶۷", "صدور پروانه ساختمانی", `action="`+page+`"`)
		for _, bad := range []string{"اشتراک شما ثبت شد", `<bdi class="ltr">call`, "call 0900", "۰۹۱۲***۰۰۰۰"} {
			if strings.Contains(body, bad) {
				t.Errorf("GET %s shows %q from the URL", q, bad)
			}
		}
	}
	if code, _, _ := s.get("/subscribe/nosuchsubscription?done=1&s=" + permitCode); code != http.StatusNotFound {
		t.Errorf("unknown subscription = %d, want 404", code)
	}

	// A wrong code: an error at the field, the typed code kept.
	code, body, _ = s.post(page, url.Values{"code": {"000000"}})
	if code != http.StatusUnprocessableEntity {
		t.Fatalf("wrong code = %d", code)
	}
	mustContain(t, body, `href="#f-code"`, `value="000000"`)

	// Resending at once must wait; a little later it sends.
	resend := page + "/resend"
	if code, body, _ := s.post(resend, nil); code != http.StatusTooManyRequests || !strings.Contains(body, "ثانیه دیگر") {
		t.Errorf("immediate resend = %d\n%s", code, errSummary(body))
	}
	now = now.Add(3 * time.Minute)
	pinStaffClock(s, now)
	code, _, h = s.post(resend, nil)
	if code != http.StatusSeeOther || !strings.Contains(h.Get("Location"), "resent=1") {
		t.Fatalf("resend = %d %q", code, h.Get("Location"))
	}
	_, body, _ = s.get(h.Get("Location"))
	mustContain(t, body, "کد تازه فرستاده شد.")

	otp := s.lastCode()
	code, _, h = s.post(page, url.Values{"code": {fa.PersianDigits(otp)}})
	if code != http.StatusSeeOther || h.Get("Location") != page {
		t.Fatalf("confirm = %d %q, want %q", code, h.Get("Location"), page)
	}
	_, body, _ = s.get(page)
	mustContain(t, body, "اشتراک شما ثبت شد", "صدور پروانه ساختمانی", `href="/services/`+permitCode+`/changes"`)
	// A second press (a double click, or the back button) and a resend
	// lead to the same done page, with no new code sent.
	sent := len(s.fake.Sent())
	for _, p := range []string{page, resend} {
		code, _, h = s.post(p, url.Values{"code": {otp}})
		if code != http.StatusSeeOther || h.Get("Location") != page {
			t.Errorf("POST %s after confirming = %d %q", p, code, h.Get("Location"))
		}
	}
	if n := len(s.fake.Sent()); n != sent {
		t.Errorf("%d SMS sent after confirming", n-sent)
	}

	// A material change reaches the subscriber, with an unsubscribe link.
	publishCard(t, s, permitCode, addDocument("گواهی پایان کار قبلی"))
	s.app.Dispatcher.RunOnce(context.Background())
	text := smsTo(s, mobile, "/u/")
	token := regexp.MustCompile(`/u/([A-Za-z0-9_-]+)`).FindStringSubmatch(text)
	if token == nil {
		t.Fatalf("no change SMS with an unsubscribe link to the subscriber; sent: %+v", s.fake.Sent())
	}
	unsub := "/u/" + token[1]
	_, body, _ = s.get("/demo/sms")
	mustContain(t, body, fa.PersianDigits(token[1])) // the inbox shows digits in Persian

	// GET (a link previewer) does not unsubscribe: the next change still comes.
	for range 2 {
		code, body, h = s.get(unsub)
		if code != http.StatusOK || h.Get("Cache-Control") != "no-store" {
			t.Fatalf("GET unsubscribe = %d %q", code, h.Get("Cache-Control"))
		}
	}
	mustContain(t, body, "صدور پروانه ساختمانی", `<form method="post" action="`+unsub+`">`, `href="/services/`+permitCode+`/changes"`)
	publishCard(t, s, permitCode, addDocument("تعهدنامه مالک"))
	s.app.Dispatcher.RunOnce(context.Background())
	if n := countTo(s, mobile, "/u/"); n != 2 {
		t.Fatalf("after a GET of the unsubscribe page the subscriber got %d change SMS; want 2", n)
	}

	// POST unsubscribes, twice is the same answer (the second from the
	// link as copied out of the demo inbox, digits in Persian), and no
	// more SMS come.
	for _, p := range []string{unsub, "/u/" + url.PathEscape(fa.PersianDigits(token[1]))} {
		code, body, _ = s.post(p, nil)
		if code != http.StatusOK || !strings.Contains(body, "اشتراک شما لغو شد.") {
			t.Fatalf("POST unsubscribe = %d", code)
		}
	}
	publishCard(t, s, permitCode, addDocument("عکس ملک"))
	s.app.Dispatcher.RunOnce(context.Background())
	if n := countTo(s, mobile, "/u/"); n != 2 {
		t.Errorf("after unsubscribing the subscriber got %d change SMS; want still 2", n)
	}

	for _, p := range []string{"/u/nosuchtoken", "/u/" + strings.Repeat("a", 43)} {
		code, body, _ = s.get(p)
		if code != http.StatusNotFound || !strings.Contains(body, "این پیوند لغو اشتراک شناخته نشد") {
			t.Errorf("GET %s = %d", p, code)
		}
		if code, _, _ := s.post(p, nil); code != http.StatusNotFound {
			t.Errorf("POST %s = %d", p, code)
		}
	}
}
