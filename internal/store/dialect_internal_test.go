package store

import (
	"context"
	"database/sql"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"mizban/internal/desk"
)

// One SQL text serves both databases only because modernc binds $N by its
// number, not by position; this pins it.
func TestSQLiteBindsDollarByNumber(t *testing.T) {
	db, err := sql.Open("sqlite", filepath.Join(t.TempDir(), "bind.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var got string
	err = db.QueryRow(`SELECT $2 || '-' || $1 || '-' || $2 || '-' || $3`, "a", "b", "c").Scan(&got)
	if err != nil {
		t.Fatal(err)
	}
	if got != "b-a-b-c" {
		t.Fatalf("got %q, want %q", got, "b-a-b-c")
	}
}

func migrationVersions(t *testing.T, dialect string) []string {
	t.Helper()
	fsys, err := migrationFS(dialect)
	if err != nil {
		t.Fatal(err)
	}
	names, err := fs.Glob(fsys, "*.sql")
	if err != nil {
		t.Fatal(err)
	}
	var versions []string
	for _, n := range names {
		v, _, ok := strings.Cut(n, "_")
		if !ok {
			t.Fatalf("%s/%s: name must be VERSION_name.sql", dialect, n)
		}
		versions = append(versions, v)
	}
	return versions
}

func TestMigrationVersionsMatch(t *testing.T) {
	lite, pg := migrationVersions(t, SQLite), migrationVersions(t, Postgres)
	if len(lite) == 0 {
		t.Fatal("no migrations embedded")
	}
	if !slices.Equal(lite, pg) {
		t.Fatalf("migration versions differ:\n sqlite   %v\n postgres %v", lite, pg)
	}
}

func TestSQLiteUniqueIsConflict(t *testing.T) {
	db, err := sql.Open("sqlite", filepath.Join(t.TempDir(), "u.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	if _, err := db.ExecContext(ctx, `CREATE TABLE u (k TEXT PRIMARY KEY, v TEXT UNIQUE)`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, `INSERT INTO u VALUES ('a', 'x')`); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`INSERT INTO u VALUES ('a', 'y')`, `INSERT INTO u VALUES ('b', 'x')`} {
		_, err := db.ExecContext(ctx, q)
		if got := desk.ErrorCode(fail("insert", err, "")); got != desk.ECONFLICT {
			t.Errorf("%s: code %q, want conflict (err %v)", q, got, err)
		}
	}
	_, err = db.ExecContext(ctx, `INSERT INTO nowhere VALUES (1)`)
	if got := desk.ErrorCode(fail("insert", err, "")); got != desk.EINTERNAL {
		t.Errorf("missing table: code %q, want internal", got)
	}
}

func TestOpenRejectsURIPaths(t *testing.T) {
	for _, dsn := range []string{"", "file:x.db", "x.db?_pragma=foo", "a#b"} {
		if s, err := Open(context.Background(), dsn, nopCipher{}); err == nil {
			s.Close()
			t.Errorf("Open(%q) succeeded", dsn)
		}
	}
}

type nopCipher struct{}

func (nopCipher) SealAD(p, _ []byte) ([]byte, error)   { return p, nil }
func (nopCipher) UnsealAD(c, _ []byte) ([]byte, error) { return c, nil }
func (nopCipher) Index(s string) string                { return s }
