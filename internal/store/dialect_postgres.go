package store

import (
	"database/sql"
	"errors"
	"fmt"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
)

// openPostgres opens one modest pool: PostgreSQL handles concurrent writers
// itself, so reads and writes share it.
func openPostgres(dsn string) (*Store, error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("store: open postgres: %w", err)
	}
	db.SetMaxOpenConns(16)
	db.SetMaxIdleConns(16)
	db.SetConnMaxIdleTime(5 * time.Minute)
	return &Store{dialect: Postgres, read: db, write: db}, nil
}

// pgBadText reports text PostgreSQL refuses: a NUL byte or invalid UTF-8
// (SQLSTATE 22021).
func pgBadText(err error) bool {
	var e interface{ SQLState() string }
	return errors.As(err, &e) && e.SQLState() == "22021"
}

// pgUnique reports unique_violation (SQLSTATE 23505).
func pgUnique(err error) bool {
	var e interface{ SQLState() string }
	return errors.As(err, &e) && e.SQLState() == "23505"
}

// Transient reports whether err is PostgreSQL giving up a transaction it
// would otherwise have to wait on forever (deadlock) or could not
// serialise: nothing of it was kept, and running it again is safe.
func Transient(err error) bool {
	var e interface{ SQLState() string }
	return errors.As(err, &e) && (e.SQLState() == "40P01" || e.SQLState() == "40001")
}

// pgClaimSMS is the outbox claim for PostgreSQL, where instances claim at
// the same time: FOR UPDATE SKIP LOCKED makes each skip the rows another is
// claiming instead of waiting for them, and a row another instance claimed
// and committed meanwhile is re-checked against where (its lease is then
// current) and left out. SQLite has no such clause and needs none.
func pgClaimSMS(where string) string { return smsClaimSQL(where, "FOR UPDATE OF s SKIP LOCKED") }
