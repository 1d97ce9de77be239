package workflow_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"mizban/internal/desk"
	"mizban/internal/notice"
	"mizban/internal/store"
	"mizban/internal/store/storetest"
	"mizban/internal/workflow"
)

func TestCatalogEffectiveDate(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		e := newEnv(t, st)
		when := e.now.Add(48 * time.Hour)
		d := edit(t, e, catEditorA, catCode, func(s *desk.Service) { s.FeeRials = 250000 })
		d, err := e.flow.SaveCatalogDraft(ctx, catEditorA, workflow.DraftInput{Code: catCode, Revision: d.Revision, Card: d.Card, EffectiveAt: when})
		if err != nil {
			t.Fatal(err)
		}
		p := publish(t, e, catCode, d)
		if !p.Scheduled || p.Version != 0 || !p.EffectiveAt.Equal(when) {
			t.Fatalf("approval with a future date = %+v", p)
		}
		sched, _ := e.flow.CatalogDraft(ctx, catEditorA, catCode)
		if sched.State != workflow.DraftScheduled {
			t.Fatalf("state = %s", sched.State)
		}
		// Not yet due: nothing happens, and a request filed now gets version 1.
		if n, err := e.flow.PublishDue(ctx); n != 0 || err != nil {
			t.Fatalf("PublishDue early = %d, %v", n, err)
		}
		early := openRequest(t, e, catCode, "09120000002", desk.StatusSubmitted, nil)
		if early.ServiceVersion != 1 {
			t.Fatalf("request filed before the date has version %d", early.ServiceVersion)
		}
		// The date comes: published once, by the approver, announced.
		e.now = when.Add(time.Minute)
		if n, err := e.flow.PublishDue(ctx); n != 1 || err != nil {
			t.Fatalf("PublishDue = %d, %v", n, err)
		}
		if n, err := e.flow.PublishDue(ctx); n != 0 || err != nil {
			t.Fatalf("second PublishDue = %d, %v", n, err)
		}
		cur, _ := e.st.Service(ctx, catCode)
		if cur.Version != 2 || cur.FeeRials != 250000 || !cur.UpdatedAt.Equal(e.now) {
			t.Fatalf("after the date: %+v", cur)
		}
		late := openRequest(t, e, catCode, "09120000003", desk.StatusSubmitted, nil)
		if late.ServiceVersion != 2 {
			t.Errorf("request filed after the date has version %d", late.ServiceVersion)
		}
		if r, _ := e.st.Request(ctx, early.ID); r.ServiceVersion != 1 {
			t.Errorf("early request moved to version %d", r.ServiceVersion)
		}
		h, _ := e.flow.ServiceHistory(ctx, catCode)
		if len(h) != 2 || h[0].PublishedBy != catEditorB.Name || !h[0].PublishedAt.Equal(e.now) {
			t.Errorf("history = %+v", h)
		}
		if got := audits(t, e, "catalog.publish"); len(got) != 1 || !strings.HasPrefix(got[0], "ok system ") {
			t.Errorf("publish audit = %v", got)
		}
		// The early applicant hears of the material change.
		if sms := cardSMS(t, e); len(sms["09120000002"]) != 1 {
			t.Errorf("card SMS = %v", sms)
		}
	})
}

func TestCatalogScheduledDiscard(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		e := newEnv(t, st)
		d := edit(t, e, catEditorA, catCode, func(s *desk.Service) { s.FeeRials = 1 })
		d, _ = e.flow.SaveCatalogDraft(ctx, catEditorA, workflow.DraftInput{Code: catCode, Revision: d.Revision, Card: d.Card, EffectiveAt: e.now.Add(time.Hour)})
		publish(t, e, catCode, d)
		sched, _ := e.flow.CatalogDraft(ctx, catEditorA, catCode)
		if err := e.flow.DiscardCatalogDraft(ctx, catEditorB, catCode, sched.Revision, "c"); err != nil {
			t.Fatal(err)
		}
		e.now = e.now.Add(2 * time.Hour)
		if n, err := e.flow.PublishDue(ctx); n != 0 || err != nil {
			t.Fatalf("discarded schedule published: %d, %v", n, err)
		}
		if cur, _ := e.st.Service(ctx, catCode); cur.Version != 1 {
			t.Errorf("version %d", cur.Version)
		}
	})
}

