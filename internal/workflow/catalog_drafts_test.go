package workflow_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"mizban/internal/audit"
	"mizban/internal/desk"
	"mizban/internal/store"
	"mizban/internal/store/storetest"
	"mizban/internal/workflow"
)

func TestCatalogDraftConcurrentEditors(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		e := newEnv(t, st)

		// A fresh copy of the published card: revision 0, nothing stored.
		fresh, err := e.flow.CatalogDraft(ctx, catEditorA, catCode)
		if err != nil || fresh.Revision != 0 || fresh.New || fresh.BaseVersion != 1 || fresh.Card.Title != testService().Title || len(fresh.Changes) != 0 {
			t.Fatalf("fresh = %+v, %v", fresh, err)
		}
		// Both editors open the same card; A saves first.
		a, b := fresh.Card, fresh.Card
		a.Summary, b.Summary = "خلاصهٔ سارا", "خلاصهٔ رضا"
		savedA, err := e.flow.SaveCatalogDraft(ctx, catEditorA, workflow.DraftInput{Code: catCode, Card: a, Client: "c"})
		if err != nil || savedA.Revision != 1 || savedA.UpdatedBy != catEditorA.Name || len(savedA.Changes) == 0 {
			t.Fatalf("A's save = %+v, %v", savedA, err)
		}
		e.now = e.now.Add(time.Minute)
		_, err = e.flow.SaveCatalogDraft(ctx, catEditorB, workflow.DraftInput{Code: catCode, Card: b, Client: "c"})
		if desk.ErrorCode(err) != desk.ECONFLICT || !strings.Contains(desk.ErrorMessage(err), catEditorA.Name) ||
			!strings.Contains(desk.ErrorMessage(err), "۱۴۰۵") {
			t.Fatalf("B's save from the same revision = %v; want ECONFLICT naming %s and when", err, catEditorA.Name)
		}
		cur, _ := e.flow.CatalogDraft(ctx, catEditorB, catCode)
		if cur.Card.Summary != "خلاصهٔ سارا" || cur.Revision != 1 {
			t.Fatalf("B's conflict overwrote A: %+v", cur)
		}
		// From the current revision B may save.
		if _, err := e.flow.SaveCatalogDraft(ctx, catEditorB, workflow.DraftInput{Code: catCode, Revision: 1, Card: b, Client: "c"}); err != nil {
			t.Fatalf("B's save from revision 1: %v", err)
		}
		// A stale revision of an existing draft is a conflict too.
		_, err = e.flow.SaveCatalogDraft(ctx, catEditorA, workflow.DraftInput{Code: catCode, Revision: 1, Card: a, Client: "c"})
		if desk.ErrorCode(err) != desk.ECONFLICT || !strings.Contains(desk.ErrorMessage(err), catEditorB.Name) {
			t.Fatalf("A's stale save = %v", err)
		}
		if got := audits(t, e, "catalog.save"); len(got) != 2 {
			t.Errorf("catalog.save records = %v, want the two saves", got)
		}
	})
}

func TestCatalogDraftRefusals(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		e := newEnv(t, st)
		card := testService()
		tests := []struct {
			name  string
			actor desk.Actor
			in    workflow.DraftInput
			code  string
			field string
		}{
			{"catOfficer may not edit", catOfficer, workflow.DraftInput{Code: catCode, Card: card}, desk.EFORBIDDEN, ""},
			{"catManager may not edit", catManager, workflow.DraftInput{Code: catCode, Card: card}, desk.EFORBIDDEN, ""},
			{"new service with a taken code", catEditorA, workflow.DraftInput{Code: catCode, New: true, Card: card}, desk.EINVALID, "code"},
			{"code not digits", catEditorA, workflow.DraftInput{Code: "ab-1", New: true, Card: card}, desk.EINVALID, "code"},
			{"card code differs", catEditorA, workflow.DraftInput{Code: "555", New: true, Card: card}, desk.EINVALID, "code"},
			{"unknown service", catEditorA, workflow.DraftInput{Code: "555", Card: desk.Service{}}, desk.ENOTFOUND, ""},
			{"revision of a draft that is gone", catEditorA, workflow.DraftInput{Code: catCode, Revision: 3, Card: card}, desk.ECONFLICT, ""},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				_, err := e.flow.SaveCatalogDraft(ctx, tc.actor, tc.in)
				if desk.ErrorCode(err) != tc.code {
					t.Fatalf("err = %v, want %s", err, tc.code)
				}
				if tc.field != "" && desk.ErrorFields(err)[tc.field] == "" {
					t.Errorf("no message on %q: %v", tc.field, desk.ErrorFields(err))
				}
			})
		}
		if !hasAudit(t, e, "catalog.save", audit.Denied, catOfficer) || !hasAudit(t, e, "catalog.save", audit.Denied, catManager) {
			t.Errorf("refused saves not audited: %v", audits(t, e, "catalog.save"))
		}
		if _, err := e.flow.CatalogDrafts(ctx, catOfficer); desk.ErrorCode(err) != desk.EFORBIDDEN {
			t.Errorf("catOfficer lists drafts: %v", err)
		}
		// An incomplete new service is kept as typed (nothing lost), but
		// cannot be sent for review.
		half := desk.Service{Title: "خدمت نیمه‌کاره"}
		d, err := e.flow.SaveCatalogDraft(ctx, catEditorA, workflow.DraftInput{Code: "۱۲۳۴۵", New: true, Card: half, Client: "c"})
		if err != nil || d.Code != "12345" || !d.New || d.Card.Title != half.Title || d.Card.Code != "12345" {
			t.Fatalf("incomplete new draft = %+v, %v", d, err)
		}
		err = e.flow.SubmitCatalogDraft(ctx, catEditorA, "12345", d.Revision, "c")
		if desk.ErrorCode(err) != desk.EINVALID || len(desk.ErrorFields(err)) == 0 {
			t.Fatalf("submit of an invalid card = %v", err)
		}
		// A second editor starting a new service with the same code.
		_, err = e.flow.SaveCatalogDraft(ctx, catEditorB, workflow.DraftInput{Code: "12345", New: true, Card: half, Client: "c"})
		if desk.ErrorCode(err) != desk.EINVALID || desk.ErrorFields(err)["code"] == "" {
			t.Errorf("second new draft with the same code = %v", err)
		}
		list, err := e.flow.CatalogDrafts(ctx, catAdmin)
		if err != nil || len(list) != 1 || list[0].Code != "12345" || list[0].Stale {
			t.Errorf("drafts = %+v, %v", list, err)
		}
	})
}

