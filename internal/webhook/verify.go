package webhook

import (
	"crypto/hmac"
	"encoding/base64"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// DefaultTolerance is how far a delivery's timestamp may be from the
// receiver's clock; the specification recommends five minutes.
const DefaultTolerance = 5 * time.Minute

// Verify's answers; callers compare with errors.Is.
var (
	ErrMissingHeader = errors.New("webhook: webhook-id, webhook-timestamp or webhook-signature header missing")
	ErrBadHeader     = errors.New("webhook: malformed webhook-id or webhook-timestamp header")
	ErrTimestamp     = errors.New("webhook: timestamp outside the tolerance (replayed, or clocks apart)")
	ErrSignature     = errors.New("webhook: no signature matches")
)

// maxIDLen bounds webhook-id; ours are 30 characters.
const maxIDLen = 256

// Verify checks one delivery the way a receiver should: all three headers
// present, the id free of ".", the timestamp a plain integer within tolerance
// of now (DefaultTolerance when tolerance ≤ 0), and at least one "v1,"
// signature in webhook-signature equal, in constant time, to HMAC-SHA256 of
// "id.timestamp.body" under secret. Other signature versions (v1a) are
// skipped. Mizban's own tests and automation simulator use it; vendors follow
// the same steps in docs/integration.md.
func Verify(secret string, h http.Header, body []byte, now time.Time, tolerance time.Duration) error {
	key, err := decodeSecret(secret)
	if err != nil {
		return err
	}
	id, unix := h.Get(HeaderID), h.Get(HeaderTimestamp)
	sigs := h.Values(HeaderSignature)
	if id == "" || unix == "" || len(sigs) == 0 {
		return ErrMissingHeader
	}
	// A "." in the id would let one signed content be split into id and
	// timestamp in two ways; we never send one.
	if len(id) > maxIDLen || strings.Contains(id, ".") {
		return ErrBadHeader
	}
	ts, ok := parseUnix(unix)
	if !ok {
		return ErrBadHeader
	}
	if tolerance <= 0 {
		tolerance = DefaultTolerance
	}
	if d := now.Sub(time.Unix(ts, 0)); d > tolerance || d < -tolerance {
		return ErrTimestamp
	}
	want := mac(key, id, unix, body)
	for _, v := range sigs {
		for sig := range strings.FieldsSeq(v) {
			b64, ok := strings.CutPrefix(sig, "v1,")
			if !ok {
				continue
			}
			got, err := base64.StdEncoding.DecodeString(b64)
			if err == nil && hmac.Equal(got, want) {
				return nil
			}
		}
	}
	return ErrSignature
}

// parseUnix accepts only ASCII digits: strconv alone would take "+17…" or
// "-1", and the signed content must be the header exactly as sent.
func parseUnix(s string) (int64, bool) {
	if len(s) == 0 || len(s) > 12 { // 12 digits reach the year 33658
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil
}
