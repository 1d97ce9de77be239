package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"time"
)

// SMS statuses.
const (
	SMSPending = "pending"
	SMSSent    = "sent"
	SMSFailed  = "failed"
)

// OutSMS is one message in the outbox. It is enqueued in the same
// transaction as the change it reports; a dispatcher sends it later.
type OutSMS struct {
	ID          string // our message id, given to the provider to drop repeats
	To, Text    string // sealed in the database
	Kind        string // "otp" goes first
	RequestID   int64
	DedupeKey   string
	CreatedAt   time.Time
	NotBefore   time.Time
	Attempts    int
	Status      string
	SentAt      time.Time
	Provider    string
	ProviderRef string
	LastError   string
}

func smsToAD(id string) string   { return "sms:" + id + ":to" }
func smsTextAD(id string) string { return "sms:" + id + ":text" }

// EnqueueSMS adds m to the outbox. Missing ID, CreatedAt, NotBefore and
// Status are filled in (random id, now, CreatedAt, pending). A DedupeKey
// already enqueued makes this a no-op that returns false.
func (tx *Tx) EnqueueSMS(ctx context.Context, m *OutSMS) (bool, error) {
	if m.ID == "" {
		m.ID = newSMSID()
	}
	if m.CreatedAt.IsZero() {
		m.CreatedAt = time.Now()
	}
	if m.NotBefore.IsZero() {
		m.NotBefore = m.CreatedAt
	}
	if m.Status == "" {
		m.Status = SMSPending
	}
	m.CreatedAt, m.NotBefore = ts(m.CreatedAt), ts(m.NotBefore)
	to, err := tx.q.seal([]byte(m.To), smsToAD(m.ID))
	if err != nil {
		return false, err
	}
	text, err := tx.q.seal([]byte(m.Text), smsTextAD(m.ID))
	if err != nil {
		return false, err
	}
	rows, err := tx.tx.QueryContext(ctx,
		`INSERT INTO sms_outbox (id, recipient, body, kind, request_id, dedupe_key, created_at,
		   not_before, attempts, status, sent_at, provider, provider_ref, last_error)
		 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
		 ON CONFLICT (dedupe_key) DO NOTHING
		 RETURNING id`,
		m.ID, to, text, m.Kind, nullInt(m.RequestID), nullString(m.DedupeKey), m.CreatedAt,
		m.NotBefore, m.Attempts, m.Status, nullTime(m.SentAt), m.Provider, m.ProviderRef, m.LastError)
	if err != nil {
		return false, fail("enqueue sms", err, "")
	}
	defer rows.Close()
	inserted := rows.Next()
	return inserted, fail("enqueue sms", rows.Err(), "")
}

func newSMSID() string {
	b := make([]byte, 16)
	rand.Read(b) // never fails (crypto/rand, Go 1.24+)
	return hex.EncodeToString(b)
}

const smsColumns = `id, recipient, body, kind, request_id, dedupe_key, created_at, not_before,
	attempts, status, sent_at, provider, provider_ref, last_error`

// smsList runs a query selecting smsColumns and decrypts each row.
func (q conn) smsList(ctx context.Context, query string, args ...any) ([]OutSMS, error) {
	rows, err := q.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fail("sms", err, "")
	}
	defer rows.Close()
	var out []OutSMS
	for rows.Next() {
		var (
			m        OutSMS
			to, text string
			req      sql.NullInt64
			dedupe   sql.NullString
			sent     sql.NullTime
		)
		if err := rows.Scan(&m.ID, &to, &text, &m.Kind, &req, &dedupe, &m.CreatedAt, &m.NotBefore,
			&m.Attempts, &m.Status, &sent, &m.Provider, &m.ProviderRef, &m.LastError); err != nil {
			return nil, fail("sms", err, "")
		}
		m.RequestID, m.DedupeKey, m.SentAt = req.Int64, dedupe.String, fromNull(sent)
		m.CreatedAt, m.NotBefore = m.CreatedAt.UTC(), m.NotBefore.UTC()
		p, err := q.unseal(to, smsToAD(m.ID))
		if err != nil {
			return nil, err
		}
		m.To = string(p)
		if p, err = q.unseal(text, smsTextAD(m.ID)); err != nil {
			return nil, err
		}
		m.Text = string(p)
		out = append(out, m)
	}
	return out, fail("sms", rows.Err(), "")
}

// DueSMS returns up to limit pending messages due at now: one-time codes
// first, then oldest first.
func (s *Store) DueSMS(ctx context.Context, now time.Time, limit int) ([]OutSMS, error) {
	return s.r().smsList(ctx,
		`SELECT `+smsColumns+` FROM sms_outbox
		 WHERE status = $1 AND not_before <= $2
		 ORDER BY CASE WHEN kind = 'otp' THEN 0 ELSE 1 END, created_at, id
		 LIMIT $3`, SMSPending, ts(now), limit)
}

// MarkSMSSent records that the provider accepted message id.
func (s *Store) MarkSMSSent(ctx context.Context, id, provider, ref string, at time.Time) error {
	res, err := s.write.ExecContext(ctx,
		`UPDATE sms_outbox SET status = $1, provider = $2, provider_ref = $3, sent_at = $4,
		   attempts = attempts + 1, last_error = ''
		 WHERE id = $5`, SMSSent, provider, ref, ts(at), id)
	if err != nil {
		return fail("mark sms sent", err, "")
	}
	return affected(res, "mark sms sent", msgNoSMS)
}

// MarkSMSRetry records a failed attempt: the message is tried again at next,
// or given up for good when failed is true.
func (s *Store) MarkSMSRetry(ctx context.Context, id, lastErr string, next time.Time, failed bool) error {
	status := SMSPending
	if failed {
		status = SMSFailed
	}
	res, err := s.write.ExecContext(ctx,
		`UPDATE sms_outbox SET status = $1, last_error = $2, not_before = $3, attempts = attempts + 1
		 WHERE id = $4`, status, lastErr, ts(next), id)
	if err != nil {
		return fail("mark sms retry", err, "")
	}
	return affected(res, "mark sms retry", msgNoSMS)
}

// RecentSMS returns the newest limit messages, decrypted (the demo inbox).
func (s *Store) RecentSMS(ctx context.Context, limit int) ([]OutSMS, error) {
	return s.r().smsList(ctx,
		`SELECT `+smsColumns+` FROM sms_outbox ORDER BY created_at DESC, id DESC LIMIT $1`, limit)
}

// RequestSMS returns the messages about a request, oldest first.
func (s *Store) RequestSMS(ctx context.Context, requestID int64) ([]OutSMS, error) {
	return s.r().smsList(ctx,
		`SELECT `+smsColumns+` FROM sms_outbox WHERE request_id = $1 ORDER BY created_at, id`,
		requestID)
}
