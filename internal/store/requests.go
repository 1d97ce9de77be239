package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"mizban/internal/desk"
)

// people is the sealed blob of a request's applicant and representative.
type people struct {
	Applicant      desk.Person  `json:"applicant"`
	Representative *desk.Person `json:"representative,omitempty"`
}

// Sealed columns are bound to the tracking code and to their column, so a
// blob copied to another request or another column does not open.
func peopleAD(code string) string  { return "request:" + code + ":people" }
func answersAD(code string) string { return "request:" + code + ":answers" }

// CreateRequest inserts r and sets r.ID and r.Version (1). Personal data is
// sealed; blind indexes of the applicant's national ID and mobile and the
// representative's mobile are kept for look-ups. The request gets a fresh
// random link token (links.go; read it with LinkToken). A taken tracking
// code, idempotency key or (very rarely) link token is ECONFLICT and,
// unlike a failed statement, leaves the transaction usable on PostgreSQL
// too, so the caller may retry inside it: each call draws a new token.
func (tx *Tx) CreateRequest(ctx context.Context, r *desk.Request) error {
	ppl, err := json.Marshal(people{Applicant: r.Applicant, Representative: r.Representative})
	if err != nil {
		return fmt.Errorf("store: create request: %w", err)
	}
	answers := r.Answers
	if answers == nil {
		answers = map[string]string{}
	}
	ans, err := json.Marshal(answers)
	if err != nil {
		return fmt.Errorf("store: create request: %w", err)
	}
	sealedPeople, err := tx.q.seal(ppl, peopleAD(r.TrackingCode))
	if err != nil {
		return err
	}
	sealedAnswers, err := tx.q.seal(ans, answersAD(r.TrackingCode))
	if err != nil {
		return err
	}
	repMobile := ""
	if r.Representative != nil {
		repMobile = tx.q.index(r.Representative.Mobile)
	}
	var id int64
	// DO NOTHING instead of an error: a failed statement would abort a
	// PostgreSQL transaction, and a clash here is expected and retried.
	err = tx.tx.QueryRowContext(ctx,
		`INSERT INTO requests (tracking_code, service_code, service_version, service_title, kind,
		   channel, status, people, answers, national_id_idx, mobile_idx, rep_mobile_idx,
		   submitted_at, due_at, unit_code, assignee_id, idempotency_key, link_token, version)
		 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, 1)
		 ON CONFLICT DO NOTHING
		 RETURNING id`,
		r.TrackingCode, r.ServiceCode, r.ServiceVersion, r.ServiceTitle, string(r.Kind),
		string(r.Channel), string(r.Status), sealedPeople, sealedAnswers,
		tx.q.index(r.Applicant.NationalID), tx.q.index(r.Applicant.Mobile), repMobile,
		ts(r.SubmittedAt), nullTime(r.DueAt), r.UnitCode, nullInt(r.AssigneeID),
		nullString(r.IdempotencyKey), newLinkToken()).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return &desk.Error{Code: desk.ECONFLICT, Message: msgDuplicate,
			Err: fmt.Errorf("store: tracking code, idempotency key or link token taken")}
	}
	if err != nil {
		return fail("create request", err, "")
	}
	r.ID, r.Version = id, 1
	return nil
}

const requestColumns = `id, tracking_code, service_code, service_version, service_title, kind,
	channel, status, people, answers, submitted_at, due_at, unit_code, assignee_id,
	idempotency_key, version`

