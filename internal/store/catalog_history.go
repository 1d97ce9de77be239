package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"mizban/internal/desk"
)

// VersionMeta is what the catalog records beside a published card: the
// plain-Persian changes against the version before (catalog.Change list as
// JSON, so the store stays free of the catalog package) and who published.
type VersionMeta struct {
	Changes     string // JSON array; "" is stored as []
	Material    bool
	PublishedBy string // staff name
}

// PublishServiceVersion publishes svc like PublishService and records meta
// on the new version. It returns the version.
func (tx *Tx) PublishServiceVersion(ctx context.Context, svc desk.Service, meta VersionMeta) (int, error) {
	v, err := tx.PublishService(ctx, svc)
	if err != nil {
		return 0, err
	}
	if meta.Changes == "" {
		meta.Changes = "[]"
	}
	_, err = tx.tx.ExecContext(ctx,
		`UPDATE service_versions SET changes = $1, material = $2, published_by = $3
		 WHERE code = $4 AND version = $5`,
		meta.Changes, meta.Material, meta.PublishedBy, svc.Code, v)
	return v, fail("publish service version", err, "")
}

// ServiceVersionInfo is one published version in a service's history.
type ServiceVersionInfo struct {
	Version     int
	PublishedAt time.Time
	VersionMeta
}

// ServiceHistory lists the published versions of code, newest first;
// ENOTFOUND for a code never published.
func (s *Store) ServiceHistory(ctx context.Context, code string) ([]ServiceVersionInfo, error) {
	rows, err := s.read.QueryContext(ctx,
		`SELECT version, published_at, changes, material, published_by FROM service_versions
		 WHERE code = $1 ORDER BY version DESC`, cleanText(code))
	if err != nil {
		return nil, fail("service history", err, "")
	}
	defer rows.Close()
	var out []ServiceVersionInfo
	for rows.Next() {
		var v ServiceVersionInfo
		if err := rows.Scan(&v.Version, &v.PublishedAt, &v.Changes, &v.Material, &v.PublishedBy); err != nil {
			return nil, fail("service history", err, "")
		}
		v.PublishedAt = v.PublishedAt.UTC()
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fail("service history", err, "")
	}
	if len(out) == 0 {
		return nil, notFound(msgNoService)
	}
	return out, nil
}

// Service returns the current card of code inside the transaction, so a
// publish compares against what it replaces.
func (tx *Tx) Service(ctx context.Context, code string) (desk.Service, error) {
	var card string
	if err := tx.tx.QueryRowContext(ctx, `SELECT card FROM services WHERE code = $1`, cleanText(code)).Scan(&card); err != nil {
		return desk.Service{}, fail("service", err, msgNoService)
	}
	return decodeService(card)
}

// MarkServiceReviewed sets the current card's ReviewedAt without a new
// version: an editor checked the card and it is still right. The version
// rows stay as they were published.
func (tx *Tx) MarkServiceReviewed(ctx context.Context, code string, at time.Time) error {
	svc, err := tx.Service(ctx, code)
	if err != nil {
		return err
	}
	svc.ReviewedAt = ts(at)
	card, err := json.Marshal(svc)
	if err != nil {
		return fmt.Errorf("store: review service: %w", err)
	}
	_, err = tx.tx.ExecContext(ctx, `UPDATE services SET card = $1 WHERE code = $2`, string(card), code)
	return fail("review service", err, "")
}

// OpenRequestPeople lists the open requests (openStatuses: no answer yet,
// so a change to the card still matters) on service code with their
// applicant and representative (tracking code and people only; no
// answers or documents), oldest first.
func (tx *Tx) OpenRequestPeople(ctx context.Context, code string) ([]desk.Request, error) {
	rows, err := tx.tx.QueryContext(ctx,
		`SELECT id, tracking_code, status, people FROM requests
		 WHERE service_code = $1 AND status IN ($2, $3, $4) ORDER BY id`,
		code, openStatuses[0], openStatuses[1], openStatuses[2])
	if err != nil {
		return nil, fail("open requests", err, "")
	}
	defer rows.Close()
	type row struct {
		r      desk.Request
		sealed string
	}
	var list []row
	for rows.Next() {
		var (
			x      row
			status string
		)
		if err := rows.Scan(&x.r.ID, &x.r.TrackingCode, &status, &x.sealed); err != nil {
			return nil, fail("open requests", err, "")
		}
		x.r.Status, x.r.ServiceCode = desk.Status(status), code
		list = append(list, x)
	}
	if err := rows.Err(); err != nil {
		return nil, fail("open requests", err, "")
	}
	out := make([]desk.Request, 0, len(list))
	for _, x := range list {
		p, err := tx.q.unseal(x.sealed, peopleAD(x.r.TrackingCode))
		if err != nil {
			return nil, err
		}
		var ppl people
		if err := json.Unmarshal(p, &ppl); err != nil {
			return nil, fmt.Errorf("store: request people: %w", err)
		}
		x.r.Applicant, x.r.Representative = ppl.Applicant, ppl.Representative
		out = append(out, x.r)
	}
	return out, nil
}
