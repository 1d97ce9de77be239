package vault

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func testVault(t *testing.T, fill byte) *Vault {
	t.Helper()
	v, err := New(bytes.Repeat([]byte{fill}, KeySize))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestRoundTrip(t *testing.T) {
	v := testVault(t, 1)
	for _, p := range []string{"", "0076229645", "۰۹۱۲۳۴۵۶۷۸۹", strings.Repeat("x", 100000)} {
		ct, err := v.Seal([]byte(p))
		if err != nil {
			t.Fatal(err)
		}
		if len(ct) != len(p)+Overhead {
			t.Errorf("len(ct) = %d, want %d", len(ct), len(p)+Overhead)
		}
		if len(p) > 4 && bytes.Contains(ct, []byte(p)) {
			t.Errorf("ciphertext contains plaintext %q", p[:10])
		}
		got, err := v.Unseal(ct)
		if err != nil {
			t.Fatalf("Unseal: %v", err)
		}
		if string(got) != p {
			t.Errorf("round trip = %q, want %q", got, p)
		}
	}
}

func TestSealIsRandomised(t *testing.T) {
	v := testVault(t, 1)
	a, _ := v.Seal([]byte("same"))
	b, _ := v.Seal([]byte("same"))
	if bytes.Equal(a, b) {
		t.Error("two seals of one plaintext are equal; nonce not random")
	}
}

func TestHeader(t *testing.T) {
	v := testVault(t, 1)
	ct, _ := v.Seal([]byte("x"))
	if ct[0] != version {
		t.Errorf("version byte = %d", ct[0])
	}
	if got := fmt.Sprintf("%x", ct[1:headerSize]); got != v.KeyID() {
		t.Errorf("key id in header = %s, want %s", got, v.KeyID())
	}
}

func TestTamper(t *testing.T) {
	v := testVault(t, 1)
	ct, _ := v.Seal([]byte("0076229645"))
	for i := range ct {
		bad := bytes.Clone(ct)
		bad[i] ^= 0x01
		if _, err := v.Unseal(bad); err == nil {
			t.Errorf("flipped byte %d: Unseal succeeded", i)
		}
	}
	if _, err := v.Unseal(ct[:len(ct)-1]); !errors.Is(err, ErrTampered) {
		t.Errorf("truncated: err = %v, want ErrTampered", err)
	}
	bad := bytes.Clone(ct)
	bad[len(bad)-1] ^= 0x80
	if _, err := v.Unseal(bad); !errors.Is(err, ErrTampered) {
		t.Errorf("flipped tag: err = %v, want ErrTampered", err)
	}
	bad = bytes.Clone(ct)
	bad[0] = 9
	if _, err := v.Unseal(bad); !errors.Is(err, ErrVersion) {
		t.Errorf("version: err = %v, want ErrVersion", err)
	}
}

func TestShort(t *testing.T) {
	v := testVault(t, 1)
	for _, n := range []int{0, 1, Overhead - 1} {
		if _, err := v.Unseal(make([]byte, n)); !errors.Is(err, ErrShort) {
			t.Errorf("len %d: err = %v, want ErrShort", n, err)
		}
	}
}

func TestWrongKey(t *testing.T) {
	a, b := testVault(t, 1), testVault(t, 2)
	ct, _ := a.Seal([]byte("secret"))
	if _, err := b.Unseal(ct); !errors.Is(err, ErrWrongKey) {
		t.Errorf("err = %v, want ErrWrongKey", err)
	}
	// A forged header carrying b's id must still fail authentication.
	copy(ct[1:headerSize], b.id[:])
	if _, err := b.Unseal(ct); !errors.Is(err, ErrTampered) {
		t.Errorf("forged id: err = %v, want ErrTampered", err)
	}
}

func TestAdditionalData(t *testing.T) {
	v := testVault(t, 1)
	ct, err := v.SealAD([]byte("doc"), []byte("request:42"))
	if err != nil {
		t.Fatal(err)
	}
	if p, err := v.UnsealAD(ct, []byte("request:42")); err != nil || string(p) != "doc" {
		t.Fatalf("UnsealAD = %q, %v", p, err)
	}
	for _, ad := range [][]byte{[]byte("request:43"), nil, []byte("request:4")} {
		if _, err := v.UnsealAD(ct, ad); !errors.Is(err, ErrTampered) {
			t.Errorf("ad %q: err = %v, want ErrTampered", ad, err)
		}
	}
	if _, err := v.Unseal(ct); !errors.Is(err, ErrTampered) {
		t.Errorf("Unseal without ad: err = %v, want ErrTampered", err)
	}
}

func TestStrings(t *testing.T) {
	v := testVault(t, 1)
	s, err := v.SealString("09121234567")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := base64.StdEncoding.DecodeString(s); err != nil {
		t.Errorf("SealString is not base64: %v", err)
	}
	if got, err := v.UnsealString(s); err != nil || got != "09121234567" {
		t.Errorf("UnsealString = %q, %v", got, err)
	}
	if _, err := v.UnsealString("not base64!"); err == nil {
		t.Error("UnsealString accepted junk")
	}
	if _, err := v.UnsealString(""); !errors.Is(err, ErrShort) {
		t.Errorf("empty: err = %v, want ErrShort", err)
	}
}

func TestIndex(t *testing.T) {
	a, b := testVault(t, 1), testVault(t, 2)
	x := a.Index("0076229645")
	if len(x) != 64 || strings.Trim(x, "0123456789abcdef") != "" {
		t.Errorf("Index = %q, want 64 hex digits", x)
	}
	if a.Index("0076229645") != x {
		t.Error("Index not stable")
	}
	if a.Index("0076229646") == x {
		t.Error("Index equal for different input")
	}
	if b.Index("0076229645") == x {
		t.Error("Index not keyed: same under two keys")
	}
	a2 := testVault(t, 1)
	if a2.Index("0076229645") != x {
		t.Error("Index differs for the same key")
	}
}

func TestNoKeyInOutput(t *testing.T) {
	key := bytes.Repeat([]byte{0xAB}, KeySize)
	v, _ := New(key)
	enc := EncodeKey(key)
	for _, s := range []string{fmt.Sprint(v), fmt.Sprintf("%+v", v), fmt.Sprintf("%#v", v), fmt.Sprintf("%x", v)} {
		if strings.Contains(s, enc) || strings.Contains(strings.ToLower(s), "abababab") {
			t.Errorf("formatted vault shows key material: %q", s)
		}
		if !strings.Contains(s, v.KeyID()) {
			t.Errorf("formatted vault %q lacks key id", s)
		}
	}
}

func TestDecodeKey(t *testing.T) {
	key := bytes.Repeat([]byte{0xFB}, KeySize) // 0xFB gives '+' '/' vs '-' '_'
	tests := []struct {
		name string
		in   string
		ok   bool
	}{
		{"std", base64.StdEncoding.EncodeToString(key), true},
		{"std with newline", base64.StdEncoding.EncodeToString(key) + "\n", true},
		{"raw std", base64.RawStdEncoding.EncodeToString(key), true},
		{"url", base64.URLEncoding.EncodeToString(key), true},
		{"raw url", base64.RawURLEncoding.EncodeToString(key), true},
		{"16 bytes", base64.StdEncoding.EncodeToString(key[:16]), false},
		{"33 bytes", base64.StdEncoding.EncodeToString(append(key, 1)), false},
		{"empty", "", false},
		{"junk", "this is not a key!", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DecodeKey(tt.in)
			if (err == nil) != tt.ok {
				t.Fatalf("err = %v, want ok=%v", err, tt.ok)
			}
			if tt.ok && !bytes.Equal(got, key) {
				t.Errorf("key = %x", got)
			}
			if err != nil && len(tt.in) > 8 && strings.Contains(err.Error(), tt.in[:8]) {
				t.Errorf("error repeats input: %v", err)
			}
		})
	}
}

