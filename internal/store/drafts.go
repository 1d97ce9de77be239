package store

import (
	"context"
	"database/sql"
	"time"
)

// Draft is an application in progress, before its one-time code confirms
// it. Data is the caller's JSON; the store seals it.
type Draft struct {
	ID             string
	ServiceCode    string
	ServiceVersion int
	Data           []byte
	MobileIdx      string
	Client         string
	CreatedAt      time.Time
	ExpiresAt      time.Time
	RequestID      int64 // set once the draft became a request
}

func draftAD(id string) string { return "draft:" + id }

// PutDraft inserts d, or updates Data, MobileIdx and ExpiresAt of an
// existing draft with the same ID.
func (tx *Tx) PutDraft(ctx context.Context, d Draft) error {
	data, err := tx.q.seal(d.Data, draftAD(d.ID))
	if err != nil {
		return err
	}
	_, err = tx.tx.ExecContext(ctx,
		`INSERT INTO drafts (id, service_code, service_version, data, mobile_idx, client,
		   created_at, expires_at, request_id)
		 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
		 ON CONFLICT (id) DO UPDATE SET data = excluded.data, mobile_idx = excluded.mobile_idx,
		   expires_at = excluded.expires_at`,
		d.ID, d.ServiceCode, d.ServiceVersion, data, d.MobileIdx, d.Client,
		ts(d.CreatedAt), ts(d.ExpiresAt), nullInt(d.RequestID))
	return fail("put draft", err, "")
}

// Draft returns a draft, expired or not; the caller judges ExpiresAt.
func (s *Store) Draft(ctx context.Context, id string) (Draft, error) { return s.r().draft(ctx, id) }

// Draft is Store.Draft inside the transaction.
func (tx *Tx) Draft(ctx context.Context, id string) (Draft, error) { return tx.q.draft(ctx, id) }

func (q conn) draft(ctx context.Context, id string) (Draft, error) {
	var (
		d    Draft
		data string
		req  sql.NullInt64
	)
	err := q.db.QueryRowContext(ctx,
		`SELECT id, service_code, service_version, data, mobile_idx, client, created_at,
		   expires_at, request_id
		 FROM drafts WHERE id = $1`, id).
		Scan(&d.ID, &d.ServiceCode, &d.ServiceVersion, &data, &d.MobileIdx, &d.Client,
			&d.CreatedAt, &d.ExpiresAt, &req)
	if err != nil {
		return Draft{}, fail("draft", err, msgNoDraft)
	}
	if d.Data, err = q.unseal(data, draftAD(d.ID)); err != nil {
		return Draft{}, err
	}
	d.CreatedAt, d.ExpiresAt, d.RequestID = d.CreatedAt.UTC(), d.ExpiresAt.UTC(), req.Int64
	return d, nil
}

// SetDraftRequest records that draft id became request requestID.
func (tx *Tx) SetDraftRequest(ctx context.Context, id string, requestID int64) error {
	res, err := tx.tx.ExecContext(ctx, `UPDATE drafts SET request_id = $1 WHERE id = $2`, requestID, id)
	if err != nil {
		return fail("set draft request", err, "")
	}
	return affected(res, "set draft request", msgNoDraft)
}

// DeleteExpiredDrafts deletes drafts that expired before now without
// becoming a request, with their documents' rows, and returns those
// documents' StoreKeys so the caller can delete the files.
func (tx *Tx) DeleteExpiredDrafts(ctx context.Context, now time.Time) ([]string, error) {
	const expired = `SELECT id FROM drafts WHERE request_id IS NULL AND expires_at < $1`
	rows, err := tx.tx.QueryContext(ctx,
		`SELECT store_key FROM documents WHERE draft_id IN (`+expired+`) ORDER BY id`, ts(now))
	if err != nil {
		return nil, fail("delete expired drafts", err, "")
	}
	var keys []string
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			rows.Close()
			return nil, fail("delete expired drafts", err, "")
		}
		keys = append(keys, k)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fail("delete expired drafts", err, "")
	}
	if _, err := tx.tx.ExecContext(ctx,
		`DELETE FROM documents WHERE draft_id IN (`+expired+`)`, ts(now)); err != nil {
		return nil, fail("delete expired drafts", err, "")
	}
	if _, err := tx.tx.ExecContext(ctx,
		`DELETE FROM drafts WHERE request_id IS NULL AND expires_at < $1`, ts(now)); err != nil {
		return nil, fail("delete expired drafts", err, "")
	}
	return keys, nil
}

// affected turns "no row changed" into ENOTFOUND.
func affected(res sql.Result, op, missing string) error {
	n, err := res.RowsAffected()
	if err != nil {
		return fail(op, err, "")
	}
	if n == 0 {
		return notFound(missing)
	}
	return nil
}
