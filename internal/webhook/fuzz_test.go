package webhook

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// FuzzVerify feeds arbitrary header values and bodies (anyone can POST to a
// receiver) and checks Verify never panics and accepts only a delivery that
// carries the right HMAC, computed here independently, for a well-formed id
// and timestamp within tolerance.
func FuzzVerify(f *testing.F) {
	s, _ := ParseSecret(example.secret, time.Time{})
	body := []byte(`{"type":"request.created","data":{},"version":1}`)
	h := Sign([]Secret{s}, example.id, example.sent, body)
	sig := h.Get(HeaderSignature)
	f.Add(example.id, h.Get(HeaderTimestamp), sig, body)
	f.Add(example.id, h.Get(HeaderTimestamp), "v1a,AAAA "+sig+" v1,", body)
	f.Add("msg.1", "1767252600", "v1,", []byte{})
	f.Add("", "", "", []byte(nil))
	f.Add("a", "+0001767252600", "v1,,,, v1", []byte("x"))
	f.Add(strings.Repeat("i", 300), "99999999999999999999", "v1,"+strings.Repeat("A", 1000), body)
	f.Fuzz(func(t *testing.T, id, ts, sigs string, body []byte) {
		h := http.Header{}
		h.Set(HeaderID, id)
		h.Set(HeaderTimestamp, ts)
		h.Set(HeaderSignature, sigs)
		if Verify(example.secret, h, body, example.sent, 0) != nil {
			return
		}
		// Accepted: check every condition from first principles.
		id, ts = h.Get(HeaderID), h.Get(HeaderTimestamp)
		if id == "" || strings.Contains(id, ".") {
			t.Fatalf("accepted id %q", id)
		}
		n, err := strconv.ParseUint(ts, 10, 64) // no sign: ParseUint refuses one
		if err != nil || n < 1767252600-300 || n > 1767252600+300 {
			t.Fatalf("accepted timestamp %q, 5 min tolerance around 1767252600", ts)
		}
		m := hmac.New(sha256.New, []byte(example.key))
		m.Write([]byte(id + "." + ts + "."))
		m.Write(body)
		want := m.Sum(nil)
		for f := range strings.FieldsSeq(h.Get(HeaderSignature)) {
			if b, ok := strings.CutPrefix(f, "v1,"); ok {
				if got, err := base64.StdEncoding.DecodeString(b); err == nil && bytes.Equal(got, want) {
					return
				}
			}
		}
		t.Fatalf("accepted without a matching signature: id %q ts %q sigs %q", id, ts, sigs)
	})
}
