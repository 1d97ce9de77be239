package files

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
)

// Store keeps documents by key. Keys come from NewKey or are otherwise made
// only of a–z, 0–9 and '-'.
type Store interface {
	Put(ctx context.Context, key string, data []byte) error
	Get(ctx context.Context, key string) ([]byte, error)
	Delete(ctx context.Context, key string) error
}

// Sealer encrypts with additional data; *vault.Vault satisfies it.
type Sealer interface {
	SealAD(plain, ad []byte) ([]byte, error)
	UnsealAD(ct, ad []byte) ([]byte, error)
}

// Errors of a Store.
var (
	ErrNotFound = errors.New("files: not found")
	ErrBadKey   = errors.New("files: invalid key")
)

// maxKeyLen keeps file names well under every file system's limit.
const maxKeyLen = 128

// ValidKey reports whether key is a safe store key: 1–128 characters of
// a–z, 0–9 and '-', so it can never name a path outside the store.
func ValidKey(key string) bool {
	if key == "" || len(key) > maxKeyLen {
		return false
	}
	for i := 0; i < len(key); i++ {
		c := key[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

func checkKey(key string) error {
	if !ValidKey(key) {
		return fmt.Errorf("%w %q", ErrBadKey, key)
	}
	return nil
}

// NewKey returns a random 128-bit key in hex.
func NewKey() string {
	var b [16]byte
	rand.Read(b[:]) // never fails: crypto/rand panics rather than return short
	return hex.EncodeToString(b[:])
}

// SHA256Hex is the lowercase hex SHA-256 of data, kept with each document and
// checked on download.
func SHA256Hex(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}
