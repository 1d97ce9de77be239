package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func TestCommands(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		args    []string
		wantOut string
		wantErr string
	}{
		{args: []string{"version"}, wantOut: "mizban "},
		{args: []string{"help"}, wantOut: "mizban serve"},
		{args: nil, wantErr: "no command"},
		{args: []string{"frobnicate"}, wantErr: "unknown command"},
		{args: []string{"migrate", "--data", dir}, wantOut: "database migrated (sqlite)"},
		{args: []string{"migrate", "--data", dir}, wantOut: "database migrated (sqlite)"}, // again: nothing to do
		{args: []string{"serve", "--db", "mysql://x"}, wantErr: "postgres"},
	} {
		var out, errOut bytes.Buffer
		err := run(context.Background(), tc.args, func(string) string { return "" }, &out, &errOut)
		if tc.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("%v: err = %v; want %q", tc.args, err, tc.wantErr)
			}
			continue
		}
		if err != nil || !strings.Contains(out.String(), tc.wantOut) {
			t.Errorf("%v: %v, out %q; want %q", tc.args, err, out.String(), tc.wantOut)
		}
	}
}
