package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"
)

// NewToken returns a fresh session token (32 random bytes, URL-safe) and
// the hash under which the session is stored; the token itself is never
// stored, so a copy of the database opens no session.
func NewToken() (token, hash string, err error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", "", fmt.Errorf("auth: token: %w", err)
	}
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, HashToken(token), nil
}

// HashToken is the stored form of a session token.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// Recovery codes: 16 characters of Crockford's base32 (80 bits), shown as
// four groups of four. With that much randomness a plain SHA-256 is enough
// to store them; a slow hash would add nothing.
const (
	RecoveryCodes = 10
	recoveryLen   = 16
	recoveryAlpha = "0123456789abcdefghjkmnpqrstvwxyz"
)

// NewRecoveryCodes returns RecoveryCodes fresh codes to show once and the
// hashes to store.
func NewRecoveryCodes() (codes, hashes []string, err error) {
	for range RecoveryCodes {
		b := make([]byte, recoveryLen)
		if _, err := rand.Read(b); err != nil {
			return nil, nil, fmt.Errorf("auth: recovery code: %w", err)
		}
		var s strings.Builder
		for i, x := range b {
			if i > 0 && i%4 == 0 {
				s.WriteByte('-')
			}
			s.WriteByte(recoveryAlpha[x&31]) // 256 is a multiple of 32: no bias
		}
		codes = append(codes, s.String())
		hashes = append(hashes, HashRecoveryCode(s.String()))
	}
	return codes, hashes, nil
}

// normalizeRecovery folds what a person typed: case, dashes and spaces,
// Persian digits, and the letters Crockford reads as digits.
func normalizeRecovery(code string) string {
	code = strings.ToLower(normalizeCode(code))
	return strings.Map(func(r rune) rune {
		switch r {
		case 'o':
			return '0'
		case 'i', 'l':
			return '1'
		}
		return r
	}, code)
}

// LooksLikeRecoveryCode tells a recovery code from a 6-digit TOTP code.
func LooksLikeRecoveryCode(code string) bool {
	c := normalizeRecovery(code)
	if len(c) != recoveryLen {
		return false
	}
	for _, r := range c {
		if !strings.ContainsRune(recoveryAlpha, r) {
			return false
		}
	}
	return true
}

// HashRecoveryCode is the stored form of a recovery code.
func HashRecoveryCode(code string) string {
	sum := sha256.Sum256([]byte("recovery:" + normalizeRecovery(code)))
	return hex.EncodeToString(sum[:])
}
