package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoadSMS(t *testing.T) {
	keyFile := filepath.Join(t.TempDir(), "kav")
	if err := os.WriteFile(keyFile, []byte("  file-key\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		args    []string
		env     map[string]string
		want    func(SMS) bool
		wantErr string
	}{
		{name: "default is the log", want: func(s SMS) bool { return s.Provider == SMSLog && s.Secondary == "" }},
		{name: "kavenegar from env", env: map[string]string{
			"MIZBAN_SMS_PROVIDER": " Kavenegar ", "MIZBAN_KAVENEGAR_API_KEY": "k1", "MIZBAN_KAVENEGAR_SENDER": "10004346",
			"MIZBAN_KAVENEGAR_URL": "http://127.0.0.1:1"},
			want: func(s SMS) bool {
				return s.Provider == SMSKavenegar && s.KavenegarAPIKey == "k1" && s.KavenegarSender == "10004346" && s.KavenegarURL == "http://127.0.0.1:1"
			}},
		{name: "key from file", env: map[string]string{"MIZBAN_SMS_PROVIDER": "kavenegar", "MIZBAN_KAVENEGAR_API_KEY_FILE": keyFile},
			want: func(s SMS) bool { return s.KavenegarAPIKey == "file-key" }},
		{name: "smsir with secondary by flags", args: []string{"--sms-provider", "smsir", "--sms-secondary", "kavenegar", "--smsir-line", "3000"},
			env: map[string]string{"MIZBAN_SMSIR_API_KEY": "s1"},
			want: func(s SMS) bool {
				return s.Provider == SMSSMSIR && s.Secondary == SMSKavenegar && s.SMSIRLine == "3000" && s.SMSIRAPIKey == "s1"
			}},
		{name: "generic", env: map[string]string{"MIZBAN_SMS_PROVIDER": "generic", "MIZBAN_SMS_GENERIC_URL": "http://gw/send",
			"MIZBAN_SMS_GENERIC_METHOD": "PUT", "MIZBAN_SMS_GENERIC_AUTH_HEADER": "Authorization", "MIZBAN_SMS_GENERIC_AUTH_VALUE": "Bearer x",
			"MIZBAN_SMS_GENERIC_BODY": `{"t":{{json .Text}}}`, "MIZBAN_SMS_GENERIC_CONTENT_TYPE": "application/json",
			"MIZBAN_SMS_GENERIC_REF_PATH": "data.id", "MIZBAN_SMS_GENERIC_HONOURS_ID": "true"},
			want: func(s SMS) bool {
				return s.GenericURL == "http://gw/send" && s.GenericMethod == "PUT" && s.GenericAuthHeader == "Authorization" &&
					s.GenericAuthValue == "Bearer x" && s.GenericBody == `{"t":{{json .Text}}}` && s.GenericContentType == "application/json" &&
					s.GenericRefPath == "data.id" && s.GenericHonoursID
			}},
		{name: "unknown provider", env: map[string]string{"MIZBAN_SMS_PROVIDER": "magfa"}, wantErr: "MIZBAN_SMS_PROVIDER"},
		{name: "unknown secondary", args: []string{"--sms-secondary", "x"}, wantErr: "MIZBAN_SMS_SECONDARY"},
		{name: "secondary same as primary", env: map[string]string{"MIZBAN_SMS_PROVIDER": "smsir", "MIZBAN_SMS_SECONDARY": "smsir"}, wantErr: "other than"},
		{name: "missing key file", env: map[string]string{"MIZBAN_SMSIR_API_KEY_FILE": "/nonexistent"}, wantErr: "SMSIR_API_KEY_FILE"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Load("serve", tc.args, env(tc.env))
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !tc.want(c.SMS) {
				t.Errorf("SMS = %+v", c.SMS)
			}
		})
	}
}
