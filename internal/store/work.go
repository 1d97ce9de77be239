package store

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"time"

	"mizban/internal/desk"
)

// Decision kinds.
const (
	DecisionAnswer = "answer"
	DecisionReject = "reject"
)

// Decision is a final answer or a reasoned rejection, as the citizen reads it.
type Decision struct {
	ID         int64
	RequestID  int64
	EventID    int64
	Kind       string // DecisionAnswer or DecisionReject
	Text       string // the answer, or the reason of a rejection
	LegalBasis string
	DocumentID int64 // the answer's attachment, 0 when none
	StaffID    int64
	At         time.Time
	StaffName  string // filled on read
	StaffTitle string // filled on read
}

// AddDecision records d and sets d.ID.
func (tx *Tx) AddDecision(ctx context.Context, d *Decision) error {
	if d.Kind != DecisionAnswer && d.Kind != DecisionReject {
		return errors.New("store: decision kind must be answer or reject")
	}
	err := tx.tx.QueryRowContext(ctx,
		`INSERT INTO decisions (request_id, event_id, kind, text, legal_basis, document_id, staff_id, at)
		 VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
		d.RequestID, d.EventID, d.Kind, d.Text, d.LegalBasis, nullInt(d.DocumentID), d.StaffID,
		ts(d.At)).Scan(&d.ID)
	return fail("add decision", err, "")
}

// Decisions lists a request's decisions, oldest first (a reopened request
// may have several).
func (s *Store) Decisions(ctx context.Context, requestID int64) ([]Decision, error) {
	rows, err := s.read.QueryContext(ctx,
		`SELECT d.id, d.request_id, d.event_id, d.kind, d.text, d.legal_basis, d.document_id,
		   d.staff_id, d.at, COALESCE(st.name, ''), COALESCE(st.title, '')
		 FROM decisions d LEFT JOIN staff st ON st.id = d.staff_id
		 WHERE d.request_id = $1 ORDER BY d.at, d.id`, requestID)
	if err != nil {
		return nil, fail("decisions", err, "")
	}
	defer rows.Close()
	var out []Decision
	for rows.Next() {
		var (
			d   Decision
			doc sql.NullInt64
		)
		if err := rows.Scan(&d.ID, &d.RequestID, &d.EventID, &d.Kind, &d.Text, &d.LegalBasis, &doc,
			&d.StaffID, &d.At, &d.StaffName, &d.StaffTitle); err != nil {
			return nil, fail("decisions", err, "")
		}
		d.DocumentID, d.At = doc.Int64, d.At.UTC()
		out = append(out, d)
	}
	return out, fail("decisions", rows.Err(), "")
}

// Referral is one step of a file's referral chain (ارجاع) with its
// instruction (هامش), which only staff see.
type Referral struct {
	ID          int64
	RequestID   int64
	EventID     int64
	At          time.Time
	FromUnit    string
	FromStaffID int64
	ToUnit      string
	ToStaffID   int64 // 0: to the unit's queue
	Instruction string
	// Filled on read.
	FromUnitName, FromStaffName, ToUnitName, ToStaffName string
}

// AddReferral records r and sets r.ID.
func (tx *Tx) AddReferral(ctx context.Context, r *Referral) error {
	err := tx.tx.QueryRowContext(ctx,
		`INSERT INTO referrals (request_id, event_id, at, from_unit, from_staff_id, to_unit,
		   to_staff_id, instruction)
		 VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
		r.RequestID, r.EventID, ts(r.At), r.FromUnit, nullInt(r.FromStaffID), r.ToUnit,
		nullInt(r.ToStaffID), r.Instruction).Scan(&r.ID)
	return fail("add referral", err, "")
}

// Referrals returns a request's referral chain, oldest first, with names.
func (s *Store) Referrals(ctx context.Context, requestID int64) ([]Referral, error) {
	rows, err := s.read.QueryContext(ctx,
		`SELECT rf.id, rf.request_id, rf.event_id, rf.at, rf.from_unit, rf.from_staff_id, rf.to_unit,
		   rf.to_staff_id, rf.instruction, COALESCE(fu.name, ''), COALESCE(fs.name, ''),
		   COALESCE(tu.name, ''), COALESCE(tst.name, '')
		 FROM referrals rf
		 LEFT JOIN units fu ON fu.code = rf.from_unit
		 LEFT JOIN staff fs ON fs.id = rf.from_staff_id
		 LEFT JOIN units tu ON tu.code = rf.to_unit
		 LEFT JOIN staff tst ON tst.id = rf.to_staff_id
		 WHERE rf.request_id = $1 ORDER BY rf.at, rf.id`, requestID)
	if err != nil {
		return nil, fail("referrals", err, "")
	}
	defer rows.Close()
	var out []Referral
	for rows.Next() {
		var (
			r        Referral
			from, to sql.NullInt64
		)
		if err := rows.Scan(&r.ID, &r.RequestID, &r.EventID, &r.At, &r.FromUnit, &from, &r.ToUnit,
			&to, &r.Instruction, &r.FromUnitName, &r.FromStaffName, &r.ToUnitName,
			&r.ToStaffName); err != nil {
			return nil, fail("referrals", err, "")
		}
		r.FromStaffID, r.ToStaffID, r.At = from.Int64, to.Int64, r.At.UTC()
		out = append(out, r)
	}
	return out, fail("referrals", rows.Err(), "")
}

