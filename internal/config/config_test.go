package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestLoad(t *testing.T) {
	keyFile := filepath.Join(t.TempDir(), "key")
	os.WriteFile(keyFile, []byte("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n"), 0o600)
	tests := []struct {
		name    string
		args    []string
		env     map[string]string
		check   func(t *testing.T, c Config)
		wantErr string
	}{
		{name: "defaults", check: func(t *testing.T, c Config) {
			if c.Addr != "127.0.0.1:8080" || c.DataDir != "./data" || c.Demo || c.BaseURL != "http://127.0.0.1:8080" {
				t.Errorf("%+v", c)
			}
			if c.DSN() != filepath.Join("data", "mizban.db") {
				t.Errorf("DSN = %q", c.DSN())
			}
		}},
		{name: "flags", args: []string{"--addr", ":9000", "--demo", "--data", "/tmp/x", "--base-url", "https://desk.example/"}, check: func(t *testing.T, c Config) {
			if c.Addr != ":9000" || !c.Demo || c.DataDir != "/tmp/x" || c.BaseURL != "https://desk.example" {
				t.Errorf("%+v", c)
			}
		}},
		{name: "env", env: map[string]string{"MIZBAN_ADDR": "127.0.0.1:7000", "MIZBAN_DEMO": "true", "MIZBAN_DB": "postgres://u@h/db"}, check: func(t *testing.T, c Config) {
			if c.Addr != "127.0.0.1:7000" || !c.Demo || c.DSN() != "postgres://u@h/db" || c.BaseURL != "http://127.0.0.1:7000" {
				t.Errorf("%+v", c)
			}
		}},
		{name: "flag beats env", args: []string{"--addr", "127.0.0.1:1"}, env: map[string]string{"MIZBAN_ADDR": "127.0.0.1:2"}, check: func(t *testing.T, c Config) {
			if c.Addr != "127.0.0.1:1" {
				t.Errorf("addr %q", c.Addr)
			}
		}},
		{name: "vault key from file", env: map[string]string{"MIZBAN_VAULT_KEY_FILE": keyFile}, check: func(t *testing.T, c Config) {
			if len(c.VaultKey) != 32 || c.VaultKey[31] != 31 {
				t.Errorf("key %v", c.VaultKey)
			}
		}},
		{name: "bad vault key", env: map[string]string{"MIZBAN_VAULT_KEY": "short"}, wantErr: "32 bytes"},
		{name: "missing key file", env: map[string]string{"MIZBAN_VAULT_KEY_FILE": "/nonexistent"}, wantErr: "VAULT_KEY_FILE"},
		{name: "bad db", args: []string{"--db", "mysql://x"}, wantErr: "postgres"},
		{name: "bad addr", args: []string{"--addr", "nope"}, wantErr: "addr"},
		{name: "stray argument", args: []string{"extra"}, wantErr: "unexpected"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Load("serve", tc.args, env(tc.env))
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v; want %q", err, tc.wantErr)
				}
				if tc.name == "bad vault key" && strings.Contains(err.Error(), "short") {
					t.Error("error repeats the secret")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tc.check(t, c)
		})
	}
}
