package store_test

import (
	"testing"

	"mizban/internal/desk"
	"mizban/internal/store"
	"mizban/internal/store/storetest"
)

// A status page's lookup: one indexed read, decrypting the personal data,
// plus the documents query.
func BenchmarkRequestByTracking(b *testing.B) {
	s := storetest.Open(b)
	var codes []string
	inTx(b, s, func(tx *store.Tx) error {
		for range 1000 {
			r := newRequest(b)
			if err := tx.CreateRequest(ctx, r); err != nil {
				return err
			}
			codes = append(codes, r.TrackingCode)
		}
		return nil
	})
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := s.RequestByTracking(ctx, codes[i%len(codes)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// A durable create: request, its first event and an SMS in one transaction,
// fsynced on commit (synchronous=FULL).
func BenchmarkCreateRequest(b *testing.B) {
	s := storetest.Open(b)
	b.ReportAllocs()
	for b.Loop() {
		r := newRequest(b)
		err := s.InTx(ctx, func(tx *store.Tx) error {
			if err := tx.CreateRequest(ctx, r); err != nil {
				return err
			}
			if err := tx.AppendEvent(ctx, &desk.Event{RequestID: r.ID, At: r.SubmittedAt, Type: "submitted",
				Status: r.Status, UnitCode: r.UnitCode, Actor: "citizen"}); err != nil {
				return err
			}
			_, err := tx.EnqueueSMS(ctx, &store.OutSMS{To: r.Applicant.Mobile, Text: "ثبت شد " + r.TrackingCode,
				Kind: "status", RequestID: r.ID, DedupeKey: "submitted:" + r.TrackingCode, CreatedAt: r.SubmittedAt})
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}
