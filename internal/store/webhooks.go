package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"time"

	"mizban/internal/audit"
	"mizban/internal/desk"
)

// Webhook delivery statuses.
const (
	WebhookPending   = "pending"   // waiting for its first try or a retry
	WebhookDelivered = "delivered" // the endpoint answered 2xx
	WebhookFailed    = "failed"    // given up; an administrator may redeliver it
)

const (
	msgNoWebhookEndpoint = "این نشانی وب‌هوک پیدا نشد؛ صفحه را تازه کنید."
	msgNoWebhookDelivery = "این ارسال وب‌هوک پیدا نشد؛ صفحه را تازه کنید."
)

// WebhookSecret is one signing secret in its text form ("whsec_…"). Expires
// is zero for the current secret; a replaced one signs until it.
type WebhookSecret struct {
	Text    string    `json:"s"`
	Expires time.Time `json:"e,omitzero"`
}

// WebhookEndpoint is a receiver of events. Secrets are sealed in the
// database; Events are the subscribed types.
type WebhookEndpoint struct {
	ID           int64
	URL          string
	Events       []string
	Secrets      []WebhookSecret
	Active       bool
	AllowPrivate bool      // the host may be on the agency's network
	FailingSince time.Time // first failure since the last success; zero: none
	DisabledAt   time.Time
	CreatedAt    time.Time
}

// Subscribed reports whether e takes events of type t.
func (e WebhookEndpoint) Subscribed(t string) bool { return slices.Contains(e.Events, t) }

// WebhookDelivery is one event for one endpoint. ID is the event's
// webhook-id, the same for every endpoint and retry; Seq is the row's own
// key, in the order deliveries were made.
type WebhookDelivery struct {
	Seq          int64
	ID           string
	EndpointID   int64
	RequestID    int64
	EventType    string
	Body         []byte
	CreatedAt    time.Time
	Attempts     int
	NextAt       time.Time
	Status       string
	LastCode     int
	LastError    string
	ClaimedBy    string
	ClaimedUntil time.Time
}

// WebhookAttempt is what one try of a delivery got back.
type WebhookAttempt struct {
	Attempt int
	At      time.Time
	Code    int // HTTP status; 0 when there was no answer
	Error   string
}

func webhookSecretsAD(id int64) string { return "webhook:" + strconv.FormatInt(id, 10) + ":secrets" }

// AddWebhookEndpoint stores e (ID and CreatedAt are filled in).
func (tx *Tx) AddWebhookEndpoint(ctx context.Context, e *WebhookEndpoint) error {
	if e.CreatedAt.IsZero() {
		e.CreatedAt = time.Now()
	}
	e.CreatedAt = ts(e.CreatedAt)
	err := tx.tx.QueryRowContext(ctx,
		`INSERT INTO webhook_endpoints (url, events, secrets, active, allow_private, created_at)
		 VALUES ($1, $2, '', $3, $4, $5) RETURNING id`,
		e.URL, strings.Join(e.Events, " "), e.Active, e.AllowPrivate, e.CreatedAt).Scan(&e.ID)
	if err != nil {
		return fail("add webhook endpoint", err, "")
	}
	return tx.setWebhookSecrets(ctx, e.ID, e.Secrets)
}

func (tx *Tx) setWebhookSecrets(ctx context.Context, id int64, secrets []WebhookSecret) error {
	for i := range secrets {
		if !secrets[i].Expires.IsZero() {
			secrets[i].Expires = ts(secrets[i].Expires)
		}
	}
	plain, err := json.Marshal(secrets)
	if err != nil {
		return err
	}
	sealed, err := tx.q.seal(plain, webhookSecretsAD(id))
	if err != nil {
		return err
	}
	res, err := tx.tx.ExecContext(ctx, `UPDATE webhook_endpoints SET secrets = $1 WHERE id = $2`, sealed, id)
	if err != nil {
		return fail("webhook secrets", err, "")
	}
	return affected(res, "webhook secrets", msgNoWebhookEndpoint)
}

