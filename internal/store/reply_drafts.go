package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"mizban/internal/desk"
)

const msgNoReplyDraft = "پیش‌نویس پاسخی برای این درخواست ذخیره نشده است."

// ReplyDraft is the reply to a request registered as a letter, drafted for
// the unit's manager to sign (پیش‌نویس → امضا). A request has at most one.
type ReplyDraft struct {
	RequestID  int64
	Text       string
	LegalBasis string
	StaffID    int64 // who saved it last
	EventID    int64 // the staff-only timeline event of that save
	At         time.Time
	StaffName  string // filled on read
	StaffTitle string // filled on read
}

// SaveReplyDraft stores d as its request's draft, replacing the one there.
func (tx *Tx) SaveReplyDraft(ctx context.Context, d *ReplyDraft) error {
	_, err := tx.tx.ExecContext(ctx,
		`INSERT INTO reply_drafts (request_id, text, legal_basis, staff_id, event_id, at)
		 VALUES ($1, $2, $3, $4, $5, $6)
		 ON CONFLICT (request_id) DO UPDATE SET text = excluded.text, legal_basis = excluded.legal_basis,
		   staff_id = excluded.staff_id, event_id = excluded.event_id, at = excluded.at`,
		d.RequestID, d.Text, d.LegalBasis, d.StaffID, d.EventID, ts(d.At))
	return fail("save reply draft", err, "")
}

// ReplyDraft returns request id's draft inside the transaction (ENOTFOUND
// when there is none).
func (tx *Tx) ReplyDraft(ctx context.Context, requestID int64) (ReplyDraft, error) {
	return tx.q.replyDraft(ctx, requestID)
}

// ReplyDraft returns request id's draft with its author's name (ENOTFOUND
// when there is none).
func (s *Store) ReplyDraft(ctx context.Context, requestID int64) (ReplyDraft, error) {
	return s.r().replyDraft(ctx, requestID)
}

func (c conn) replyDraft(ctx context.Context, requestID int64) (ReplyDraft, error) {
	var d ReplyDraft
	err := c.db.QueryRowContext(ctx,
		`SELECT d.request_id, d.text, d.legal_basis, d.staff_id, d.event_id, d.at,
		   COALESCE(st.name, ''), COALESCE(st.title, '')
		 FROM reply_drafts d LEFT JOIN staff st ON st.id = d.staff_id
		 WHERE d.request_id = $1`, requestID).Scan(&d.RequestID, &d.Text, &d.LegalBasis, &d.StaffID,
		&d.EventID, &d.At, &d.StaffName, &d.StaffTitle)
	d.At = d.At.UTC()
	return d, fail("reply draft", err, msgNoReplyDraft)
}

// DeleteReplyDraft removes request id's draft, if any.
func (tx *Tx) DeleteReplyDraft(ctx context.Context, requestID int64) error {
	_, err := tx.tx.ExecContext(ctx, `DELETE FROM reply_drafts WHERE request_id = $1`, requestID)
	return fail("delete reply draft", err, "")
}

// SetDecisionDrafter records who drafted the decision of event eventID, so
// the drafter stays known after the draft is deleted.
func (tx *Tx) SetDecisionDrafter(ctx context.Context, eventID, staffID int64) error {
	res, err := tx.tx.ExecContext(ctx, `UPDATE decisions SET drafted_by = $1 WHERE event_id = $2`, staffID, eventID)
	if err != nil {
		return fail("set decision drafter", err, "")
	}
	if n, err := res.RowsAffected(); err == nil && n == 0 {
		return notFound("تصمیمی برای این رویداد ثبت نشده است.")
	}
	return nil
}

// Drafter is who drafted a decision.
type Drafter struct {
	StaffID     int64
	Name, Title string
}

// DecisionDrafters maps the ids of request id's decisions that were
// drafted by someone to their drafter.
func (s *Store) DecisionDrafters(ctx context.Context, requestID int64) (map[int64]Drafter, error) {
	rows, err := s.read.QueryContext(ctx,
		`SELECT d.id, d.drafted_by, COALESCE(st.name, ''), COALESCE(st.title, '')
		 FROM decisions d JOIN staff st ON st.id = d.drafted_by
		 WHERE d.request_id = $1 AND d.drafted_by IS NOT NULL`, requestID)
	if err != nil {
		return nil, fail("decision drafters", err, "")
	}
	defer rows.Close()
	out := map[int64]Drafter{}
	for rows.Next() {
		var (
			id int64
			d  Drafter
		)
		if err := rows.Scan(&id, &d.StaffID, &d.Name, &d.Title); err != nil {
			return nil, fail("decision drafters", err, "")
		}
		out[id] = d
	}
	return out, fail("decision drafters", rows.Err(), "")
}

// AwaitingRow is a request in progress whose reply draft waits for a
// manager's signature.
type AwaitingRow struct {
	RequestID    int64
	TrackingCode string
	ServiceTitle string
	UnitName     string
	DueAt        time.Time
	DraftedAt    time.Time
	DrafterName  string
}

// AwaitingSignature lists the drafts a manager may sign: of requests in
// progress in the manager's units or held by them, oldest draft first, at
// most limit of them, with the count of all. Others get none.
func (s *Store) AwaitingSignature(ctx context.Context, a desk.Actor, limit int) ([]AwaitingRow, int, error) {
	if a.StaffID == 0 || !a.Has(desk.RoleManager) {
		return nil, 0, nil
	}
	q := &trayQuery{}
	reach := []string{`r.assignee_id = ` + q.arg(a.StaffID)}
	if units := a.UnitCodes(); len(units) > 0 {
		reach = append(reach, `r.unit_code IN `+q.in(units))
	}
	from := ` FROM reply_drafts d JOIN requests r ON r.id = d.request_id
		LEFT JOIN units u ON u.code = r.unit_code
		LEFT JOIN staff st ON st.id = d.staff_id
		WHERE r.status = ` + q.arg(string(desk.StatusInProgress)) + ` AND (` + strings.Join(reach, ` OR `) + `)`
	var n int
	if err := s.read.QueryRowContext(ctx, `SELECT COUNT(*)`+from, q.args...).Scan(&n); err != nil {
		return nil, 0, fail("awaiting signature", err, "")
	}
	if limit <= 0 || limit > 200 {
		limit = 50
	}
	rows, err := s.read.QueryContext(ctx,
		`SELECT r.id, r.tracking_code, r.service_title, COALESCE(u.name, ''), r.due_at, d.at, COALESCE(st.name, '')`+
			from+` ORDER BY d.at, r.id LIMIT `+q.arg(limit), q.args...)
	if err != nil {
		return nil, 0, fail("awaiting signature", err, "")
	}
	defer rows.Close()
	var out []AwaitingRow
	for rows.Next() {
		var (
			w   AwaitingRow
			due sql.NullTime
		)
		if err := rows.Scan(&w.RequestID, &w.TrackingCode, &w.ServiceTitle, &w.UnitName, &due, &w.DraftedAt,
			&w.DrafterName); err != nil {
			return nil, 0, fail("awaiting signature", err, "")
		}
		w.DueAt, w.DraftedAt = fromNull(due), w.DraftedAt.UTC()
		out = append(out, w)
	}
	return out, n, fail("awaiting signature", rows.Err(), "")
}
