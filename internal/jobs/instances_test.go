package jobs

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"mizban/internal/sms"
	"mizban/internal/store"
	"mizban/internal/store/storetest"
)

// twoStores opens the same database twice, as two app instances would: one
// SQLite file, or one PostgreSQL schema (skipped without
// MIZBAN_TEST_POSTGRES).
func twoStores(t *testing.T, dialect string) (*store.Store, *store.Store) {
	t.Helper()
	ctx := context.Background()
	var dsn string
	switch dialect {
	case store.SQLite:
		dsn = filepath.Join(t.TempDir(), "mizban.db")
	case store.Postgres:
		base := os.Getenv(storetest.EnvPostgres)
		if base == "" {
			t.Skip("PostgreSQL leg skipped: set " + storetest.EnvPostgres)
		}
		admin, err := sql.Open("pgx", base)
		if err != nil {
			t.Fatal(err)
		}
		defer admin.Close()
		b := make([]byte, 8)
		rand.Read(b)
		schema := "t_" + hex.EncodeToString(b)
		if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			db, err := sql.Open("pgx", base)
			if err == nil {
				db.Exec(`DROP SCHEMA ` + schema + ` CASCADE`)
				db.Close()
			}
		})
		u, err := url.Parse(base)
		if err != nil {
			t.Fatal(err)
		}
		q := u.Query()
		q.Set("search_path", schema)
		u.RawQuery = q.Encode()
		dsn = u.String()
	}
	var out [2]*store.Store
	for i := range out {
		s, err := store.Open(ctx, dsn, storetest.Vault(t))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		if err := s.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		out[i] = s
	}
	return out[0], out[1]
}

// countingGateway records how often each message id reaches it.
type countingGateway struct {
	mu    sync.Mutex
	byID  map[string]int
	sends atomic.Int64
}

func (*countingGateway) Name() string { return "counting" }

func (g *countingGateway) Send(ctx context.Context, m sms.Message) (string, error) {
	if err := m.Check(); err != nil {
		return "", err
	}
	n := g.sends.Add(1)
	g.mu.Lock()
	g.byID[m.ID]++
	g.mu.Unlock()
	return fmt.Sprint(n), nil
}

// Two instances draining one outbox at once send every message exactly once.
func TestTwoInstancesSendEachMessageOnce(t *testing.T) {
	const total = 500
	for _, dialect := range []string{store.SQLite, store.Postgres} {
		t.Run(dialect, func(t *testing.T) {
			a, b := twoStores(t, dialect)
			ctx := context.Background()
			now := time.Now()
			for i := 0; i < total; i += 50 {
				if err := a.InTx(ctx, func(tx *store.Tx) error {
					for j := i; j < i+50; j++ {
						kind := "registered"
						if j%7 == 0 {
							kind = "otp"
						}
						m := &store.OutSMS{To: fmt.Sprintf("0912%07d", j), Text: fmt.Sprint("پیام ", j),
							Kind: kind, CreatedAt: now, DedupeKey: fmt.Sprint("k", j)}
						if _, err := tx.EnqueueSMS(ctx, m); err != nil {
							return err
						}
					}
					return nil
				}); err != nil {
					t.Fatal(err)
				}
			}
			g := &countingGateway{byID: map[string]int{}}
			var wg sync.WaitGroup
			for _, st := range []*store.Store{a, b} {
				d := NewDispatcher(st, g, quietLog)
				d.Quiet, d.Batch = Quiet{}, 20 // small batches: many rounds of contention
				wg.Go(func() {
					for idle := 0; idle < 3; {
						if d.RunOnce(ctx) == 0 {
							idle++
						} else {
							idle = 0
						}
					}
				})
			}
			wg.Wait()
			if n := g.sends.Load(); n != total {
				t.Errorf("gateway saw %d sends; want %d", n, total)
			}
			for id, n := range g.byID {
				if n != 1 {
					t.Errorf("message %s sent %d times", id, n)
				}
			}
			if len(g.byID) != total {
				t.Errorf("%d distinct messages sent; want %d", len(g.byID), total)
			}
			left, _ := a.DueSMS(ctx, time.Now().Add(time.Hour), 10)
			if len(left) != 0 {
				t.Errorf("%d messages left pending", len(left))
			}
		})
	}
}
