package files

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mizban/internal/vault"
)

func newTestStore(t *testing.T) (*Local, string) {
	t.Helper()
	v, err := vault.New(bytes.Repeat([]byte{5}, vault.KeySize))
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "docs")
	l, err := NewLocal(dir, v)
	if err != nil {
		t.Fatal(err)
	}
	return l, dir
}

// allFiles returns every regular file under dir.
func allFiles(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		out[p] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestLocalRoundTripEncrypted(t *testing.T) {
	l, dir := newTestStore(t)
	ctx := context.Background()
	key := NewKey()
	doc := []byte("%PDF-1.4 national id 0076229645 of the citizen")
	if err := l.Put(ctx, key, doc); err != nil {
		t.Fatal(err)
	}
	got, err := l.Get(ctx, key)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, doc) {
		t.Errorf("Get = %q", got)
	}
	on := allFiles(t, dir)
	if len(on) != 1 {
		t.Fatalf("files on disk = %d, want 1 (no temp files left)", len(on))
	}
	for p, b := range on {
		if bytes.Contains(b, []byte("0076229645")) || bytes.Contains(b, []byte("%PDF")) {
			t.Errorf("plaintext visible on disk in %s", p)
		}
		if filepath.Base(p) != key || filepath.Dir(filepath.Dir(p)) != dir {
			t.Errorf("file at %s, want %s/<shard>/%s", p, dir, key)
		}
		if fi, _ := os.Stat(p); fi.Mode().Perm()&0o077 != 0 {
			t.Errorf("file mode %v readable by others", fi.Mode().Perm())
		}
	}
}

func TestLocalOverwriteAndDelete(t *testing.T) {
	l, dir := newTestStore(t)
	ctx := context.Background()
	key := "doc-1"
	if err := l.Put(ctx, key, []byte("one")); err != nil {
		t.Fatal(err)
	}
	if err := l.Put(ctx, key, []byte("two")); err != nil {
		t.Fatal(err)
	}
	if got, _ := l.Get(ctx, key); string(got) != "two" {
		t.Errorf("after overwrite Get = %q", got)
	}
	if err := l.Delete(ctx, key); err != nil {
		t.Fatal(err)
	}
	if _, err := l.Get(ctx, key); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get after Delete: err = %v, want ErrNotFound", err)
	}
	if err := l.Delete(ctx, key); err != nil {
		t.Errorf("second Delete: %v", err)
	}
	if n := len(allFiles(t, dir)); n != 0 {
		t.Errorf("%d files left after Delete", n)
	}
}

func TestLocalEmptyDocument(t *testing.T) {
	l, _ := newTestStore(t)
	ctx := context.Background()
	if err := l.Put(ctx, "empty", nil); err != nil {
		t.Fatal(err)
	}
	if got, err := l.Get(ctx, "empty"); err != nil || len(got) != 0 {
		t.Errorf("Get = %q, %v", got, err)
	}
}

func TestLocalMovedFileFails(t *testing.T) {
	l, _ := newTestStore(t)
	ctx := context.Background()
	if err := l.Put(ctx, "aaa", []byte("secret A")); err != nil {
		t.Fatal(err)
	}
	if err := l.Put(ctx, "bbb", []byte("secret B")); err != nil {
		t.Fatal(err)
	}
	// Swap the files on disk: each is bound to its key, so both must fail.
	a, _ := os.ReadFile(l.path("aaa"))
	if err := os.WriteFile(l.path("bbb"), a, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := l.Get(ctx, "bbb"); !errors.Is(err, vault.ErrTampered) {
		t.Errorf("moved file: err = %v, want vault.ErrTampered", err)
	}
}

func TestLocalKeysRefused(t *testing.T) {
	l, dir := newTestStore(t)
	ctx := context.Background()
	bad := []string{
		"", "../etc/passwd", "..", ".", "a/b", `a\b`, "/abs", "ABC", "a b",
		"a.pdf", ".tmp-1", "a\x00b", "ک", strings.Repeat("a", 129),
	}
	for _, k := range bad {
		if err := l.Put(ctx, k, []byte("x")); !errors.Is(err, ErrBadKey) {
			t.Errorf("Put(%q): err = %v, want ErrBadKey", k, err)
		}
		if _, err := l.Get(ctx, k); !errors.Is(err, ErrBadKey) {
			t.Errorf("Get(%q): err = %v, want ErrBadKey", k, err)
		}
		if err := l.Delete(ctx, k); !errors.Is(err, ErrBadKey) {
			t.Errorf("Delete(%q): err = %v, want ErrBadKey", k, err)
		}
	}
	if n := len(allFiles(t, filepath.Dir(dir))); n != 0 {
		t.Errorf("refused keys wrote %d files", n)
	}
	for _, k := range []string{"a", "doc-42", NewKey(), strings.Repeat("z", 128)} {
		if !ValidKey(k) {
			t.Errorf("ValidKey(%q) = false", k)
		}
	}
}

func TestLocalCancelledContext(t *testing.T) {
	l, _ := newTestStore(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := l.Put(ctx, "abc", []byte("x")); !errors.Is(err, context.Canceled) {
		t.Errorf("Put: err = %v", err)
	}
}

func TestNewLocalNeedsSealer(t *testing.T) {
	if _, err := NewLocal(t.TempDir(), nil); err == nil {
		t.Error("NewLocal accepted a nil sealer")
	}
}

func TestNewKey(t *testing.T) {
	a, b := NewKey(), NewKey()
	if len(a) != 32 || !ValidKey(a) {
		t.Errorf("NewKey = %q", a)
	}
	if a == b {
		t.Error("NewKey repeated")
	}
}

func TestSHA256Hex(t *testing.T) {
	if got := SHA256Hex([]byte("abc")); got != "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" {
		t.Errorf("SHA256Hex(abc) = %s", got)
	}
}
