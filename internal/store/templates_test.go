package store_test

import (
	"context"
	"slices"
	"testing"

	"mizban/internal/notice"
	"mizban/internal/store"
	"mizban/internal/store/storetest"
)

// The store is the notice.Store the live template set loads from.
var _ notice.Store = (*store.Store)(nil)

func TestSMSTemplates(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		if got, err := s.SMSTemplates(ctx); err != nil || len(got) != 0 {
			t.Fatalf("empty store: %v, %v", got, err)
		}
		body := "پرونده {{.Tracking}} بسته شد."
		inTx(t, s, func(tx *store.Tx) error {
			if err := tx.SaveSMSTemplate(ctx, store.SMSTemplate{Kind: notice.KindClosed, Body: "قدیمی {{.Tracking}}",
				Enabled: true, UpdatedBy: "staff:1", UpdatedAt: t0}); err != nil {
				return err
			}
			// A second save of the kind replaces the first.
			if err := tx.SaveSMSTemplate(ctx, store.SMSTemplate{Kind: notice.KindClosed, Body: body,
				Enabled: false, UpdatedBy: "staff:2", UpdatedAt: t0.Add(1)}); err != nil {
				return err
			}
			// Default text, switched off.
			return tx.SaveSMSTemplate(ctx, store.SMSTemplate{Kind: notice.KindSurvey, Enabled: false,
				UpdatedBy: "staff:2", UpdatedAt: t0})
		})
		got, err := s.SMSTemplates(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := []store.SMSTemplate{
			{Kind: notice.KindClosed, Body: body, Enabled: false, UpdatedBy: "staff:2", UpdatedAt: t0.Add(1).Truncate(1000)},
			{Kind: notice.KindSurvey, Body: "", Enabled: false, UpdatedBy: "staff:2", UpdatedAt: t0},
		}
		if len(got) != len(want) {
			t.Fatalf("templates = %+v", got)
		}
		for i := range want {
			if got[i].Kind != want[i].Kind || got[i].Body != want[i].Body || got[i].Enabled != want[i].Enabled ||
				got[i].UpdatedBy != want[i].UpdatedBy || !got[i].UpdatedAt.Equal(want[i].UpdatedAt) {
				t.Errorf("template %d = %+v, want %+v", i, got[i], want[i])
			}
		}
		bodies, err := s.Templates(ctx)
		if err != nil || len(bodies) != 1 || bodies[notice.KindClosed] != body {
			t.Errorf("Templates = %v, %v; want only the closed body", bodies, err)
		}
		set, err := notice.Load(context.Background(), s)
		if err != nil || set.Template(notice.KindClosed).Body != body {
			t.Errorf("notice.Load: %v", err)
		}
	})
}

func TestSMSOptOuts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		const a, b = "11111111111", "22222222222"
		inTx(t, s, func(tx *store.Tx) error {
			for _, c := range []struct {
				svc  string
				kind notice.Kind
				on   bool
			}{
				{a, notice.KindSurvey, false}, {a, notice.KindSurvey, false}, // twice: still one row
				{a, notice.KindClosed, false}, {b, notice.KindSurvey, false},
				{b, notice.KindSurvey, true}, {b, notice.KindReferred, true}, // on again; on already
			} {
				if err := tx.SetServiceSMS(ctx, c.svc, c.kind, c.on); err != nil {
					return err
				}
			}
			return nil
		})
		got, err := s.SMSOptOuts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || !slices.Equal(got[a], []notice.Kind{notice.KindClosed, notice.KindSurvey}) {
			t.Errorf("opt-outs = %v", got)
		}
	})
}
