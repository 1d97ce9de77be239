package app

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"

	"mizban/internal/config"
	"mizban/internal/sms"
	"mizban/internal/sms/smsfake"
)

func quietLog() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

var testMsg = sms.Message{ID: "m-1", To: "09121234567", Text: "درخواست ثبت شد"}

// Each gateway the config names is the one built, and it reaches its
// (fake) server.
func TestSMSProviderKinds(t *testing.T) {
	kav := smsfake.NewKavenegarServer()
	defer kav.Close()
	sir := smsfake.NewSMSIRServer()
	defer sir.Close()
	gen := smsfake.NewGenericServer()
	defer gen.Close()

	tests := []struct {
		name     string
		cfg      config.SMS
		wantName string
		sent     func() int
	}{
		{"log", config.SMS{Provider: config.SMSLog}, "log", nil},
		{"unset means log", config.SMS{}, "log", nil},
		{"kavenegar", config.SMS{Provider: config.SMSKavenegar, KavenegarAPIKey: smsfake.KavenegarKey, KavenegarURL: kav.URL},
			"kavenegar", func() int { return len(kav.Deliveries()) }},
		{"smsir", config.SMS{Provider: config.SMSSMSIR, SMSIRAPIKey: smsfake.SMSIRKey, SMSIRLine: "30004505", SMSIRURL: sir.BaseURL()},
			"smsir", func() int { return len(sir.Deliveries()) }},
		{"generic", config.SMS{Provider: config.SMSGeneric, GenericURL: gen.URL + "/send", GenericAuthHeader: "Authorization",
			GenericAuthValue: "Bearer s3cret", GenericBody: `{"to":{{json .To}},"text":{{json .Text}}}`, GenericRefPath: "data.id"},
			"generic", func() int { return len(gen.Requests()) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := config.Defaults()
			cfg.SMS = tt.cfg
			p, err := smsProvider(cfg, quietLog())
			if err != nil {
				t.Fatal(err)
			}
			if p.Name() != tt.wantName {
				t.Fatalf("provider %q, want %q", p.Name(), tt.wantName)
			}
			ref, err := p.Send(context.Background(), testMsg)
			if err != nil {
				t.Fatalf("Send: %v", err)
			}
			if tt.sent != nil && (tt.sent() != 1 || ref == "") {
				t.Errorf("gateway saw %d sends, ref %q; want 1 and a ref", tt.sent(), ref)
			}
		})
	}
	if got := gen.Requests(); len(got) == 1 && got[0].Header.Get("Authorization") != "Bearer s3cret" {
		t.Errorf("generic auth header = %q", got[0].Header.Get("Authorization"))
	}
}

// A secondary builds a failover pair that moves to it when the primary
// keeps failing.
func TestSMSProviderFailover(t *testing.T) {
	kav := smsfake.NewKavenegarServer()
	defer kav.Close()
	gen := smsfake.NewGenericServer()
	defer gen.Close()
	cfg := config.Defaults()
	cfg.SMS = config.SMS{Provider: config.SMSKavenegar, Secondary: config.SMSGeneric,
		KavenegarAPIKey: smsfake.KavenegarKey, KavenegarURL: kav.URL,
		GenericURL: gen.URL + "/send?to={{.To}}&text={{urlquery .Text}}", GenericMethod: "GET"}
	p, err := smsProvider(cfg, quietLog())
	if err != nil {
		t.Fatal(err)
	}
	f, ok := p.(*sms.Failover)
	if !ok {
		t.Fatalf("provider %T, want *sms.Failover", p)
	}
	if f.Name() != "failover(kavenegar,generic)" || f.Active() != "kavenegar" {
		t.Fatalf("failover %s active %s", f.Name(), f.Active())
	}
	kav.Down(503)
	for i := range 3 {
		m := testMsg
		m.ID = "down-" + string(rune('a'+i))
		if _, err := f.Send(context.Background(), m); err == nil {
			t.Fatal("send through a gateway that is down succeeded")
		}
	}
	if f.Active() != "generic" {
		t.Fatalf("active %s after 3 failures, want generic", f.Active())
	}
	ref, err := f.Send(context.Background(), testMsg)
	if err != nil || !strings.HasPrefix(ref, "generic:") || len(gen.Requests()) != 1 {
		t.Errorf("send after the switch: %q, %v, %d generic requests", ref, err, len(gen.Requests()))
	}
}

// A half-configured gateway stops the start with what to set, and never
// with the secret in the message.
func TestSMSProviderRefusesBadConfig(t *testing.T) {
	const key = "k3y-th4t-must-n0t-leak"
	tests := []struct {
		name string
		cfg  config.SMS
		want []string
	}{
		{"kavenegar without key", config.SMS{Provider: config.SMSKavenegar}, []string{"MIZBAN_KAVENEGAR_API_KEY", "MIZBAN_SMS_PROVIDER"}},
		{"kavenegar bad sender", config.SMS{Provider: config.SMSKavenegar, KavenegarAPIKey: key, KavenegarSender: "line-one"}, []string{"Sender"}},
		{"kavenegar bad url", config.SMS{Provider: config.SMSKavenegar, KavenegarAPIKey: key, KavenegarURL: "ftp://x"}, []string{"MIZBAN_KAVENEGAR_URL"}},
		{"smsir without line", config.SMS{Provider: config.SMSSMSIR, SMSIRAPIKey: key}, []string{"MIZBAN_SMSIR_LINE"}},
		{"generic without url", config.SMS{Provider: config.SMSGeneric, GenericAuthHeader: "X-Key", GenericAuthValue: key}, []string{"URL", "MIZBAN_SMS_GENERIC_"}},
		{"generic bad json body", config.SMS{Provider: config.SMSGeneric, GenericURL: "http://127.0.0.1:9/s", GenericBody: `{"t":"{{.Text}}"}`}, []string{"BodyTemplate"}},
		{"bad secondary", config.SMS{Provider: config.SMSLog, Secondary: config.SMSSMSIR, SMSIRAPIKey: key, SMSIRLine: "abc"}, []string{"MIZBAN_SMS_SECONDARY"}},
		{"unknown", config.SMS{Provider: "magfa"}, []string{"unknown gateway"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := config.Defaults()
			cfg.SMS = tt.cfg
			p, err := smsProvider(cfg, quietLog())
			if err == nil {
				t.Fatalf("built %s; want an error", p.Name())
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
			if strings.Contains(err.Error(), key) {
				t.Errorf("error leaks the key: %q", err)
			}
		})
	}
}

// app.New refuses to start on a bad gateway config.
func TestNewRefusesBadSMSConfig(t *testing.T) {
	cfg := config.Defaults()
	cfg.DataDir = t.TempDir()
	cfg.SMS = config.SMS{Provider: config.SMSSMSIR}
	if _, err := New(context.Background(), cfg, quietLog(), nil); err == nil || !strings.Contains(err.Error(), "MIZBAN_SMSIR_API_KEY") {
		t.Fatalf("New = %v; want the missing key named", err)
	}
}
