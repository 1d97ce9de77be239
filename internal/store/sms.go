package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"slices"
	"strings"
	"time"

	"mizban/internal/desk"
)

// SMS statuses: where a message is in the outbox. Its delivery state (what
// the gateway reports) is OutSMS.State.
const (
	SMSPending = "pending" // waiting to be sent, or between retries
	SMSSent    = "sent"    // a gateway accepted it
	SMSFailed  = "failed"  // parked: an administrator may resend it
	SMSExpired = "expired" // a one-time code that could not go out while still valid
)

// Delivery states, as sms.State names them (kept as text here so the store
// does not depend on the gateway package).
const (
	StateQueued      = "queued"
	StateSent        = "sent"
	StateDelivered   = "delivered"
	StateUndelivered = "undelivered"
	StateFailed      = "failed"
	StateExpired     = "expired"
)

// OutSMS is one message in the outbox. It is enqueued in the same
// transaction as the change it reports; a dispatcher sends it later.
type OutSMS struct {
	ID          string // our message id, given to the provider to drop repeats
	To, Text    string // sealed in the database
	Kind        string // one-time codes ("otp", "otp_counter") go first
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

	State     string    // normalised delivery state
	StateAt   time.Time // when State last changed
	NextCheck time.Time // when to ask the gateway for the state again; zero: never
	Checks    int       // status look-ups made

	ClaimedBy    string    // instance holding the lease, "" when none
	ClaimedUntil time.Time // the lease's end
}

// Urgent reports whether kind is a one-time code: first in line, never
// held for quiet hours, useless once expired.
func Urgent(kind string) bool { return kind == "otp" || strings.HasPrefix(kind, "otp_") }

// Priorities: the order messages are claimed in. During quiet hours only
// those up to PriorityReply go.
const (
	PriorityCode   = 0 // one-time codes
	PriorityReply  = 1 // the confirmation of what the citizen just did: they are awake for it
	PriorityNotice = 2 // stage notices, which may wait for the morning
)

// SMSPriority is the priority of a message of kind.
func SMSPriority(kind string) int {
	switch {
	case Urgent(kind):
		return PriorityCode
	case kind == "registered":
		return PriorityReply
	}
	return PriorityNotice
}

func smsToAD(id string) string   { return "sms:" + id + ":to" }
func smsTextAD(id string) string { return "sms:" + id + ":text" }

// EnqueueSMS adds m to the outbox. Missing ID, CreatedAt, NotBefore and
// Status are filled in (random id, now, CreatedAt, pending). A DedupeKey
// already enqueued makes this a no-op that returns false. The row keeps
// the blind index of m.To (recipient_key) so a citizen's notices are
// claimed in order across all their requests (smsDue).
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
	if m.State == "" {
		m.State = StateQueued
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
		   not_before, attempts, status, sent_at, provider, provider_ref, last_error, priority, state, state_at,
		   recipient_key)
		 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
		 ON CONFLICT (dedupe_key) DO NOTHING
		 RETURNING id`,
		m.ID, to, text, m.Kind, nullInt(m.RequestID), nullString(m.DedupeKey), m.CreatedAt,
		m.NotBefore, m.Attempts, m.Status, nullTime(m.SentAt), m.Provider, m.ProviderRef, m.LastError,
		SMSPriority(m.Kind), m.State, m.CreatedAt, tx.q.index(m.To))
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
	attempts, status, sent_at, provider, provider_ref, last_error,
	state, state_at, next_check, checks, claimed_by, claimed_until`

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
			m                            OutSMS
			to, text                     string
			req                          sql.NullInt64
			dedupe                       sql.NullString
			sent, stateAt, next, claimed sql.NullTime
		)
		if err := rows.Scan(&m.ID, &to, &text, &m.Kind, &req, &dedupe, &m.CreatedAt, &m.NotBefore,
			&m.Attempts, &m.Status, &sent, &m.Provider, &m.ProviderRef, &m.LastError,
			&m.State, &stateAt, &next, &m.Checks, &m.ClaimedBy, &claimed); err != nil {
			return nil, fail("sms", err, "")
		}
		m.RequestID, m.DedupeKey, m.SentAt = req.Int64, dedupe.String, fromNull(sent)
		m.StateAt, m.NextCheck, m.ClaimedUntil = fromNull(stateAt), fromNull(next), fromNull(claimed)
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

// smsDue selects pending messages due at $3 whose lease (if any) has run
// out, with priority at most $4. A notice waits while an older notice to
// the same citizen (recipient_key) is still pending, backing off or
// leased, so a citizen gets their notices in order across all their
// requests even when several instances send. Only older notices this
// claim could take count (priority ≤ $4): one held for quiet hours never
// holds back the confirmation of a request the citizen has just made.
// One-time codes (priority 0, PriorityCode) never wait and never hold
// anything back. Rows queued
// before migration 00008 have recipient_key 'request:<id>', so they keep
// the per-request order they were queued under.
const smsDue = `s.status = 'pending' AND s.not_before <= $3 AND s.priority <= $4
	AND (s.claimed_until IS NULL OR s.claimed_until <= $3)
	AND (s.priority = 0 OR s.recipient_key = '' OR NOT EXISTS (
	  SELECT 1 FROM sms_outbox o WHERE o.recipient_key = s.recipient_key AND o.status = 'pending'
	    AND o.priority > 0 AND o.priority <= $4
	    AND (o.created_at < s.created_at OR (o.created_at = s.created_at AND o.id < s.id))))`

