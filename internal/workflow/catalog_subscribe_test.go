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
			if _, _, err := e.flow.Unsubscribe(ctx, tok, "c"); desk.ErrorCode(err) != desk.ENOTFOUND {
				t.Errorf("Unsubscribe(%q) = %v", tok, err)
			}
			if _, _, err := e.flow.SubscriptionByToken(ctx, tok); desk.ErrorCode(err) != desk.ENOTFOUND {
				t.Errorf("SubscriptionByToken(%q) = %v", tok, err)
			}
		}
		if got := audits(t, e, "subscription.confirm"); len(got) != 2 {
			t.Errorf("confirm audit = %v", got)
		}
	})
}

// The code page reads everything from the pending subscription; it is
// confirmed only once its code was used, also when the mobile already
// followed the service (that row stays pending).
func TestPendingSubscription(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		e := newEnv(t, st)
		const mobile = "09121234567"
		check := func(name, id string, want bool) {
			t.Helper()
			code, title, masked, confirmed, err := e.flow.PendingSubscription(ctx, id)
			if err != nil || code != catCode || title != testService().Title || masked != "0912***4567" || confirmed != want {
				t.Errorf("%s: PendingSubscription = %q, %q, %q, %v, %v; want confirmed %v", name, code, title, masked, confirmed, err, want)
			}
		}
		if _, _, _, _, err := e.flow.PendingSubscription(ctx, "nope"); desk.ErrorCode(err) != desk.ENOTFOUND {
			t.Errorf("unknown id: %v", err)
		}
		first, err := e.flow.StartSubscription(ctx, catCode, mobile, "c")
		if err != nil {
			t.Fatal(err)
		}
		check("before the code", first.ID, false)
		if _, err := e.flow.ConfirmSubscription(ctx, first.ID, "000000", "c"); desk.ErrorCode(err) != desk.EINVALID {
			t.Fatalf("wrong code: %v", err)
		}
		check("after a wrong code", first.ID, false)
		if _, err := e.flow.ConfirmSubscription(ctx, first.ID, lastCode(t, st, mobile), "c"); err != nil {
			t.Fatal(err)
		}
		check("confirmed", first.ID, true)

		// The same mobile again: pending until its code is used, then
		// confirmed though its row stays pending; a second confirm with the
		// same code (a double click) and a resend change nothing.
		e.now = e.now.Add(2 * time.Minute)
		twin, err := e.flow.StartSubscription(ctx, catCode, mobile, "c")
		if err != nil {
			t.Fatal(err)
		}
		check("twin before the code", twin.ID, false)
		code := lastCode(t, st, mobile)
		for range 2 {
			if _, err := e.flow.ConfirmSubscription(ctx, twin.ID, code, "c"); err != nil {
				t.Fatalf("twin confirm: %v", err)
			}
		}
		check("twin confirmed", twin.ID, true)
		if sub, err := st.Subscription(ctx, twin.ID); err != nil || !sub.ConfirmedAt.IsZero() {
			t.Fatalf("twin row = %+v, %v; want it still pending", sub, err)
		}
		e.now = e.now.Add(2 * time.Minute)
		if err := e.flow.ResendSubscriptionCode(ctx, twin.ID, "c"); err != nil {
			t.Fatal(err)
		}
		if got := lastCode(t, st, mobile); got != code {
			t.Errorf("resend after the twin's confirm sent a new code %s", got)
		}
	})
}
