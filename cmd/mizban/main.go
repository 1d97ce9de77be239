// Command mizban runs the Mizban service desk.
//
//	mizban serve [--addr 127.0.0.1:8080] [--data ./data] [--db postgres://…] [--demo]
//	mizban migrate [--data ./data] [--db …]
//	mizban version
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"syscall"

	"mizban/internal/app"
	"mizban/internal/config"
	"mizban/internal/demo"
	"mizban/internal/store"
	"mizban/internal/vault"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Getenv, os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "mizban:", err)
		}
		os.Exit(1)
	}
}

const usage = `Mizban (میزبان) — electronic service desk

usage:
  mizban serve [flags]     start the desk (see mizban serve -h)
  mizban migrate [flags]   apply database migrations and exit
  mizban user add|passwd|disable|enable|reset-totp [flags]
                           manage staff accounts (see mizban user -h)
  mizban catalog export|import [flags]
                           export or import the service catalog (see mizban catalog -h)
  mizban version           print the version
`

func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errors.New("no command given")
	}
	switch args[0] {
	case "version":
		fmt.Fprintln(stdout, "mizban", app.Version)
		return nil
	case "serve":
		cfg, err := config.Load("serve", args[1:], getenv)
		if err != nil {
			return err
		}
		return serve(ctx, cfg, stdout)
	case "user":
		return userCmd(ctx, args[1:], getenv, stdout, stderr)
	case "catalog":
		return catalogCmd(ctx, args[1:], getenv, stdout, stderr)
	case "migrate":
		cfg, err := config.Load("migrate", args[1:], getenv)
		if err != nil {
			return err
		}
		return migrate(ctx, cfg, stdout)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return fmt.Errorf("unknown command %q", args[0])
}

func logger(cfg config.Config, w io.Writer) *slog.Logger {
	if cfg.LogJSON {
		return slog.New(slog.NewJSONHandler(w, nil))
	}
	return slog.New(slog.NewTextHandler(w, nil))
}

func serve(ctx context.Context, cfg config.Config, stdout io.Writer) error {
	log := logger(cfg, os.Stderr)
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	a, err := app.New(ctx, cfg, log, nil)
	if err != nil {
		return err
	}
	defer a.Close()
	l, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Mizban %s is serving %s on %s (database: %s)\n", app.Version, a.Agency.Name, cfg.BaseURL, a.Store.Dialect())
	if cfg.Demo {
		fmt.Fprintf(stdout, "Demo mode: SMS messages appear at %s/demo/sms\n", cfg.BaseURL)
		fmt.Fprintf(stdout, "Demo staff sign in at %s/staff/login (two-step sign-in is set up at the first sign-in):\n", cfg.BaseURL)
		for _, l := range demo.Logins() {
			fmt.Fprintf(stdout, "  %-14s %-16s %s\n", l.Role, l.Username, l.Password)
		}
	}
	return a.Serve(ctx, l)
}

func migrate(ctx context.Context, cfg config.Config, stdout io.Writer) error {
	if err := os.MkdirAll(cfg.DataDir, 0o700); err != nil {
		return err
	}
	v, err := vault.Load(cfg.DataDir, cfg.VaultKey)
	if err != nil {
		return err
	}
	st, err := store.Open(ctx, cfg.DSN(), v)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.Migrate(ctx); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "database migrated (%s)\n", st.Dialect())
	return nil
}
