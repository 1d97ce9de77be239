package store

import (
	"context"
	"strconv"
	"strings"
	"time"

	"mizban/internal/audit"
)

// AppendAudit seals r into the audit chain (sets Seq, Prev, Hash) and
// stores it, in the caller's transaction: the record exists exactly when
// the action it describes was committed.
func (tx *Tx) AppendAudit(ctx context.Context, r *audit.Record) error {
	var seq int64
	var prev string
	if err := tx.tx.QueryRowContext(ctx,
		`UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, last_hash`).Scan(&seq, &prev); err != nil {
		return fail("audit head", err, "")
	}
	if r.At.IsZero() {
		r.At = time.Now()
	}
	r.Seal(seq, prev)
	if _, err := tx.tx.ExecContext(ctx,
		`INSERT INTO audit_log (seq, at, actor, action, target, result, client, details, prev, hash)
		 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
		r.Seq, ts(r.At), r.Actor, r.Action, r.Target, r.Result, r.Client, r.Details, r.Prev, r.Hash); err != nil {
		return fail("append audit", err, "")
	}
	_, err := tx.tx.ExecContext(ctx, `UPDATE audit_head SET last_hash = $1 WHERE id = 1`, r.Hash)
	return fail("audit head", err, "")
}

// AuditFilter selects audit records; zero fields match everything.
type AuditFilter struct {
	Actor, Action, Target string
	Since, Until          time.Time
	AfterSeq              int64 // records after this sequence number
	Limit                 int   // default 100
	Newest                bool  // newest first (for the auditor's screen)
}

// Audit returns audit records in chain order (or newest first).
func (s *Store) Audit(ctx context.Context, f AuditFilter) ([]audit.Record, error) {
	var (
		where []string
		args  []any
	)
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	if f.Actor != "" {
		where = append(where, `actor = `+arg(f.Actor))
	}
	if f.Action != "" {
		where = append(where, `action = `+arg(f.Action))
	}
	if f.Target != "" {
		where = append(where, `target = `+arg(f.Target))
	}
	if !f.Since.IsZero() {
		where = append(where, `at >= `+arg(ts(f.Since)))
	}
	if !f.Until.IsZero() {
		where = append(where, `at < `+arg(ts(f.Until)))
	}
	if f.AfterSeq > 0 {
		where = append(where, `seq > `+arg(f.AfterSeq))
	}
	q := `SELECT seq, at, actor, action, target, result, client, details, prev, hash FROM audit_log`
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, ` AND `)
	}
	if f.Newest {
		q += ` ORDER BY seq DESC`
	} else {
		q += ` ORDER BY seq`
	}
	if f.Limit <= 0 {
		f.Limit = 100
	}
	q += ` LIMIT ` + arg(f.Limit)
	rows, err := s.read.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fail("audit", err, "")
	}
	defer rows.Close()
	var out []audit.Record
	for rows.Next() {
		var r audit.Record
		if err := rows.Scan(&r.Seq, &r.At, &r.Actor, &r.Action, &r.Target, &r.Result, &r.Client, &r.Details, &r.Prev, &r.Hash); err != nil {
			return nil, fail("audit", err, "")
		}
		r.At = r.At.UTC()
		out = append(out, r)
	}
	return out, fail("audit", rows.Err(), "")
}

// VerifyAudit walks the whole chain in batches and checks every link, and
// that the head names the last record. It returns how many records it
// checked.
func (s *Store) VerifyAudit(ctx context.Context) (int64, error) {
	prev, after := audit.Genesis, int64(0)
	for {
		batch, err := s.Audit(ctx, AuditFilter{AfterSeq: after, Limit: 1000})
		if err != nil {
			return after, err
		}
		if len(batch) > 0 && batch[0].Seq != after+1 {
			return after, errAudit("record " + strconv.FormatInt(after+1, 10) + " is missing")
		}
		if err := audit.Verify(prev, batch); err != nil {
			return after, err
		}
		if len(batch) == 0 {
			break
		}
		prev, after = batch[len(batch)-1].Hash, batch[len(batch)-1].Seq
	}
	var seq int64
	var last string
	if err := s.read.QueryRowContext(ctx, `SELECT seq, last_hash FROM audit_head WHERE id = 1`).Scan(&seq, &last); err != nil {
		return after, fail("audit head", err, "")
	}
	if seq != after || last != prev {
		return after, errAudit("the last records were removed")
	}
	return after, nil
}

type errAudit string

func (e errAudit) Error() string { return "audit: " + string(e) }
