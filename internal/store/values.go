package store

import (
	"database/sql"
	"encoding/base64"
	"fmt"
	"time"
)

// ts is how every time is written: UTC, no monotonic reading, microseconds
// (PostgreSQL's precision), so a value reads back equal on both databases and
// SQLite's text timestamps compare in time order.
func ts(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

// nullTime writes the zero time as NULL.
func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return ts(t)
}

// fromNull reads a nullable time; NULL is the zero time.
func fromNull(t sql.NullTime) time.Time {
	if !t.Valid {
		return time.Time{}
	}
	return t.Time.UTC()
}

// nullInt writes 0 as NULL (ids that refer to nothing).
func nullInt(n int64) any {
	if n == 0 {
		return nil
	}
	return n
}

// nullString writes "" as NULL (optional unique keys).
func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// seal encrypts plain bound to ad and returns base64 for a TEXT column.
func (q conn) seal(plain []byte, ad string) (string, error) {
	ct, err := q.c.SealAD(plain, []byte(ad))
	if err != nil {
		return "", fmt.Errorf("store: seal %s: %w", ad, err)
	}
	return base64.StdEncoding.EncodeToString(ct), nil
}

// unseal reverses seal; a ciphertext moved from another row fails here.
func (q conn) unseal(text, ad string) ([]byte, error) {
	ct, err := base64.StdEncoding.DecodeString(text)
	if err != nil {
		return nil, fmt.Errorf("store: unseal %s: %w", ad, err)
	}
	p, err := q.c.UnsealAD(ct, []byte(ad))
	if err != nil {
		return nil, fmt.Errorf("store: unseal %s: %w", ad, err)
	}
	return p, nil
}

// index is the blind index of a non-empty value; "" stays "".
func (q conn) index(s string) string {
	if s == "" {
		return ""
	}
	return q.c.Index(s)
}

// scanner is a *sql.Row or *sql.Rows.
type scanner interface{ Scan(dest ...any) error }