// A material change tells exactly the service's confirmed subscribers and
// its citizens with open requests, once per mobile; a typo fix tells no one.
func TestCatalogChangeNotices(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		e := newEnv(t, st)
		other := testService()
		other.Code, other.Title = "13099990002", "خدمت دیگر"
		if err := st.InTx(ctx, func(tx *store.Tx) error { _, err := tx.PublishService(ctx, other); return err }); err != nil {
			t.Fatal(err)
		}
		const (
			subOnly    = "09121111111" // subscriber only
			both       = "09122222222" // subscriber with an open request, and a second open request
			applicant  = "09123333333" // open request only
			rep        = "09124444444" // representative of an open request: told instead of the applicant
			repApplic  = "09125555555"
			closed     = "09126666666" // answered request: not told
			otherSub   = "09127777777" // subscriber of another service
			unsubbed   = "09128888888" // subscribed then left
			pendingSub = "09129999999" // never confirmed
		)
		subscribe(t, e, catCode, subOnly)
		subscribe(t, e, catCode, both)
		subscribe(t, e, catCode, both) // twice: still one subscription
		subscribe(t, e, other.Code, otherSub)
		subscribe(t, e, catCode, unsubbed)
		if _, err := e.flow.StartSubscription(ctx, catCode, pendingSub, "c"); err != nil {
			t.Fatal(err)
		}
		openRequest(t, e, catCode, both, desk.StatusInProgress, nil)
		openRequest(t, e, catCode, both, desk.StatusNeedsDocs, nil)
		openRequest(t, e, catCode, applicant, desk.StatusSubmitted, nil)
		openRequest(t, e, catCode, repApplic, desk.StatusSubmitted, &desk.Person{Name: "وکیل", Mobile: rep})
		openRequest(t, e, catCode, closed, desk.StatusAnswered, nil)
		openRequest(t, e, other.Code, closed, desk.StatusSubmitted, nil) // open, but on another service: not told

		// Unsubscribe through the link of a first material change.
		p := publish(t, e, catCode, edit(t, e, catEditorA, catCode, func(s *desk.Service) {
			s.Documents = append(s.Documents, desk.RequiredDoc{Key: "id_card", Name: "کارت ملی", Required: true})
		}))
		sms := cardSMS(t, e)
		token := unsubToken(t, sms[unsubbed])
		if code, title, err := e.flow.SubscriptionByToken(ctx, token); err != nil || code != catCode || title != testService().Title {
			t.Fatalf("SubscriptionByToken = %q, %q, %v", code, title, err)
		}
		for range 2 { // idempotent
			if code, title, err := e.flow.Unsubscribe(ctx, token, "c"); err != nil || code != catCode || title != testService().Title {
				t.Fatalf("Unsubscribe = %q, %q, %v", code, title, err)
			}
		}
		want := map[string]int{subOnly: 1, both: 1, applicant: 1, rep: 1, unsubbed: 1}
		checkCounts(t, "first change", sms, want)
		if p.Notified != len(want) {
			t.Errorf("Notified = %d, want %d", p.Notified, len(want))
		}
		// Subscribers get their own unsubscribe link; applicants the changes page.
		if !strings.Contains(sms[subOnly][0], "/u/") || !strings.Contains(sms[both][0], "/u/") {
			t.Errorf("subscriber texts lack /u/: %q %q", sms[subOnly], sms[both])
		}
		if !strings.Contains(sms[applicant][0], "eservice.armandasht.example/h/"+catCode) || strings.Contains(sms[applicant][0], "https://") {
			t.Errorf("applicant text = %q", sms[applicant])
		}

		// A typo fix in the description: a new version, an announcement,
		// and no SMS at all.
		p = publish(t, e, catCode, edit(t, e, catEditorA, catCode, func(s *desk.Service) { s.Description += " (اصلاح)" }))
		if p.Notified != 0 {
			t.Errorf("cosmetic change notified %d", p.Notified)
		}
		checkCounts(t, "after the typo fix", cardSMS(t, e), want)
		h, _ := e.flow.ServiceHistory(ctx, catCode)
		if len(h) != 3 || h[0].Material || len(h[0].Changes) == 0 {
			t.Errorf("typo version = %+v", h[0])
		}

		// Another material change: the one who left is not told again.
		publish(t, e, catCode, edit(t, e, catEditorA, catCode, func(s *desk.Service) { s.FeeRials = 990000 }))
		want = map[string]int{subOnly: 2, both: 2, applicant: 2, rep: 2, unsubbed: 1}
		checkCounts(t, "second change", cardSMS(t, e), want)

		// Announcements: one per version with changes, newest first.
		ann, err := e.flow.Announcements(ctx, catCode, 0)
		if err != nil || len(ann) != 3 || ann[0].Version != 4 || !strings.HasPrefix(ann[0].Title, "تغییر در خدمت") || ann[0].Body == "" {
			t.Errorf("announcements = %+v, %v", ann, err)
		}
	})
}

func checkCounts(t *testing.T, when string, sms map[string][]string, want map[string]int) {
	t.Helper()
	for m, texts := range sms {
		if len(texts) != want[m] {
			t.Errorf("%s: %s got %d messages, want %d", when, m, len(texts), want[m])
		}
	}
	for m, n := range want {
		if len(sms[m]) != n {
			t.Errorf("%s: %s got %d messages, want %d", when, m, len(sms[m]), n)
		}
	}
}

func unsubToken(t *testing.T, texts []string) string {
	t.Helper()
	for _, s := range texts {
		if _, after, ok := strings.Cut(s, "/u/"); ok {
			return strings.TrimSpace(after)
		}
	}
	t.Fatalf("no unsubscribe link in %q", texts)
	return ""
}

