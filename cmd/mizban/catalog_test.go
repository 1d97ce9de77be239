package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCatalogCommands(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	getenv := func(k string) string { return map[string]string{"MIZBAN_DEMO": "1"}[k] } // the demo catalog
	run := func(args ...string) (string, string, error) {
		var out, errOut bytes.Buffer
		err := catalogCmd(ctx, append(args, "--data", dir), getenv, &out, &errOut)
		return out.String(), errOut.String(), err
	}
	json, csv := filepath.Join(dir, "cards.json"), filepath.Join(dir, "list.csv")
	out, _, err := run("export", "--out", json)
	if err != nil || !strings.Contains(out, "services written to") {
		t.Fatalf("export json: %q %v", out, err)
	}
	if _, _, err := run("export", "--format", "csv", "--out", csv); err != nil {
		t.Fatalf("export csv: %v", err)
	}
	if b, _ := os.ReadFile(csv); !bytes.HasPrefix(b, []byte("\xef\xbb\xbfcode,")) {
		t.Errorf("csv export starts %q", b[:min(len(b), 12)])
	}
	// Both exports import back as they are: nothing changes.
	for _, f := range []string{json, csv} {
		var o, e bytes.Buffer
		err := catalogCmd(ctx, []string{"import", "--data", dir, f}, getenv, &o, &e)
		if err != nil || !strings.Contains(o.String(), "0 new, 0 changed (new versions)") {
			t.Errorf("import %s back: %q %v\n%s", filepath.Base(f), o.String(), err, e.String())
		}
	}

	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`[{"code":"99999999999","title":""}]`), 0o600)
	var stderr bytes.Buffer
	err = catalogCmd(ctx, []string{"import", "--data", dir, bad}, getenv, &bytes.Buffer{}, &stderr)
	if err == nil || !strings.Contains(err.Error(), "nothing was changed") || !strings.Contains(stderr.String(), "row 1\t99999999999\ttitle\t") {
		t.Errorf("bad import: %v\n%s", err, stderr.String())
	}
	for _, args := range [][]string{{}, {"export", "--format", "xml"}, {"import"}, {"nope"}} {
		if err := catalogCmd(ctx, args, getenv, &bytes.Buffer{}, &bytes.Buffer{}); err == nil {
			t.Errorf("catalog %q: no error", args)
		}
	}
}
