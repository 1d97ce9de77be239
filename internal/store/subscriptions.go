package store

import (
	"context"
	"database/sql"
	"time"
)

// msgNoSubscription answers an unknown subscription or unsubscribe link.
const msgNoSubscription = "این پیوند اشتراک پیدا نشد یا مهلت آن گذشته است؛ در صفحهٔ خدمت دوباره عضو شوید."

// Subscription is a citizen's wish to hear of a service's changes by SMS.
// It waits for its one-time code (ConfirmedAt zero) and ends on
// unsubscribe (EndedAt set).
type Subscription struct {
	ID          string
	ServiceCode string
	Mobile      string // canonical 09…; sealed in the row
	Client      string
	CreatedAt   time.Time
	ConfirmedAt time.Time
	EndedAt     time.Time
}

// Active reports whether the subscription is confirmed and not ended.
func (s Subscription) Active() bool { return !s.ConfirmedAt.IsZero() && s.EndedAt.IsZero() }

func subMobileAD(id string) string { return "subscription:" + id + ":mobile" }

// NewSubscriptionToken draws the random token of an unsubscribe link
// (<host>/u/<token>), in the alphabet and length of request links.
func NewSubscriptionToken() string { return newLinkToken() }

// CreateSubscription stores a pending subscription.
func (tx *Tx) CreateSubscription(ctx context.Context, s *Subscription) error {
	mobile, err := tx.q.seal([]byte(s.Mobile), subMobileAD(s.ID))
	if err != nil {
		return err
	}
	s.CreatedAt = ts(s.CreatedAt)
	_, err = tx.tx.ExecContext(ctx,
		`INSERT INTO subscriptions (id, service_code, mobile, mobile_idx, client, created_at)
		 VALUES ($1, $2, $3, $4, $5, $6)`,
		s.ID, s.ServiceCode, mobile, tx.q.index(s.Mobile), s.Client, s.CreatedAt)
	return fail("create subscription", err, "")
}

const subColumns = `id, service_code, mobile, client, created_at, confirmed_at, ended_at`

func (q conn) scanSubscription(sc scanner) (Subscription, error) {
	var (
		s                Subscription
		sealed           string
		confirmed, ended sql.NullTime
	)
	if err := sc.Scan(&s.ID, &s.ServiceCode, &sealed, &s.Client, &s.CreatedAt, &confirmed, &ended); err != nil {
		return Subscription{}, err
	}
	m, err := q.unseal(sealed, subMobileAD(s.ID))
	if err != nil {
		return Subscription{}, err
	}
	s.Mobile, s.CreatedAt, s.ConfirmedAt, s.EndedAt = string(m), s.CreatedAt.UTC(), fromNull(confirmed), fromNull(ended)
	return s, nil
}

// Subscription returns subscription id.
func (s *Store) Subscription(ctx context.Context, id string) (Subscription, error) {
	sub, err := s.r().scanSubscription(s.read.QueryRowContext(ctx,
		`SELECT `+subColumns+` FROM subscriptions WHERE id = $1`, cleanText(id)))
	return sub, fail("subscription", err, msgNoSubscription)
}

// SubscriptionCodeUsed reports whether a one-time code of purpose about
// subscription id was used. A confirm that found the mobile already
// following the service leaves the row pending; its used code is what
// tells the page the citizen did confirm.
func (s *Store) SubscriptionCodeUsed(ctx context.Context, purpose, id string) (bool, error) {
	var n int
	err := s.read.QueryRowContext(ctx,
		`SELECT COUNT(*) FROM otps WHERE purpose = $1 AND subject = $2 AND used_at IS NOT NULL`,
		purpose, cleanText(id)).Scan(&n)
	return n > 0, fail("subscription code", err, "")
}

// SubscriptionByToken returns the subscription an unsubscribe link's
// token hash belongs to.
func (s *Store) SubscriptionByToken(ctx context.Context, tokenHash string) (Subscription, error) {
	sub, err := s.r().scanSubscription(s.read.QueryRowContext(ctx,
		`SELECT s.id, s.service_code, s.mobile, s.client, s.created_at, s.confirmed_at, s.ended_at
		 FROM subscription_tokens t JOIN subscriptions s ON s.id = t.subscription_id
		 WHERE t.token_hash = $1`, tokenHash))
	return sub, fail("subscription", err, msgNoSubscription)
}

