package store_test

import (
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"mizban/internal/audit"
	"mizban/internal/store"
	"mizban/internal/store/storetest"
)

var errRollback = errors.New("roll back")

func TestAuditChain(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		at := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
		for i := 0; i < 3; i++ {
			inTx(t, s, func(tx *store.Tx) error {
				return tx.AppendAudit(ctx, &audit.Record{At: at, Actor: "staff:1", Action: "auth.sign_in", Result: audit.OK})
			})
		}
		// A rolled-back action leaves no record and no gap.
		s.InTx(ctx, func(tx *store.Tx) error {
			tx.AppendAudit(ctx, &audit.Record{At: at, Actor: "staff:2", Action: "request.refer", Result: audit.OK})
			return errRollback
		})
		// Concurrent appends keep one unbroken chain.
		var wg sync.WaitGroup
		for i := 0; i < 8; i++ {
			wg.Go(func() {
				inTx(t, s, func(tx *store.Tx) error {
					return tx.AppendAudit(ctx, &audit.Record{At: at, Actor: "staff:3", Action: "request.view", Target: "request:9", Result: audit.OK})
				})
			})
		}
		wg.Wait()
		n, err := s.VerifyAudit(ctx)
		if err != nil || n != 11 {
			t.Fatalf("VerifyAudit = %d, %v; want 11 records, intact", n, err)
		}
		got, err := s.Audit(ctx, store.AuditFilter{Actor: "staff:3", Newest: true, Limit: 5})
		if err != nil || len(got) != 5 || got[0].Seq != 11 || got[0].Target != "request:9" {
			t.Fatalf("filtered = %+v, %v", got, err)
		}
		// Tampering with a stored record is found.
		if err := store.RawSQL(ctx, s, `UPDATE audit_log SET details = 'x' WHERE seq = 5`); err != nil {
			t.Fatal(err)
		}
		if _, err := s.VerifyAudit(ctx); err == nil || !strings.Contains(err.Error(), "record 5") {
			t.Fatalf("after tampering VerifyAudit = %v; want record 5 named", err)
		}
	})
}
