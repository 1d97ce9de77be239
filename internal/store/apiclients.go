package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"

	"mizban/internal/desk"
)

// APIClient is an integration client: an automation product or another
// portal calling the integration API with a bearer token.
type APIClient struct {
	ID          int64
	Name        string
	TokenPrefix string // the first characters of the token, to tell tokens apart
	TokenHash   string // keyed hash of the token; the token itself is never stored
	Scopes      []string
	Units       []string // unit codes the client is limited to; none: every unit
	StaffID     int64    // the staff row the client acts as
	CreatedAt   time.Time
	CreatedBy   string
	RevokedAt   time.Time // zero while in force
	LastUsedAt  time.Time
}

const msgNoAPIClient = "کلاینت API با این مشخصات پیدا نشد."

const apiClientColumns = `id, name, token_prefix, token_hash, scopes, units, staff_id, created_at,
	created_by, revoked_at, last_used_at`

func scanAPIClient(sc scanner) (APIClient, error) {
	var (
		c                 APIClient
		scopes, units     string
		revoked, lastUsed sql.NullTime
	)
	err := sc.Scan(&c.ID, &c.Name, &c.TokenPrefix, &c.TokenHash, &scopes, &units, &c.StaffID,
		&c.CreatedAt, &c.CreatedBy, &revoked, &lastUsed)
	c.Scopes, c.Units = strings.Fields(scopes), strings.Fields(units)
	c.CreatedAt, c.RevokedAt, c.LastUsedAt = c.CreatedAt.UTC(), fromNull(revoked), fromNull(lastUsed)
	return c, err
}

// AddAPIClient stores c (with its staff row already made) and sets c.ID.
func (tx *Tx) AddAPIClient(ctx context.Context, c *APIClient) error {
	c.CreatedAt = ts(c.CreatedAt)
	err := tx.tx.QueryRowContext(ctx,
		`INSERT INTO api_clients (name, token_prefix, token_hash, scopes, units, staff_id, created_at, created_by)
		 VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
		c.Name, c.TokenPrefix, c.TokenHash, strings.Join(c.Scopes, " "), strings.Join(c.Units, " "),
		c.StaffID, c.CreatedAt, c.CreatedBy).Scan(&c.ID)
	return fail("add api client", err, "")
}

// RevokeAPIClient ends client id's token at now; revoking twice keeps the
// first time.
func (tx *Tx) RevokeAPIClient(ctx context.Context, id int64, now time.Time) error {
	res, err := tx.tx.ExecContext(ctx,
		`UPDATE api_clients SET revoked_at = COALESCE(revoked_at, $1) WHERE id = $2`, ts(now), id)
	if err != nil {
		return fail("revoke api client", err, "")
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return desk.Errorf(desk.ENOTFOUND, msgNoAPIClient)
	}
	return nil
}

// APIClients lists every client, newest first.
func (s *Store) APIClients(ctx context.Context) ([]APIClient, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT `+apiClientColumns+` FROM api_clients ORDER BY id DESC`)
	if err != nil {
		return nil, fail("api clients", err, "")
	}
	defer rows.Close()
	var out []APIClient
	for rows.Next() {
		c, err := scanAPIClient(rows)
		if err != nil {
			return nil, fail("api clients", err, "")
		}
		out = append(out, c)
	}
	return out, fail("api clients", rows.Err(), "")
}

// APIClient returns one client by id.
func (s *Store) APIClient(ctx context.Context, id int64) (APIClient, error) {
	c, err := scanAPIClient(s.read.QueryRowContext(ctx,
		`SELECT `+apiClientColumns+` FROM api_clients WHERE id = $1`, id))
	return c, fail("api client", err, msgNoAPIClient)
}

// APIClientByToken returns the client whose token hashes to hash, revoked
// or not (the caller decides).
func (s *Store) APIClientByToken(ctx context.Context, hash string) (APIClient, error) {
	c, err := scanAPIClient(s.read.QueryRowContext(ctx,
		`SELECT `+apiClientColumns+` FROM api_clients WHERE token_hash = $1`, hash))
	return c, fail("api client", err, msgNoAPIClient)
}

// IdempotentReply is the first answer given to an Idempotency-Key.
type IdempotentReply struct {
	Route, BodyHash string
	Status          int
	Response        []byte
}

// IdempotentReply returns the stored answer of client's key, ENOTFOUND
// when the key is new.
func (s *Store) IdempotentReply(ctx context.Context, client int64, key string) (IdempotentReply, error) {
	var (
		r    IdempotentReply
		resp string
	)
	err := s.read.QueryRowContext(ctx,
		`SELECT route, body_hash, status, response FROM api_idempotency WHERE client_id = $1 AND idem_key = $2`,
		client, key).Scan(&r.Route, &r.BodyHash, &r.Status, &resp)
	r.Response = []byte(resp)
	return r, fail("idempotent reply", err, "این کلید Idempotency-Key پیش‌تر به کار نرفته است.")
}

// SaveIdempotentReply keeps r as the answer of client's key. A key already
// stored keeps its first answer.
func (s *Store) SaveIdempotentReply(ctx context.Context, client int64, key string, r IdempotentReply, now time.Time) error {
	return s.InTx(ctx, func(tx *Tx) error {
		_, err := tx.tx.ExecContext(ctx,
			`INSERT INTO api_idempotency (client_id, idem_key, route, body_hash, status, response, created_at)
			 VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (client_id, idem_key) DO NOTHING`,
			client, key, r.Route, r.BodyHash, r.Status, string(r.Response), ts(now))
		return fail("save idempotent reply", err, "")
	})
}

// TouchAPIClient records the time client id was last used.
func (tx *Tx) TouchAPIClient(ctx context.Context, id int64, now time.Time) error {
	_, err := tx.tx.ExecContext(ctx, `UPDATE api_clients SET last_used_at = $1 WHERE id = $2`, ts(now), id)
	return fail("touch api client", err, "")
}

// Change is one timeline event as the integration API lists it: the
// event's id is the cursor.
type Change struct {
	EventID      int64
	TrackingCode string
	EventType    string
	Status       desk.Status
	UnitCode     string
	At           time.Time
}

// Changes lists timeline events after cursor (event id), oldest first, of
// requests now in one of units (every unit when units is empty), at most
// limit of them.
func (s *Store) Changes(ctx context.Context, cursor int64, units []string, limit int) ([]Change, error) {
	args := []any{cursor}
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	q := `SELECT e.id, r.tracking_code, e.type, r.status, r.unit_code, e.at
	      FROM events e JOIN requests r ON r.id = e.request_id
	      WHERE e.id > $1`
	if len(units) > 0 {
		in := make([]string, len(units))
		for i, u := range units {
			in[i] = arg(u)
		}
		q += ` AND r.unit_code IN (` + strings.Join(in, ", ") + `)`
	}
	q += ` ORDER BY e.id LIMIT ` + arg(limit)
	rows, err := s.read.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fail("changes", err, "")
	}
	defer rows.Close()
	var out []Change
	for rows.Next() {
		var (
			c      Change
			status string
		)
		if err := rows.Scan(&c.EventID, &c.TrackingCode, &c.EventType, &status, &c.UnitCode, &c.At); err != nil {
			return nil, fail("changes", err, "")
		}
		c.Status, c.At = desk.Status(status), c.At.UTC()
		out = append(out, c)
	}
	return out, fail("changes", rows.Err(), "")
}
