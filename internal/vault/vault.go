package vault

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
)

// version is the first byte of every ciphertext; bump it when the layout changes.
const version byte = 1

const (
	keyIDSize  = 4
	nonceSize  = 12
	tagSize    = 16
	headerSize = 1 + keyIDSize
	// Overhead is how many bytes sealing adds to a plaintext.
	Overhead = headerSize + nonceSize + tagSize
)

// HKDF info strings: changing them changes every derived key.
const (
	infoSeal  = "mizban vault v1 seal"
	infoIndex = "mizban vault v1 index"
)

// Errors from Unseal. ErrTampered also covers additional data that does not
// match, since GCM cannot tell the two apart.
var (
	ErrShort    = errors.New("vault: ciphertext too short")
	ErrVersion  = errors.New("vault: unknown ciphertext version")
	ErrWrongKey = errors.New("vault: ciphertext was sealed with another key")
	ErrTampered = errors.New("vault: ciphertext fails authentication")
)

// Vault seals and unseals with one master key. It is safe for concurrent use.
type Vault struct {
	id       [keyIDSize]byte
	aead     cipher.AEAD
	indexKey []byte
}

// Load returns a vault for key, or, when key is nil, for the key in
// dataDir/vault.key, creating that file (mode 0600) on first start.
func Load(dataDir string, key []byte) (*Vault, error) {
	if key == nil {
		k, err := loadKeyFile(dataDir)
		if err != nil {
			return nil, err
		}
		key = k
	}
	return New(key)
}

// New returns a vault for a 32-byte master key.
func New(key []byte) (*Vault, error) {
	if len(key) != KeySize {
		return nil, ErrKeySize
	}
	sealKey, err := hkdf.Key(sha256.New, key, nil, infoSeal, 32)
	if err != nil {
		return nil, fmt.Errorf("vault: derive key: %w", err)
	}
	indexKey, err := hkdf.Key(sha256.New, key, nil, infoIndex, 32)
	if err != nil {
		return nil, fmt.Errorf("vault: derive key: %w", err)
	}
	block, err := aes.NewCipher(sealKey)
	if err != nil {
		return nil, fmt.Errorf("vault: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("vault: %w", err)
	}
	v := &Vault{aead: aead, indexKey: indexKey}
	sum := sha256.Sum256(key)
	copy(v.id[:], sum[:])
	return v, nil
}

// KeyID is the hex id of the master key, safe to log.
func (v *Vault) KeyID() string { return hex.EncodeToString(v.id[:]) }

// String, GoString and LogValue keep key material out of logs and %v output.
func (v *Vault) String() string             { return "vault(" + v.KeyID() + ")" }
func (v *Vault) GoString() string           { return v.String() }
func (v *Vault) LogValue() slog.Value       { return slog.StringValue(v.String()) }
func (v *Vault) Format(f fmt.State, _ rune) { f.Write([]byte(v.String())) }

// Seal encrypts plain.
func (v *Vault) Seal(plain []byte) ([]byte, error) { return v.SealAD(plain, nil) }

// Unseal decrypts a ciphertext from Seal.
func (v *Vault) Unseal(ct []byte) ([]byte, error) { return v.UnsealAD(ct, nil) }

// SealAD encrypts plain bound to ad (e.g. "request:42"): unsealing with any
// other ad fails, so a ciphertext copied to another row is useless there.
func (v *Vault) SealAD(plain, ad []byte) ([]byte, error) {
	out := make([]byte, headerSize+nonceSize, Overhead+len(plain))
	out[0] = version
	copy(out[1:headerSize], v.id[:])
	nonce := out[headerSize:]
	if _, err := rand.Read(nonce); err != nil {
		return nil, fmt.Errorf("vault: nonce: %w", err)
	}
	return v.aead.Seal(out, nonce, plain, v.additional(out[:headerSize], ad)), nil
}

// UnsealAD decrypts a ciphertext from SealAD with the same ad.
func (v *Vault) UnsealAD(ct, ad []byte) ([]byte, error) {
	if len(ct) < Overhead {
		return nil, ErrShort
	}
	if ct[0] != version {
		return nil, ErrVersion
	}
	if !hmac.Equal(ct[1:headerSize], v.id[:]) {
		return nil, ErrWrongKey
	}
	nonce := ct[headerSize : headerSize+nonceSize]
	plain, err := v.aead.Open(nil, nonce, ct[headerSize+nonceSize:], v.additional(ct[:headerSize], ad))
	if err != nil {
		return nil, ErrTampered
	}
	if plain == nil {
		plain = []byte{}
	}
	return plain, nil
}

// additional authenticates the header with the caller's ad, so a changed
// version or key id is caught even if a later format would accept it.
func (v *Vault) additional(header, ad []byte) []byte {
	a := make([]byte, 0, len(header)+len(ad))
	return append(append(a, header...), ad...)
}

// SealString seals s and returns standard base64, for TEXT columns.
func (v *Vault) SealString(s string) (string, error) {
	ct, err := v.Seal([]byte(s))
	if err != nil {
		return "", err
	}
	return base64.StdEncoding.EncodeToString(ct), nil
}

// UnsealString reverses SealString.
func (v *Vault) UnsealString(s string) (string, error) {
	ct, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		return "", fmt.Errorf("%w: not base64", ErrTampered)
	}
	p, err := v.Unseal(ct)
	if err != nil {
		return "", err
	}
	return string(p), nil
}

// Index is a keyed blind index of s (HMAC-SHA256, hex) for equality look-ups
// of sealed values. Callers must canonicalise first (ASCII digits, 09… mobile)
// or equal values will not match.
func (v *Vault) Index(s string) string {
	m := hmac.New(sha256.New, v.indexKey)
	m.Write([]byte(s))
	return hex.EncodeToString(m.Sum(nil))
}
