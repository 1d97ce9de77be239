package webhook

import (
	"crypto/rand"
	"encoding/base32"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"
)

// Version is the payload shape's version, sent in every body. A change that
// could break a receiver (a renamed or removed field, a new meaning) raises
// it; adding a field to data does not.
const Version = 1

// Event types an endpoint can subscribe to.
const (
	RequestCreated            = "request.created"
	RequestStatusChanged      = "request.status_changed"
	RequestReferred           = "request.referred"
	RequestDocumentsRequested = "request.documents_requested"
	RequestAnswered           = "request.answered"
	RequestClosed             = "request.closed"
	LetterRegistered          = "letter.registered"
)

// EventTypes lists every type in the order pages show them.
var EventTypes = []string{
	RequestCreated, RequestStatusChanged, RequestReferred, RequestDocumentsRequested,
	RequestAnswered, RequestClosed, LetterRegistered,
}

// KnownType reports whether t is one of EventTypes.
func KnownType(t string) bool { return slices.Contains(EventTypes, t) }

// Event is one thing that happened. ID travels in the webhook-id header (the
// same on every retry); the body is
//
//	{"type":"request.created","timestamp":"2026-01-01T08:30:00.000000Z","data":{…},"version":1}
//
// with the fields in that order and the timestamp in UTC with microseconds,
// so one event always encodes to the same bytes.
type Event struct {
	ID        string
	Type      string
	Timestamp time.Time
	Data      json.RawMessage
}

// timeLayout is fixed width: the databases keep microseconds.
const timeLayout = "2006-01-02T15:04:05.000000Z"

// wire is the body's shape; field order is the encoding order.
type wire struct {
	Type      string          `json:"type"`
	Timestamp string          `json:"timestamp"`
	Data      json.RawMessage `json:"data"`
	Version   int             `json:"version"`
}

// MarshalJSON encodes the body. Data must be a JSON object (nil encodes as
// {}). Persian text stays UTF-8; <, > and & become \u escapes, as
// json.Marshal makes them anyway when it calls this, so every path gives the
// same bytes.
func (e Event) MarshalJSON() ([]byte, error) {
	if !KnownType(e.Type) {
		return nil, fmt.Errorf("webhook: unknown event type %q", e.Type)
	}
	if e.Timestamp.IsZero() {
		return nil, errors.New("webhook: event has no timestamp")
	}
	data := e.Data
	if data == nil {
		data = json.RawMessage("{}")
	}
	if !isObject(data) {
		return nil, errors.New("webhook: event data must be a JSON object")
	}
	return json.Marshal(wire{Type: e.Type, Timestamp: e.Timestamp.UTC().Format(timeLayout), Data: data, Version: Version})
}

// UnmarshalJSON reads a body of this version or an older one; ID stays as it
// was (it comes from the header). Unknown types are kept, so a receiver
// built today does not fail on an event type added later.
func (e *Event) UnmarshalJSON(b []byte) error {
	var w wire
	if err := json.Unmarshal(b, &w); err != nil {
		return fmt.Errorf("webhook: event body: %w", err)
	}
	if w.Version < 1 || w.Version > Version {
		return fmt.Errorf("webhook: event version %d, this code reads 1 to %d", w.Version, Version)
	}
	ts, err := time.Parse(time.RFC3339Nano, w.Timestamp)
	if err != nil {
		return fmt.Errorf("webhook: event timestamp: %w", err)
	}
	if w.Type == "" || !isObject(w.Data) {
		return errors.New("webhook: event body needs a type and a data object")
	}
	e.Type, e.Timestamp, e.Data = w.Type, ts, w.Data
	return nil
}

func isObject(b json.RawMessage) bool {
	var m map[string]json.RawMessage
	return json.Unmarshal(b, &m) == nil && m != nil
}

// idEncoding is lower-case base32 without padding: URL- and log-safe, no ".".
var idEncoding = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

// NewID returns a fresh event id, "msg_" and 26 random characters (128 bits).
func NewID() string {
	b := make([]byte, 16)
	rand.Read(b) // never fails: crypto/rand panics rather than return short
	return "msg_" + idEncoding.EncodeToString(b)
}