// An administrator who switched the notice off: the change is published
// and announced, no SMS.
func TestCatalogChangeNoticeSwitchedOff(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		e := newEnv(t, st)
		subscribe(t, e, catCode, "09121111111")
		if err := e.flow.SaveTemplate(ctx, catAdmin, workflow.TemplateInput{Kind: notice.KindCardChanged, Enabled: false}); err != nil {
			t.Fatal(err)
		}
		p := publish(t, e, catCode, edit(t, e, catEditorA, catCode, func(s *desk.Service) { s.FeeRials = 5 }))
		if p.Version != 2 || p.Notified != 0 || len(cardSMS(t, e)) != 0 {
			t.Errorf("switched off: %+v, %v", p, cardSMS(t, e))
		}
	})
}

func TestCatalogStaleAndReviewed(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		e := newEnv(t, st)
		other := testService()
		other.Code, other.Title, other.UnitCode, other.UpdatedAt = "13099990003", "خدمت واحد دیگر", "roads", e.now.Add(-400*24*time.Hour)
		old := testService()
		old.UpdatedAt = e.now.Add(-500 * 24 * time.Hour)
		if err := st.InTx(ctx, func(tx *store.Tx) error {
			if _, err := tx.PublishService(ctx, old); err != nil {
				return err
			}
			_, err := tx.PublishService(ctx, other)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		list, err := e.flow.StaleServices(ctx, catEditorA)
		if err != nil || len(list) != 2 || list[0].Code != catCode || list[0].Days != 500 || list[1].Days != 400 {
			t.Fatalf("stale for an editor = %+v, %v", list, err)
		}
		// A manager sees only their units' cards; an officer nothing.
		if list, err := e.flow.StaleServices(ctx, catManager); err != nil || len(list) != 1 || list[0].Code != catCode {
			t.Errorf("stale for the permits manager = %+v, %v", list, err)
		}
		if _, err := e.flow.StaleServices(ctx, catOfficer); desk.ErrorCode(err) != desk.EFORBIDDEN {
			t.Errorf("officer: %v", err)
		}
		// Managers may not mark reviewed; editors may, without a version.
		if err := e.flow.MarkReviewed(ctx, catManager, catCode, "c"); desk.ErrorCode(err) != desk.EFORBIDDEN {
			t.Errorf("manager marks reviewed: %v", err)
		}
		if err := e.flow.MarkReviewed(ctx, catEditorA, catCode, "c"); err != nil {
			t.Fatal(err)
		}
		if list, _ := e.flow.StaleServices(ctx, catEditorA); len(list) != 1 || list[0].Code != other.Code {
			t.Errorf("after review = %+v", list)
		}
		cur, _ := st.Service(ctx, catCode)
		if cur.Version != 2 || !cur.ReviewedAt.Equal(e.now) {
			t.Errorf("reviewed card = v%d %v", cur.Version, cur.ReviewedAt)
		}
		// A shorter period makes more cards stale.
		e.flow.Opt.ReviewAfter = time.Hour
		e.now = e.now.Add(2 * time.Hour)
		if list, _ := e.flow.StaleServices(ctx, catEditorA); len(list) != 2 {
			t.Errorf("with a 1-hour period: %+v", list)
		}
		if got := audits(t, e, "catalog.reviewed"); len(got) != 2 {
			t.Errorf("reviewed audit = %v", got)
		}
	})
}

func TestAnnouncementsPost(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		e := newEnv(t, st)
		if _, err := e.flow.PostAnnouncement(ctx, catOfficer, workflow.AnnouncementInput{Title: "x", Body: "y"}); desk.ErrorCode(err) != desk.EFORBIDDEN {
			t.Fatalf("officer posts: %v", err)
		}
		_, err := e.flow.PostAnnouncement(ctx, catEditorA, workflow.AnnouncementInput{ServiceCode: "404", Title: " ", Body: ""})
		if f := desk.ErrorFields(err); desk.ErrorCode(err) != desk.EINVALID || f["service"] == "" || f["title"] == "" || f["body"] == "" {
			t.Fatalf("invalid announcement = %v", err)
		}
		a, err := e.flow.PostAnnouncement(ctx, catEditorA, workflow.AnnouncementInput{Title: "تعطیلی\nدفتر", Body: "بند یک\r\n\r\nبند دو", Client: "c"})
		if err != nil || a.ID == 0 || a.Title != "تعطیلی دفتر" || a.Body != "بند یک\n\nبند دو" || a.ServiceCode != "" {
			t.Fatalf("agency-wide = %+v, %v", a, err)
		}
		e.now = e.now.Add(time.Minute)
		b, err := e.flow.PostAnnouncement(ctx, catEditorB, workflow.AnnouncementInput{ServiceCode: catCode, Title: "یادآوری", Body: "متن"})
		if err != nil || b.ServiceTitle != testService().Title {
			t.Fatalf("per service = %+v, %v", b, err)
		}
		all, _ := e.flow.Announcements(ctx, "", 0)
		one, _ := e.flow.Announcements(ctx, catCode, 0)
		if len(all) != 2 || all[0].ID != b.ID || len(one) != 1 || one[0].ID != b.ID {
			t.Errorf("all = %+v; one = %+v", all, one)
		}
		if got := audits(t, e, "announcement.post"); len(got) != 3 {
			t.Errorf("announcement audit = %v", got)
		}
	})
}
