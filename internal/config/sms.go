package config

import (
	"errors"
	"flag"
	"fmt"
	"strings"
)

// SMS gateway names of MIZBAN_SMS_PROVIDER and MIZBAN_SMS_SECONDARY.
const (
	SMSLog       = "log"
	SMSKavenegar = "kavenegar"
	SMSSMSIR     = "smsir"
	SMSGeneric   = "generic"
)

// SMSProviders lists the gateway names a provider setting may take.
var SMSProviders = []string{SMSLog, SMSKavenegar, SMSSMSIR, SMSGeneric}

// SMS selects and configures the SMS gateways. Secrets (API keys, the
// generic gateway's auth value) come only from the environment or a
// *_FILE, never from flags, which any user of the machine can read in the
// process list.
type SMS struct {
	Provider  string // log (default) | kavenegar | smsir | generic
	Secondary string // same set or empty: no failover

	KavenegarAPIKey, KavenegarSender, KavenegarURL string
	SMSIRAPIKey, SMSIRLine, SMSIRURL               string

	GenericURL, GenericMethod, GenericAuthHeader, GenericAuthValue string
	GenericBody, GenericContentType, GenericRefPath                string
	GenericHonoursID                                               bool
}

// smsFlags registers the SMS flags on fs with the environment as defaults.
func smsFlags(fs *flag.FlagSet, c *SMS, env func(k, def string) string) {
	fs.StringVar(&c.Provider, "sms-provider", env("SMS_PROVIDER", SMSLog), "SMS gateway: log, kavenegar, smsir or generic (MIZBAN_SMS_PROVIDER)")
	fs.StringVar(&c.Secondary, "sms-secondary", env("SMS_SECONDARY", ""), "fallback SMS gateway when the first keeps failing; empty for none (MIZBAN_SMS_SECONDARY)")
	fs.StringVar(&c.KavenegarSender, "kavenegar-sender", env("KAVENEGAR_SENDER", ""), "Kavenegar sender line; empty for the account's default (MIZBAN_KAVENEGAR_SENDER)")
	fs.StringVar(&c.KavenegarURL, "kavenegar-url", env("KAVENEGAR_URL", ""), "Kavenegar API base URL, for tests (MIZBAN_KAVENEGAR_URL); the key comes from MIZBAN_KAVENEGAR_API_KEY or _FILE")
	fs.StringVar(&c.SMSIRLine, "smsir-line", env("SMSIR_LINE", ""), "sms.ir service line number (MIZBAN_SMSIR_LINE)")
	fs.StringVar(&c.SMSIRURL, "smsir-url", env("SMSIR_URL", ""), "sms.ir API base URL, for tests (MIZBAN_SMSIR_URL); the key comes from MIZBAN_SMSIR_API_KEY or _FILE")
	fs.StringVar(&c.GenericURL, "sms-generic-url", env("SMS_GENERIC_URL", ""), "generic SMS gateway URL, a template over {{.To}} {{.Text}} {{.ID}} (MIZBAN_SMS_GENERIC_URL)")
	fs.StringVar(&c.GenericMethod, "sms-generic-method", env("SMS_GENERIC_METHOD", ""), "generic gateway method: GET, POST or PUT (MIZBAN_SMS_GENERIC_METHOD)")
	fs.StringVar(&c.GenericAuthHeader, "sms-generic-auth-header", env("SMS_GENERIC_AUTH_HEADER", ""), "generic gateway auth header name; its value from MIZBAN_SMS_GENERIC_AUTH_VALUE or _FILE (MIZBAN_SMS_GENERIC_AUTH_HEADER)")
	fs.StringVar(&c.GenericBody, "sms-generic-body", env("SMS_GENERIC_BODY", ""), "generic gateway body template (MIZBAN_SMS_GENERIC_BODY)")
	fs.StringVar(&c.GenericContentType, "sms-generic-content-type", env("SMS_GENERIC_CONTENT_TYPE", ""), "generic gateway body content type (MIZBAN_SMS_GENERIC_CONTENT_TYPE)")
	fs.StringVar(&c.GenericRefPath, "sms-generic-ref-path", env("SMS_GENERIC_REF_PATH", ""), "dot path to the message id in the gateway's JSON reply (MIZBAN_SMS_GENERIC_REF_PATH)")
	fs.BoolVar(&c.GenericHonoursID, "sms-generic-honours-id", env("SMS_GENERIC_HONOURS_ID", "") == "true", "the generic gateway drops a repeat of our message id (MIZBAN_SMS_GENERIC_HONOURS_ID)")
}

// smsSecrets tidies the gateway names and reads the gateways' secrets,
// after the flags.
func smsSecrets(c *SMS, getenv func(string) string) error {
	c.Provider = strings.ToLower(strings.TrimSpace(c.Provider))
	c.Secondary = strings.ToLower(strings.TrimSpace(c.Secondary))
	var err error
	if c.KavenegarAPIKey, err = secret(getenv, "KAVENEGAR_API_KEY"); err != nil {
		return err
	}
	if c.SMSIRAPIKey, err = secret(getenv, "SMSIR_API_KEY"); err != nil {
		return err
	}
	c.GenericAuthValue, err = secret(getenv, "SMS_GENERIC_AUTH_VALUE")
	return err
}

// validate checks the gateway names; each gateway's own settings are
// checked when the app builds it (internal/app), with the gateway's rules.
func (c SMS) validate() error {
	if !knownSMS(c.Provider) {
		return fmt.Errorf("MIZBAN_SMS_PROVIDER %q: must be one of %s", c.Provider, strings.Join(SMSProviders, ", "))
	}
	if c.Secondary != "" && !knownSMS(c.Secondary) {
		return fmt.Errorf("MIZBAN_SMS_SECONDARY %q: must be empty or one of %s", c.Secondary, strings.Join(SMSProviders, ", "))
	}
	if c.Secondary == c.Provider {
		return errors.New("MIZBAN_SMS_SECONDARY must name a gateway other than MIZBAN_SMS_PROVIDER")
	}
	return nil
}

func knownSMS(name string) bool {
	for _, p := range SMSProviders {
		if p == name {
			return true
		}
	}
	return false
}
