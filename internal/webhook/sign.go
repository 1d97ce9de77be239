package webhook

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Header names from the Standard Webhooks specification.
const (
	HeaderID        = "webhook-id"
	HeaderTimestamp = "webhook-timestamp"
	HeaderSignature = "webhook-signature"
)

// SecretPrefix marks a symmetric signing secret in its text form.
const SecretPrefix = "whsec_"

// Key sizes: the specification asks for at least 24 random bytes and at most
// 64; we make 32.
const (
	secretSize    = 32
	minSecretSize = 24
	maxSecretSize = 64
)

// DefaultOverlap is how long a replaced secret keeps signing after a
// rotation: three days gives a vendor time to change its configuration, and
// a receiver that already has the new secret accepts either signature.
const DefaultOverlap = 72 * time.Hour

// ErrSecret reports a secret that is not "whsec_" + base64 of 24–64 bytes.
// The error never repeats the secret.
var ErrSecret = errors.New("webhook: secret must be whsec_ followed by base64 of 24 to 64 bytes")

// Secret is one signing key of an endpoint. Expires is zero for the current
// secret; a secret replaced by a rotation keeps signing until Expires, so
// during the overlap every delivery carries both signatures.
type Secret struct {
	key     []byte
	Expires time.Time
}

// NewSecret returns a fresh secret in its text form, to be shown to the
// administrator once and stored sealed.
func NewSecret() (string, error) {
	k := make([]byte, secretSize)
	if _, err := rand.Read(k); err != nil {
		return "", fmt.Errorf("webhook: new secret: %w", err)
	}
	return SecretPrefix + base64.StdEncoding.EncodeToString(k), nil
}

// ParseSecret reads a secret's text form. The prefix may be left out, as some
// receivers' libraries do when they store the key.
func ParseSecret(text string, expires time.Time) (Secret, error) {
	k, err := decodeSecret(text)
	if err != nil {
		return Secret{}, err
	}
	return Secret{key: k, Expires: expires}, nil
}

func decodeSecret(text string) ([]byte, error) {
	k, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(strings.TrimSpace(text), SecretPrefix))
	if err != nil || len(k) < minSecretSize || len(k) > maxSecretSize {
		return nil, ErrSecret
	}
	return k, nil
}

// Active reports whether s still signs at t.
func (s Secret) Active(t time.Time) bool {
	return len(s.key) > 0 && (s.Expires.IsZero() || t.Before(s.Expires))
}

// String never shows the key, so a Secret in a log line leaks nothing.
func (s Secret) String() string { return SecretPrefix + "[redacted]" }

// GoString keeps %#v as quiet as %v.
func (s Secret) GoString() string { return s.String() }

// Sign returns the three Standard Webhooks headers for one delivery attempt:
// id is the event's id (it must not contain "."; NewID's never do), ts the
// time of this attempt. Every secret active at ts adds one "v1," signature.
// With no active secret the signature header is absent, which any receiver
// refuses; the caller keeps one non-expiring secret per endpoint.
func Sign(secrets []Secret, id string, ts time.Time, body []byte) http.Header {
	unix := strconv.FormatInt(ts.Unix(), 10)
	h := http.Header{}
	h.Set(HeaderID, id)
	h.Set(HeaderTimestamp, unix)
	var sigs []string
	for _, s := range secrets {
		if s.Active(ts) {
			sigs = append(sigs, "v1,"+base64.StdEncoding.EncodeToString(mac(s.key, id, unix, body)))
		}
	}
	if len(sigs) > 0 {
		h.Set(HeaderSignature, strings.Join(sigs, " "))
	}
	return h
}

// mac is HMAC-SHA256 over "id.timestamp.body", the signed content.
func mac(key []byte, id, unix string, body []byte) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(id))
	m.Write([]byte{'.'})
	m.Write([]byte(unix))
	m.Write([]byte{'.'})
	m.Write(body)
	return m.Sum(nil)
}
