package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"mizban/internal/audit"
	"mizban/internal/desk"
	"mizban/internal/store"
	"mizban/internal/webhook"
)

// An endpoint the worker switched off is announced on the staff home and the
// administration home to administrators, and to no one else; one an
// administrator switched off is not announced.
func TestDisabledWebhookNotice(t *testing.T) {
	s, admin := adminSite(t)
	ctx := context.Background()
	addStaffUser(t, s, "notice.officer", "کارشناس واحد", []desk.Role{desk.RoleOfficer}, desk.Membership{UnitCode: "hq"})
	officer := signInStaff(t, s, "notice.officer", staffTestPassword)
	const notice = "نشانی‌های وب‌هوکی که چون چند روز پیاپی پاسخ ندادند غیرفعال شدند:"

	for _, u := range []string{"https://dead.agency.example/hooks", "https://paused.agency.example/hooks"} {
		st, body, _ := admin.post("/staff/admin/webhooks", url.Values{"url": {u}, "events": {webhook.RequestClosed}})
		wantCode(t, "add "+u, st, http.StatusOK, body)
	}
	eps, err := s.app.Store.WebhookEndpoints(ctx)
	if err != nil || len(eps) != 2 {
		t.Fatalf("endpoints %+v, %v", eps, err)
	}
	dead, paused := eps[0], eps[1]
	if !strings.Contains(dead.URL, "dead") {
		dead, paused = paused, dead
	}
	homes := []string{"/staff", "/staff/admin"}
	for _, p := range homes {
		if _, body, _ := admin.get(p); strings.Contains(body, notice) {
			t.Errorf("%s: notice before any endpoint was switched off", p)
		}
	}

	// An administrator's own switching off is no news.
	if st, _, _ := admin.post("/staff/admin/webhooks/"+itoa64(paused.ID)+"/disable", nil); st != http.StatusSeeOther {
		t.Fatalf("disable: %d", st)
	}
	if _, body, _ := admin.get("/staff/admin"); strings.Contains(body, notice) {
		t.Error("a manual switching off is announced as a failure")
	}

	// The worker's: a failed delivery starts the failure record, then the
	// endpoint is switched off with its audit record.
	now := s.app.Flow.Now()
	if err := s.app.Store.InTx(ctx, func(tx *store.Tx) error {
		_, err := tx.EnqueueWebhook(ctx, "msg_notice", webhook.RequestClosed, 0, []byte(`{}`), now)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	ds, err := s.app.Store.ClaimWebhooks(ctx, "test", now, now.Add(time.Minute), 10)
	if err != nil || len(ds) != 1 || ds[0].EndpointID != dead.ID {
		t.Fatalf("claim %+v, %v", ds, err)
	}
	if _, err := s.app.Store.RecordWebhookAttempt(ctx, "test", ds[0], store.WebhookOutcome{At: now, Code: 503, Error: "HTTP 503", Next: now.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if done, err := s.app.Store.DisableFailingWebhook(ctx, dead.ID, now, &audit.Record{At: now, Actor: "system",
		Action: "webhook.disable", Target: "webhook:" + itoa64(dead.ID), Result: audit.OK}); err != nil || !done {
		t.Fatalf("disable: %v, %v", done, err)
	}

	for _, p := range homes {
		st, body, _ := admin.get(p)
		wantCode(t, p, st, http.StatusOK, body)
		mustContain(t, body, notice+" ۱<", `<a href="/staff/admin/webhooks">بررسی وب‌هوک‌ها</a>`)
	}
	st, body, _ := officer.get("/staff")
	wantCode(t, "officer home", st, http.StatusOK, body)
	mustLack(t, body, notice, "/staff/admin/webhooks")

	// Enabled again, the notice goes.
	admin.post("/staff/admin/webhooks/"+itoa64(dead.ID)+"/enable", nil)
	if _, body, _ := admin.get("/staff"); strings.Contains(body, notice) {
		t.Error("notice still shown after the endpoint was enabled again")
	}
}