const webhookEndpointColumns = `id, url, events, secrets, active, allow_private, failing_since, disabled_at, created_at`

func (q conn) webhookEndpoints(ctx context.Context, query string, args ...any) ([]WebhookEndpoint, error) {
	rows, err := q.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fail("webhook endpoints", err, "")
	}
	defer rows.Close()
	var out []WebhookEndpoint
	for rows.Next() {
		var (
			e                WebhookEndpoint
			events, secrets  string
			failing, disable sql.NullTime
		)
		if err := rows.Scan(&e.ID, &e.URL, &events, &secrets, &e.Active, &e.AllowPrivate,
			&failing, &disable, &e.CreatedAt); err != nil {
			return nil, fail("webhook endpoints", err, "")
		}
		e.Events = strings.Fields(events)
		e.FailingSince, e.DisabledAt, e.CreatedAt = fromNull(failing), fromNull(disable), e.CreatedAt.UTC()
		if secrets != "" {
			p, err := q.unseal(secrets, webhookSecretsAD(e.ID))
			if err != nil {
				return nil, err
			}
			if err := json.Unmarshal(p, &e.Secrets); err != nil {
				return nil, fail("webhook endpoints", err, "")
			}
		}
		out = append(out, e)
	}
	return out, fail("webhook endpoints", rows.Err(), "")
}

// WebhookEndpoints lists every endpoint, oldest first.
func (s *Store) WebhookEndpoints(ctx context.Context) ([]WebhookEndpoint, error) {
	return s.r().webhookEndpoints(ctx, `SELECT `+webhookEndpointColumns+` FROM webhook_endpoints ORDER BY id`)
}

// WebhookEndpoint returns endpoint id, or ENOTFOUND.
func (s *Store) WebhookEndpoint(ctx context.Context, id int64) (WebhookEndpoint, error) {
	return oneEndpoint(s.r().webhookEndpoints(ctx, `SELECT `+webhookEndpointColumns+` FROM webhook_endpoints WHERE id = $1`, id))
}

func oneEndpoint(list []WebhookEndpoint, err error) (WebhookEndpoint, error) {
	if err != nil {
		return WebhookEndpoint{}, err
	}
	if len(list) == 0 {
		return WebhookEndpoint{}, notFound(msgNoWebhookEndpoint)
	}
	return list[0], nil
}

// RotateWebhookSecret makes secret the endpoint's current one: the secret
// current until now signs on until now+overlap, secrets whose overlap has
// ended are dropped.
func (tx *Tx) RotateWebhookSecret(ctx context.Context, id int64, secret string, now time.Time, overlap time.Duration) error {
	e, err := oneEndpoint(tx.q.webhookEndpoints(ctx, `SELECT `+webhookEndpointColumns+` FROM webhook_endpoints WHERE id = $1`, id))
	if err != nil {
		return err
	}
	var keep []WebhookSecret
	for _, s := range e.Secrets {
		if s.Expires.IsZero() {
			s.Expires = now.Add(overlap)
		}
		if s.Expires.After(now) {
			keep = append(keep, s)
		}
	}
	return tx.setWebhookSecrets(ctx, id, append(keep, WebhookSecret{Text: secret}))
}

// SetWebhookEndpointActive switches endpoint id on or off at at, clearing
// its failure record either way: only an endpoint DisableFailingWebhook
// switched off keeps one, which the admin page shows as a warning.
func (tx *Tx) SetWebhookEndpointActive(ctx context.Context, id int64, active bool, at time.Time) error {
	query := `UPDATE webhook_endpoints SET active = $1, disabled_at = $2, failing_since = NULL WHERE id = $3`
	args := []any{false, ts(at), id}
	if active {
		query = `UPDATE webhook_endpoints SET active = $1, disabled_at = NULL, failing_since = NULL WHERE id = $2`
		args = []any{true, id}
	}
	res, err := tx.tx.ExecContext(ctx, query, args...)
	if err != nil {
		return fail("webhook endpoint active", err, "")
	}
	return affected(res, "webhook endpoint active", msgNoWebhookEndpoint)
}

