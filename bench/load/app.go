package main

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"os"
	"sync"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver, to create and drop the run's schema

	"mizban/internal/app"
	"mizban/internal/config"
	"mizban/internal/sms"
	"mizban/internal/workflow"
)

// server is the desk under load, running in this process.
type server struct {
	App   *app.App
	Base  string // http://127.0.0.1:port
	Inbox *inbox
	stop  func() error
}

// startServer starts the desk in demo mode on a free port of 127.0.0.1,
// with a fresh data directory and, for PostgreSQL, a fresh schema. The
// returned server's stop shuts everything down and removes what it made.
func startServer(ctx context.Context, db, dsn string, log *slog.Logger) (*server, error) {
	dir, err := os.MkdirTemp("", "mizban-load-")
	if err != nil {
		return nil, err
	}
	cleanups := []func() error{func() error { return os.RemoveAll(dir) }}
	undo := func() error {
		var first error
		for i := len(cleanups) - 1; i >= 0; i-- {
			if err := cleanups[i](); err != nil && first == nil {
				first = err
			}
		}
		return first
	}
	cfg := config.Defaults()
	cfg.DataDir = dir
	cfg.Demo = true
	switch db {
	case "sqlite":
	case "postgres":
		if dsn == "" {
			undo()
			return nil, fmt.Errorf("postgres needs -dsn or MIZBAN_TEST_POSTGRES")
		}
		withSchema, drop, err := freshSchema(ctx, dsn)
		if err != nil {
			undo()
			return nil, err
		}
		cleanups = append(cleanups, drop)
		cfg.DB = withSchema
	default:
		undo()
		return nil, fmt.Errorf("-db must be sqlite or postgres, not %q", db)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		undo()
		return nil, err
	}
	cfg.Addr = l.Addr().String()
	cfg.BaseURL = "http://" + cfg.Addr
	box := newInbox()
	a, err := app.New(ctx, cfg, log, box)
	if err != nil {
		l.Close()
		undo()
		return nil, err
	}
	cleanups = append(cleanups, a.Close)
	raiseLimits(a)
	sctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Serve(sctx, l) }()
	cleanups = append(cleanups, func() error { cancel(); return <-done })
	return &server{App: a, Base: cfg.BaseURL, Inbox: box, stop: undo}, nil
}

// raiseLimits lifts the per-client limits. They stop abuse from one
// address, and every load client shares 127.0.0.1, so without this the run
// would measure the limiter's refusals, not the desk.
func raiseLimits(a *app.App) {
	a.Flow.Lookups = workflow.NewLimiter(1<<30, time.Minute)
	a.Flow.Opt.OTPPerClient = 1 << 30
	a.Flow.Opt.OTPPerMobile = 1 << 30
}

// freshSchema creates a schema of its own for the run and returns the DSN
// that selects it (search_path) and a func that drops it.
func freshSchema(ctx context.Context, dsn string) (string, func() error, error) {
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		return "", nil, err
	}
	b := make([]byte, 6)
	rand.Read(b)
	schema := "load_" + hex.EncodeToString(b)
	if _, err := admin.ExecContext(ctx, `CREATE SCHEMA `+schema); err != nil {
		admin.Close()
		return "", nil, fmt.Errorf("create schema: %w", err)
	}
	drop := func() error {
		defer admin.Close()
		_, err := admin.Exec(`DROP SCHEMA ` + schema + ` CASCADE`)
		return err
	}
	u, err := url.Parse(dsn)
	if err != nil {
		drop()
		return "", nil, err
	}
	q := u.Query()
	q.Set("search_path", schema) // pgx passes unknown parameters on as settings
	u.RawQuery = q.Encode()
	return u.String(), drop, nil
}

// inbox is the SMS provider of the run: sms.Fake checks and records every
// message, and waiters get the texts sent to their number.
type inbox struct {
	fake    *sms.Fake
	mu      sync.Mutex
	waiters map[string]chan string
}

func newInbox() *inbox { return &inbox{fake: sms.NewFake(), waiters: map[string]chan string{}} }

// Name implements sms.Provider.
func (*inbox) Name() string { return "load-inbox" }

// Send implements sms.Provider.
func (b *inbox) Send(ctx context.Context, m sms.Message) (string, error) {
	ref, err := b.fake.Send(ctx, m)
	if err != nil {
		return "", err
	}
	b.mu.Lock()
	ch := b.waiters[m.To]
	b.mu.Unlock()
	if ch != nil {
		select {
		case ch <- m.Text:
		default: // nobody is reading: drop, as a phone that is off would
		}
	}
	return ref, nil
}

// listen starts collecting texts to mobile; call it before the action that
// sends them, and stop with forget.
func (b *inbox) listen(mobile string) <-chan string {
	ch := make(chan string, 4)
	b.mu.Lock()
	b.waiters[mobile] = ch
	b.mu.Unlock()
	return ch
}

func (b *inbox) forget(mobile string) {
	b.mu.Lock()
	delete(b.waiters, mobile)
	b.mu.Unlock()
}