// smsClaimSQL is the portable claim: one UPDATE choosing its rows in a
// subquery. On SQLite it is safe as it stands (one writer at a time); on
// PostgreSQL the subquery also needs FOR UPDATE SKIP LOCKED (pgClaimSMS).
func smsClaimSQL(where, lock string) string {
	return `UPDATE sms_outbox SET claimed_by = $1, claimed_until = $2
	 WHERE id IN (SELECT s.id FROM sms_outbox s WHERE ` + where + `
	   ORDER BY s.priority, s.created_at, s.id LIMIT $5 ` + lock + `)
	 RETURNING ` + smsColumns
}

// ClaimSMS leases up to limit due messages to instance owner until until
// and returns them, one-time codes first, then oldest first. Only
// messages with priority ≤ maxPriority are taken (PriorityReply during
// quiet hours). Messages leased by another instance are
// skipped until the lease runs out; Mark* and ReleaseSMS end a lease.
func (s *Store) ClaimSMS(ctx context.Context, owner string, now, until time.Time, maxPriority, limit int) ([]OutSMS, error) {
	return s.claim(ctx, smsDue, owner, now, until, maxPriority, limit)
}

// smsChecksDue selects sent messages whose delivery state is due to be
// asked again ($4 is unused but keeps the placeholders in step).
const smsChecksDue = `s.status = 'sent' AND s.next_check IS NOT NULL AND s.next_check <= $3
	AND (s.claimed_until IS NULL OR s.claimed_until <= $3) AND $4 >= 0`

// ClaimSMSChecks leases up to limit sent messages whose delivery state is
// due to be asked again.
func (s *Store) ClaimSMSChecks(ctx context.Context, owner string, now, until time.Time, limit int) ([]OutSMS, error) {
	return s.claim(ctx, smsChecksDue, owner, now, until, 0, limit)
}