// EnqueueWebhook adds, in the caller's transaction (that of the event),
// one delivery of event id to every active endpoint subscribed to
// eventType. requestID 0 is none. It returns how many it added; an id
// already queued for an endpoint is not queued again.
func (tx *Tx) EnqueueWebhook(ctx context.Context, id, eventType string, requestID int64, body []byte, at time.Time) (int, error) {
	// The endpoints are read first and each row inserted with VALUES: an
	// INSERT … SELECT of parameters leaves their types to guess on
	// PostgreSQL.
	rows, err := tx.tx.QueryContext(ctx,
		`SELECT id FROM webhook_endpoints WHERE active AND ' ' || events || ' ' LIKE $1 ORDER BY id`,
		"% "+eventType+" %")
	if err != nil {
		return 0, fail("enqueue webhook", err, "")
	}
	var ids []int64
	for rows.Next() {
		var e int64
		if err := rows.Scan(&e); err != nil {
			rows.Close()
			return 0, fail("enqueue webhook", err, "")
		}
		ids = append(ids, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, fail("enqueue webhook", err, "")
	}
	n := 0
	for _, e := range ids {
		res, err := tx.tx.ExecContext(ctx,
			`INSERT INTO webhook_deliveries (id, endpoint_id, request_id, event_type, body, created_at,
			   attempts, next_at, status, last_code, last_error, claimed_by)
			 VALUES ($1, $2, $3, $4, $5, $6, 0, $6, 'pending', 0, '', '')
			 ON CONFLICT (id, endpoint_id) DO NOTHING`,
			id, e, nullInt(requestID), eventType, string(body), ts(at))
		if err != nil {
			return n, fail("enqueue webhook", err, "")
		}
		if k, err := res.RowsAffected(); err == nil {
			n += int(k)
		}
	}
	return n, nil
}

const webhookDeliveryColumns = `seq, id, endpoint_id, request_id, event_type, body, created_at, attempts,
	next_at, status, last_code, last_error, claimed_by, claimed_until`

func (q conn) webhookDeliveries(ctx context.Context, query string, args ...any) ([]WebhookDelivery, error) {
	rows, err := q.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fail("webhook deliveries", err, "")
	}
	defer rows.Close()
	var out []WebhookDelivery
	for rows.Next() {
		var (
			d       WebhookDelivery
			req     sql.NullInt64
			body    string
			claimed sql.NullTime
		)
		if err := rows.Scan(&d.Seq, &d.ID, &d.EndpointID, &req, &d.EventType, &body, &d.CreatedAt,
			&d.Attempts, &d.NextAt, &d.Status, &d.LastCode, &d.LastError, &d.ClaimedBy, &claimed); err != nil {
			return nil, fail("webhook deliveries", err, "")
		}
		d.RequestID, d.Body, d.ClaimedUntil = req.Int64, []byte(body), fromNull(claimed)
		d.CreatedAt, d.NextAt = d.CreatedAt.UTC(), d.NextAt.UTC()
		out = append(out, d)
	}
	return out, fail("webhook deliveries", rows.Err(), "")
}

// webhookDue selects pending deliveries due at $3, not leased, to an
// active endpoint, with no older pending delivery of the same request to
// the same endpoint (leased or backing off): a receiver gets one
// request's events in order, whichever instance sends them.
const webhookDue = `d.status = 'pending' AND d.next_at <= $3
	AND (d.claimed_until IS NULL OR d.claimed_until <= $3)
	AND EXISTS (SELECT 1 FROM webhook_endpoints e WHERE e.id = d.endpoint_id AND e.active)
	AND (d.request_id IS NULL OR NOT EXISTS (
	  SELECT 1 FROM webhook_deliveries o WHERE o.endpoint_id = d.endpoint_id
	    AND o.request_id = d.request_id AND o.status = 'pending' AND o.seq < d.seq))`

