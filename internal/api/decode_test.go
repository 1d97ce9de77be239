package api

import (
	"bytes"
	"errors"
	"net/http"
	"regexp"
	"testing"
)

func TestDecodeStrict(t *testing.T) {
	tests := []struct {
		name, body string
		wantErr    bool
		field      string // a field the problem must name
	}{
		{"valid", `{"service_code":"1","applicant":{"name":"a"},"answers":{"n":12,"y":true,"s":"x","z":null}}`, false, ""},
		{"unpadded base64", `{"documents":[{"key":"k","content_base64":"iVBORw0KGgo"}]}`, false, ""},
		{"base64 with line breaks", `{"documents":[{"key":"k","content_base64":"iVBO\nRw0K\r\nGgo="}]}`, false, ""},
		{"unknown top-level", `{"servicecode":"1"}`, true, "servicecode"},
		{"unknown nested", `{"representative":{"phone":"1"}}`, true, "phone"},
		{"type", `{"for_other":"yes"}`, true, "for_other"},
		{"array answer", `{"answers":{"a":[1]}}`, true, ""},
		{"two objects", `{}{}`, true, ""},
		{"null body", `null`, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var req ApplicationRequest
			err := decodeStrict([]byte(tt.body), &req)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error %v", err, tt.wantErr)
			}
			if err == nil {
				return
			}
			var br *badRequest
			if !errors.As(err, &br) || br.status != http.StatusBadRequest || br.code != codeBadJSON {
				t.Fatalf("err = %#v, want a bad_json problem", err)
			}
			if tt.field != "" && br.fields[tt.field] == "" {
				t.Errorf("fields %v do not name %s", br.fields, tt.field)
			}
			if !persian.MatchString(br.msg) {
				t.Errorf("message %q is not Persian", br.msg)
			}
		})
	}
	var req ApplicationRequest
	if err := decodeStrict([]byte(`{"answers":{"n":12.50,"y":false},"documents":[{"key":"k","content_base64":"AQID"}]}`), &req); err != nil {
		t.Fatal(err)
	}
	if req.Answers["n"] != "12.50" || req.Answers["y"] != "no" || !bytes.Equal(req.Documents[0].Content.data, []byte{1, 2, 3}) {
		t.Errorf("decoded %+v", req)
	}
}

func TestCheckIdempotencyKey(t *testing.T) {
	tests := []struct {
		key string
		ok  bool
	}{
		{"5b0e7d9c-3f41-4c2a-9a57-0d8e2f61b4a3", true},
		{"abcdefgh", true},
		{"abcdefg", false},
		{"has space inside", false},
		{"کلید-فارسی-نه", false},
		{string(bytes.Repeat([]byte{'a'}, 256)), false},
	}
	for _, tt := range tests {
		if msg := checkIdempotencyKey(tt.key); (msg == "") != tt.ok {
			t.Errorf("checkIdempotencyKey(%q) = %q, want ok %v", tt.key, msg, tt.ok)
		}
	}
}

// FuzzDecodeApplication feeds outside bodies to the strict decoder: it must
// never panic, and every refusal must be a Persian bad_json problem.
func FuzzDecodeApplication(f *testing.F) {
	for _, seed := range []string{
		`{"service_code":"17051370001","applicant":{"name":"مریم احمدی","national_id":"۰۰۱۲۳۴۵۶۷۹","mobile":"09121234567"},"answers":{"details":"x","n":1,"b":true},"documents":[{"key":"evidence","name":"a.png","content_base64":"iVBORw0KGgo="}]}`,
		`{"for_other":true,"representative":null,"rep_basis":"قیم"}`,
		`{"documents":[{"key":"k","content_base64":"@@"}]}`,
		`{"answers":{"a":{}}}`,
		`{"x":1}`,
		`[`,
		``,
		`{"code":"۱۲۳۴۵۶"}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		for _, v := range []any{&ApplicationRequest{}, &ConfirmRequest{}, &TrackRequest{}} {
			err := decodeStrict(body, v)
			if err == nil {
				continue
			}
			var br *badRequest
			if !errors.As(err, &br) || br.code != codeBadJSON || !persian.MatchString(br.msg) {
				t.Fatalf("decodeStrict(%q) = %v, want a Persian bad_json problem", body, err)
			}
		}
	})
}

// persian matches a run of Persian letters: error messages must have some.
var persian = regexp.MustCompile(`[\x{0600}-\x{06FF}]{2,}`)