// request loads one request selected by cond (with one argument) and its
// documents.
func (q conn) request(ctx context.Context, cond string, arg any) (desk.Request, error) {
	var (
		r                           desk.Request
		kind, channel, status       string
		sealedPeople, sealedAnswers string
		due                         sql.NullTime
		assignee                    sql.NullInt64
		idem                        sql.NullString
	)
	err := q.db.QueryRowContext(ctx, `SELECT `+requestColumns+` FROM requests WHERE `+cond, arg).
		Scan(&r.ID, &r.TrackingCode, &r.ServiceCode, &r.ServiceVersion, &r.ServiceTitle, &kind,
			&channel, &status, &sealedPeople, &sealedAnswers, &r.SubmittedAt, &due, &r.UnitCode,
			&assignee, &idem, &r.Version)
	if err != nil {
		return desk.Request{}, fail("request", err, msgNoRequest)
	}
	r.Kind, r.Channel, r.Status = desk.Kind(kind), desk.Channel(channel), desk.Status(status)
	r.SubmittedAt, r.DueAt = r.SubmittedAt.UTC(), fromNull(due)
	r.AssigneeID, r.IdempotencyKey = assignee.Int64, idem.String

	p, err := q.unseal(sealedPeople, peopleAD(r.TrackingCode))
	if err != nil {
		return desk.Request{}, err
	}
	var ppl people
	if err := json.Unmarshal(p, &ppl); err != nil {
		return desk.Request{}, fmt.Errorf("store: request people: %w", err)
	}
	r.Applicant, r.Representative = ppl.Applicant, ppl.Representative
	a, err := q.unseal(sealedAnswers, answersAD(r.TrackingCode))
	if err != nil {
		return desk.Request{}, err
	}
	if err := json.Unmarshal(a, &r.Answers); err != nil {
		return desk.Request{}, fmt.Errorf("store: request answers: %w", err)
	}
	if r.Documents, err = q.documents(ctx, Owner{RequestID: r.ID}); err != nil {
		return desk.Request{}, err
	}
	return r, nil
}

// Request returns request id with its documents.
func (s *Store) Request(ctx context.Context, id int64) (desk.Request, error) {
	return s.r().request(ctx, `id = $1`, id)
}

// Request is Store.Request inside the transaction.
func (tx *Tx) Request(ctx context.Context, id int64) (desk.Request, error) {
	return tx.q.request(ctx, `id = $1`, id)
}

// RequestByTracking returns the request with tracking code code.
func (s *Store) RequestByTracking(ctx context.Context, code string) (desk.Request, error) {
	return s.r().request(ctx, `tracking_code = $1`, code)
}

// RequestByIdempotencyKey returns the request created with key.
func (s *Store) RequestByIdempotencyKey(ctx context.Context, key string) (desk.Request, error) {
	return s.r().requestByIdempotencyKey(ctx, key)
}

// RequestByIdempotencyKey is Store.RequestByIdempotencyKey inside the transaction.
func (tx *Tx) RequestByIdempotencyKey(ctx context.Context, key string) (desk.Request, error) {
	return tx.q.requestByIdempotencyKey(ctx, key)
}

func (q conn) requestByIdempotencyKey(ctx context.Context, key string) (desk.Request, error) {
	if key == "" {
		return desk.Request{}, notFound(msgNoRequest)
	}
	return q.request(ctx, `idempotency_key = $1`, key)
}

// UpdateRequest saves r's status, due date, unit and assignee if nobody
// changed the request since r was read (r.Version), and bumps r.Version.
// A stale r is ECONFLICT.
func (tx *Tx) UpdateRequest(ctx context.Context, r *desk.Request) error {
	res, err := tx.tx.ExecContext(ctx,
		`UPDATE requests SET status = $1, due_at = $2, unit_code = $3, assignee_id = $4,
		   version = version + 1
		 WHERE id = $5 AND version = $6`,
		string(r.Status), nullTime(r.DueAt), r.UnitCode, nullInt(r.AssigneeID), r.ID, r.Version)
	if err != nil {
		return fail("update request", err, "")
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fail("update request", err, "")
	}
	if n == 0 {
		var one int
		err := tx.tx.QueryRowContext(ctx, `SELECT 1 FROM requests WHERE id = $1`, r.ID).Scan(&one)
		if err != nil {
			return fail("update request", err, msgNoRequest)
		}
		return &desk.Error{Code: desk.ECONFLICT, Message: msgStale}
	}
	r.Version++
	return nil
}