// ClaimWebhooks leases up to limit due deliveries to owner until until and
// returns them in the order they were made. On PostgreSQL, FOR UPDATE SKIP
// LOCKED keeps two instances from taking the same row.
func (s *Store) ClaimWebhooks(ctx context.Context, owner string, now, until time.Time, limit int) ([]WebhookDelivery, error) {
	lock := ""
	if s.dialect == Postgres {
		lock = "FOR UPDATE OF d SKIP LOCKED"
	}
	query := `UPDATE webhook_deliveries SET claimed_by = $1, claimed_until = $2
	 WHERE seq IN (SELECT d.seq FROM webhook_deliveries d WHERE ` + webhookDue + `
	   ORDER BY d.seq LIMIT $4 ` + lock + `)
	 RETURNING ` + webhookDeliveryColumns
	var out []WebhookDelivery
	err := s.InTx(ctx, func(tx *Tx) error {
		var err error
		out, err = tx.q.webhookDeliveries(ctx, query, owner, ts(until), ts(now), limit)
		return err
	})
	slices.SortFunc(out, func(a, b WebhookDelivery) int { return int(a.Seq - b.Seq) })
	return out, err
}

// ReleaseWebhook ends owner's lease on delivery seq without counting an
// attempt.
func (s *Store) ReleaseWebhook(ctx context.Context, owner string, seq int64) error {
	_, err := s.write.ExecContext(ctx,
		`UPDATE webhook_deliveries SET claimed_by = '', claimed_until = NULL WHERE seq = $1 AND claimed_by = $2`,
		seq, owner)
	return fail("release webhook", err, "")
}

// ReleaseWebhookLeases hands back every lease at start on SQLite, where
// this process is the only sender.
func (s *Store) ReleaseWebhookLeases(ctx context.Context) error {
	if s.dialect != SQLite {
		return nil
	}
	_, err := s.write.ExecContext(ctx,
		`UPDATE webhook_deliveries SET claimed_by = '', claimed_until = NULL WHERE claimed_until IS NOT NULL`)
	return fail("release webhook leases", err, "")
}

// WebhookOutcome is the result of one try of a delivery.
type WebhookOutcome struct {
	At     time.Time
	Code   int    // HTTP status; 0: no answer
	Error  string // "" when delivered
	OK     bool   // delivered (2xx)
	Next   time.Time
	GiveUp bool // the last attempt failed: park the delivery
}

// RecordWebhookAttempt records the try of d that owner made and ends its
// lease: delivered, retried at o.Next, or given up. The endpoint's failure
// record is cleared on success and started on a first failure; its start
// is returned (zero after a success). A delivery no longer leased to owner
// is ENOTFOUND.
func (s *Store) RecordWebhookAttempt(ctx context.Context, owner string, d WebhookDelivery, o WebhookOutcome) (time.Time, error) {
	var since time.Time
	err := s.InTx(ctx, func(tx *Tx) error {
		status, next := WebhookPending, o.Next
		switch {
		case o.OK:
			status, next = WebhookDelivered, o.At
		case o.GiveUp:
			status, next = WebhookFailed, o.At
		}
		res, err := tx.tx.ExecContext(ctx,
			`UPDATE webhook_deliveries SET status = $1, attempts = attempts + 1, next_at = $2,
			   last_code = $3, last_error = $4, claimed_by = '', claimed_until = NULL
			 WHERE seq = $5 AND claimed_by = $6 AND status = 'pending'`,
			status, ts(next), o.Code, o.Error, d.Seq, owner)
		if err != nil {
			return fail("record webhook attempt", err, "")
		}
		if err := affected(res, "record webhook attempt", msgNoWebhookDelivery); err != nil {
			return err
		}
		if _, err := tx.tx.ExecContext(ctx,
			`INSERT INTO webhook_attempts (delivery_id, endpoint_id, attempt, at, code, error)
			 VALUES ($1, $2, $3, $4, $5, $6)`,
			d.ID, d.EndpointID, d.Attempts+1, ts(o.At), o.Code, o.Error); err != nil {
			return fail("record webhook attempt", err, "")
		}
		if o.OK {
			_, err = tx.tx.ExecContext(ctx, `UPDATE webhook_endpoints SET failing_since = NULL WHERE id = $1`, d.EndpointID)
			return fail("record webhook attempt", err, "")
		}
		var f sql.NullTime
		err = tx.tx.QueryRowContext(ctx,
			`UPDATE webhook_endpoints SET failing_since = COALESCE(failing_since, $1) WHERE id = $2
			 RETURNING failing_since`, ts(o.At), d.EndpointID).Scan(&f)
		since = fromNull(f)
		return fail("record webhook attempt", err, msgNoWebhookEndpoint)
	})
	return since, err
}

