// Command load measures the desk under concurrent load over real HTTP: it
// starts the app in this process (demo data, a fresh data directory and,
// for PostgreSQL, a fresh schema) on 127.0.0.1 and drives three scenarios
// one after another with N clients each: reading the catalog, tracking
// requests and the whole online submission.
//
//	go run ./bench/load -db sqlite -duration 20s -clients 8
//	MIZBAN_TEST_POSTGRES='postgres://…' go run ./bench/load -db postgres
//
// See docs/benchmarks.md for the numbers and how to read them.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"runtime"
	"slices"
	"strings"
	"time"
)

func main() {
	db := flag.String("db", "sqlite", "database: sqlite or postgres")
	dsn := flag.String("dsn", os.Getenv("MIZBAN_TEST_POSTGRES"), "PostgreSQL URL for -db postgres (default $MIZBAN_TEST_POSTGRES); a fresh schema is made in it and dropped after")
	duration := flag.Duration("duration", 20*time.Second, "how long each scenario runs")
	clients := flag.Int("clients", 8, "concurrent clients")
	maxOps := flag.Int("max", 1_000_000, "at most this many operations per client and scenario")
	tracked := flag.Int("requests", 200, "requests created before the tracking scenario")
	only := flag.String("scenarios", "catalog,track,submit", "comma-separated scenarios to run")
	verbose := flag.Bool("v", false, "log the desk's warnings")
	flag.Parse()
	if *clients < 1 || *duration <= 0 || *maxOps < 1 || *tracked < 1 {
		fmt.Fprintln(os.Stderr, "load: -clients, -duration, -max and -requests must be positive")
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, *db, *dsn, limits{Clients: *clients, Duration: *duration, MaxOps: *maxOps}, *tracked, strings.Split(*only, ","), *verbose); err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, db, dsn string, lim limits, nTracked int, scenarios []string, verbose bool) error {
	var logOut io.Writer = io.Discard
	if verbose {
		logOut = os.Stderr
	}
	log := slog.New(slog.NewTextHandler(logOut, &slog.HandlerOptions{Level: slog.LevelWarn}))
	srv, err := startServer(ctx, db, dsn, log)
	if err != nil {
		return err
	}
	defer func() {
		if err := srv.stop(); err != nil {
			fmt.Fprintln(os.Stderr, "load: cleanup:", err)
		}
	}()
	d := newDriver(srv, lim.Clients)
	fmt.Printf("db=%s clients=%d duration=%s go=%s GOMAXPROCS=%d %s/%s\n\n",
		db, lim.Clients, lim.Duration, runtime.Version(), runtime.GOMAXPROCS(0), runtime.GOOS, runtime.GOARCH)
	var results []result
	for _, sc := range scenarios {
		if ctx.Err() != nil {
			break
		}
		switch strings.TrimSpace(sc) {
		case "catalog":
			results = append(results, d.catalog(ctx, lim))
		case "track":
			start := time.Now()
			reqs, err := precreate(ctx, srv, nTracked)
			if err != nil {
				return err
			}
			fmt.Printf("created %d requests to track in %s\n\n", len(reqs), time.Since(start).Round(time.Millisecond))
			results = append(results, d.track(ctx, lim, reqs))
		case "submit":
			results = append(results, d.submit(ctx, lim))
		default:
			return fmt.Errorf("unknown scenario %q (want catalog, track or submit)", sc)
		}
	}
	report(os.Stdout, results)
	for _, r := range results {
		for _, s := range r.Steps {
			if sum := s.summarize(r.Elapsed); sum.Errors > 0 {
				return fmt.Errorf("%s / %s: %d errors, first: %s", r.Scenario, s.name, sum.Errors, sum.FirstError)
			}
		}
	}
	return nil
}

// report prints one Markdown table row per step.
func report(w io.Writer, results []result) {
	fmt.Fprintln(w, "| scenario | step | ok | errors | req/s | p50 ms | p90 ms | p99 ms |")
	fmt.Fprintln(w, "|---|---|---:|---:|---:|---:|---:|---:|")
	for _, r := range slices.Clone(results) {
		for _, s := range r.Steps {
			sum := s.summarize(r.Elapsed)
			fmt.Fprintf(w, "| %s | %s | %d | %d | %.0f | %s | %s | %s |\n",
				r.Scenario, sum.Name, sum.OK, sum.Errors, sum.PerSecond, ms(sum.P50), ms(sum.P90), ms(sum.P99))
		}
	}
}
