package workflow_test

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"mizban/internal/desk"
	"mizban/internal/notice"
	"mizban/internal/store"
	"mizban/internal/store/storetest"
	"mizban/internal/workflow"
)

var linkRE = regexp.MustCompile(`e\.ir/t/([a-z0-9]+)`)

// linkOf returns the link token in an SMS text, failing when it has none.
func linkOf(t *testing.T, text string) string {
	t.Helper()
	m := linkRE.FindStringSubmatch(text)
	if m == nil {
		t.Fatalf("SMS %q carries no short link", text)
	}
	return m[1]
}

// Every notice links to its own request through a random token, which
// opens the request only together with the mobile number.
func TestNoticeLinks(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		o := newOffice(t, st)
		o.flow.Opt.BaseURL = "https://e.ir/" // short, so the link fits one part

		// Registration: the confirmation carries the link.
		id, err := o.flow.SaveDraft(ctx, validInput())
		if err != nil {
			t.Fatal(err)
		}
		req, err := o.flow.Confirm(ctx, id, lastCode(t, st, "09121234567"))
		if err != nil {
			t.Fatal(err)
		}
		sms, err := st.RequestSMS(ctx, req.ID)
		if err != nil || len(sms) != 1 {
			t.Fatalf("SMS %+v, %v", sms, err)
		}
		token := linkOf(t, sms[0].Text)
		if want := "\ne.ir/t/" + token; !strings.HasSuffix(sms[0].Text, want) || workflow.LinkURL("https://e.ir/", token) != want[1:] {
			t.Errorf("SMS %q; want it to end in the link %q", sms[0].Text, want[1:])
		}
		if got, err := st.RequestByLinkToken(ctx, token); err != nil || got.ID != req.ID {
			t.Fatalf("token %q opens %d, %v; want %d", token, got.ID, err, req.ID)
		}

		// A staff notice about another request of the same citizen links
		// to that request, with a token of its own.
		r2 := o.file(t, "permits", "citizen")
		r2 = o.act(t, o.offA1, r2, workflow.ActInput{Action: desk.ActAccept})
		o.act(t, o.offA1, r2, workflow.ActInput{Action: desk.ActAnswer, Text: "پروانه صادر شد."})
		sms, err = st.RequestSMS(ctx, r2.ID)
		if err != nil || len(sms) != 1 || sms[0].Kind != string(notice.KindAnswered) {
			t.Fatalf("SMS %+v, %v; want the answer", sms, err)
		}
		token2 := linkOf(t, sms[0].Text)
		if token2 == token {
			t.Fatalf("two requests share the link token %q", token)
		}
		if got, _ := st.RequestByLinkToken(ctx, token2); got.ID != r2.ID {
			t.Fatalf("token %q opens %d; want %d", token2, got.ID, r2.ID)
		}

		// The link and the mobile, in any digit form, open the request.
		tr, err := o.flow.LookupLink(ctx, strings.ToUpper(token), "۰۹۱۲۱۲۳۴۵۶۷", "c1")
		if err != nil || tr.Request.ID != req.ID || tr.Request.TrackingCode != req.TrackingCode || len(tr.Events) != 1 {
			t.Fatalf("LookupLink = %+v, %v", tr.Request, err)
		}
		// A wrong mobile, an unknown token and a malformed one answer alike.
		unknown := "zzzzzzzz"
		if token == unknown || token2 == unknown {
			unknown = "yyyyyyyy"
		}
		_, errMobile := o.flow.LookupLink(ctx, token, "09120000000", "c1")
		for _, tok := range []string{unknown, "x", req.TrackingCode} {
			_, err := o.flow.LookupLink(ctx, tok, "09121234567", "c1")
			if desk.ErrorCode(errMobile) != desk.ENOTFOUND || err == nil || err.Error() != errMobile.Error() {
				t.Errorf("token %q: %v; wrong mobile: %v; want the same not-found answer", tok, err, errMobile)
			}
		}
		_, err = o.flow.LookupLink(ctx, token, "۰۹۱۲", "c1")
		if desk.ErrorCode(err) != desk.EINVALID || desk.ErrorFields(err)["mobile"] == "" {
			t.Errorf("short mobile: %v; want EINVALID on mobile", err)
		}

		// Links and tracking codes share one limit per client.
		for range 10 {
			o.flow.Lookup(ctx, req.TrackingCode, "09121234567", "c2")
		}
		if _, err := o.flow.LookupLink(ctx, token, "09121234567", "c2"); desk.ErrorCode(err) != desk.ERATELIMIT {
			t.Errorf("after 10 look-ups: %v; want ERATELIMIT", err)
		}
	})
}
