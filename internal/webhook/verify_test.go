package webhook

import (
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestVerify(t *testing.T) {
	body := []byte(`{"type":"request.created","data":{"title":"پروانهٔ کسب"},"version":1}`)
	now := time.Date(2026, 1, 1, 7, 30, 0, 0, time.UTC)
	s, _ := ParseSecret(example.secret, time.Time{})
	good := Sign([]Secret{s}, example.id, now, body)
	sig := good.Get(HeaderSignature)
	other, _ := NewSecret()
	otherS, _ := ParseSecret(other, time.Time{})
	otherSig := Sign([]Secret{otherS}, example.id, now, body).Get(HeaderSignature)

	with := func(k, v string) http.Header {
		h := good.Clone()
		if v == "" {
			h.Del(k)
		} else {
			h.Set(k, v)
		}
		return h
	}
	tests := []struct {
		name   string
		secret string
		h      http.Header
		body   []byte
		now    time.Time
		tol    time.Duration
		want   error
	}{
		{"valid", example.secret, good, body, now, 0, nil},
		{"secret without prefix", strings.TrimPrefix(example.secret, SecretPrefix), good, body, now, 0, nil},
		{"4m59s late", example.secret, good, body, now.Add(4*time.Minute + 59*time.Second), 0, nil},
		{"5m late is the edge", example.secret, good, body, now.Add(5 * time.Minute), 0, nil},
		{"5m1s late", example.secret, good, body, now.Add(5*time.Minute + time.Second), 0, ErrTimestamp},
		{"5m1s early", example.secret, good, body, now.Add(-5*time.Minute - time.Second), 0, ErrTimestamp},
		{"a day old", example.secret, good, body, now.Add(24 * time.Hour), 0, ErrTimestamp},
		{"wider tolerance", example.secret, good, body, now.Add(9 * time.Minute), 10 * time.Minute, nil},
		{"narrower tolerance", example.secret, good, body, now.Add(time.Minute), 30 * time.Second, ErrTimestamp},
		{"wrong secret", other, good, body, now, 0, ErrSignature},
		{"bad secret", "whsec_short", good, body, now, 0, ErrSecret},
		{"empty body", example.secret, good, nil, now, 0, ErrSignature},
		{"timestamp moved 1s", example.secret, with(HeaderTimestamp, "1767252601"), body, now, 0, ErrSignature},
		{"id changed", example.secret, with(HeaderID, example.id+"x"), body, now, 0, ErrSignature},
		{"second of two valid", example.secret, with(HeaderSignature, otherSig+" "+sig), body, now, 0, nil},
		{"first of two valid", example.secret, with(HeaderSignature, sig+" "+otherSig), body, now, 0, nil},
		{"among v1a and junk", example.secret, with(HeaderSignature, "v1a,AAAA v1,!!! v1 "+sig), body, now, 0, nil},
		{"extra spaces", example.secret, with(HeaderSignature, "  "+otherSig+"   "+sig+" "), body, now, 0, nil},
		{"only other secret", example.secret, with(HeaderSignature, otherSig), body, now, 0, ErrSignature},
		{"right mac, wrong version", example.secret, with(HeaderSignature, "v2,"+strings.TrimPrefix(sig, "v1,")), body, now, 0, ErrSignature},
		{"right mac, no version", example.secret, with(HeaderSignature, strings.TrimPrefix(sig, "v1,")), body, now, 0, ErrSignature},
		{"truncated mac", example.secret, with(HeaderSignature, sig[:len(sig)-4]), body, now, 0, ErrSignature},
		{"no id", example.secret, with(HeaderID, ""), body, now, 0, ErrMissingHeader},
		{"no timestamp", example.secret, with(HeaderTimestamp, ""), body, now, 0, ErrMissingHeader},
		{"no signature", example.secret, with(HeaderSignature, ""), body, now, 0, ErrMissingHeader},
		{"no headers", example.secret, http.Header{}, body, now, 0, ErrMissingHeader},
		{"empty signature list", example.secret, with(HeaderSignature, " "), body, now, 0, ErrSignature},
		{"id with a dot", example.secret, with(HeaderID, "msg.1"), body, now, 0, ErrBadHeader},
		{"id too long", example.secret, with(HeaderID, strings.Repeat("a", 257)), body, now, 0, ErrBadHeader},
		{"timestamp with plus", example.secret, with(HeaderTimestamp, "+1767252600"), body, now, 0, ErrBadHeader},
		{"negative timestamp", example.secret, with(HeaderTimestamp, "-1"), body, now, 0, ErrBadHeader},
		{"fractional timestamp", example.secret, with(HeaderTimestamp, "1767252600.5"), body, now, 0, ErrBadHeader},
		{"timestamp in ms", example.secret, with(HeaderTimestamp, "1767252600000"), body, now, 0, ErrBadHeader},
		{"RFC 3339 timestamp", example.secret, with(HeaderTimestamp, "2026-01-01T07:30:00Z"), body, now, 0, ErrBadHeader},
		{"Persian digits", example.secret, with(HeaderTimestamp, "۱۷۶۷۲۵۲۶۰۰"), body, now, 0, ErrBadHeader},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Verify(tt.secret, tt.h, tt.body, tt.now, tt.tol)
			if !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) {
				t.Errorf("Verify = %v, want %v", err, tt.want)
			}
		})
	}
}

// A signature split over two header lines (some proxies do that) still counts.
func TestVerifyRepeatedHeader(t *testing.T) {
	body := []byte("{}")
	now := time.Unix(1767252600, 0)
	s, _ := ParseSecret(example.secret, time.Time{})
	h := Sign([]Secret{s}, "msg_a", now, body)
	sig := h.Get(HeaderSignature)
	h.Set(HeaderSignature, "v1,AAAA")
	h.Add(HeaderSignature, sig)
	if err := Verify(example.secret, h, body, now, 0); err != nil {
		t.Errorf("Verify = %v", err)
	}
}

// Every single changed byte of the body breaks the signature.
func TestVerifyChangedByte(t *testing.T) {
	body := exampleBody(t)
	s, _ := ParseSecret(example.secret, time.Time{})
	h := Sign([]Secret{s}, example.id, example.sent, body)
	if err := Verify(example.secret, h, body, example.sent, 0); err != nil {
		t.Fatalf("unchanged body: %v", err)
	}
	for i := range body {
		changed := []byte(string(body))
		changed[i] ^= 0x01
		if err := Verify(example.secret, h, changed, example.sent, 0); !errors.Is(err, ErrSignature) {
			t.Fatalf("byte %d changed: Verify = %v", i, err)
		}
	}
	if err := Verify(example.secret, h, append(body, ' '), example.sent, 0); !errors.Is(err, ErrSignature) {
		t.Errorf("trailing space: Verify = %v", err)
	}
}
