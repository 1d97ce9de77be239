package store

import (
	"context"
	"errors"

	"mizban/internal/desk"
)

// Owner is what a document belongs to: a draft or a request, exactly one.
type Owner struct {
	DraftID   string
	RequestID int64
}

// where returns the SQL condition selecting the owner's documents, with its
// argument numbered n.
func (o Owner) where(n string) (string, any, error) {
	switch {
	case o.DraftID != "" && o.RequestID == 0:
		return `draft_id = ` + n, o.DraftID, nil
	case o.DraftID == "" && o.RequestID != 0:
		return `request_id = ` + n, o.RequestID, nil
	}
	return "", nil, errors.New("store: document owner must be exactly one of draft and request")
}

// The name is bound to the file's storage key, which stays with the row when
// a draft's documents move to the request.
func documentAD(storeKey string) string { return "document:" + storeKey }

const documentColumns = `id, doc_key, name, mime, size, sha256, store_key`

func (q conn) scanDocument(sc scanner) (desk.Document, error) {
	var (
		d    desk.Document
		name string
	)
	if err := sc.Scan(&d.ID, &d.DocKey, &name, &d.MIME, &d.Size, &d.SHA256, &d.StoreKey); err != nil {
		return desk.Document{}, err
	}
	p, err := q.unseal(name, documentAD(d.StoreKey))
	if err != nil {
		return desk.Document{}, err
	}
	d.Name = string(p)
	return d, nil
}

// AddDocument records d for o and sets d.ID. The bytes live in files.Store.
func (tx *Tx) AddDocument(ctx context.Context, o Owner, d *desk.Document) error {
	if _, _, err := o.where("$1"); err != nil {
		return err
	}
	name, err := tx.q.seal([]byte(d.Name), documentAD(d.StoreKey))
	if err != nil {
		return err
	}
	err = tx.tx.QueryRowContext(ctx,
		`INSERT INTO documents (draft_id, request_id, doc_key, name, mime, size, sha256, store_key)
		 VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
		nullString(o.DraftID), nullInt(o.RequestID), d.DocKey, name, d.MIME, d.Size, d.SHA256,
		d.StoreKey).Scan(&d.ID)
	return fail("add document", err, "")
}

// Documents lists o's documents in the order they were added.
func (s *Store) Documents(ctx context.Context, o Owner) ([]desk.Document, error) {
	return s.r().documents(ctx, o)
}

// Documents is Store.Documents inside the transaction.
func (tx *Tx) Documents(ctx context.Context, o Owner) ([]desk.Document, error) {
	return tx.q.documents(ctx, o)
}

func (q conn) documents(ctx context.Context, o Owner) ([]desk.Document, error) {
	cond, arg, err := o.where("$1")
	if err != nil {
		return nil, err
	}
	rows, err := q.db.QueryContext(ctx,
		`SELECT `+documentColumns+` FROM documents WHERE `+cond+` ORDER BY id`, arg)
	if err != nil {
		return nil, fail("documents", err, "")
	}
	defer rows.Close()
	var out []desk.Document
	for rows.Next() {
		d, err := q.scanDocument(rows)
		if err != nil {
			return nil, fail("documents", err, "")
		}
		out = append(out, d)
	}
	return out, fail("documents", rows.Err(), "")
}

// DeleteDocument deletes document id of o and returns it, so the caller can
// delete the file. A document of another owner is not found.
func (tx *Tx) DeleteDocument(ctx context.Context, o Owner, id int64) (desk.Document, error) {
	cond, arg, err := o.where("$2")
	if err != nil {
		return desk.Document{}, err
	}
	d, err := tx.q.scanDocument(tx.tx.QueryRowContext(ctx,
		`DELETE FROM documents WHERE id = $1 AND `+cond+` RETURNING `+documentColumns, id, arg))
	if err != nil {
		return desk.Document{}, fail("delete document", err, msgNoDocument)
	}
	return d, nil
}

// AttachDocuments moves a draft's documents to the request it became.
func (tx *Tx) AttachDocuments(ctx context.Context, draftID string, requestID int64) error {
	_, err := tx.tx.ExecContext(ctx,
		`UPDATE documents SET draft_id = NULL, request_id = $1 WHERE draft_id = $2`,
		requestID, draftID)
	return fail("attach documents", err, "")
}
