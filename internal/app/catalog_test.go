package app_test

import (
	"context"
	"net"
	"testing"
	"time"

	"mizban/internal/app"
	"mizban/internal/config"
	"mizban/internal/store"
)

// The review period reaches the workflow, and a running desk publishes a
// scheduled card whose date has come without anyone's click.
func TestServePublishesDueCards(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cfg := config.Defaults()
	cfg.DataDir, cfg.Demo, cfg.ReviewAfter = t.TempDir(), true, 30*config.Day
	a, err := app.New(ctx, cfg, quiet(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if a.Flow.Opt.ReviewAfter != 30*config.Day {
		t.Errorf("ReviewAfter = %v", a.Flow.Opt.ReviewAfter)
	}
	svcs, err := a.Store.Services(ctx, store.ServiceFilter{Limit: 1})
	if err != nil || len(svcs) != 1 {
		t.Fatal(svcs, err)
	}
	card := svcs[0]
	card.FeeRials += 1000
	now := a.Flow.Now()
	if err := a.Store.InTx(ctx, func(tx *store.Tx) error {
		return tx.CreateCatalogDraft(ctx, &store.CatalogDraft{Code: card.Code, BaseVersion: card.Version,
			State: store.DraftScheduled, Card: card, EffectiveAt: now.Add(-time.Minute), UpdatedBy: "staff:1",
			UpdatedName: "ویراستار", UpdatedAt: now, SubmittedBy: "staff:1", ApprovedBy: "بازبین"})
	}); err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- a.Serve(ctx, l) }()
	deadline := time.Now().Add(10 * time.Second)
	for {
		cur, err := a.Store.Service(ctx, card.Code)
		if err == nil && cur.Version == card.Version+1 && cur.FeeRials == card.FeeRials {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("scheduled card not published: v%d, %v", cur.Version, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Serve = %v", err)
	}
}