// Assignment modes of a unit.
const (
	AssignQueue      = "queue"       // new files wait in the unit's queue
	AssignRoundRobin = "round_robin" // each goes to the next active officer
)

// AssignRule is how a unit shares out new files.
type AssignRule struct {
	UnitCode    string
	Mode        string
	LastStaffID int64 // round robin: who got the previous file
}

// PutAssignRule sets a unit's rule; the round-robin position is kept.
func (tx *Tx) PutAssignRule(ctx context.Context, r AssignRule) error {
	if r.Mode != AssignQueue && r.Mode != AssignRoundRobin {
		return desk.Errorf(desk.EINVALID, "شیوه واگذاری باید «صف واحد» یا «نوبتی» باشد.")
	}
	_, err := tx.tx.ExecContext(ctx,
		`INSERT INTO assignment_rules (unit_code, mode) VALUES ($1, $2)
		 ON CONFLICT (unit_code) DO UPDATE SET mode = excluded.mode`, r.UnitCode, r.Mode)
	return fail("put assign rule", err, "")
}

// AssignRule returns a unit's rule; a unit without one works as a queue.
func (s *Store) AssignRule(ctx context.Context, unit string) (AssignRule, error) {
	return s.r().assignRule(ctx, unit)
}

func (q conn) assignRule(ctx context.Context, unit string) (AssignRule, error) {
	r := AssignRule{UnitCode: unit, Mode: AssignQueue}
	var last sql.NullInt64
	err := q.db.QueryRowContext(ctx,
		`SELECT mode, last_staff_id FROM assignment_rules WHERE unit_code = $1`, unit).Scan(&r.Mode, &last)
	if errors.Is(err, sql.ErrNoRows) {
		return r, nil
	}
	r.LastStaffID = last.Int64
	return r, fail("assign rule", err, "")
}

// LockAssignRule reads a unit's rule for update: on PostgreSQL the row stays
// locked until the transaction ends, so two files submitted at once never
// go to the same officer by the same turn (SQLite has one writer anyway).
func (tx *Tx) LockAssignRule(ctx context.Context, unit string) (AssignRule, error) {
	r := AssignRule{UnitCode: unit, Mode: AssignQueue}
	var last sql.NullInt64
	err := tx.tx.QueryRowContext(ctx,
		`UPDATE assignment_rules SET mode = mode WHERE unit_code = $1 RETURNING mode, last_staff_id`,
		unit).Scan(&r.Mode, &last)
	if errors.Is(err, sql.ErrNoRows) {
		return r, nil
	}
	r.LastStaffID = last.Int64
	return r, fail("lock assign rule", err, "")
}

// SetAssignTurn records who got a unit's latest round-robin file.
func (tx *Tx) SetAssignTurn(ctx context.Context, unit string, staffID int64) error {
	_, err := tx.tx.ExecContext(ctx,
		`UPDATE assignment_rules SET last_staff_id = $1 WHERE unit_code = $2`, nullInt(staffID), unit)
	return fail("set assign turn", err, "")
}

// Assignees lists the active staff of a unit holding any of roles (any
// role when none are given), by id: the order round robin turns in.
// Membership and roles come from staff_units and staff_roles.
func (s *Store) Assignees(ctx context.Context, unit string, roles ...desk.Role) ([]desk.Staff, error) {
	return s.r().assignees(ctx, unit, roles)
}

// Assignees is Store.Assignees inside the transaction.
func (tx *Tx) Assignees(ctx context.Context, unit string, roles ...desk.Role) ([]desk.Staff, error) {
	return tx.q.assignees(ctx, unit, roles)
}

