package vault

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// KeySize is the length of the master key in bytes.
const KeySize = 32

// KeyFile is the name of the key file that Load creates inside the data dir.
const KeyFile = "vault.key"

// ErrKeySize reports a key that is not KeySize bytes long.
var ErrKeySize = errors.New("vault: key must be 32 bytes")

// DecodeKey decodes a base64 master key, as given in MIZBAN_VAULT_KEY or a
// key file. Standard and URL alphabets, with or without padding, are
// accepted because operators paste keys from different tools. The error never
// repeats the input.
func DecodeKey(s string) ([]byte, error) {
	s = strings.TrimSpace(s)
	for _, enc := range []*base64.Encoding{
		base64.StdEncoding, base64.RawStdEncoding,
		base64.URLEncoding, base64.RawURLEncoding,
	} {
		k, err := enc.DecodeString(s)
		if err != nil {
			continue
		}
		if len(k) != KeySize {
			return nil, fmt.Errorf("%w (got %d)", ErrKeySize, len(k))
		}
		return k, nil
	}
	return nil, errors.New("vault: key is not valid base64")
}

// EncodeKey is the text form of a key, as written to the key file.
func EncodeKey(k []byte) string { return base64.StdEncoding.EncodeToString(k) }

// NewKey returns a fresh random master key.
func NewKey() []byte {
	k := make([]byte, KeySize)
	rand.Read(k) // never fails: crypto/rand panics rather than return short
	return k
}

// loadKeyFile reads dir/vault.key, creating it once when missing.
func loadKeyFile(dir string) ([]byte, error) {
	path := filepath.Join(dir, KeyFile)
	k, err := readKeyFile(path)
	if err == nil || !errors.Is(err, fs.ErrNotExist) {
		return k, err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("vault: create data dir: %w", err)
	}
	if err := createKeyFile(path); err != nil {
		return nil, err
	}
	// Read back rather than trust memory: a concurrent starter may have won
	// the race, and then its key is the one on disk.
	return readKeyFile(path)
}

func readKeyFile(path string) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	// Like ssh, refuse a key others can read: it would undo the encryption.
	if runtime.GOOS != "windows" && fi.Mode().Perm()&0o077 != 0 {
		return nil, fmt.Errorf("vault: %s is readable by others (mode %v); run chmod 600", path, fi.Mode().Perm())
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	k, err := DecodeKey(string(b))
	if err != nil {
		return nil, fmt.Errorf("vault: %s: %w", path, err)
	}
	return k, nil
}

// createKeyFile writes a new key to a temporary file and links it into place,
// so the key file is either complete or absent and an existing key is never
// overwritten (losing it would lose every document).
func createKeyFile(path string) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, ".vault.key-*")
	if err != nil {
		return fmt.Errorf("vault: create key file: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return fmt.Errorf("vault: create key file: %w", err)
	}
	if _, err := tmp.WriteString(EncodeKey(NewKey()) + "\n"); err != nil {
		tmp.Close()
		return fmt.Errorf("vault: write key file: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("vault: write key file: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("vault: write key file: %w", err)
	}
	if err := os.Link(tmp.Name(), path); err != nil && !errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("vault: install key file: %w", err)
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync() // best effort: some platforms cannot sync a directory
		d.Close()
	}
	return nil
}
