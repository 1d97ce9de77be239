package store

import (
	"context"
	"sort"
)

// Test-only access to the database underneath.

// FilePath is the SQLite file, "" on PostgreSQL.
func FilePath(s *Store) string { return s.path }

// Checkpoint copies the SQLite WAL into the main file so a test can read it.
func Checkpoint(ctx context.Context, s *Store) error {
	_, err := s.write.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`)
	return err
}

// Columns lists "table.column" for every table of the schema, sorted.
func Columns(ctx context.Context, s *Store) ([]string, error) {
	q := `SELECT table_name, column_name FROM information_schema.columns
	      WHERE table_schema = current_schema()`
	if s.dialect == SQLite {
		q = `SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p
		     WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'`
	}
	rows, err := s.read.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var t, c string
		if err := rows.Scan(&t, &c); err != nil {
			return nil, err
		}
		out = append(out, t+"."+c)
	}
	sort.Strings(out)
	return out, rows.Err()
}

// RawSQL runs a statement on the writer, for tests that tamper with rows.
func RawSQL(ctx context.Context, s *Store, q string, args ...any) error {
	_, err := s.write.ExecContext(ctx, q, args...)
	return err
}