func (q conn) assignees(ctx context.Context, unit string, roles []desk.Role) ([]desk.Staff, error) {
	args := []any{unit, true}
	cond := ""
	if len(roles) > 0 {
		ph := make([]string, len(roles))
		for i, r := range roles {
			args = append(args, string(r))
			ph[i] = "$" + strconv.Itoa(len(args))
		}
		cond = ` AND EXISTS (SELECT 1 FROM staff_roles sr WHERE sr.staff_id = s.id
		   AND sr.role IN (` + strings.Join(ph, ", ") + `))`
	}
	rows, err := q.db.QueryContext(ctx,
		`SELECT s.id, s.name, su.title, su.unit_code
		 FROM staff s JOIN staff_units su ON su.staff_id = s.id AND su.unit_code = $1
		 WHERE s.active = $2`+cond+` ORDER BY s.id`, args...)
	if err != nil {
		return nil, fail("unit members", err, "")
	}
	defer rows.Close()
	var out []desk.Staff
	for rows.Next() {
		var st desk.Staff
		if err := rows.Scan(&st.ID, &st.Name, &st.Title, &st.UnitCode); err != nil {
			return nil, fail("unit members", err, "")
		}
		out = append(out, st)
	}
	return out, fail("unit members", rows.Err(), "")
}

// ReferralUnit returns the unit a file may be referred to, or ENOTFOUND.
func (tx *Tx) ReferralUnit(ctx context.Context, code string) (desk.Unit, error) {
	var u desk.Unit
	err := tx.tx.QueryRowContext(ctx, `SELECT code, name, parent FROM units WHERE code = $1`, code).
		Scan(&u.Code, &u.Name, &u.Parent)
	if err != nil {
		return desk.Unit{}, fail("unit", err, "واحدی با این شناسه پیدا نشد.")
	}
	return u, nil
}

// PausedSince returns when a request's clock was paused while the
// citizen's documents are awaited; zero when it runs.
func (s *Store) PausedSince(ctx context.Context, requestID int64) (time.Time, error) {
	return s.r().pausedSince(ctx, requestID)
}

// PausedSince is Store.PausedSince inside the transaction.
func (tx *Tx) PausedSince(ctx context.Context, requestID int64) (time.Time, error) {
	return tx.q.pausedSince(ctx, requestID)
}

func (q conn) pausedSince(ctx context.Context, requestID int64) (time.Time, error) {
	var at time.Time
	err := q.db.QueryRowContext(ctx,
		`SELECT paused_at FROM request_clock WHERE request_id = $1`, requestID).Scan(&at)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, nil
	}
	return at.UTC(), fail("clock", err, "")
}

// PauseClock stops a request's clock at at; a clock already stopped keeps
// its first time.
func (tx *Tx) PauseClock(ctx context.Context, requestID int64, at time.Time) error {
	_, err := tx.tx.ExecContext(ctx,
		`INSERT INTO request_clock (request_id, paused_at) VALUES ($1, $2)
		 ON CONFLICT (request_id) DO NOTHING`, requestID, ts(at))
	return fail("pause clock", err, "")
}

// ResumeClock starts a request's clock again.
func (tx *Tx) ResumeClock(ctx context.Context, requestID int64) error {
	_, err := tx.tx.ExecContext(ctx, `DELETE FROM request_clock WHERE request_id = $1`, requestID)
	return fail("resume clock", err, "")
}

// Registrar returns who registered a request (the actor of its first
// event: "citizen", "api:3", or "staff:12" for the counter desk).
func (s *Store) Registrar(ctx context.Context, requestID int64) (string, error) {
	return s.r().registrar(ctx, requestID)
}

// Registrar is Store.Registrar inside the transaction.
func (tx *Tx) Registrar(ctx context.Context, requestID int64) (string, error) {
	return tx.q.registrar(ctx, requestID)
}

func (q conn) registrar(ctx context.Context, requestID int64) (string, error) {
	var actor string
	err := q.db.QueryRowContext(ctx,
		`SELECT actor FROM events WHERE request_id = $1 AND type = $2 ORDER BY id LIMIT 1`,
		requestID, "submitted").Scan(&actor)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return actor, fail("registrar", err, "")
}

// RequestDocument returns one of a request's documents, or ENOTFOUND when id is
// not that request's.
func (s *Store) RequestDocument(ctx context.Context, requestID, id int64) (desk.Document, error) {
	q := s.r()
	d, err := q.scanDocument(q.db.QueryRowContext(ctx,
		`SELECT `+documentColumns+` FROM documents WHERE id = $1 AND request_id = $2`, id, requestID))
	if err != nil {
		return desk.Document{}, fail("document", err, msgNoDocument)
	}
	return d, nil
}