func TestNewRejectsBadKeySize(t *testing.T) {
	for _, n := range []int{0, 16, 31, 33} {
		if _, err := New(make([]byte, n)); !errors.Is(err, ErrKeySize) {
			t.Errorf("len %d: err = %v", n, err)
		}
	}
}

func TestLoadCreatesKeyFileOnce(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	v1, err := Load(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, KeyFile)
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("key file mode = %v, want 0600", fi.Mode().Perm())
	}
	if di, _ := os.Stat(dir); di.Mode().Perm() != 0o700 {
		t.Errorf("data dir mode = %v, want 0700", di.Mode().Perm())
	}
	b, _ := os.ReadFile(path)
	k, err := DecodeKey(string(b))
	if err != nil {
		t.Fatalf("key file content: %v", err)
	}
	ct, _ := v1.Seal([]byte("kept"))

	v2, err := Load(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if v2.KeyID() != v1.KeyID() {
		t.Error("second Load made a new key")
	}
	if p, err := v2.Unseal(ct); err != nil || string(p) != "kept" {
		t.Errorf("reloaded vault cannot unseal: %q, %v", p, err)
	}
	if b2, _ := os.ReadFile(path); !bytes.Equal(b, b2) {
		t.Error("key file rewritten")
	}
	v3, _ := New(k)
	if v3.KeyID() != v1.KeyID() {
		t.Error("key file does not hold the vault's key")
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Errorf("data dir holds %d entries, want only the key file", len(ents))
	}
}

func TestLoadGivenKeyIgnoresFile(t *testing.T) {
	dir := t.TempDir()
	key := bytes.Repeat([]byte{7}, KeySize)
	v, err := Load(dir, key)
	if err != nil {
		t.Fatal(err)
	}
	w, _ := New(key)
	if v.KeyID() != w.KeyID() {
		t.Error("Load did not use the given key")
	}
	if _, err := os.Stat(filepath.Join(dir, KeyFile)); !os.IsNotExist(err) {
		t.Error("Load wrote a key file though a key was given")
	}
	if _, err := Load(dir, []byte("short")); !errors.Is(err, ErrKeySize) {
		t.Errorf("short key: err = %v", err)
	}
}

func TestLoadRefusesOpenKeyFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, KeyFile)
	if err := os.WriteFile(path, []byte(EncodeKey(NewKey())), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chmod(path, 0o644) // umask may have narrowed it
	if _, err := Load(dir, nil); err == nil {
		t.Error("Load accepted a world-readable key file")
	}
}

func TestLoadBadKeyFile(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, KeyFile), []byte("garbage"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(dir, nil); err == nil {
		t.Error("Load accepted a corrupt key file")
	}
}