// ConfirmSubscription activates pending subscription id at at. When the
// same mobile already follows the service, nothing changes and already is
// true: subscribing twice is harmless.
func (tx *Tx) ConfirmSubscription(ctx context.Context, id string, at time.Time) (already bool, err error) {
	var n int
	if err := tx.tx.QueryRowContext(ctx,
		`SELECT COUNT(*) FROM subscriptions a JOIN subscriptions p
		   ON p.service_code = a.service_code AND p.mobile_idx = a.mobile_idx
		 WHERE p.id = $1 AND a.id <> p.id AND a.confirmed_at IS NOT NULL AND a.ended_at IS NULL`,
		id).Scan(&n); err != nil {
		return false, fail("confirm subscription", err, "")
	}
	if n > 0 {
		return true, nil
	}
	res, err := tx.tx.ExecContext(ctx,
		`UPDATE subscriptions SET confirmed_at = $1 WHERE id = $2 AND confirmed_at IS NULL AND ended_at IS NULL`,
		ts(at), id)
	if err != nil {
		return false, fail("confirm subscription", err, "")
	}
	if k, err := res.RowsAffected(); err != nil {
		return false, fail("confirm subscription", err, "")
	} else if k == 0 {
		// Confirmed before (a double click): the same answer.
		var confirmed sql.NullTime
		err := tx.tx.QueryRowContext(ctx, `SELECT confirmed_at FROM subscriptions WHERE id = $1`, id).Scan(&confirmed)
		if err != nil {
			return false, fail("confirm subscription", err, msgNoSubscription)
		}
		return true, nil
	}
	return false, nil
}

// Subscribers lists the active subscriptions of service code.
func (tx *Tx) Subscribers(ctx context.Context, code string) ([]Subscription, error) {
	rows, err := tx.tx.QueryContext(ctx,
		`SELECT `+subColumns+` FROM subscriptions
		 WHERE service_code = $1 AND confirmed_at IS NOT NULL AND ended_at IS NULL ORDER BY created_at, id`, code)
	if err != nil {
		return nil, fail("subscribers", err, "")
	}
	defer rows.Close()
	var out []Subscription
	for rows.Next() {
		s, err := tx.q.scanSubscription(rows)
		if err != nil {
			return nil, fail("subscribers", err, "")
		}
		out = append(out, s)
	}
	return out, fail("subscribers", rows.Err(), "")
}

// AddSubscriptionToken records the keyed hash of one unsubscribe link's
// token for subscription id.
func (tx *Tx) AddSubscriptionToken(ctx context.Context, id, tokenHash string, at time.Time) error {
	_, err := tx.tx.ExecContext(ctx,
		`INSERT INTO subscription_tokens (token_hash, subscription_id, created_at) VALUES ($1, $2, $3)`,
		tokenHash, id, ts(at))
	return fail("subscription token", err, "")
}

// EndSubscription ends subscription id at at; ending it again keeps the
// first time and is no error.
func (tx *Tx) EndSubscription(ctx context.Context, id string, at time.Time) error {
	res, err := tx.tx.ExecContext(ctx,
		`UPDATE subscriptions SET ended_at = COALESCE(ended_at, $1) WHERE id = $2`, ts(at), id)
	if err != nil {
		return fail("end subscription", err, "")
	}
	return affected(res, "end subscription", msgNoSubscription)
}

// PurgePendingSubscriptions drops subscriptions never confirmed that were
// started before before; they hold a sealed mobile for nothing.
func (tx *Tx) PurgePendingSubscriptions(ctx context.Context, before time.Time) (int64, error) {
	res, err := tx.tx.ExecContext(ctx,
		`DELETE FROM subscriptions WHERE confirmed_at IS NULL AND created_at < $1`, ts(before))
	if err != nil {
		return 0, fail("purge subscriptions", err, "")
	}
	n, err := res.RowsAffected()
	return n, fail("purge subscriptions", err, "")
}
