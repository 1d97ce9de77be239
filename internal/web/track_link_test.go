package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"mizban/internal/workflow"
)

var shortLinkRE = regexp.MustCompile(`/t/([a-z0-9]{8})\b`)

// The SMS's short link opens the tracking page with the request chosen,
// once the mobile is given; before that, known and unknown links look the
// same and show nothing of the request.
func TestTrackShortLink(t *testing.T) {
	s := trackSite(t)
	r := applyPermit(t, s, "09121234567")
	sms, err := s.app.Store.RequestSMS(context.Background(), r.ID)
	if err != nil || len(sms) != 1 {
		t.Fatalf("SMS %+v, %v", sms, err)
	}
	m := shortLinkRE.FindStringSubmatch(sms[0].Text)
	if m == nil || !strings.Contains(sms[0].Text, strings.TrimPrefix(s.srv.URL, "http://")+"/t/") {
		t.Fatalf("confirmation SMS %q has no short link to this desk", sms[0].Text)
	}
	token := m[1]
	unknown := "zzzzzzzz"
	if token == unknown {
		unknown = "yyyyyyyy"
	}

	// Before the mobile: one page for every token, nothing of the request.
	pages := map[string]string{}
	for _, tok := range []string{token, strings.ToUpper(token), unknown} {
		code, body, _ := s.get("/t/" + tok)
		if code != http.StatusOK {
			t.Fatalf("GET /t/%s = %d", tok, code)
		}
		mustContain(t, body, `action="/t/`+tok+`"`, `name="mobile"`, `for="i-mobile"`)
		for _, secret := range []string{r.TrackingCode, r.ServiceTitle, "ثبت شده", `name="code"`} {
			if strings.Contains(body, secret) {
				t.Errorf("GET /t/%s shows %q before the mobile is given", tok, secret)
			}
		}
		pages[tok] = strings.ReplaceAll(body, tok, "TOKEN")
	}
	if pages[token] != pages[unknown] {
		t.Error("a known link's page differs from an unknown one's")
	}

	// With the mobile: what POST /track shows.
	code, body, h := s.post("/t/"+token, url.Values{"mobile": {"۰۹۱۲۱۲۳۴۵۶۷"}})
	if code != http.StatusOK {
		t.Fatalf("POST /t/ = %d\n%s", code, errSummary(body))
	}
	if h.Get("Cache-Control") != "no-store" {
		t.Errorf("Cache-Control %q; want no-store", h.Get("Cache-Control"))
	}
	_, viaTrack, _ := s.post("/track", url.Values{"code": {r.TrackingCode}, "mobile": {"۰۹۱۲۱۲۳۴۵۶۷"}})
	mustContain(t, body, "مراحل رسیدگی", r.ServiceTitle, `name="code" value="`+r.TrackingCode+`"`, `action="/track/code"`)
	if got, want := mainOf(body), mainOf(viaTrack); got == "" || got != want {
		t.Errorf("the short link's answer differs from POST /track's:\n%s\nwant\n%s", got, want)
	}

	// A wrong mobile and an unknown link answer alike, on the link's form.
	c1, wrong, _ := s.post("/t/"+token, url.Values{"mobile": {"09120000000"}})
	c2, unknownAns, _ := s.post("/t/"+unknown, url.Values{"mobile": {"09121234567"}})
	if c1 != http.StatusNotFound || c1 != c2 || errSummary(wrong) == "" || errSummary(wrong) != errSummary(unknownAns) {
		t.Errorf("wrong mobile %d %q vs unknown link %d %q; want the same not-found answer", c1, errSummary(wrong), c2, errSummary(unknownAns))
	}
	if strings.Contains(wrong, r.TrackingCode) || strings.Contains(wrong, `name="code"`) {
		t.Error("a wrong mobile's answer shows the tracking code or asks for it")
	}
	mustContain(t, wrong, `value="09120000000"`, `action="/t/`+token+`"`)

	// A missing mobile is a field error with its link.
	code, body, _ = s.post("/t/"+token, url.Values{"mobile": {""}})
	if code != http.StatusUnprocessableEntity {
		t.Errorf("empty mobile = %d; want 422", code)
	}
	mustContain(t, body, `class="error-summary"`, `href="#f-mobile"`, `id="f-mobile"`)

	// One limit per client for codes and links.
	s.app.Flow.Lookups = workflow.NewLimiter(2, time.Minute)
	track(t, s, r, "09121234567")
	track(t, s, r, "09121234567")
	code, body, _ = s.post("/t/"+token, url.Values{"mobile": {"09121234567"}})
	if code != http.StatusTooManyRequests {
		t.Errorf("third look-up = %d; want 429", code)
	}
	mustContain(t, body, "تعداد جستجوها بیش از حد مجاز است")
}

// mainOf is a page's <main> element, without the chrome (whose menu marks
// the current page).
func mainOf(body string) string {
	i, j := strings.Index(body, "<main"), strings.Index(body, "</main>")
	if i < 0 || j < i {
		return ""
	}
	return body[i:j]
}
