// Package app wires Mizban together from a Config: vault, store, files,
// calendar, workflow, SMS dispatcher and web server. Production (cmd/mizban)
// and end-to-end tests use the same constructor.
package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"mizban/internal/api"
	"mizban/internal/config"
	"mizban/internal/demo"
	"mizban/internal/files"
	"mizban/internal/jobs"
	"mizban/internal/sms"
	"mizban/internal/store"
	"mizban/internal/vault"
	"mizban/internal/web"
	"mizban/internal/workcal"
	"mizban/internal/workflow"
)

// Version is stamped at build time with -ldflags "-X mizban/internal/app.Version=…".
var Version = "dev"

// App is a running desk.
type App struct {
	Cfg        config.Config
	Log        *slog.Logger
	Store      *store.Store
	Flow       *workflow.Flow
	Dispatcher *jobs.Dispatcher
	Webhooks   *jobs.WebhookWorker
	Web        *web.Server
	Agency     demo.Agency
}

// New opens everything cfg names, migrates the database and, in demo mode,
// seeds the demo data once. Provider nil means the gateway cfg.SMS names
// (the log provider by default).
func New(ctx context.Context, cfg config.Config, log *slog.Logger, provider sms.Provider) (*App, error) {
	if provider == nil { // the gateway cfg names; a bad setting stops the start here
		p, err := smsProvider(cfg, log)
		if err != nil {
			return nil, err
		}
		provider = p
	}
	log.Info("sms gateway", "provider", provider.Name())
	if err := os.MkdirAll(cfg.DataDir, 0o700); err != nil {
		return nil, fmt.Errorf("data directory: %w", err)
	}
	v, err := vault.Load(cfg.DataDir, cfg.VaultKey)
	if err != nil {
		return nil, fmt.Errorf("vault: %w", err)
	}
	st, err := store.Open(ctx, cfg.DSN(), v)
	if err != nil {
		return nil, fmt.Errorf("database: %w", err)
	}
	if err := st.Migrate(ctx); err != nil {
		st.Close()
		return nil, fmt.Errorf("migrate: %w", err)
	}
	if !cfg.Demo { // a production start refuses the published demo passwords
		if err := demo.RefuseDemoSecrets(ctx, st); err != nil {
			st.Close()
			return nil, err
		}
	}
	fs, err := files.NewLocal(filepath.Join(cfg.DataDir, "files"), v)
	if err != nil {
		st.Close()
		return nil, fmt.Errorf("documents: %w", err)
	}
	cal, err := calendar(cfg)
	if err != nil {
		st.Close()
		return nil, err
	}
	agency, err := agencyOf(cfg)
	if err != nil {
		st.Close()
		return nil, err
	}
	if cfg.Demo {
		if err := demo.Seed(ctx, st); err != nil {
			st.Close()
			return nil, fmt.Errorf("demo data: %w", err)
		}
	}
	flow := workflow.New(st, fs, v, cal, workflow.Options{
		BaseURL: cfg.BaseURL, MaxUpload: cfg.MaxUpload, OTPTTL: cfg.OTPTTL, OTPMaxTries: cfg.OTPMaxTries,
		OTPPerMobile: cfg.OTPPerMobile, OTPPerClient: cfg.OTPPerClient, AgencyName: agency.Name,
		ReviewAfter: cfg.ReviewAfter,
	}, log)
	// The database holds the working calendar; the flags only seed it on
	// the first start (see calendar).
	if flow.Cal, err = flow.LoadCalendar(ctx); err != nil {
		st.Close()
		return nil, fmt.Errorf("working calendar: %w", err)
	}
	// The SMS templates administrators saved; the defaults when none.
	if flow.Notices, err = flow.LoadNotices(ctx); err != nil {
		st.Close()
		return nil, fmt.Errorf("SMS templates: %w", err)
	}
	flow.Lookups = workflow.NewLimiter(cfg.LookupsPerMinute, time.Minute)
	// SQLite has one sender, this process: leases left by a crash are its
	// own and can be taken back now rather than when they run out.
	if n, err := st.ReleaseSMSLeases(ctx); err != nil {
		st.Close()
		return nil, err
	} else if n > 0 {
		log.Info("sms leases released after restart", "messages", n)
	}
	d := jobs.NewDispatcher(st, provider, log)
	d.Now, d.Quiet, d.OTPExpiry = func() time.Time { return flow.Now() }, jobs.QuietOrDefault(cfg.SMSQuiet), cfg.OTPTTL // the app's one clock; quiet hours (config.Validate checked them); stale codes are not sent
	wh := jobs.NewWebhookWorker(st, log)
	wh.Now = d.Now
	flow.Wake = func() { d.Wake(); wh.Wake() }
	ws, err := web.New(flow, st, web.Options{
		Demo: cfg.Demo, BaseURL: cfg.BaseURL, API: api.New(flow, st, log, cfg.BaseURL).Handler(),
		Agency: web.Agency{Name: agency.Name, NameEn: agency.NameEn, Address: agency.Address, Phone: agency.Phone, Hours: agency.Hours},
	}, log)
	if err != nil {
		st.Close()
		return nil, err
	}
	return &App{Cfg: cfg, Log: log, Store: st, Flow: flow, Dispatcher: d, Webhooks: wh, Web: ws, Agency: agency}, nil
}