func TestCatalogReviewFourEyes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		e := newEnv(t, st)
		before := openRequest(t, e, catCode, "09120000001", desk.StatusSubmitted, nil)
		d := edit(t, e, catEditorA, catCode, func(s *desk.Service) { s.DurationDays = 9 })
		if err := e.flow.SubmitCatalogDraft(ctx, catEditorA, catCode, d.Revision, "c"); err != nil {
			t.Fatal(err)
		}
		// In review the draft is frozen.
		if _, err := e.flow.SaveCatalogDraft(ctx, catEditorA, workflow.DraftInput{Code: catCode, Revision: d.Revision + 1, Card: d.Card}); desk.ErrorCode(err) != desk.ECONFLICT {
			t.Errorf("save in review = %v", err)
		}
		// The sender may not approve their own draft; an catOfficer may not at all.
		if _, err := e.flow.ApproveCatalogDraft(ctx, catEditorA, catCode, d.Revision+1, "c"); desk.ErrorCode(err) != desk.EFORBIDDEN {
			t.Fatalf("self-approval = %v", err)
		}
		if _, err := e.flow.ApproveCatalogDraft(ctx, catOfficer, catCode, d.Revision+1, "c"); desk.ErrorCode(err) != desk.EFORBIDDEN {
			t.Fatalf("catOfficer approval = %v", err)
		}
		if !hasAudit(t, e, "catalog.approve", audit.Denied, catEditorA) || !hasAudit(t, e, "catalog.approve", audit.Denied, catOfficer) {
			t.Errorf("refused approvals not audited: %v", audits(t, e, "catalog.approve"))
		}
		// Sent back with a note: the note is required and kept.
		if err := e.flow.ReturnCatalogDraft(ctx, catEditorB, catCode, d.Revision+1, "  ", "c"); desk.ErrorCode(err) != desk.EINVALID {
			t.Fatalf("return without a note = %v", err)
		}
		if err := e.flow.ReturnCatalogDraft(ctx, catEditorB, catCode, d.Revision+1, "مدت را با واحد هماهنگ کنید.", "c"); err != nil {
			t.Fatal(err)
		}
		back, _ := e.flow.CatalogDraft(ctx, catEditorA, catCode)
		if back.State != workflow.DraftEditing || back.ReviewNote != "مدت را با واحد هماهنگ کنید." {
			t.Fatalf("returned draft = %+v", back)
		}
		// Submitted again and approved by the other editor: version 2.
		p := publish(t, e, catCode, back)
		if p.Version != 2 || p.Scheduled {
			t.Fatalf("published = %+v", p)
		}
		cur, _ := e.st.Service(ctx, catCode)
		if cur.Version != 2 || cur.DurationDays != 9 || cur.UpdatedBy != catEditorA.Name || !cur.UpdatedAt.Equal(e.now) || !cur.ReviewedAt.Equal(e.now) {
			t.Errorf("current card = v%d %d days by %q at %v", cur.Version, cur.DurationDays, cur.UpdatedBy, cur.UpdatedAt)
		}
		// The draft is gone; the request keeps the version it was filed under.
		if _, err := e.st.CatalogDraft(ctx, catCode); desk.ErrorCode(err) != desk.ENOTFOUND {
			t.Errorf("draft after publish: %v", err)
		}
		r, _ := e.st.Request(ctx, before.ID)
		if r.ServiceVersion != 1 {
			t.Errorf("request moved to version %d", r.ServiceVersion)
		}
		h, err := e.flow.ServiceHistory(ctx, catCode)
		if err != nil || len(h) != 2 || h[0].Version != 2 || h[0].PublishedBy != catEditorB.Name || len(h[0].Changes) == 0 || !h[0].Material {
			t.Fatalf("history = %+v, %v", h, err)
		}
		for _, action := range []string{"catalog.submit", "catalog.return", "catalog.approve", "catalog.publish"} {
			if len(audits(t, e, action)) == 0 {
				t.Errorf("no %s audit record", action)
			}
		}
		if _, err := e.flow.ServiceHistory(ctx, "404"); desk.ErrorCode(err) != desk.ENOTFOUND {
			t.Errorf("history of an unknown code = %v", err)
		}
	})
}

