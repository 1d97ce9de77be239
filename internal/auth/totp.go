package auth

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha1"
	"crypto/subtle"
	"encoding/base32"
	"encoding/binary"
	"fmt"
	"net/url"
	"strings"
	"time"

	"mizban/internal/fa"
)

// TOTP per RFC 6238 with the parameters every authenticator app supports:
// HMAC-SHA1, 6 digits, 30-second steps.
const (
	TOTPDigits = 6
	TOTPPeriod = 30 // seconds
	TOTPWindow = 1  // steps accepted either side of now, for clock drift
	secretLen  = 20 // bytes: 160 bits, as RFC 4226 recommends
)

var b32 = base32.StdEncoding.WithPadding(base32.NoPadding)

// NewTOTPSecret returns a fresh random secret.
func NewTOTPSecret() ([]byte, error) {
	b := make([]byte, secretLen)
	if _, err := rand.Read(b); err != nil {
		return nil, fmt.Errorf("auth: totp secret: %w", err)
	}
	return b, nil
}

// EncodeSecret is the secret as authenticator apps take it (base32).
func EncodeSecret(secret []byte) string { return b32.EncodeToString(secret) }

// SecretGroups splits the encoded secret into groups of four for typing by
// hand.
func SecretGroups(secret []byte) []string {
	s := EncodeSecret(secret)
	var out []string
	for len(s) > 4 {
		out = append(out, s[:4])
		s = s[4:]
	}
	return append(out, s)
}

// TimeStep is the TOTP time step at t.
func TimeStep(t time.Time) int64 { return t.Unix() / TOTPPeriod }

// HOTP is the code of counter under secret (RFC 4226) with digits digits.
func HOTP(secret []byte, counter int64, digits int) string {
	var msg [8]byte
	binary.BigEndian.PutUint64(msg[:], uint64(counter))
	m := hmac.New(sha1.New, secret)
	m.Write(msg[:])
	sum := m.Sum(nil)
	off := sum[len(sum)-1] & 0x0f
	bin := binary.BigEndian.Uint32(sum[off:off+4]) & 0x7fffffff
	mod := uint32(1)
	for range digits {
		mod *= 10
	}
	return fmt.Sprintf("%0*d", digits, bin%mod)
}

// TOTP is the 6-digit code of the time step at t.
func TOTP(secret []byte, t time.Time) string { return HOTP(secret, TimeStep(t), TOTPDigits) }

// normalizeCode takes what a person typed (Persian digits, spaces, a dash)
// and returns the digits.
func normalizeCode(code string) string { return fa.Digits(code) }

// VerifyTOTP checks code against the steps around now and returns the step
// it matched. A code of a step at or before lastStep is refused even when
// right: each step's code works once.
func VerifyTOTP(secret []byte, code string, now time.Time, lastStep int64) (step int64, ok bool) {
	code = normalizeCode(code)
	if len(code) != TOTPDigits || !fa.AllDigits(code) {
		return 0, false
	}
	cur := TimeStep(now)
	matched := int64(-1)
	for s := cur - TOTPWindow; s <= cur+TOTPWindow; s++ {
		// Every candidate is computed and compared, so the time taken says
		// nothing about which step matched.
		if subtle.ConstantTimeCompare([]byte(HOTP(secret, s, TOTPDigits)), []byte(code)) == 1 && matched < 0 {
			matched = s
		}
	}
	if matched < 0 || matched <= lastStep {
		return matched, false
	}
	return matched, true
}

// OTPAuthURI is the enrollment URI shown as a QR code:
// otpauth://totp/Issuer:account?secret=…&issuer=…&algorithm=SHA1&digits=6&period=30.
func OTPAuthURI(issuer, account string, secret []byte) string {
	issuer = strings.ReplaceAll(issuer, ":", " ")
	label := url.PathEscape(issuer) + ":" + url.PathEscape(account)
	q := url.Values{}
	q.Set("secret", EncodeSecret(secret))
	q.Set("issuer", issuer)
	q.Set("algorithm", "SHA1")
	q.Set("digits", "6")
	q.Set("period", "30")
	return "otpauth://totp/" + label + "?" + q.Encode()
}
