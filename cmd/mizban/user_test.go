package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mizban/internal/auth"
	"mizban/internal/config"
	"mizban/internal/store"
	"mizban/internal/vault"
)

func TestUserCommands(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	pwFile := filepath.Join(dir, "pw")
	os.WriteFile(pwFile, []byte("snow on the alborz peaks\n"), 0o600)
	env := map[string]string{}
	getenv := func(k string) string { return env[k] }
	add := []string{"user", "add", "--data", dir, "--username", "P.Rezaei", "--name", "پریسا رضایی",
		"--unit", "it", "--unit-name", "اداره فناوری اطلاعات", "--title", "راهبر سامانه", "--role", "admin", "--role", "officer"}
	for _, tc := range []struct {
		args    []string
		env     string // MIZBAN_USER_PASSWORD
		wantOut string
		wantErr string
	}{
		{args: []string{"user"}, wantErr: "no user command"},
		{args: []string{"user", "add", "--data", dir}, wantErr: "--username is required"},
		{args: add, wantErr: "no password given"},
		{args: add, env: "qwertyuiop", wantErr: auth.MsgPasswordCommon},
		{args: add, env: "short", wantErr: auth.MsgPasswordShort},
		{args: append(add, "--password-file", pwFile), wantOut: "user p.rezaei added"},
		{args: append(add, "--password-file", pwFile), wantErr: auth.MsgUsernameTaken},
		{args: []string{"user", "add", "--data", dir, "--username", "x.y", "--name", "x", "--unit", "nowhere", "--role", "officer"}, env: "a long enough pass phrase", wantErr: auth.MsgNoUnit},
		{args: []string{"user", "passwd", "--data", dir, "--username", "p.rezaei"}, env: "p.rezaei is my name", wantErr: auth.MsgPasswordUsername},
		{args: []string{"user", "passwd", "--data", dir, "--username", "p.rezaei"}, env: "rivers meet at the sea", wantOut: "password of p.rezaei changed"},
		{args: []string{"user", "passwd", "--data", dir, "--username", "nobody"}, env: "rivers meet at the sea", wantErr: "کارمندی با این مشخصات پیدا نشد."},
		{args: []string{"user", "disable", "--data", dir, "--username", "p.rezaei"}, wantOut: "user p.rezaei disabled"},
		{args: []string{"user", "enable", "--data", dir, "--username", "p.rezaei"}, wantOut: "user p.rezaei enabled"},
		{args: []string{"user", "reset-totp", "--data", dir, "--username", "p.rezaei"}, wantOut: "reset"},
		{args: []string{"user", "frob", "--data", dir, "--username", "p.rezaei"}, wantErr: "unknown user command"},
	} {
		env["MIZBAN_USER_PASSWORD"] = tc.env
		var out, errOut bytes.Buffer
		err := run(ctx, tc.args, getenv, &out, &errOut)
		if tc.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("%v: err = %v; want %q", tc.args[1:3], err, tc.wantErr)
			}
			continue
		}
		if err != nil || !strings.Contains(out.String(), tc.wantOut) {
			t.Errorf("%v: %v, out %q; want %q", tc.args[1:3], err, out.String(), tc.wantOut)
		}
	}

	// The account is there with both roles, its password is the last one
	// set, and every change is in the audit log as done from the shell.
	cfg, _ := config.Load("user", []string{"--data", dir}, getenv)
	v, err := vault.Load(cfg.DataDir, cfg.VaultKey)
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(ctx, cfg.DSN(), v)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rec, err := st.StaffByUsername(ctx, "p.rezaei")
	if err != nil {
		t.Fatal(err)
	}
	a, _ := st.Actor(ctx, rec.ID)
	if len(a.Roles) != 2 || !a.InUnit("it") || a.Units[0].Title != "راهبر سامانه" {
		t.Errorf("actor %+v", a)
	}
	c, _ := st.Credentials(ctx, rec.ID)
	if ok, _ := auth.VerifyPassword(c.PasswordHash, "rivers meet at the sea"); !ok {
		t.Error("the new password does not verify")
	}
	recs, _ := st.Audit(ctx, store.AuditFilter{Actor: "system:cli", Limit: 100})
	var actions []string
	for _, r := range recs {
		actions = append(actions, r.Action)
	}
	want := "unit.create staff.create auth.password_change staff.disable staff.enable auth.totp_reset"
	if strings.Join(actions, " ") != want {
		t.Errorf("audited %q, want %q", strings.Join(actions, " "), want)
	}
}
