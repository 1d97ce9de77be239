package workflow

import (
	"context"
	"time"

	"mizban/internal/audit"
	"mizban/internal/desk"
	"mizban/internal/fa"
	"mizban/internal/store"
)

// PurposeSubscribe confirms a subscription to a service's changes;
// subject: the pending subscription's id.
const PurposeSubscribe = "subscribe"

// pendingSubscriptionTTL: an unconfirmed subscription older than this is
// dropped (it holds a sealed mobile for nothing).
const pendingSubscriptionTTL = 24 * time.Hour

// StartSubscription records a pending subscription of mobile to service and
// sends its one-time code. Whether the mobile already follows the service
// is not told before the code is confirmed.
func (f *Flow) StartSubscription(ctx context.Context, service, mobile, client string) (SubscribeStart, error) {
	svc, err := f.Store.Service(ctx, cleanCode(service))
	if err != nil {
		return SubscribeStart{}, err
	}
	m, err := fa.Mobile(mobile)
	if err != nil {
		return SubscribeStart{}, fieldError("mobile", err.Error()+".")
	}
	now := f.now()
	sub := &store.Subscription{ID: randomHex(16), ServiceCode: svc.Code, Mobile: m, Client: client, CreatedAt: now}
	err = f.inTx(ctx, func(tx *store.Tx) error {
		if _, err := tx.PurgePendingSubscriptions(ctx, now.Add(-pendingSubscriptionTTL)); err != nil {
			return err
		}
		if err := tx.CreateSubscription(ctx, sub); err != nil {
			return err
		}
		return f.sendOTP(ctx, tx, PurposeSubscribe, sub.ID, m, client)
	})
	if err != nil {
		return SubscribeStart{}, err
	}
	return SubscribeStart{ID: sub.ID, MaskedMobile: fa.MaskMobile(m)}, nil
}

// pendingSubscription loads subscription id for its code page.
func (f *Flow) pendingSubscription(ctx context.Context, id string) (store.Subscription, desk.Service, error) {
	sub, err := f.Store.Subscription(ctx, id)
	if err != nil {
		return sub, desk.Service{}, err
	}
	svc, err := f.Store.Service(ctx, sub.ServiceCode)
	return sub, svc, err
}

// subscriptionConfirmed reports whether the citizen confirmed sub with its
// code: the row is confirmed, or its code was used while the mobile already
// followed the service (which leaves the row pending).
func (f *Flow) subscriptionConfirmed(ctx context.Context, sub store.Subscription) (bool, error) {
	if !sub.ConfirmedAt.IsZero() {
		return true, nil
	}
	return f.Store.SubscriptionCodeUsed(ctx, PurposeSubscribe, sub.ID)
}

// PendingSubscription is what the code page of subscription id shows, all
// from the store so a hand-made URL can neither name another service or
// number nor claim a confirmation: the service's code and title, the
// masked mobile, and whether the citizen confirmed it with the code.
func (f *Flow) PendingSubscription(ctx context.Context, id string) (code, title, masked string, confirmed bool, err error) {
	sub, svc, err := f.pendingSubscription(ctx, id)
	if err != nil {
		return "", "", "", false, err
	}
	if confirmed, err = f.subscriptionConfirmed(ctx, sub); err != nil {
		return "", "", "", false, err
	}
	return svc.Code, svc.Title, fa.MaskMobile(sub.Mobile), confirmed, nil
}

// ResendSubscriptionCode sends a new code for a pending subscription; for
// one already confirmed there is nothing to send.
func (f *Flow) ResendSubscriptionCode(ctx context.Context, id, client string) error {
	sub, _, err := f.pendingSubscription(ctx, id)
	if err != nil {
		return err
	}
	if done, err := f.subscriptionConfirmed(ctx, sub); err != nil || done {
		return err
	}
	return f.inTx(ctx, func(tx *store.Tx) error {
		return f.sendOTP(ctx, tx, PurposeSubscribe, sub.ID, sub.Mobile, client)
	})
}

// ConfirmSubscription checks the code and activates the subscription; a
// mobile that already follows the service, or a second confirm, is a
// success that changes nothing.
func (f *Flow) ConfirmSubscription(ctx context.Context, id, code, client string) (string, error) {
	sub, svc, err := f.pendingSubscription(ctx, id)
	if err != nil {
		return "", err
	}
	if done, err := f.subscriptionConfirmed(ctx, sub); err != nil {
		return "", err
	} else if done {
		return svc.Title, nil
	}
	otpID, err := f.verifyOTP(ctx, PurposeSubscribe, sub.ID, code)
	if err != nil {
		return "", err
	}
	err = f.inTx(ctx, func(tx *store.Tx) error {
		now := f.now()
		if err := tx.OTPUse(ctx, otpID, now); err != nil {
			return err
		}
		already, err := tx.ConfirmSubscription(ctx, sub.ID, now)
		if err != nil {
			return err
		}
		details := "new"
		if already {
			details = "already subscribed"
		}
		return f.catalogAudit(ctx, tx, "citizen", "subscription.confirm", serviceTarget(sub.ServiceCode), audit.OK, client, details)
	})
	if desk.ErrorCode(err) == desk.ECONFLICT {
		// A twin pending subscription of the same mobile was confirmed in
		// the same instant: the mobile follows the service either way.
		return svc.Title, nil
	}
	if err != nil {
		return "", err
	}
	return svc.Title, nil
}

// subscriptionByToken finds the subscription an unsubscribe link names.
func (f *Flow) subscriptionByToken(ctx context.Context, token string) (store.Subscription, desk.Service, error) {
	token, ok := store.ValidLinkToken(token)
	if !ok {
		return store.Subscription{}, desk.Service{}, desk.Errorf(desk.ENOTFOUND, "این پیوند لغو اشتراک درست نیست؛ نشانی را از پیامک دوباره بردارید.")
	}
	sub, err := f.Store.SubscriptionByToken(ctx, f.unsubscribeHash(token))
	if err != nil {
		return sub, desk.Service{}, err
	}
	svc, err := f.Store.Service(ctx, sub.ServiceCode)
	return sub, svc, err
}

// SubscriptionByToken returns the code and title of the service an
// unsubscribe link is about, for the page that asks to confirm (GET must
// not unsubscribe).
func (f *Flow) SubscriptionByToken(ctx context.Context, token string) (code, title string, err error) {
	_, svc, err := f.subscriptionByToken(ctx, token)
	if err != nil {
		return "", "", err
	}
	return svc.Code, svc.Title, nil
}

// Unsubscribe ends the subscription an unsubscribe link names and returns
// its service's code and title; a second time is the same success.
func (f *Flow) Unsubscribe(ctx context.Context, token, client string) (code, title string, err error) {
	sub, svc, err := f.subscriptionByToken(ctx, token)
	if err != nil {
		return "", "", err
	}
	if !sub.EndedAt.IsZero() {
		return svc.Code, svc.Title, nil
	}
	err = f.inTx(ctx, func(tx *store.Tx) error {
		if err := tx.EndSubscription(ctx, sub.ID, f.now()); err != nil {
			return err
		}
		return f.catalogAudit(ctx, tx, "citizen", "subscription.end", serviceTarget(sub.ServiceCode), audit.OK, client, "")
	})
	if err != nil {
		return "", "", err
	}
	return svc.Code, svc.Title, nil
}