// calendar builds the working calendar of the start-up flags: the shipped
// (or --holidays) table, Thursday on with --thursday. It seeds the database
// on the first start only; after that the calendar an administrator keeps
// at /staff/admin/calendar wins and these flags are ignored.
func calendar(cfg config.Config) (*workcal.Calendar, error) {
	cal := workcal.Default()
	cal.SetWorkday(time.Thursday, cfg.Thursday)
	if cfg.Holidays == "" {
		return cal, nil
	}
	f, err := os.Open(cfg.Holidays)
	if err != nil {
		return nil, fmt.Errorf("holidays: %w", err)
	}
	defer f.Close()
	hs, err := workcal.LoadHolidaysCSV(f)
	if err != nil {
		return nil, fmt.Errorf("holidays %s: %w", cfg.Holidays, err)
	}
	cal.SetHolidays(hs)
	return cal, nil
}

// agencyOf is the agency the pages name: the configured one, filled from
// the demo agency in demo mode.
func agencyOf(cfg config.Config) (demo.Agency, error) {
	a := demo.Agency{Name: cfg.AgencyName, Address: cfg.AgencyAddress, Phone: cfg.AgencyPhone, Hours: cfg.AgencyHours}
	if cfg.Demo {
		d, _, err := demo.Load()
		if err != nil {
			return a, err
		}
		a.Units, a.Staff, a.NameEn, a.ShortName, a.Website = d.Units, d.Staff, d.NameEn, d.ShortName, d.Website
		for _, f := range []struct {
			dst *string
			src string
		}{{&a.Name, d.Name}, {&a.Address, d.Address}, {&a.Phone, d.Phone}, {&a.Hours, d.Hours}} {
			if *f.dst == "" {
				*f.dst = f.src
			}
		}
	}
	if a.Name == "" {
		a.Name = "میز خدمت"
	}
	return a, nil
}

// Handler is the whole HTTP surface.
func (a *App) Handler() http.Handler { return a.Web.Handler() }

// Serve runs the dispatcher, the webhook worker and the HTTP server on l until ctx ends, then
// shuts down gracefully.
func (a *App) Serve(ctx context.Context, l net.Listener) error {
	dctx, stop := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { a.Dispatcher.Run(dctx); close(done) }()
	hooked := make(chan struct{})
	go func() { a.Webhooks.Run(dctx); close(hooked) }()
	published := make(chan struct{})
	go func() { a.publishDue(dctx, time.Minute); close(published) }()
	srv := &http.Server{
		Handler:           a.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       5 * time.Minute, // uploads on slow phones
		WriteTimeout:      2 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(a.Log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(l) }()
	var err error
	select {
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		err = srv.Shutdown(sctx)
		cancel()
	case err = <-errc:
	}
	stop()
	<-done
	<-hooked
	<-published
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}

// publishDue publishes the service card drafts whose effective date has
// come and reloads the SMS templates (edits saved on other instances),
// every interval until ctx ends; a failure is logged and tried again on
// the next tick.
func (a *App) publishDue(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if n, err := a.Flow.PublishDue(ctx); err != nil && ctx.Err() == nil {
			a.Log.Error("scheduled catalog publish failed", "err", err)
		} else if n > 0 {
			a.Log.Info("scheduled service cards published", "count", n)
		}
		// SMS templates and switches another instance saved.
		if err := a.Flow.ReloadNotices(ctx); err != nil && ctx.Err() == nil {
			a.Log.Error("SMS templates reload failed", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Close releases the database.
func (a *App) Close() error { return a.Store.Close() }
