// Package config holds Mizban's one configuration struct: loaded from flags
// and MIZBAN_* environment variables (secrets also from *_FILE), validated at
// start-up and passed explicitly — never a global.
package config

import (
	"encoding/base64"
	"errors"
	"flag"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Config is everything `mizban serve` needs.
type Config struct {
	Addr     string // listen address
	DataDir  string // data directory: SQLite file, vault key, documents
	DB       string // "" = SQLite in DataDir; postgres://… selects PostgreSQL
	Demo     bool   // seed demo data once; show the demo SMS inbox
	BaseURL  string // public URL printed in SMS and receipts
	VaultKey []byte // 32-byte key; nil = key file in DataDir
	LogJSON  bool
	Holidays string // optional CSV replacing the shipped holiday table
	Thursday bool   // offices work on Thursdays too (Saturday–Wednesday by default)

	// The agency as pages and receipts name it. In demo mode the demo
	// agency fills what is left empty.
	AgencyName, AgencyAddress, AgencyPhone, AgencyHours string

	MaxUpload    int64         // bytes per document
	OTPTTL       time.Duration // one-time code lifetime (≤ 5 min)
	OTPMaxTries  int
	OTPPerMobile int // codes per mobile per hour
	OTPPerClient int // codes per client address per hour
	// LookupsPerMinute bounds tracking look-ups per client address.
	LookupsPerMinute int

	// SMS selects the gateways (see sms.go).
	SMS SMS
	// SMSQuiet is the nightly window (Tehran time, "HH:MM-HH:MM", or "off")
	// in which notices wait; one-time codes never do.
	SMSQuiet string
	// ReviewAfter is how long a service card may go unreviewed before
	// editors are reminded and managers see it as stale.
	ReviewAfter time.Duration
}

// Defaults returns the configuration used when nothing is set.
func Defaults() Config {
	return Config{
		Addr:         "127.0.0.1:8080",
		DataDir:      "./data",
		MaxUpload:    10 << 20,
		OTPTTL:       3 * time.Minute,
		OTPMaxTries:  5,
		OTPPerMobile: 5,
		OTPPerClient: 20,

		LookupsPerMinute: 10,
		SMS:              SMS{Provider: SMSLog},
		ReviewAfter:      DefaultReviewAfter,
	}
}

// Load parses args (after the subcommand) over the environment over the
// defaults. A flag wins over its MIZBAN_* variable.
func Load(name string, args []string, getenv func(string) string) (Config, error) {
	c := Defaults()
	env := func(k, def string) string {
		if v := getenv("MIZBAN_" + k); v != "" {
			return v
		}
		return def
	}
	var badInt error
	envInt := func(k string, def int) int {
		v := getenv("MIZBAN_" + k)
		if v == "" {
			return def
		}
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 {
			badInt = fmt.Errorf("MIZBAN_%s must be a positive whole number", k)
			return def
		}
		return n
	}
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.StringVar(&c.Addr, "addr", env("ADDR", c.Addr), "listen address (MIZBAN_ADDR)")
	fs.StringVar(&c.DataDir, "data", env("DATA", c.DataDir), "data directory (MIZBAN_DATA)")
	fs.StringVar(&c.DB, "db", env("DB", ""), "database: empty for SQLite in the data directory, or a postgres:// URL (MIZBAN_DB)")
	fs.BoolVar(&c.Demo, "demo", env("DEMO", "") == "true" || env("DEMO", "") == "1", "seed demo data once and show the demo SMS inbox (MIZBAN_DEMO)")
	fs.StringVar(&c.BaseURL, "base-url", env("BASE_URL", ""), "public base URL used in SMS and receipts (MIZBAN_BASE_URL)")
	fs.IntVar(&c.OTPPerMobile, "otp-per-mobile", envInt("OTP_PER_MOBILE", c.OTPPerMobile), "one-time codes a mobile may receive per hour (MIZBAN_OTP_PER_MOBILE)")
	fs.IntVar(&c.OTPPerClient, "otp-per-client", envInt("OTP_PER_CLIENT", c.OTPPerClient), "one-time codes one client address may ask for per hour; raise it behind a shared address (MIZBAN_OTP_PER_CLIENT)")
	fs.IntVar(&c.LookupsPerMinute, "lookups-per-minute", envInt("LOOKUPS_PER_MINUTE", c.LookupsPerMinute), "tracking look-ups per client address per minute (MIZBAN_LOOKUPS_PER_MINUTE)")
	fs.BoolVar(&c.Thursday, "thursday", env("THURSDAY", "") == "true", "offices work on Thursdays (first start only; later the admin page manages it) (MIZBAN_THURSDAY)")
	fs.StringVar(&c.AgencyName, "agency-name", env("AGENCY_NAME", ""), "the agency's name on every page and receipt (MIZBAN_AGENCY_NAME)")
	fs.StringVar(&c.AgencyAddress, "agency-address", env("AGENCY_ADDRESS", ""), "postal address shown in the footer and on receipts (MIZBAN_AGENCY_ADDRESS)")
	fs.StringVar(&c.AgencyPhone, "agency-phone", env("AGENCY_PHONE", ""), "public phone number (MIZBAN_AGENCY_PHONE)")
	fs.StringVar(&c.AgencyHours, "agency-hours", env("AGENCY_HOURS", ""), "opening hours of the counter (MIZBAN_AGENCY_HOURS)")
	fs.BoolVar(&c.LogJSON, "log-json", env("LOG_JSON", "") == "true", "log JSON lines (MIZBAN_LOG_JSON)")
	fs.StringVar(&c.Holidays, "holidays", env("HOLIDAYS", ""), "CSV of official holidays seeding the calendar on first start; later the admin page manages it (MIZBAN_HOLIDAYS)")
	smsFlags(fs, &c.SMS, env)
	if v := getenv("MIZBAN_REVIEW_AFTER"); v != "" {
		if err := (reviewValue{&c.ReviewAfter}).Set(v); err != nil && badInt == nil {
			badInt = fmt.Errorf("MIZBAN_REVIEW_AFTER: %w", err)
		}
	}
	fs.Var(reviewValue{&c.ReviewAfter}, "review-after", "remind editors of service cards not reviewed for this long: days (365) or a duration (MIZBAN_REVIEW_AFTER)")
	fs.StringVar(&c.SMSQuiet, "sms-quiet", env("SMS_QUIET", "22:00-07:00"), "quiet hours for SMS notices, Tehran time, HH:MM-HH:MM or off; one-time codes are never held (MIZBAN_SMS_QUIET)")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if badInt != nil {
		return c, badInt
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if err := smsSecrets(&c.SMS, getenv); err != nil {
		return c, err
	}
	key, err := secret(getenv, "VAULT_KEY")
	if err != nil {
		return c, err
	}
	if key != "" {
		k, err := base64.StdEncoding.DecodeString(strings.TrimSpace(key))
		if err != nil || len(k) != 32 {
			return c, errors.New("MIZBAN_VAULT_KEY must be base64 of 32 bytes")
		}
		c.VaultKey = k
	}
	if c.BaseURL == "" {
		c.BaseURL = "http://" + displayAddr(c.Addr)
	}
	c.BaseURL = strings.TrimRight(c.BaseURL, "/")
	return c, c.Validate()
}

// Validate rejects configurations that cannot work.
func (c Config) Validate() error {
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		return fmt.Errorf("addr %q: %v", c.Addr, err)
	}
	if c.DataDir == "" {
		return errors.New("data directory must not be empty")
	}
	if c.DB != "" && !IsPostgres(c.DB) {
		return fmt.Errorf("db must be empty (SQLite) or a postgres:// URL")
	}
	if c.OTPPerMobile <= 0 || c.OTPPerClient <= 0 || c.LookupsPerMinute <= 0 {
		return errors.New("rate limits must be positive")
	}
	if c.OTPTTL <= 0 || c.OTPTTL > 5*time.Minute {
		return errors.New("one-time codes must expire within 5 minutes")
	}
	if err := c.SMS.validate(); err != nil {
		return err
	}
	if !validQuiet(c.SMSQuiet) {
		return fmt.Errorf("MIZBAN_SMS_QUIET %q: must be HH:MM-HH:MM (Tehran time, start and end different) or off", c.SMSQuiet)
	}
	if !validReviewAfter(c.ReviewAfter) {
		return errors.New("review period (MIZBAN_REVIEW_AFTER) must be between 1 day and 3 years")
	}
	return nil
}

// DSN is what store.Open takes: the PostgreSQL URL or the SQLite file path.
func (c Config) DSN() string {
	if c.DB != "" {
		return c.DB
	}
	return filepath.Join(c.DataDir, "mizban.db")
}

// IsPostgres reports whether dsn names a PostgreSQL database.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// secret reads MIZBAN_<k> or the file named by MIZBAN_<k>_FILE.
func secret(getenv func(string) string, k string) (string, error) {
	if v := getenv("MIZBAN_" + k); v != "" {
		return v, nil
	}
	if f := getenv("MIZBAN_" + k + "_FILE"); f != "" {
		b, err := os.ReadFile(f)
		if err != nil {
			return "", fmt.Errorf("MIZBAN_%s_FILE: %w", k, err)
		}
		return strings.TrimSpace(string(b)), nil
	}
	return "", nil
}

func displayAddr(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return addr
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}

// validQuiet accepts what jobs.ParseQuiet reads: empty (the default),
// "off", or two different clock times "HH:MM-HH:MM".
func validQuiet(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || strings.EqualFold(s, "off") {
		return true
	}
	from, to, ok := strings.Cut(s, "-")
	f, okf := clockMinutes(from)
	t, okt := clockMinutes(to)
	return ok && okf && okt && f != t
}

func clockMinutes(s string) (int, bool) {
	h, m, ok := strings.Cut(strings.TrimSpace(s), ":")
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if !ok || len(h) == 0 || len(h) > 2 || len(m) != 2 || err1 != nil || err2 != nil ||
		hh < 0 || hh > 23 || mm < 0 || mm > 59 {
		return 0, false
	}
	return hh*60 + mm, true
}
