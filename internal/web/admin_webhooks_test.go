package web_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"mizban/internal/audit"
	"mizban/internal/store"
	"mizban/internal/webhook"
)

var whsecRE = regexp.MustCompile(`value="(whsec_[^"]+)"`)

// secretOn reads the one-time secret from a page, or "".
func secretOn(body string) string {
	if m := whsecRE.FindStringSubmatch(body); m != nil {
		return html.UnescapeString(m[1])
	}
	return ""
}

func TestAdminWebhooks(t *testing.T) {
	s, admin := adminSite(t)
	ctx := context.Background()

	// A bad address and no events: both reported, what was typed kept.
	st, body, _ := admin.post("/staff/admin/webhooks", url.Values{"url": {"ftp://x"}, "allow_private": {"on"}})
	wantCode(t, "bad add", st, http.StatusUnprocessableEntity, body)
	mustContain(t, errSummary(body), "http:// یا https://", "دست‌کم یک رویداد")
	mustContain(t, body, `value="ftp://x"`)

	form := url.Values{"url": {"https://automation.agency.example/hooks"},
		"events": {webhook.RequestClosed, webhook.RequestCreated, "nope"}}
	st, body, _ = admin.post("/staff/admin/webhooks", form)
	wantCode(t, "add", st, http.StatusOK, body)
	secret := secretOn(body)
	if !strings.HasPrefix(secret, webhook.SecretPrefix) {
		t.Fatalf("no secret shown after adding:\n%s", body)
	}
	wantAudit(t, s, "webhook.add", "staff:"+itoa64(admin.ID))
	eps, err := s.app.Store.WebhookEndpoints(ctx)
	if err != nil || len(eps) != 1 {
		t.Fatalf("endpoints %+v, %v", eps, err)
	}
	ep := eps[0]
	if strings.Join(ep.Events, " ") != "request.created request.closed" || ep.AllowPrivate || len(ep.Secrets) != 1 || ep.Secrets[0].Text != secret {
		t.Fatalf("endpoint stored as %+v", ep)
	}
	// Shown once: the list never shows it again.
	st, body, _ = admin.get("/staff/admin/webhooks")
	wantCode(t, "list", st, http.StatusOK, body)
	mustContain(t, body, "https://automation.agency.example/hooks", "ثبت درخواست")
	if strings.Contains(body, secret) || secretOn(body) != "" {
		t.Error("the list shows the secret again")
	}

	// Rotation: a new secret, shown once; the old one keeps signing.
	id := itoa64(ep.ID)
	st, body, _ = admin.post("/staff/admin/webhooks/"+id+"/rotate", nil)
	wantCode(t, "rotate", st, http.StatusOK, body)
	next := secretOn(body)
	if next == "" || next == secret {
		t.Fatalf("rotation showed %q", next)
	}
	if e, _ := s.app.Store.WebhookEndpoint(ctx, ep.ID); len(e.Secrets) != 2 || e.Secrets[0].Expires.IsZero() {
		t.Fatalf("secrets after rotation: %d", len(e.Secrets))
	}

	// A registered request queues a delivery; its log shows the code of
	// each attempt, and a given-up delivery can be sent again.
	var n int
	if err := s.app.Store.InTx(ctx, func(tx *store.Tx) (err error) {
		n, err = tx.EnqueueWebhook(ctx, "msg_test", webhook.RequestClosed, 0, []byte(`{}`), s.app.Flow.Now())
		return err
	}); err != nil || n != 1 {
		t.Fatalf("enqueue: %d, %v", n, err)
	}
	now := s.app.Flow.Now()
	ds, err := s.app.Store.ClaimWebhooks(ctx, "test", now, now.Add(60e9), 10)
	if err != nil || len(ds) != 1 {
		t.Fatalf("claim %v %v", ds, err)
	}
	if _, err := s.app.Store.RecordWebhookAttempt(ctx, "test", ds[0], store.WebhookOutcome{At: now, Code: 502, Error: "HTTP 502", GiveUp: true}); err != nil {
		t.Fatal(err)
	}
	st, body, _ = admin.get("/staff/admin/webhooks/" + id)
	wantCode(t, "log", st, http.StatusOK, body)
	mustContain(t, body, "msg_test", "HTTP ۵۰۲", "ناموفق؛ دیگر فرستاده نمی‌شود",
		`action="/staff/admin/webhooks/deliveries/`+itoa64(ds[0].Seq)+`/redeliver"`)
	st, body, h := admin.post("/staff/admin/webhooks/deliveries/"+itoa64(ds[0].Seq)+"/redeliver", nil)
	if st != http.StatusSeeOther || h.Get("Location") != "/staff/admin/webhooks/"+id+"?done=redelivered" {
		t.Fatalf("redeliver: %d %q\n%s", st, h.Get("Location"), errSummary(body))
	}
	wantAudit(t, s, "webhook.redeliver", "staff:"+itoa64(admin.ID))
	st, body, _ = admin.post("/staff/admin/webhooks/deliveries/"+itoa64(ds[0].Seq)+"/redeliver", nil)
	wantCode(t, "second redeliver", st, http.StatusConflict, body)
	mustContain(t, errSummary(body), "هنوز در صف است")

	// An endpoint the worker switched off is a warning on the list; one an
	// administrator switched off is not.
	const warn = "چند روز پیاپی پاسخ نداد"
	if _, err := s.app.Store.DisableFailingWebhook(ctx, ep.ID, now, &audit.Record{At: now, Actor: "system",
		Action: "webhook.disable", Target: "webhook:" + id, Result: audit.OK}); err != nil {
		t.Fatal(err)
	}
	_, body, _ = admin.get("/staff/admin/webhooks")
	mustContain(t, body, warn)
	admin.post("/staff/admin/webhooks/"+id+"/enable", nil)

	// Disable and enable.
	for _, c := range []struct{ path, done string }{{"/disable", "disabled"}, {"/enable", "enabled"}} {
		st, _, h = admin.post("/staff/admin/webhooks/"+id+c.path, nil)
		if st != http.StatusSeeOther || h.Get("Location") != "/staff/admin/webhooks?done="+c.done {
			t.Fatalf("%s: %d %q", c.path, st, h.Get("Location"))
		}
		if e, _ := s.app.Store.WebhookEndpoint(ctx, ep.ID); e.Active != (c.done == "enabled") {
			t.Fatalf("after %s active = %v", c.path, e.Active)
		}
	}
	admin.post("/staff/admin/webhooks/"+id+"/disable", nil)
	if _, body, _ = admin.get("/staff/admin/webhooks"); strings.Contains(body, warn) {
		t.Error("a manual disabling is reported as a failing endpoint")
	}
	st, body, _ = admin.post("/staff/admin/webhooks/999999/rotate", nil)
	wantCode(t, "rotate of no endpoint", st, http.StatusNotFound, body)
}