func TestCatalogNewServiceAndDiscard(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		e := newEnv(t, st)
		card := testService()
		card.Code, card.Title = "13099990001", "خدمت تازه"
		d, err := e.flow.SaveCatalogDraft(ctx, catEditorA, workflow.DraftInput{Code: card.Code, New: true, Card: card, Client: "c"})
		if err != nil || !d.New || d.BaseVersion != 0 {
			t.Fatalf("new draft = %+v, %v", d, err)
		}
		p := publish(t, e, card.Code, d)
		if p.Version != 1 || p.Notified != 0 {
			t.Fatalf("new service published = %+v", p)
		}
		ann, _ := e.flow.Announcements(ctx, card.Code, 0)
		if len(ann) != 1 || ann[0].Version != 1 || !strings.Contains(ann[0].Title, "خدمت تازه") {
			t.Errorf("announcement of a new service = %+v", ann)
		}

		// Discard: the revision is checked; a scheduled draft may be
		// discarded too, cancelling its publish.
		d2 := edit(t, e, catEditorA, catCode, func(s *desk.Service) { s.FeeRials = 100 })
		if err := e.flow.DiscardCatalogDraft(ctx, catEditorA, catCode, d2.Revision+5, "c"); desk.ErrorCode(err) != desk.ECONFLICT {
			t.Errorf("discard of a stale revision = %v", err)
		}
		if err := e.flow.DiscardCatalogDraft(ctx, catOfficer, catCode, d2.Revision, "c"); desk.ErrorCode(err) != desk.EFORBIDDEN {
			t.Errorf("catOfficer discards = %v", err)
		}
		if err := e.flow.DiscardCatalogDraft(ctx, catEditorA, catCode, d2.Revision, "c"); err != nil {
			t.Fatal(err)
		}
		fresh, _ := e.flow.CatalogDraft(ctx, catEditorA, catCode)
		if fresh.Revision != 0 || fresh.Card.FeeRials != 0 {
			t.Errorf("after discard = %+v", fresh)
		}
		if got := audits(t, e, "catalog.discard"); len(got) != 2 {
			t.Errorf("discard audit = %v", got)
		}
	})
}

// Two saves from the same revision at the same moment: exactly one wins,
// the other is told who saved.
func TestCatalogDraftRace(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		e := newEnv(t, st)
		d := edit(t, e, catEditorA, catCode, func(s *desk.Service) { s.Summary = "آغاز" })
		actors := []desk.Actor{catEditorA, catEditorB}
		errs := make([]error, len(actors))
		var wg sync.WaitGroup
		for i, a := range actors {
			wg.Add(1)
			go func() {
				defer wg.Done()
				card := d.Card
				card.Summary = a.Name
				_, errs[i] = e.flow.SaveCatalogDraft(ctx, a, workflow.DraftInput{Code: catCode, Revision: d.Revision, Card: card})
			}()
		}
		wg.Wait()
		won := -1
		for i, err := range errs {
			if err == nil {
				if won >= 0 {
					t.Fatal("both saves won")
				}
				won = i
			}
		}
		if won < 0 {
			t.Fatalf("no save won: %v", errs)
		}
		lost := errs[1-won]
		if desk.ErrorCode(lost) != desk.ECONFLICT || !strings.Contains(desk.ErrorMessage(lost), actors[won].Name) {
			t.Errorf("loser's error = %v; want ECONFLICT naming %s", lost, actors[won].Name)
		}
		cur, _ := e.flow.CatalogDraft(ctx, catEditorA, catCode)
		if cur.Card.Summary != actors[won].Name || cur.Revision != d.Revision+1 {
			t.Errorf("stored = %q rev %d", cur.Card.Summary, cur.Revision)
		}
	})
}
