package main

import (
	"io"
	"log/slog"
	"os"
	"testing"
	"time"
)

// TestScenarios runs every scenario for a fixed number of operations (not
// for a time) and checks each step counted them all without an error.
func TestScenarios(t *testing.T) {
	for _, db := range []string{"sqlite", "postgres"} {
		t.Run(db, func(t *testing.T) {
			dsn := os.Getenv("MIZBAN_TEST_POSTGRES")
			if db == "postgres" && dsn == "" {
				t.Skip("set MIZBAN_TEST_POSTGRES to run the PostgreSQL leg")
			}
			srv, err := startServer(t.Context(), db, dsn, slog.New(slog.NewTextHandler(io.Discard, nil)))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() {
				if err := srv.stop(); err != nil {
					t.Error(err)
				}
			})
			const clients, ops = 2, 4
			lim := limits{Clients: clients, Duration: time.Minute, MaxOps: ops}
			d := newDriver(srv, clients)
			reqs, err := precreate(t.Context(), srv, 5)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range []result{d.catalog(t.Context(), lim), d.track(t.Context(), lim, reqs), d.submit(t.Context(), lim)} {
				total := 0
				for _, s := range r.Steps {
					sum := s.summarize(r.Elapsed)
					if sum.Errors != 0 {
						t.Errorf("%s / %s: %d errors, first: %s", r.Scenario, sum.Name, sum.Errors, sum.FirstError)
					}
					total += sum.OK
				}
				want := clients * ops // catalog splits its operations over two steps
				if r.Scenario == "submit" {
					want *= len(r.Steps)
				}
				if total != want {
					t.Errorf("%s: %d successful requests over its steps, want %d", r.Scenario, total, want)
				}
			}
		})
	}
}

// The limits the run raises must really be raised: one address makes every
// request.
func TestRaiseLimits(t *testing.T) {
	srv, err := startServer(t.Context(), "sqlite", "", slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer srv.stop()
	for i := range 1000 {
		if !srv.App.Flow.Lookups.Allow("one client") {
			t.Fatalf("look-up %d refused", i+1)
		}
	}
	if o := srv.App.Flow.Opt; o.OTPPerClient < 1<<20 || o.OTPPerMobile < 1<<20 {
		t.Errorf("one-time code limits still %d per client, %d per mobile", o.OTPPerClient, o.OTPPerMobile)
	}
}

func TestStartServerRejectsUnknownDB(t *testing.T) {
	if _, err := startServer(t.Context(), "mysql", "", slog.New(slog.NewTextHandler(io.Discard, nil))); err == nil {
		t.Error("startServer accepted -db mysql")
	}
	if _, err := startServer(t.Context(), "postgres", "", slog.New(slog.NewTextHandler(io.Discard, nil))); err == nil {
		t.Error("startServer accepted postgres without a DSN")
	}
}
