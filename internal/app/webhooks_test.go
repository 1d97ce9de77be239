package app_test

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"mizban/internal/app"
	"mizban/internal/config"
	"mizban/internal/store"
	"mizban/internal/webhook"
)

// Serve runs the webhook worker: a queued event reaches a receiver on the
// agency's network (allowed for this endpoint), signed, and the worker
// stops with the server.
func TestServeDeliversWebhooks(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cfg := config.Defaults()
	cfg.DataDir = t.TempDir()
	a, err := app.New(ctx, cfg, quiet(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	secret, _ := webhook.NewSecret()
	got := make(chan error, 1)
	rc := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		got <- webhook.Verify(secret, r.Header, body, time.Now(), webhook.DefaultTolerance)
	}))
	defer rc.Close()
	if err := a.Store.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.AddWebhookEndpoint(ctx, &store.WebhookEndpoint{URL: rc.URL, Events: []string{webhook.RequestCreated},
			Secrets: []store.WebhookSecret{{Text: secret}}, Active: true, AllowPrivate: true}); err != nil {
			return err
		}
		_, err := tx.EnqueueWebhook(ctx, webhook.NewID(), webhook.RequestCreated, 0, []byte(`{}`), time.Now())
		return err
	}); err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- a.Serve(ctx, l) }()
	select {
	case err := <-got:
		if err != nil {
			t.Fatalf("delivery does not verify: %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("the worker delivered nothing")
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Serve = %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("server did not shut down")
	}
}