func (s *Store) claim(ctx context.Context, where, owner string, now, until time.Time, maxPriority, limit int) ([]OutSMS, error) {
	query := smsClaimSQL(where, "")
	if s.dialect == Postgres {
		query = pgClaimSMS(where)
	}
	var out []OutSMS
	err := s.InTx(ctx, func(tx *Tx) error {
		var err error
		out, err = tx.q.smsList(ctx, query, owner, ts(until), ts(now), maxPriority, limit)
		return err
	})
	if err != nil {
		return nil, err
	}
	// RETURNING keeps no order.
	slices.SortFunc(out, func(a, b OutSMS) int {
		if pa, pb := SMSPriority(a.Kind), SMSPriority(b.Kind); pa != pb {
			return pa - pb
		}
		if c := a.CreatedAt.Compare(b.CreatedAt); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out, nil
}

// ReleaseSMS ends owner's lease on ids without recording an attempt (the
// instance took more than it could send in time).
func (s *Store) ReleaseSMS(ctx context.Context, owner string, ids ...string) error {
	for _, id := range ids {
		if _, err := s.write.ExecContext(ctx,
			`UPDATE sms_outbox SET claimed_by = '', claimed_until = NULL WHERE id = $1 AND claimed_by = $2`,
			id, owner); err != nil {
			return fail("release sms", err, "")
		}
	}
	return nil
}

// DeferSMS holds pending notices (priority above PriorityReply) until
// until, for quiet hours: those due before then get not_before = until.
// It returns how many it moved.
func (s *Store) DeferSMS(ctx context.Context, until time.Time) (int, error) {
	res, err := s.write.ExecContext(ctx,
		`UPDATE sms_outbox SET not_before = $1 WHERE status = 'pending' AND priority > $2 AND not_before < $1`,
		ts(until), PriorityReply)
	if err != nil {
		return 0, fail("defer sms", err, "")
	}
	n, err := res.RowsAffected()
	return int(n), fail("defer sms", err, "")
}

// DueSMS returns up to limit pending messages due at now, leased or not:
// one-time codes first, then oldest first.
func (s *Store) DueSMS(ctx context.Context, now time.Time, limit int) ([]OutSMS, error) {
	return s.r().smsList(ctx,
		`SELECT `+smsColumns+` FROM sms_outbox
		 WHERE status = $1 AND not_before <= $2
		 ORDER BY priority, created_at, id
		 LIMIT $3`, SMSPending, ts(now), limit)
}

// MarkSMSSent records that the provider accepted message id, ends its
// lease, and schedules the first delivery-status look-up at check (zero:
// none; the state stays "sent").
func (s *Store) MarkSMSSent(ctx context.Context, id, provider, ref string, at, check time.Time) error {
	res, err := s.write.ExecContext(ctx,
		`UPDATE sms_outbox SET status = $1, provider = $2, provider_ref = $3, sent_at = $4,
		   attempts = attempts + 1, last_error = '', state = $5, state_at = $4, next_check = $6,
		   claimed_by = '', claimed_until = NULL
		 WHERE id = $7`, SMSSent, provider, ref, ts(at), StateSent, nullTime(check), id)
	if err != nil {
		return fail("mark sms sent", err, "")
	}
	return affected(res, "mark sms sent", msgNoSMS)
}

// MarkSMSRetry records a failed attempt at at: the message is tried again at
// next, or parked for good when failed is true. A message no longer
// pending (another instance sent it meanwhile) is left alone: ENOTFOUND.
func (s *Store) MarkSMSRetry(ctx context.Context, id, lastErr string, at, next time.Time, failed bool) error {
	status, state := SMSPending, StateQueued
	if failed {
		status, state = SMSFailed, StateFailed
	}
	res, err := s.write.ExecContext(ctx,
		`UPDATE sms_outbox SET status = $1, last_error = $2, not_before = $3, attempts = attempts + 1,
		   state = $4, state_at = CASE WHEN state = $4 THEN state_at ELSE $5 END,
		   claimed_by = '', claimed_until = NULL
		 WHERE id = $6 AND status = 'pending'`, status, lastErr, ts(next), state, ts(at), id)
	if err != nil {
		return fail("mark sms retry", err, "")
	}
	return affected(res, "mark sms retry", msgNoSMS)
}

// ExpireSMS gives up on a pending one-time code that is too old to be of
// use, without trying it.
func (s *Store) ExpireSMS(ctx context.Context, id, reason string, at time.Time) error {
	res, err := s.write.ExecContext(ctx,
		`UPDATE sms_outbox SET status = $1, state = $2, state_at = $3, last_error = $4,
		   claimed_by = '', claimed_until = NULL
		 WHERE id = $5 AND status = 'pending'`, SMSExpired, StateExpired, ts(at), reason, id)
	if err != nil {
		return fail("expire sms", err, "")
	}
	return affected(res, "expire sms", msgNoSMS)
}

// RecordSMSState records a delivery-status look-up at at: the state (its
// time changes only when it does), and the next look-up (zero: none).
func (s *Store) RecordSMSState(ctx context.Context, id, state string, at, next time.Time) error {
	res, err := s.write.ExecContext(ctx,
		`UPDATE sms_outbox SET state = $1, state_at = CASE WHEN state = $1 THEN state_at ELSE $2 END,
		   next_check = $3, checks = checks + 1, claimed_by = '', claimed_until = NULL
		 WHERE id = $4 AND status = 'sent'`, state, ts(at), nullTime(next), id)
	if err != nil {
		return fail("record sms state", err, "")
	}
	return affected(res, "record sms state", msgNoSMS)
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

// ParkedSMS returns up to limit parked (failed) messages, most recently
// parked first, for the administrators' page.
func (s *Store) ParkedSMS(ctx context.Context, limit int) ([]OutSMS, error) {
	return s.r().smsList(ctx,
		`SELECT `+smsColumns+` FROM sms_outbox WHERE status = $1
		 ORDER BY COALESCE(state_at, created_at) DESC, id DESC LIMIT $2`, SMSFailed, limit)
}

const msgNotParked = "این پیامک در فهرست پیامک‌های ناموفق نیست؛ شاید پیش‌تر دوباره در صف گذاشته شده است. صفحه را تازه کنید."

// RequeueSMS puts parked message id back in the queue at now with a fresh
// round of attempts and the same message id (the gateway never accepted
// it, so nothing can repeat). It returns the message as it was, for the
// audit record; a message not parked is ECONFLICT.
func (tx *Tx) RequeueSMS(ctx context.Context, id string, now time.Time) (OutSMS, error) {
	list, err := tx.q.smsList(ctx, `SELECT `+smsColumns+` FROM sms_outbox WHERE id = $1`, id)
	if err != nil {
		return OutSMS{}, err
	}
	if len(list) == 0 {
		return OutSMS{}, notFound(msgNoSMS)
	}
	m := list[0]
	if m.Status != SMSFailed {
		return m, &desk.Error{Code: desk.ECONFLICT, Message: msgNotParked}
	}
	_, err = tx.tx.ExecContext(ctx,
		`UPDATE sms_outbox SET status = $1, state = $2, state_at = $3, not_before = $3, attempts = 0,
		   claimed_by = '', claimed_until = NULL
		 WHERE id = $4 AND status = $5`, SMSPending, StateQueued, ts(now), id, SMSFailed)
	return m, fail("requeue sms", err, "")
}

// ReleaseSMSLeases hands back every claimed message at once. Only for
// SQLite, where one process is the only sender: after a crash its own
// leases would otherwise hold codes back until they ran out.
func (s *Store) ReleaseSMSLeases(ctx context.Context) (int64, error) {
	if s.dialect != SQLite {
		return 0, nil
	}
	res, err := s.write.ExecContext(ctx,
		`UPDATE sms_outbox SET claimed_by = '', claimed_until = NULL WHERE claimed_until IS NOT NULL`)
	if err != nil {
		return 0, fail("release sms leases", err, "")
	}
	return res.RowsAffected()
}
