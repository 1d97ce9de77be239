package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"mizban/internal/store"
)

func TestSMSAdminParkedAndResend(t *testing.T) {
	s, admin := adminSite(t)
	ctx := context.Background()
	at := s.app.Flow.Now()
	parked := &store.OutSMS{ID: "parked-1", To: "09121234567", Text: "کد تأیید: ۱۲۳۴۵۶", Kind: "otp",
		CreatedAt: at.Add(-time.Hour), Status: store.SMSFailed, State: store.StateFailed, Attempts: 12,
		LastError: "sms: kavenegar: 418 (retryable): اعتبار حساب کافی نیست"}
	queued := &store.OutSMS{ID: "queued-1", To: "09351112233", Text: "x", Kind: "closed", CreatedAt: at}
	if err := s.app.Store.InTx(ctx, func(tx *store.Tx) error {
		for _, m := range []*store.OutSMS{parked, queued} {
			if _, err := tx.EnqueueSMS(ctx, m); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}

	st, body, _ := admin.get("/staff/admin/sms")
	wantCode(t, "parked list", st, http.StatusOK, body)
	mustContain(t, body, "0912***4567", "اعتبار حساب کافی نیست", `action="/staff/admin/sms/resend/parked-1"`)
	for _, leak := range []string{"09121234567", "۱۲۳۴۵۶", "queued-1"} {
		if strings.Contains(body, leak) {
			t.Errorf("parked page shows %q", leak)
		}
	}

	st, body, h := admin.post("/staff/admin/sms/resend/parked-1", nil)
	if st != http.StatusSeeOther || !strings.HasPrefix(h.Get("Location"), "/staff/admin/sms?resent=") {
		t.Fatalf("resend: %d %q\n%s", st, h.Get("Location"), errSummary(body))
	}
	wantAudit(t, s, "sms.resend", "staff:"+itoa64(admin.ID))
	due, err := s.app.Store.DueSMS(ctx, at.Add(time.Minute), 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(due) != 2 || due[0].ID != "parked-1" || due[0].Attempts != 0 {
		t.Fatalf("after resend due = %+v; want the code back first in line, attempts reset", due)
	}
	st, body, _ = admin.get("/staff/admin/sms")
	mustContain(t, body, "هیچ پیامک ناموفقی نیست.")

	// Twice: refused in Persian, nothing queued twice.
	st, body, _ = admin.post("/staff/admin/sms/resend/parked-1", nil)
	wantCode(t, "second resend", st, http.StatusConflict, body)
	mustContain(t, errSummary(body), "در فهرست پیامک‌های ناموفق نیست")
}
