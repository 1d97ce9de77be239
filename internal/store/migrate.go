package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"hash/fnv"
	"io/fs"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

// migrations holds one folder per dialect with the same version numbers.
//
//go:embed migrations/sqlite/*.sql migrations/postgres/*.sql
var migrations embed.FS

// migrationFS returns the folder for dialect.
func migrationFS(dialect string) (fs.FS, error) {
	return fs.Sub(migrations, "migrations/"+dialect)
}

// Migrate brings the schema up to date. On PostgreSQL an advisory lock keeps
// two instances starting together from migrating at once; on SQLite the
// single writer connection does the same.
func (s *Store) Migrate(ctx context.Context) error {
	fsys, err := migrationFS(s.dialect)
	if err != nil {
		return fmt.Errorf("store: migrate: %w", err)
	}
	var (
		dialect goose.Dialect
		opts    []goose.ProviderOption
		db      *sql.DB = s.write
	)
	switch s.dialect {
	case SQLite:
		dialect = goose.DialectSQLite3
	case Postgres:
		dialect = goose.DialectPostgres
		// The lock is per schema: instances migrating the same schema wait
		// for each other, while tests in schemas of their own do not.
		var schema string
		if err := db.QueryRowContext(ctx, `SELECT current_schema()`).Scan(&schema); err != nil {
			return fmt.Errorf("store: migrate: %w", err)
		}
		h := fnv.New64a()
		h.Write([]byte(schema))
		l, err := lock.NewPostgresSessionLocker(
			lock.WithLockID(lock.DefaultLockID^int64(h.Sum64()>>1)),
			lock.WithLockTimeout(1, 300))
		if err != nil {
			return fmt.Errorf("store: migrate: %w", err)
		}
		opts = append(opts, goose.WithSessionLocker(l))
	}
	p, err := goose.NewProvider(dialect, db, fsys, opts...)
	if err != nil {
		return fmt.Errorf("store: migrate: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("store: migrate: %w", err)
	}
	return nil
}
