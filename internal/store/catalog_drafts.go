package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"mizban/internal/desk"
)

// Catalog draft states (workflow names them too).
const (
	DraftEditing   = "editing"
	DraftReview    = "review"
	DraftScheduled = "scheduled"
)

// msgDraftGone is the answer when a catalog draft is not there (any more).
const msgDraftGone = "پیش‌نویسی برای این خدمت پیدا نشد؛ شاید منتشر یا کنار گذاشته شده است. فهرست شناسنامه‌ها را دوباره باز کنید."

// CatalogDraft is the one open draft of a service card. Revision is the
// optimistic lock: every save bumps it, and a save from an older revision
// is refused.
type CatalogDraft struct {
	Code          string
	New           bool // no published version when the draft began
	BaseVersion   int  // published version the draft started from
	Revision      int
	State         string
	Card          desk.Service
	EffectiveAt   time.Time // zero: on approval
	UpdatedBy     string    // staff label
	UpdatedName   string    // staff name, for "saved meanwhile by …"
	UpdatedAt     time.Time
	SubmittedBy   string // staff label of who sent it for review
	SubmittedName string
	ReviewNote    string
	ApprovedBy    string // staff name of the approver, while scheduled
}

const draftColumns = `code, is_new, base_version, revision, state, card, effective_at, updated_by,
	updated_name, updated_at, submitted_by, submitted_name, review_note, approved_by`

func scanDraft(sc scanner) (CatalogDraft, error) {
	var (
		d    CatalogDraft
		card string
		eff  sql.NullTime
	)
	if err := sc.Scan(&d.Code, &d.New, &d.BaseVersion, &d.Revision, &d.State, &card, &eff, &d.UpdatedBy,
		&d.UpdatedName, &d.UpdatedAt, &d.SubmittedBy, &d.SubmittedName, &d.ReviewNote, &d.ApprovedBy); err != nil {
		return CatalogDraft{}, err
	}
	if err := json.Unmarshal([]byte(card), &d.Card); err != nil {
		return CatalogDraft{}, fmt.Errorf("store: catalog draft %s: %w", d.Code, err)
	}
	d.EffectiveAt, d.UpdatedAt = fromNull(eff), d.UpdatedAt.UTC()
	return d, nil
}

// CatalogDraft returns the open draft of code (ENOTFOUND when none).
func (s *Store) CatalogDraft(ctx context.Context, code string) (CatalogDraft, error) {
	return s.r().catalogDraft(ctx, code)
}

// CatalogDraft is Store.CatalogDraft inside the transaction.
func (tx *Tx) CatalogDraft(ctx context.Context, code string) (CatalogDraft, error) {
	return tx.q.catalogDraft(ctx, code)
}

func (q conn) catalogDraft(ctx context.Context, code string) (CatalogDraft, error) {
	d, err := scanDraft(q.db.QueryRowContext(ctx,
		`SELECT `+draftColumns+` FROM catalog_drafts WHERE code = $1`, cleanText(code)))
	return d, fail("catalog draft", err, msgDraftGone)
}

// CatalogDrafts lists every open draft, the most recently saved first.
func (s *Store) CatalogDrafts(ctx context.Context) ([]CatalogDraft, error) {
	return s.r().catalogDrafts(ctx, `SELECT `+draftColumns+` FROM catalog_drafts ORDER BY updated_at DESC, code`)
}

// DueCatalogDrafts lists the scheduled drafts whose effective date is at or
// before now, the earliest first.
func (tx *Tx) DueCatalogDrafts(ctx context.Context, now time.Time) ([]CatalogDraft, error) {
	return tx.q.catalogDrafts(ctx, `SELECT `+draftColumns+` FROM catalog_drafts
		WHERE state = $1 AND effective_at <= $2 ORDER BY effective_at, code`, DraftScheduled, ts(now))
}

func (q conn) catalogDrafts(ctx context.Context, query string, args ...any) ([]CatalogDraft, error) {
	rows, err := q.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fail("catalog drafts", err, "")
	}
	defer rows.Close()
	var out []CatalogDraft
	for rows.Next() {
		d, err := scanDraft(rows)
		if err != nil {
			return nil, fail("catalog drafts", err, "")
		}
		out = append(out, d)
	}
	return out, fail("catalog drafts", rows.Err(), "")
}

