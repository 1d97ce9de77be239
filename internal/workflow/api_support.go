package workflow

import (
	"bytes"
	"context"
	"encoding/json"
	"slices"

	"mizban/internal/desk"
	"mizban/internal/store"
)

// reservedData marks a draft reserved for an Idempotency-Key but not yet
// filled by SaveDraft; a real application always marshals to an object.
var reservedData = []byte("null")

// IdempotentDraftID derives the draft id of an API application from its
// Idempotency-Key. The keyed hash makes the mapping durable (a repeat finds
// the draft) without a table of its own, and the key never reaches the
// database in the clear.
func (f *Flow) IdempotentDraftID(key string) string {
	return f.Keys.Index("api-idempotency:" + key)[:32]
}

// ReserveDraft creates an empty draft with id for the service unless one
// exists, so SaveDraft (which only accepts ids it knows) can fill it. It
// reports whether the draft was new or is still unfilled.
func (f *Flow) ReserveDraft(ctx context.Context, id, serviceCode, client string) (fresh bool, err error) {
	svc, err := f.Store.Service(ctx, serviceCode)
	if err != nil {
		return false, err
	}
	now := f.now()
	err = f.Store.InTx(ctx, func(tx *store.Tx) error {
		old, err := tx.Draft(ctx, id)
		if err == nil {
			fresh = bytes.Equal(old.Data, reservedData)
			return nil
		}
		if desk.ErrorCode(err) != desk.ENOTFOUND {
			return err
		}
		fresh = true
		return tx.PutDraft(ctx, store.Draft{
			ID: id, ServiceCode: svc.Code, ServiceVersion: svc.Version, Data: reservedData,
			Client: client, CreatedAt: now, ExpiresAt: now.Add(f.Opt.DraftTTL),
		})
	})
	return fresh, err
}

// SameApplication reports whether draft id already holds what in would
// store: the same service, the same answers after SaveDraft's cleaning, and
// the same accepted documents (key, name and SHA-256). It is how a repeated
// API call with an Idempotency-Key is told from a different one.
func (f *Flow) SameApplication(ctx context.Context, id string, in ApplyInput) (bool, error) {
	d, err := f.Store.Draft(ctx, id)
	if err != nil {
		return false, err
	}
	if d.ServiceCode != in.ServiceCode || bytes.Equal(d.Data, reservedData) {
		return false, nil
	}
	svc, err := f.Store.ServiceVersion(ctx, d.ServiceCode, d.ServiceVersion)
	if err != nil {
		return false, err
	}
	app, _ := cleanApplication(svc, in.App)
	data, err := json.Marshal(app)
	if err != nil {
		return false, err
	}
	if !bytes.Equal(data, d.Data) {
		return false, nil
	}
	owner := store.Owner{DraftID: id}
	if d.RequestID != 0 {
		owner = store.Owner{RequestID: d.RequestID}
	}
	docs, err := f.Store.Documents(ctx, owner)
	if err != nil {
		return false, err
	}
	var have, want []string
	for _, doc := range docs {
		have = append(have, doc.DocKey+"\x00"+doc.Name+"\x00"+doc.SHA256)
	}
	for _, up := range in.Uploads {
		if len(up.Data) == 0 {
			continue
		}
		if doc, msg := f.checkUpload(svc, up); msg == "" {
			want = append(want, doc.DocKey+"\x00"+doc.Name+"\x00"+doc.SHA256)
		}
	}
	slices.Sort(have)
	slices.Sort(want)
	return slices.Equal(have, want), nil
}
