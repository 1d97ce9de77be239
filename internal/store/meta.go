package store

import (
	"context"
	"database/sql"
	"errors"
)

// Meta returns the value stored under key and whether there is one.
func (s *Store) Meta(ctx context.Context, key string) (string, bool, error) {
	var v string
	err := s.read.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = $1`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fail("meta", err, "")
	}
	return v, true, nil
}

// SetMeta stores value under key, replacing any earlier value.
func (tx *Tx) SetMeta(ctx context.Context, key, value string) error {
	_, err := tx.tx.ExecContext(ctx,
		`INSERT INTO meta (key, value) VALUES ($1, $2)
		 ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
	return fail("set meta", err, "")
}
