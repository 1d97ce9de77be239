package workflow_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"mizban/internal/desk"
	"mizban/internal/store"
	"mizban/internal/store/storetest"
)

func TestSubscriptionFlow(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		e := newEnv(t, st)
		for _, tc := range []struct {
			service, mobile, code, field string
		}{
			{catCode, "", desk.EINVALID, "mobile"},
			{catCode, "0912", desk.EINVALID, "mobile"},
			{catCode, "+44 7700 900123", desk.EINVALID, "mobile"},
			{"404", "09121234567", desk.ENOTFOUND, ""},
		} {
			_, err := e.flow.StartSubscription(ctx, tc.service, tc.mobile, "c")
			if desk.ErrorCode(err) != tc.code || (tc.field != "" && !strings.HasSuffix(desk.ErrorFields(err)[tc.field], ".")) {
				t.Errorf("StartSubscription(%q, %q) = %v", tc.service, tc.mobile, err)
			}
		}
		// Persian digits are fine; the page shows the masked number.
		start, err := e.flow.StartSubscription(ctx, catCode, "۰۹۱۲ ۱۲۳ ۴۵۶۷", "c")
		if err != nil || start.ID == "" || start.MaskedMobile != "0912***4567" {
			t.Fatalf("start = %+v, %v", start, err)
		}
		// A wrong code is refused; a resend too soon is rate limited.
		if _, err := e.flow.ConfirmSubscription(ctx, start.ID, "000000", "c"); desk.ErrorCode(err) != desk.EINVALID {
			t.Fatalf("wrong code: %v", err)
		}
		if err := e.flow.ResendSubscriptionCode(ctx, start.ID, "c"); desk.ErrorCode(err) != desk.ERATELIMIT {
			t.Fatalf("resend at once: %v", err)
		}
		e.now = e.now.Add(2 * time.Minute)
		if err := e.flow.ResendSubscriptionCode(ctx, start.ID, "c"); err != nil {
			t.Fatal(err)
		}
		code := lastCode(t, st, "09121234567")
		title, err := e.flow.ConfirmSubscription(ctx, start.ID, code, "c")
		if err != nil || title != testService().Title {
			t.Fatalf("confirm = %q, %v", title, err)
		}
		// Confirming again, or resending, changes nothing.
		if title, err := e.flow.ConfirmSubscription(ctx, start.ID, code, "c"); err != nil || title == "" {
			t.Errorf("second confirm = %q, %v", title, err)
		}
		if err := e.flow.ResendSubscriptionCode(ctx, start.ID, "c"); err != nil {
			t.Errorf("resend after confirm: %v", err)
		}
		if _, err := e.flow.ConfirmSubscription(ctx, "nope", code, "c"); desk.ErrorCode(err) != desk.ENOTFOUND {
			t.Errorf("unknown id: %v", err)
		}
		// The same mobile again: a success, still one subscriber.
		subscribe(t, e, catCode, "09121234567")
		if err := st.InTx(ctx, func(tx *store.Tx) error {
			subs, err := tx.Subscribers(ctx, catCode)
			if len(subs) != 1 {
				t.Errorf("subscribers = %d", len(subs))
			}
			return err
		}); err != nil {
			t.Fatal(err)
		}
		// Unsubscribe links that are malformed or unknown.
		for _, tok := range []string{"", "short", "zzzzzzzz", "<script>"} {
			if _, err := e.flow.Unsubscribe(ctx, tok, "c"); desk.ErrorCode(err) != desk.ENOTFOUND {
				t.Errorf("Unsubscribe(%q) = %v", tok, err)
			}
			if _, err := e.flow.SubscriptionByToken(ctx, tok); desk.ErrorCode(err) != desk.ENOTFOUND {
				t.Errorf("SubscriptionByToken(%q) = %v", tok, err)
			}
		}
		if got := audits(t, e, "subscription.confirm"); len(got) != 2 {
			t.Errorf("confirm audit = %v", got)
		}
	})
}
