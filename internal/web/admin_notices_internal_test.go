package web

import (
	"testing"
	"time"

	"mizban/internal/store"
)

func TestAutoDisabled(t *testing.T) {
	at := time.Date(2026, 4, 20, 5, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name string
		e    store.WebhookEndpoint
		want bool
	}{
		{"active", store.WebhookEndpoint{Active: true}, false},
		{"active and failing", store.WebhookEndpoint{Active: true, FailingSince: at}, false},
		{"switched off by an administrator", store.WebhookEndpoint{DisabledAt: at}, false},
		{"switched off by the worker", store.WebhookEndpoint{DisabledAt: at, FailingSince: at.Add(-72 * time.Hour)}, true},
		{"off, never switched off (added so)", store.WebhookEndpoint{}, false},
	} {
		if got := autoDisabled(c.e); got != c.want {
			t.Errorf("%s: autoDisabled = %v, want %v", c.name, got, c.want)
		}
	}
}
