// Package workflow holds the write-side use cases: validate, then change
// the store, append the timeline event and enqueue the SMS in one
// transaction. Web pages and the JSON API call the same functions.
package workflow

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"time"

	"mizban/internal/files"
	"mizban/internal/notice"
	"mizban/internal/store"
	"mizban/internal/workcal"
)

// Keys is what workflow needs of the vault: a keyed index for blind look-ups
// and short tokens (receipt links, one-time code hashes).
type Keys interface {
	Index(s string) string
}

// Options are the tunable limits of the citizen's path.
type Options struct {
	BaseURL      string
	MaxUpload    int64
	OTPTTL       time.Duration
	OTPMaxTries  int
	OTPResend    time.Duration // wait before another code to the same subject
	OTPPerMobile int           // per hour
	OTPPerClient int           // per hour
	DraftTTL     time.Duration
	AgencyName   string
	ReviewAfter  time.Duration // a service card unreviewed this long is stale (default 365 days)
}

// Flow runs the use cases. Now and Wake may be replaced in tests.
type Flow struct {
	Store *store.Store
	Files files.Store
	Keys  Keys
	Cal   *workcal.Calendar
	Opt   Options
	Log   *slog.Logger
	Now   func() time.Time
	// Wake nudges the SMS dispatcher after a commit that enqueued messages.
	Wake func()
	// Lookups limits tracking look-ups per client.
	Lookups *Limiter
	// Notices are the SMS templates in force: the defaults until app.New
	// loads the administrators' (LoadNotices).
	Notices *notice.Set
}

// New returns a Flow with defaults filled in.
func New(st *store.Store, fs files.Store, keys Keys, cal *workcal.Calendar, opt Options, log *slog.Logger) *Flow {
	if opt.MaxUpload == 0 {
		opt.MaxUpload = files.DefaultMaxSize
	}
	if opt.OTPTTL == 0 {
		opt.OTPTTL = 3 * time.Minute
	}
	if opt.OTPMaxTries == 0 {
		opt.OTPMaxTries = 5
	}
	if opt.OTPResend == 0 {
		opt.OTPResend = time.Minute
	}
	if opt.OTPPerMobile == 0 {
		opt.OTPPerMobile = 5
	}
	if opt.OTPPerClient == 0 {
		opt.OTPPerClient = 20
	}
	if opt.DraftTTL == 0 {
		opt.DraftTTL = 24 * time.Hour
	}
	if opt.ReviewAfter == 0 {
		opt.ReviewAfter = 365 * 24 * time.Hour
	}
	if log == nil {
		log = slog.Default()
	}
	defaults, _ := notice.NewSet(nil) // no overrides: cannot fail
	return &Flow{
		Store: st, Files: fs, Keys: keys, Cal: cal, Opt: opt, Log: log,
		Now:     func() time.Time { return time.Now().UTC() },
		Wake:    func() {},
		Lookups: NewLimiter(10, time.Minute),
		Notices: defaults,
	}
}

func (f *Flow) now() time.Time { return f.Now().UTC() }

// randomHex returns n random bytes as hex.
func randomHex(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic("workflow: crypto/rand failed: " + err.Error())
	}
	return hex.EncodeToString(b)
}

// ClientKey turns a client address into the value stored for rate limits,
// so raw addresses are not kept.
func (f *Flow) ClientKey(addr string) string { return f.Keys.Index("client:" + addr)[:32] }

// inTx runs fn in a transaction and wakes the dispatcher after a commit.
func (f *Flow) inTx(ctx context.Context, fn func(tx *store.Tx) error) error {
	if err := f.Store.InTx(ctx, fn); err != nil {
		return err
	}
	f.Wake()
	return nil
}
