package store

import (
	"context"
	"database/sql"

	"mizban/internal/desk"
)

// AppendEvent adds e to its request's timeline and sets e.ID.
func (tx *Tx) AppendEvent(ctx context.Context, e *desk.Event) error {
	err := tx.tx.QueryRowContext(ctx,
		`INSERT INTO events (request_id, at, type, status, unit_code, staff_id, actor, note, internal)
		 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
		e.RequestID, ts(e.At), e.Type, string(e.Status), e.UnitCode, nullInt(e.StaffID), e.Actor,
		e.Note, e.Internal).Scan(&e.ID)
	return fail("append event", err, "")
}

// Events returns a request's timeline, newest first, with unit and staff
// names. Staff-only events are left out unless internal is true.
func (s *Store) Events(ctx context.Context, requestID int64, internal bool) ([]desk.Event, error) {
	q := `SELECT e.id, e.request_id, e.at, e.type, e.status, e.unit_code, e.staff_id, e.actor,
	        e.note, e.internal, COALESCE(u.name, ''), COALESCE(st.name, ''), COALESCE(st.title, '')
	      FROM events e
	      LEFT JOIN units u ON u.code = e.unit_code
	      LEFT JOIN staff st ON st.id = e.staff_id
	      WHERE e.request_id = $1`
	args := []any{requestID}
	if !internal {
		q += ` AND e.internal = $2`
		args = append(args, false)
	}
	q += ` ORDER BY e.at DESC, e.id DESC`
	rows, err := s.read.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fail("events", err, "")
	}
	defer rows.Close()
	var out []desk.Event
	for rows.Next() {
		var (
			e      desk.Event
			status string
			staff  sql.NullInt64
		)
		if err := rows.Scan(&e.ID, &e.RequestID, &e.At, &e.Type, &status, &e.UnitCode, &staff,
			&e.Actor, &e.Note, &e.Internal, &e.UnitName, &e.StaffName, &e.StaffTitle); err != nil {
			return nil, fail("events", err, "")
		}
		e.At, e.Status, e.StaffID = e.At.UTC(), desk.Status(status), staff.Int64
		out = append(out, e)
	}
	return out, fail("events", rows.Err(), "")
}
