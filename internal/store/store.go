// Package store is the only package that speaks SQL. One SQL text serves
// SQLite (modernc.org/sqlite) and PostgreSQL (pgx through database/sql):
// placeholders are $1…$N, times come from Go in UTC, JSON is TEXT, and Persian
// search uses a column folded in Go. Personal data is sealed with the
// injected Cipher before it reaches a row, so callers deal in plaintext desk
// types and the database holds none.
//
// Reads are methods on *Store; writes are methods on *Tx, obtained from
// InTx. On SQLite the writes go through a single-connection pool opened with
// BEGIN IMMEDIATE, so writers queue in Go instead of failing with SQLITE_BUSY.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// Cipher seals personal data and computes blind indexes for equality
// look-ups. *vault.Vault satisfies it.
type Cipher interface {
	SealAD(plain, ad []byte) ([]byte, error)
	UnsealAD(ct, ad []byte) ([]byte, error)
	Index(s string) string // keyed blind index (HMAC hex)
}

// Dialect names.
const (
	SQLite   = "sqlite"
	Postgres = "postgres"
)

// Store is a handle on the database. It is safe for concurrent use.
type Store struct {
	dialect string
	path    string  // SQLite file, "" on PostgreSQL
	read    *sql.DB // reads outside transactions
	write   *sql.DB // transactions and the few writes outside them; == read on PostgreSQL
	c       Cipher
}

// Tx is one write transaction; see Store.InTx.
type Tx struct {
	q  conn
	tx *sql.Tx
}

// querier is what *sql.DB and *sql.Tx share; every query is written once
// against it so Store and Tx read the same way.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// conn is a querier with the cipher; all SQL lives in methods on it.
type conn struct {
	db querier
	c  Cipher
}

// Open connects to dsn: "postgres://…" or "postgresql://…" is PostgreSQL,
// anything else a SQLite file path (its directory is created). Open does not
// migrate; call Migrate.
func Open(ctx context.Context, dsn string, c Cipher) (*Store, error) {
	if c == nil {
		return nil, errors.New("store: no cipher")
	}
	var (
		s   *Store
		err error
	)
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		s, err = openPostgres(dsn)
	} else {
		s, err = openSQLite(dsn)
	}
	if err != nil {
		return nil, err
	}
	s.c = c
	if err := s.Ping(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// Close closes the pools.
func (s *Store) Close() error {
	err := s.write.Close()
	if s.read != s.write {
		err = errors.Join(err, s.read.Close())
	}
	return err
}

// Dialect is "sqlite" or "postgres".
func (s *Store) Dialect() string { return s.dialect }

// Ping checks that the database answers, through both pools.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.write.PingContext(ctx); err != nil {
		return fmt.Errorf("store: ping: %w", err)
	}
	if s.read != s.write {
		if err := s.read.PingContext(ctx); err != nil {
			return fmt.Errorf("store: ping: %w", err)
		}
	}
	return nil
}

// InTx runs fn in one transaction: commit when fn returns nil, roll back
// otherwise (and on panic). fn's error is returned unchanged so a *desk.Error
// reaches the caller intact. On SQLite there is one writer at a time: do not
// call Store methods that write (MarkSMSSent, MarkSMSRetry) from inside fn.
func (s *Store) InTx(ctx context.Context, fn func(tx *Tx) error) (err error) {
	sqlTx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	done := false
	defer func() {
		if !done {
			sqlTx.Rollback()
		}
	}()
	if err := fn(&Tx{q: conn{db: sqlTx, c: s.c}, tx: sqlTx}); err != nil {
		return err
	}
	done = true
	if err := sqlTx.Commit(); err != nil {
		return fmt.Errorf("store: commit: %w", mapErr(err))
	}
	return nil
}

// r is the reading side of the store.
func (s *Store) r() conn { return conn{db: s.read, c: s.c} }

// w writes outside an explicit transaction (single statements only).
func (s *Store) w() conn { return conn{db: s.write, c: s.c} }
