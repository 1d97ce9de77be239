package app

import (
	"errors"
	"fmt"
	"log/slog"
	"strings"

	"mizban/internal/config"
	"mizban/internal/sms"
)

// smsProvider builds the gateway cfg names, or a failover pair when a
// secondary is set. Every setting is checked here, so a start with a
// half-configured gateway fails at once with what to fix instead of
// parking every message later. Errors never carry the secrets.
func smsProvider(cfg config.Config, log *slog.Logger) (sms.Provider, error) {
	name := cfg.SMS.Provider
	if name == "" { // a Config built by hand rather than by config.Load
		name = config.SMSLog
	}
	primary, err := smsGateway(cfg.SMS, name, "MIZBAN_SMS_PROVIDER", log)
	if err != nil {
		return nil, err
	}
	if cfg.SMS.Secondary == "" {
		return primary, nil
	}
	secondary, err := smsGateway(cfg.SMS, cfg.SMS.Secondary, "MIZBAN_SMS_SECONDARY", log)
	if err != nil {
		return nil, err
	}
	f, err := sms.NewFailover(primary, secondary, sms.FailoverOptions{})
	if err != nil {
		return nil, fmt.Errorf("SMS failover: %w", err)
	}
	return f, nil
}

// smsGateway builds one gateway; setting names the variable that chose it.
func smsGateway(c config.SMS, name, setting string, log *slog.Logger) (sms.Provider, error) {
	secrets := []string{c.KavenegarAPIKey, c.SMSIRAPIKey, c.GenericAuthValue}
	bad := func(err error, fix string) error {
		msg := err.Error()
		for _, s := range secrets {
			if s != "" {
				msg = strings.ReplaceAll(msg, s, "***")
			}
		}
		return fmt.Errorf("SMS gateway %q (%s): %s; %s", name, setting, strings.TrimSuffix(msg, "."), fix)
	}
	switch name {
	case config.SMSLog:
		return sms.NewLog(log), nil
	case config.SMSKavenegar:
		kc := sms.KavenegarConfig{APIKey: c.KavenegarAPIKey, Sender: c.KavenegarSender, BaseURL: c.KavenegarURL}
		if err := kc.Validate(); err != nil {
			return nil, bad(err, "check MIZBAN_KAVENEGAR_API_KEY (or _FILE), MIZBAN_KAVENEGAR_SENDER and MIZBAN_KAVENEGAR_URL")
		}
		return sms.NewKavenegar(kc), nil
	case config.SMSSMSIR:
		sc := sms.SMSIRConfig{APIKey: c.SMSIRAPIKey, LineNumber: c.SMSIRLine, BaseURL: c.SMSIRURL}
		if err := sc.Validate(); err != nil {
			return nil, bad(err, "check MIZBAN_SMSIR_API_KEY (or _FILE), MIZBAN_SMSIR_LINE and MIZBAN_SMSIR_URL")
		}
		return sms.NewSMSIR(sc), nil
	case config.SMSGeneric:
		g, err := sms.NewGeneric(sms.GenericConfig{
			URL: c.GenericURL, Method: c.GenericMethod, AuthHeader: c.GenericAuthHeader, AuthValue: c.GenericAuthValue,
			BodyTemplate: c.GenericBody, ContentType: c.GenericContentType, RefJSONPath: c.GenericRefPath,
			HonoursID: c.GenericHonoursID,
		})
		if err != nil {
			return nil, bad(err, "check the MIZBAN_SMS_GENERIC_* settings")
		}
		return g, nil
	}
	return nil, bad(errors.New("unknown gateway"), "use one of "+strings.Join(config.SMSProviders, ", "))
}
