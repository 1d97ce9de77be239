package app_test

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"testing"
	"time"

	"mizban/internal/app"
	"mizban/internal/config"
	"mizban/internal/store"
)

func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// TestDemoSeedOnce restarts the desk on the same data directory: the demo
// data is seeded once, and changes made since survive the restart.
func TestDemoSeedOnce(t *testing.T) {
	ctx := context.Background()
	cfg := config.Defaults()
	cfg.DataDir = t.TempDir()
	cfg.Demo = true
	a, err := app.New(ctx, cfg, quiet(), nil)
	if err != nil {
		t.Fatal(err)
	}
	first, err := a.Store.Services(ctx, store.ServiceFilter{})
	if err != nil || len(first) < 12 {
		t.Fatalf("demo services = %d, %v; want at least 12", len(first), err)
	}
	svc := first[0]
	svc.Summary = "تغییر پس از راه‌اندازی"
	if err := a.Store.InTx(ctx, func(tx *store.Tx) error { _, err := tx.PublishService(ctx, svc); return err }); err != nil {
		t.Fatal(err)
	}
	a.Close()

	b, err := app.New(ctx, cfg, quiet(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	again, _ := b.Store.Services(ctx, store.ServiceFilter{})
	if len(again) != len(first) {
		t.Fatalf("services after restart = %d; want %d", len(again), len(first))
	}
	got, _ := b.Store.Service(ctx, svc.Code)
	if got.Summary != "تغییر پس از راه‌اندازی" || got.Version != 2 {
		t.Errorf("after restart: version %d %q; the seed must not overwrite later changes", got.Version, got.Summary)
	}
}

// TestServeAndShutdown runs the real server on a free port: health checks
// answer, and cancelling the context shuts it down cleanly.
func TestServeAndShutdown(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cfg := config.Defaults()
	cfg.DataDir = t.TempDir()
	a, err := app.New(ctx, cfg, quiet(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- a.Serve(ctx, l) }()
	for _, p := range []string{"/healthz", "/readyz", "/"} {
		resp, err := http.Get("http://" + l.Addr().String() + p)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("%s = %d", p, resp.StatusCode)
		}
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Serve = %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("server did not shut down")
	}
}

// TestCalendarConfig: Thursday can be made a working day, and an agency's
// own holiday file replaces the shipped one.
func TestCalendarConfig(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	hol := dir + "/holidays.csv"
	if err := os.WriteFile(hol, []byte("date,name\n1405/09/08,تعطیلی آزمایشی\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg := config.Defaults()
	cfg.DataDir = dir
	cfg.Thursday = true
	cfg.Holidays = hol
	a, err := app.New(ctx, cfg, quiet(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	// Filed Wednesday 4 Azar 1405: Thursday 5 Azar is day 1, Saturday 7 day 2,
	// Sunday 8 is the agency's own holiday, Monday 9 day 3.
	filed := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	if got := a.Flow.Cal.Due(filed, 3, false).String(); got != "1405/09/09" {
		t.Errorf("due = %s; want 1405/09/09", got)
	}
	cfg.Holidays = dir + "/missing.csv"
	if _, err := app.New(ctx, cfg, quiet(), nil); err == nil {
		t.Error("a missing holiday file must stop the start")
	}
}

// TestAgencyFromConfig: outside demo mode pages name the configured agency,
// never the demo municipality.
func TestAgencyFromConfig(t *testing.T) {
	cfg := config.Defaults()
	cfg.DataDir = t.TempDir()
	cfg.AgencyName = "اداره کل نمونه"
	cfg.AgencyPhone = "021-1234"
	a, err := app.New(context.Background(), cfg, quiet(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if a.Agency.Name != "اداره کل نمونه" || a.Agency.Address != "" || len(a.Agency.Units) != 0 {
		t.Errorf("agency = %+v; want only what was configured", a.Agency)
	}
}
