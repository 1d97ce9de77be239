package webhook

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestEventJSON(t *testing.T) {
	tehran := time.FixedZone("IRST", 3*3600+1800)
	tests := []struct {
		name string
		e    Event
		want string // "" when Marshal must fail
	}{
		{"shape and order",
			Event{ID: "msg_a", Type: RequestCreated, Timestamp: time.Date(2026, 1, 1, 11, 0, 0, 0, tehran),
				Data: json.RawMessage(`{ "request_id": 7 }`)},
			`{"type":"request.created","timestamp":"2026-01-01T07:30:00.000000Z","data":{"request_id":7},"version":1}`},
		{"microseconds kept, nanoseconds cut",
			Event{Type: RequestClosed, Timestamp: time.Date(2026, 1, 1, 0, 0, 0, 123456789, time.UTC), Data: json.RawMessage(`{}`)},
			`{"type":"request.closed","timestamp":"2026-01-01T00:00:00.123456Z","data":{},"version":1}`},
		{"nil data is an empty object",
			Event{Type: LetterRegistered, Timestamp: time.Unix(0, 0)},
			`{"type":"letter.registered","timestamp":"1970-01-01T00:00:00.000000Z","data":{},"version":1}`},
		{"Persian stays UTF-8, HTML characters escaped",
			Event{Type: RequestAnswered, Timestamp: time.Unix(0, 0), Data: json.RawMessage(`{"title":"پاسخ <نهایی> & امضا"}`)},
			`{"type":"request.answered","timestamp":"1970-01-01T00:00:00.000000Z","data":{"title":"پاسخ \u003cنهایی\u003e \u0026 امضا"},"version":1}`},
		{"unknown type", Event{Type: "request.deleted", Timestamp: time.Unix(0, 0)}, ""},
		{"no type", Event{Timestamp: time.Unix(0, 0)}, ""},
		{"no timestamp", Event{Type: RequestCreated}, ""},
		{"data an array", Event{Type: RequestCreated, Timestamp: time.Unix(0, 0), Data: json.RawMessage(`[1]`)}, ""},
		{"data null", Event{Type: RequestCreated, Timestamp: time.Unix(0, 0), Data: json.RawMessage(`null`)}, ""},
		{"data broken", Event{Type: RequestCreated, Timestamp: time.Unix(0, 0), Data: json.RawMessage(`{"a":`)}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := json.Marshal(tt.e)
			if direct, derr := tt.e.MarshalJSON(); string(direct) != string(b) || (derr == nil) != (err == nil) {
				t.Errorf("MarshalJSON = %s, json.Marshal = %s", direct, b)
			}
			if tt.want == "" {
				if err == nil {
					t.Errorf("Marshal = %s, want an error", b)
				}
				return
			}
			if err != nil || string(b) != tt.want {
				t.Fatalf("Marshal = %s, %v\nwant      %s", b, err, tt.want)
			}
			var back Event
			if err := json.Unmarshal(b, &back); err != nil {
				t.Fatal(err)
			}
			again, _ := json.Marshal(back)
			if string(again) != tt.want || back.Type != tt.e.Type {
				t.Errorf("round trip = %s", again)
			}
		})
	}
}

func TestEventUnmarshal(t *testing.T) {
	tests := []struct {
		body string
		ok   bool
	}{
		{`{"type":"request.created","timestamp":"2026-01-01T07:30:00.000000Z","data":{},"version":1}`, true},
		{`{"type":"request.created","timestamp":"2026-01-01T07:30:00Z","data":{"x":1},"version":1,"extra":true}`, true},
		{`{"type":"request.reopened","timestamp":"2026-01-01T07:30:00Z","data":{},"version":1}`, true}, // a later type
		{`{"type":"request.created","timestamp":"2026-01-01T07:30:00Z","data":{},"version":2}`, false},
		{`{"type":"request.created","timestamp":"2026-01-01T07:30:00Z","data":{}}`, false},
		{`{"type":"request.created","timestamp":"1404/10/11","data":{},"version":1}`, false},
		{`{"type":"","timestamp":"2026-01-01T07:30:00Z","data":{},"version":1}`, false},
		{`{"type":"request.created","timestamp":"2026-01-01T07:30:00Z","version":1}`, false},
		{`{"type":"request.created","timestamp":"2026-01-01T07:30:00Z","data":"x","version":1}`, false},
		{`[]`, false},
	}
	for _, tt := range tests {
		e := Event{ID: "msg_kept"}
		err := json.Unmarshal([]byte(tt.body), &e)
		if (err == nil) != tt.ok {
			t.Errorf("Unmarshal(%s) = %v, want ok=%v", tt.body, err, tt.ok)
		}
		if e.ID != "msg_kept" {
			t.Errorf("Unmarshal changed the id to %q", e.ID)
		}
	}
}

func TestEventTypes(t *testing.T) {
	valid := regexp.MustCompile(`^[a-z_]+\.[a-z_]+$`)
	seen := map[string]bool{}
	for _, typ := range EventTypes {
		if !valid.MatchString(typ) || seen[typ] || !KnownType(typ) {
			t.Errorf("event type %q: malformed, repeated or unknown", typ)
		}
		seen[typ] = true
	}
	if len(EventTypes) != 7 || KnownType("request") || KnownType("") {
		t.Errorf("EventTypes = %v", EventTypes)
	}
}

func TestNewID(t *testing.T) {
	valid := regexp.MustCompile(`^msg_[a-z2-7]{26}$`)
	seen := map[string]bool{}
	for range 1000 {
		id := NewID()
		if !valid.MatchString(id) || seen[id] || strings.Contains(id, ".") {
			t.Fatalf("NewID() = %q (seen before: %v)", id, seen[id])
		}
		seen[id] = true
	}
	if !valid.MatchString(example.id) {
		t.Errorf("the documented example id %q is not shaped like ours", example.id)
	}
}
