package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"

	"mizban/internal/fa"
)

// Params are argon2id costs. They travel inside every encoded hash, so
// raising them later only affects new hashes.
type Params struct {
	Memory  uint32 // KiB
	Time    uint32 // passes
	Threads uint8
	SaltLen uint32
	KeyLen  uint32
}

// DefaultParams are sized for a small 2-core server: 64 MiB and 2 passes
// over 2 lanes took 40–180 ms per hash on the 2-core build machine (see
// TestDefaultCost -v), slow enough to make offline guessing costly and fast
// enough for a sign-in. Memory, not CPU, is what bounds concurrency, so
// Service lets at most two hashes run at once (128 MiB at worst) however
// many people sign in at the start of the working day.
var DefaultParams = Params{Memory: 64 * 1024, Time: 2, Threads: 2, SaltLen: 16, KeyLen: 32}

// DemoParams are cheap costs for the published demo passwords, which
// protect nothing; they keep demo seeding and tests quick.
var DemoParams = Params{Memory: 1024, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

var b64 = base64.RawStdEncoding

// prepare is what is hashed: Persian and Arabic digits count as ASCII and
// Arabic ي/ك as Persian ی/ک, so a password set on one keyboard layout works
// when typed on another.
func prepare(password string) []byte { return []byte(fa.ASCIIDigits(fa.Normalize(password))) }

// HashPassword returns the PHC-style encoding of password under p:
// $argon2id$v=19$m=65536,t=2,p=2$<salt>$<hash>.
func HashPassword(password string, p Params) (string, error) {
	salt := make([]byte, p.SaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("auth: salt: %w", err)
	}
	key := argon2.IDKey(prepare(password), salt, p.Time, p.Memory, p.Threads, p.KeyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, p.Memory, p.Time, p.Threads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

var errBadHash = errors.New("auth: not an argon2id hash")

// decodeHash parses an encoded hash, refusing costs no server would use
// (so a tampered row cannot ask for more than 256 MiB).
func decodeHash(encoded string) (Params, []byte, []byte, error) {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return Params{}, nil, nil, errBadHash
	}
	var v int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &v); err != nil || v != argon2.Version {
		return Params{}, nil, nil, errBadHash
	}
	var p Params
	if n, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil || n != 3 {
		return Params{}, nil, nil, errBadHash
	}
	if p.Memory < 8 || p.Memory > 256*1024 || p.Time < 1 || p.Time > 10 || p.Threads < 1 || p.Threads > 16 {
		return Params{}, nil, nil, errBadHash
	}
	salt, err := b64.DecodeString(parts[4])
	if err != nil || len(salt) < 8 {
		return Params{}, nil, nil, errBadHash
	}
	key, err := b64.DecodeString(parts[5])
	if err != nil || len(key) < 16 || len(key) > 64 {
		return Params{}, nil, nil, errBadHash
	}
	p.SaltLen, p.KeyLen = uint32(len(salt)), uint32(len(key))
	return p, salt, key, nil
}

// VerifyPassword reports whether password matches encoded, comparing in
// constant time. A malformed hash is an error, never a match.
func VerifyPassword(encoded, password string) (bool, error) {
	p, salt, key, err := decodeHash(encoded)
	if err != nil {
		return false, err
	}
	got := argon2.IDKey(prepare(password), salt, p.Time, p.Memory, p.Threads, p.KeyLen)
	return subtle.ConstantTimeCompare(got, key) == 1, nil
}
