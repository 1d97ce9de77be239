package store_test

import (
	"sync"
	"testing"

	"mizban/internal/desk"
	"mizban/internal/store"
	"mizban/internal/store/storetest"
)

// Concurrent writers queue instead of failing (SQLite: one writer
// connection, BEGIN IMMEDIATE), and readers keep reading meanwhile.
func TestConcurrentWriters(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		const workers, each = 8, 10
		first := createRequest(t, s)
		var wg sync.WaitGroup
		errs := make(chan error, workers*each*2)
		for range workers {
			batch := make([]*desk.Request, each)
			for i := range batch {
				batch[i] = newRequest(t)
			}
			wg.Add(2)
			go func() {
				defer wg.Done()
				for _, r := range batch {
					errs <- s.InTx(ctx, func(tx *store.Tx) error { return tx.CreateRequest(ctx, r) })
				}
			}()
			go func() {
				defer wg.Done()
				for range each {
					_, err := s.RequestByTracking(ctx, first.TrackingCode)
					errs <- err
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		last := createRequest(t, s)
		if want := first.ID + workers*each + 1; last.ID != want {
			t.Fatalf("last id %d, want %d: some creates were lost", last.ID, want)
		}
	})
}
