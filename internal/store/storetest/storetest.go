// Package storetest gives tests a fresh, migrated store: SQLite in a
// temporary directory always, and PostgreSQL in a schema of its own when
// MIZBAN_TEST_POSTGRES holds a DSN.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver, to create and drop schemas

	"mizban/internal/store"
	"mizban/internal/vault"
)

// EnvPostgres names the variable holding the PostgreSQL test DSN.
const EnvPostgres = "MIZBAN_TEST_POSTGRES"

// Vault returns the fixed-key vault every test store uses, so a test can
// seal or index values the same way the store does.
func Vault(t testing.TB) *vault.Vault {
	t.Helper()
	key := make([]byte, vault.KeySize)
	for i := range key {
		key[i] = byte(i + 1)
	}
	v, err := vault.New(key)
	if err != nil {
		t.Fatalf("storetest: vault: %v", err)
	}
	return v
}

// Open returns a fresh migrated SQLite store in t.TempDir(), closed when the
// test ends.
func Open(t testing.TB) *store.Store {
	t.Helper()
	return open(t, filepath.Join(t.TempDir(), "mizban.db"))
}

// OpenPostgres returns a fresh migrated PostgreSQL store in a schema of its
// own, dropped when the test ends, or skips the test when
// MIZBAN_TEST_POSTGRES is unset.
func OpenPostgres(t testing.TB) *store.Store {
	t.Helper()
	return open(t, PostgresDSN(t))
}

// PostgresDSN creates a fresh schema on MIZBAN_TEST_POSTGRES, dropped when
// the test ends, and returns a DSN whose search_path selects it; it skips
// the test when the variable is unset. For tests that open the database
// themselves (a whole app, a child process).
func PostgresDSN(t testing.TB) string {
	t.Helper()
	base := os.Getenv(EnvPostgres)
	if base == "" {
		t.Skip("PostgreSQL leg skipped: set " + EnvPostgres +
			"='postgres://user@127.0.0.1:5432/db?sslmode=disable' to run it")
	}
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("storetest: %v", err)
	}
	defer admin.Close()
	b := make([]byte, 8)
	rand.Read(b)
	schema := "t_" + hex.EncodeToString(b)
	if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
		t.Fatalf("storetest: create schema: %v", err)
	}
	t.Cleanup(func() {
		db, err := sql.Open("pgx", base)
		if err != nil {
			t.Errorf("storetest: %v", err)
			return
		}
		defer db.Close()
		if _, err := db.Exec(`DROP SCHEMA ` + schema + ` CASCADE`); err != nil {
			t.Errorf("storetest: drop schema: %v", err)
		}
	})
	dsn, err := withSearchPath(base, schema)
	if err != nil {
		t.Fatalf("storetest: %v", err)
	}
	return dsn
}

// withSearchPath adds search_path to a URL DSN; pgx sends unknown
// parameters to the server as run-time settings.
func withSearchPath(dsn, schema string) (string, error) {
	u, err := url.Parse(dsn)
	if err != nil {
		return "", err
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String(), nil
}

// Cleanups run last-in first-out, so the store closes before its schema is
// dropped.
func open(t testing.TB, dsn string) *store.Store {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, dsn, Vault(t))
	if err != nil {
		t.Fatalf("storetest: open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.Migrate(ctx); err != nil {
		t.Fatalf("storetest: migrate: %v", err)
	}
	return s
}

// Each runs fn as a subtest on a fresh SQLite store and, when
// MIZBAN_TEST_POSTGRES is set, on a fresh PostgreSQL schema; otherwise the
// PostgreSQL subtest is skipped with a message saying how to run it.
func Each(t *testing.T, fn func(t *testing.T, s *store.Store)) {
	t.Helper()
	t.Run(store.SQLite, func(t *testing.T) { fn(t, Open(t)) })
	t.Run(store.Postgres, func(t *testing.T) { fn(t, OpenPostgres(t)) })
}