// CreateCatalogDraft stores a service's first draft with revision 1. A
// draft already open for the code is ECONFLICT (the statement does not
// fail, so a PostgreSQL transaction stays usable).
func (tx *Tx) CreateCatalogDraft(ctx context.Context, d *CatalogDraft) error {
	card, err := json.Marshal(d.Card)
	if err != nil {
		return fmt.Errorf("store: catalog draft: %w", err)
	}
	var rev int
	err = tx.tx.QueryRowContext(ctx,
		`INSERT INTO catalog_drafts (`+draftColumns+`)
		 VALUES ($1, $2, $3, 1, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
		 ON CONFLICT (code) DO NOTHING RETURNING revision`,
		d.Code, d.New, d.BaseVersion, d.State, string(card), nullTime(d.EffectiveAt), d.UpdatedBy,
		d.UpdatedName, ts(d.UpdatedAt), d.SubmittedBy, d.SubmittedName, d.ReviewNote, d.ApprovedBy).Scan(&rev)
	if errors.Is(err, sql.ErrNoRows) {
		return &desk.Error{Code: desk.ECONFLICT, Message: msgDraftTaken}
	}
	if err != nil {
		return fail("catalog draft", err, "")
	}
	d.Revision = rev
	return nil
}

// msgDraftTaken: someone saved a draft of the code first.
const msgDraftTaken = "همکار دیگری هم‌زمان پیش‌نویسی برای این خدمت ذخیره کرده است؛ صفحه را دوباره باز کنید."

// UpdateCatalogDraft overwrites the draft of d.Code if its stored revision
// is still d.Revision, and sets d.Revision to the next one. Otherwise it is
// ECONFLICT and nothing changes.
func (tx *Tx) UpdateCatalogDraft(ctx context.Context, d *CatalogDraft) error {
	card, err := json.Marshal(d.Card)
	if err != nil {
		return fmt.Errorf("store: catalog draft: %w", err)
	}
	var rev int
	err = tx.tx.QueryRowContext(ctx,
		`UPDATE catalog_drafts SET is_new = $1, base_version = $2, revision = revision + 1, state = $3,
		   card = $4, effective_at = $5, updated_by = $6, updated_name = $7, updated_at = $8,
		   submitted_by = $9, submitted_name = $10, review_note = $11, approved_by = $12
		 WHERE code = $13 AND revision = $14 RETURNING revision`,
		d.New, d.BaseVersion, d.State, string(card), nullTime(d.EffectiveAt), d.UpdatedBy, d.UpdatedName,
		ts(d.UpdatedAt), d.SubmittedBy, d.SubmittedName, d.ReviewNote, d.ApprovedBy, d.Code, d.Revision).Scan(&rev)
	if errors.Is(err, sql.ErrNoRows) {
		return &desk.Error{Code: desk.ECONFLICT, Message: msgDraftMoved}
	}
	if err != nil {
		return fail("catalog draft", err, "")
	}
	d.Revision = rev
	return nil
}

// msgDraftMoved: the draft changed since the page was built.
const msgDraftMoved = "این پیش‌نویس در این فاصله تغییر کرده است؛ صفحه را دوباره باز کنید."

// DeleteCatalogDraft removes the draft of code if its revision is still
// revision (ECONFLICT otherwise, ENOTFOUND when there is none).
func (tx *Tx) DeleteCatalogDraft(ctx context.Context, code string, revision int) error {
	res, err := tx.tx.ExecContext(ctx,
		`DELETE FROM catalog_drafts WHERE code = $1 AND revision = $2`, code, revision)
	if err != nil {
		return fail("delete catalog draft", err, "")
	}
	if n, err := res.RowsAffected(); err != nil {
		return fail("delete catalog draft", err, "")
	} else if n == 1 {
		return nil
	}
	if _, err := tx.q.catalogDraft(ctx, code); err != nil {
		return err
	}
	return &desk.Error{Code: desk.ECONFLICT, Message: msgDraftMoved}
}
