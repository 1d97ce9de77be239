package webhook

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"
)

// The worked example of docs/integration.md. The test computes it from first
// principles and checks the page shows exactly these values.
var example = struct {
	key               string // the raw key bytes, before base64
	id                string
	sent, happened    time.Time
	data              string
	secret, signature string
}{
	key:       "MizbanWebhookExampleSecret-2026!",
	id:        "msg_k3xq7pwmzc4t5a2hn6rdyb2ve4",
	sent:      time.Date(2026, 1, 1, 7, 30, 0, 0, time.UTC),
	happened:  time.Date(2026, 1, 1, 7, 29, 58, 250000000, time.UTC),
	data:      `{"request_id":1042}`,
	secret:    "whsec_TWl6YmFuV2ViaG9va0V4YW1wbGVTZWNyZXQtMjAyNiE=",
	signature: "v1,ilM3LJt4Qb8tHQUgQJBWkwo72K8BShzOMPjucGfn4Z8=",
}

func exampleBody(t *testing.T) []byte {
	t.Helper()
	body, err := json.Marshal(Event{ID: example.id, Type: RequestCreated, Timestamp: example.happened, Data: json.RawMessage(example.data)})
	if err != nil {
		t.Fatal(err)
	}
	return body
}

func TestSignKnownVector(t *testing.T) {
	if got := "whsec_" + base64.StdEncoding.EncodeToString([]byte(example.key)); got != example.secret {
		t.Fatalf("secret text = %s, want %s", got, example.secret)
	}
	body := exampleBody(t)
	// By hand: HMAC-SHA256 over "id.timestamp.body" with the decoded key.
	m := hmac.New(sha256.New, []byte(example.key))
	m.Write([]byte(example.id + ".1767252600." + string(body)))
	want := "v1," + base64.StdEncoding.EncodeToString(m.Sum(nil))
	t.Logf("body: %s\nsignature: %s", body, want)
	if want != example.signature {
		t.Errorf("hand-computed signature %s, example says %s", want, example.signature)
	}

	s, err := ParseSecret(example.secret, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	h := Sign([]Secret{s}, example.id, example.sent, body)
	if h.Get(HeaderID) != example.id || h.Get(HeaderTimestamp) != "1767252600" || h.Get(HeaderSignature) != want {
		t.Errorf("Sign headers = %v, want id %s, timestamp 1767252600, signature %s", h, example.id, want)
	}

	doc, err := os.ReadFile("../../docs/integration.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{example.secret, example.id, "1767252600", string(body), want} {
		if !strings.Contains(string(doc), v) {
			t.Errorf("docs/integration.md does not show %s", v)
		}
	}
}

func TestNewSecret(t *testing.T) {
	a, err := NewSecret()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := NewSecret()
	if a == b {
		t.Fatal("two secrets are equal")
	}
	if !strings.HasPrefix(a, SecretPrefix) {
		t.Errorf("secret %q lacks the prefix", a)
	}
	k, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(a, SecretPrefix))
	if err != nil || len(k) != 32 {
		t.Errorf("secret decodes to %d bytes, err %v", len(k), err)
	}
	if _, err := ParseSecret(a, time.Time{}); err != nil {
		t.Errorf("ParseSecret(NewSecret()) = %v", err)
	}
}

func TestParseSecret(t *testing.T) {
	b64 := func(n int) string { return base64.StdEncoding.EncodeToString([]byte(strings.Repeat("k", n))) }
	tests := []struct {
		text string
		ok   bool
	}{
		{SecretPrefix + b64(24), true},
		{SecretPrefix + b64(64), true},
		{b64(32), true}, // prefix left out
		{" " + SecretPrefix + b64(32) + "\n", true},
		{SecretPrefix + b64(23), false},
		{SecretPrefix + b64(65), false},
		{SecretPrefix + "not base64!", false},
		{SecretPrefix, false},
		{"", false},
	}
	for _, tt := range tests {
		_, err := ParseSecret(tt.text, time.Time{})
		if (err == nil) != tt.ok {
			t.Errorf("ParseSecret(%q) = %v, want ok=%v", tt.text, err, tt.ok)
		}
		if err != nil && len(tt.text) > 10 && strings.Contains(err.Error(), strings.TrimSpace(tt.text)) {
			t.Errorf("error repeats the secret: %v", err)
		}
	}
}

func TestSecretNeverPrinted(t *testing.T) {
	s, _ := ParseSecret(example.secret, time.Time{})
	for _, got := range []string{s.String(), s.GoString(), strings.Join([]string{s.String()}, "")} {
		if strings.Contains(got, strings.TrimPrefix(example.secret, SecretPrefix)) {
			t.Errorf("secret printed: %s", got)
		}
	}
}

// During a rotation both secrets sign; after the old one's expiry only the
// new one does, and a receiver holding either secret verifies meanwhile.
func TestSignRotation(t *testing.T) {
	oldText, _ := NewSecret()
	newText, _ := NewSecret()
	rotated := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	expires := rotated.Add(DefaultOverlap)
	oldS, _ := ParseSecret(oldText, expires)
	newS, _ := ParseSecret(newText, time.Time{})
	body := []byte(`{"type":"request.closed"}`)
	tests := []struct {
		name     string
		at       time.Time
		sigs     int
		oldValid bool
	}{
		{"just rotated", rotated, 2, true},
		{"end of overlap", expires.Add(-time.Second), 2, true},
		{"at expiry", expires, 1, false},
		{"later", expires.Add(time.Hour), 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := Sign([]Secret{oldS, newS}, "msg_a", tt.at, body)
			if n := len(strings.Fields(h.Get(HeaderSignature))); n != tt.sigs {
				t.Errorf("%d signatures, want %d: %q", n, tt.sigs, h.Get(HeaderSignature))
			}
			if err := Verify(newText, h, body, tt.at, 0); err != nil {
				t.Errorf("new secret: %v", err)
			}
			if err := Verify(oldText, h, body, tt.at, 0); (err == nil) != tt.oldValid {
				t.Errorf("old secret: %v, want valid=%v", err, tt.oldValid)
			}
		})
	}
}

func TestSignNoActiveSecret(t *testing.T) {
	s, _ := ParseSecret(example.secret, time.Unix(100, 0))
	for _, secrets := range [][]Secret{nil, {s}, {{}}} {
		h := Sign(secrets, "msg_a", time.Unix(200, 0), []byte("{}"))
		if _, ok := h[http.CanonicalHeaderKey(HeaderSignature)]; ok {
			t.Errorf("signature header without an active secret: %v", h)
		}
	}
}