// DisableFailingWebhook switches endpoint id off at at with the audit
// record rec, in one transaction. It returns false when the endpoint was
// already off (another instance disabled it).
func (s *Store) DisableFailingWebhook(ctx context.Context, id int64, at time.Time, rec *audit.Record) (bool, error) {
	var done bool
	err := s.InTx(ctx, func(tx *Tx) error {
		res, err := tx.tx.ExecContext(ctx,
			`UPDATE webhook_endpoints SET active = $1, disabled_at = $2 WHERE id = $3 AND active`, false, ts(at), id)
		if err != nil {
			return fail("disable webhook endpoint", err, "")
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return fail("disable webhook endpoint", err, "")
		}
		done = true
		return tx.AppendAudit(ctx, rec)
	})
	return done, err
}

// WebhookDeliveries returns the newest limit deliveries to endpoint id.
func (s *Store) WebhookDeliveries(ctx context.Context, endpointID int64, limit int) ([]WebhookDelivery, error) {
	return s.r().webhookDeliveries(ctx, `SELECT `+webhookDeliveryColumns+` FROM webhook_deliveries
		WHERE endpoint_id = $1 ORDER BY seq DESC LIMIT $2`, endpointID, limit)
}

// WebhookAttempts returns the tries of delivery seq, first first.
func (s *Store) WebhookAttempts(ctx context.Context, seq int64) ([]WebhookAttempt, error) {
	rows, err := s.read.QueryContext(ctx,
		`SELECT a.attempt, a.at, a.code, a.error FROM webhook_attempts a
		 JOIN webhook_deliveries d ON d.id = a.delivery_id AND d.endpoint_id = a.endpoint_id
		 WHERE d.seq = $1 ORDER BY a.id`, seq)
	if err != nil {
		return nil, fail("webhook attempts", err, "")
	}
	defer rows.Close()
	var out []WebhookAttempt
	for rows.Next() {
		var a WebhookAttempt
		if err := rows.Scan(&a.Attempt, &a.At, &a.Code, &a.Error); err != nil {
			return nil, fail("webhook attempts", err, "")
		}
		a.At = a.At.UTC()
		out = append(out, a)
	}
	return out, fail("webhook attempts", rows.Err(), "")
}

const msgNotRedeliverable = "این ارسال هنوز در صف است یا در حال ارسال است؛ صفحه را تازه کنید."

// RedeliverWebhook queues delivery seq again at now with a fresh round of
// attempts and the same webhook-id, so a receiver that did get it drops
// the repeat. A delivery still pending is ECONFLICT. It returns the
// delivery as it was, for the audit record.
func (tx *Tx) RedeliverWebhook(ctx context.Context, seq int64, now time.Time) (WebhookDelivery, error) {
	list, err := tx.q.webhookDeliveries(ctx, `SELECT `+webhookDeliveryColumns+` FROM webhook_deliveries WHERE seq = $1`, seq)
	if err != nil {
		return WebhookDelivery{}, err
	}
	if len(list) == 0 {
		return WebhookDelivery{}, notFound(msgNoWebhookDelivery)
	}
	d := list[0]
	if d.Status == WebhookPending {
		return d, &desk.Error{Code: desk.ECONFLICT, Message: msgNotRedeliverable}
	}
	_, err = tx.tx.ExecContext(ctx,
		`UPDATE webhook_deliveries SET status = 'pending', attempts = 0, next_at = $1,
		   claimed_by = '', claimed_until = NULL WHERE seq = $2 AND status <> 'pending'`, ts(now), seq)
	return d, fail("redeliver webhook", err, "")
}
