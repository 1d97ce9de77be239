package store_test

import (
	"context"
	"testing"
	"time"

	"mizban/internal/desk"
	"mizban/internal/store"
)

var ctx = context.Background()

// t0 has sub-second digits so a lost fraction shows up.
var t0 = time.Date(2026, 3, 21, 8, 30, 15, 123456000, time.UTC)

// inTx runs fn in a transaction and fails the test on error.
func inTx(t testing.TB, s *store.Store, fn func(tx *store.Tx) error) {
	t.Helper()
	if err := s.InTx(ctx, fn); err != nil {
		t.Fatalf("InTx: %v", err)
	}
}

// wantCode fails unless err carries the desk error code.
func wantCode(t testing.TB, err error, code string) {
	t.Helper()
	if got := desk.ErrorCode(err); got != code {
		t.Fatalf("error code %q, want %q (err: %v)", got, code, err)
	}
}

func newRequest(t testing.TB) *desk.Request {
	t.Helper()
	code, err := desk.NewTrackingCode()
	if err != nil {
		t.Fatal(err)
	}
	return &desk.Request{
		TrackingCode:   code,
		ServiceCode:    "13090100000",
		ServiceVersion: 1,
		ServiceTitle:   "درخواست صدور پروانه ساختمانی",
		Kind:           desk.KindPermit,
		Channel:        desk.ChannelWeb,
		Status:         desk.StatusSubmitted,
		Applicant:      desk.Person{Name: "مریم احمدی", NationalID: "0012345679", Mobile: "09121234567"},
		Answers:        map[string]string{"address": "تهران، خیابان آزادی، پلاک ۱۲"},
		SubmittedAt:    t0,
		DueAt:          t0.Add(72 * time.Hour),
		UnitCode:       "permits",
	}
}

// createRequest stores a fresh request and returns it.
func createRequest(t testing.TB, s *store.Store) *desk.Request {
	t.Helper()
	r := newRequest(t)
	inTx(t, s, func(tx *store.Tx) error { return tx.CreateRequest(ctx, r) })
	return r
}
