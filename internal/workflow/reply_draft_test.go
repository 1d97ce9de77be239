package workflow_test

import (
	"context"
	"strings"
	"testing"

	"mizban/internal/audit"
	"mizban/internal/desk"
	"mizban/internal/letters"
	"mizban/internal/notice"
	"mizban/internal/store"
	"mizban/internal/store/storetest"
	"mizban/internal/workflow"
)

// letterInProgress files a request in permits, registers it as an
// incoming letter and has officer a1 take it.
func (o *office) letterInProgress(t *testing.T) (desk.Request, letters.Letter) {
	t.Helper()
	ctx := context.Background()
	r := o.file(t, "permits", "citizen")
	in, err := o.flow.RegisterIncoming(ctx, o.offA1, workflow.RegisterInput{RequestID: r.ID, Version: r.Version, Secretariat: "1"})
	if err != nil {
		t.Fatal(err)
	}
	return o.act(t, o.offA1, o.reload(t, r.ID), workflow.ActInput{Action: desk.ActAccept}), in
}

func newLetterOffice(t *testing.T, st *store.Store) *office {
	t.Helper()
	o := newOffice(t, st)
	if err := o.flow.CreateSecretariat(context.Background(), o.admin, workflow.SecretariatInput{Secretariat: centralSecretariat()}); err != nil {
		t.Fatal(err)
	}
	return o
}

func TestReplyDraftAndSign(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		o := newLetterOffice(t, st)
		r, in := o.letterInProgress(t)
		smsBefore, _ := st.RequestSMS(ctx, r.ID)

		// The officer's answer is refused, and the refusal is audited.
		_, err := o.flow.Act(ctx, o.offA1, workflow.ActInput{RequestID: r.ID, Version: r.Version,
			Action: desk.ActAnswer, Text: "پروانه صادر شد."})
		if desk.ErrorCode(err) != desk.EFORBIDDEN || !strings.Contains(desk.ErrorMessage(err), "پیش‌نویس پاسخ") {
			t.Fatalf("officer's answer on a letter: %v; want the signer refusal", err)
		}
		if got := o.reload(t, r.ID); got.Status != desk.StatusInProgress || got.Version != r.Version {
			t.Fatalf("refused answer changed the request: %+v", got)
		}
		denied, _ := st.Audit(ctx, store.AuditFilter{Action: "request.answer"})
		if len(denied) != 1 || denied[0].Result != audit.Denied || denied[0].Details != "reply needs a signer" {
			t.Errorf("audit of the refusal: %+v", denied)
		}

		// The officer drafts; saving again replaces the draft.
		r = o.act(t, o.offA1, r, workflow.ActInput{Action: desk.ActDraftReply, Text: "پیش‌نویس نخست"})
		r = o.act(t, o.offA1, r, workflow.ActInput{Action: desk.ActDraftReply, Text: "پروانه ساختمان شما صادر شد.",
			LegalBasis: "ماده ۱۰۰ قانون شهرداری"})
		if r.Status != desk.StatusInProgress {
			t.Fatalf("draft moved the status to %s", r.Status)
		}
		d, err := st.ReplyDraft(ctx, r.ID)
		if err != nil || d.Text != "پروانه ساختمان شما صادر شد." || d.LegalBasis != "ماده ۱۰۰ قانون شهرداری" || d.StaffID != o.offA1.StaffID {
			t.Fatalf("draft %+v, %v", d, err)
		}
		if sms, _ := st.RequestSMS(ctx, r.ID); len(sms) != len(smsBefore) {
			t.Errorf("drafting sent SMS: %+v", sms[len(smsBefore):])
		}
		saved, _ := st.Audit(ctx, store.AuditFilter{Action: "request.draft_reply"})
		if len(saved) != 2 || saved[1].Result != audit.OK || !strings.Contains(saved[1].Details, "draft=saved") {
			t.Errorf("audit of the drafts: %+v", saved)
		}

		// Staff see the draft event; the citizen does not.
		staffEvs, _ := st.Events(ctx, r.ID, true)
		if staffEvs[0].Type != "reply_drafted" || !staffEvs[0].Internal || staffEvs[0].Note != workflow.ReplyDraftNote {
			t.Errorf("newest staff event %+v; want the internal draft event", staffEvs[0])
		}
		tr, err := o.flow.Lookup(ctx, r.TrackingCode, "09121234567", "c")
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range tr.Events {
			if e.Type == "reply_drafted" || strings.Contains(e.Note, "پیش‌نویس") {
				t.Errorf("citizen sees the draft: %+v", e)
			}
		}

		// The officer's page offers a draft, not an answer; the manager's
		// the signature, with the draft.
		for _, tc := range []struct {
			who         desk.Actor
			answer, drf bool
		}{{o.offA1, false, true}, {o.mgrA, true, true}} {
			v, err := o.flow.StaffView(ctx, tc.who, r.ID)
			if err != nil {
				t.Fatal(err)
			}
			rs, err := o.flow.ReplyView(ctx, &v)
			if err != nil || !rs.Letter || rs.Draft == nil || rs.Draft.Text != d.Text || rs.Draft.StaffName == "" {
				t.Fatalf("%s: reply state %+v, %v", tc.who.Label(), rs, err)
			}
			if v.Can[desk.ActAnswer] != tc.answer || v.Can[desk.ActDraftReply] != tc.drf || rs.CanSign != tc.answer {
				t.Errorf("%s: can answer %v, draft %v, sign %v; want %v, %v", tc.who.Label(),
					v.Can[desk.ActAnswer], v.Can[desk.ActDraftReply], rs.CanSign, tc.answer, tc.drf)
			}
		}

		// The manager signs (edited text): answered, the reply letter signed
		// by the manager in reply to the incoming one, the draft gone, the
		// drafter recorded, one answered SMS.
		r = o.act(t, o.mgrA, r, workflow.ActInput{Action: desk.ActAnswer, Text: "پروانه ساختمان شما صادر شد؛ به شهرداری منطقه مراجعه کنید.",
			LegalBasis: d.LegalBasis})
		if r.Status != desk.StatusAnswered {
			t.Fatalf("status %s after signing", r.Status)
		}
		ls, _ := st.LettersOfRequest(ctx, r.ID)
		if len(ls) != 2 || ls[1].Direction != letters.Outgoing || ls[1].InReplyTo != in.ID || ls[1].SignerID != o.mgrA.StaffID {
			t.Fatalf("letters %+v; want the reply signed by the manager", ls)
		}
		if _, err := st.ReplyDraft(ctx, r.ID); desk.ErrorCode(err) != desk.ENOTFOUND {
			t.Errorf("draft after signing: %v", err)
		}
		ds, _ := st.Decisions(ctx, r.ID)
		drafters, err := st.DecisionDrafters(ctx, r.ID)
		if err != nil || len(ds) != 1 || ds[0].StaffID != o.mgrA.StaffID || drafters[ds[0].ID].StaffID != o.offA1.StaffID {
			t.Errorf("decisions %+v, drafters %+v, %v", ds, drafters, err)
		}
		answered, _ := st.Audit(ctx, store.AuditFilter{Action: "request.answer"})
		if last := answered[len(answered)-1]; last.Result != audit.OK || !strings.Contains(last.Details, "drafted_by="+o.offA1.Label()) {
			t.Errorf("audit of the signature: %+v", last)
		}
		n := 0
		sms, _ := st.RequestSMS(ctx, r.ID)
		for _, m := range sms {
			if m.Kind == string(notice.KindAnswered) {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%d answered SMS; want 1", n)
		}
		if rows, count, _ := o.flow.AwaitingSignature(ctx, o.mgrA, 0); count != 0 || len(rows) != 0 {
			t.Errorf("still awaiting signature: %+v", rows)
		}
	})
}

// TestReplyDraftRules is who may draft and answer what, on letters and
// not.
func TestReplyDraftRules(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		o := newLetterOffice(t, st)
		plain := func() desk.Request {
			return o.act(t, o.offA1, o.file(t, "permits", "citizen"), workflow.ActInput{Action: desk.ActAccept})
		}
		letter := func() desk.Request { r, _ := o.letterInProgress(t); return r }
		for _, tc := range []struct {
			name string
			req  func() desk.Request
			who  desk.Actor
			act  desk.Action
			code string // "" when allowed
		}{
			{"officer answers a plain request", plain, o.offA1, desk.ActAnswer, ""},
			{"officer may draft a plain request too", plain, o.offA1, desk.ActDraftReply, ""},
			{"officer may not answer a letter", letter, o.offA1, desk.ActAnswer, desk.EFORBIDDEN},
			{"officer drafts a letter", letter, o.offA1, desk.ActDraftReply, ""},
			{"another officer of the unit, while a1 holds it", letter, o.offA2, desk.ActDraftReply, desk.EFORBIDDEN},
			{"manager drafts a letter", letter, o.mgrA, desk.ActDraftReply, ""},
			{"manager answers a letter directly", letter, o.mgrA, desk.ActAnswer, ""},
			{"other unit's officer may not draft", letter, o.offB, desk.ActDraftReply, desk.ENOTFOUND},
			{"other unit's manager may not sign", letter, o.mgrB, desk.ActAnswer, desk.ENOTFOUND},
			{"desk operator may not draft", letter, o.deskOp, desk.ActDraftReply, desk.ENOTFOUND},
		} {
			t.Run(tc.name, func(t *testing.T) {
				r := tc.req()
				_, err := o.flow.Act(ctx, tc.who, workflow.ActInput{RequestID: r.ID, Version: r.Version,
					Action: tc.act, Text: "متن پاسخ"})
				if desk.ErrorCode(err) != tc.code {
					t.Errorf("%s by %s: %v; want code %q", tc.act, tc.who.Label(), err, tc.code)
				}
			})
		}
	})
}

// A draft in the unit's queue: the queue officers may draft, and a draft
// without text is refused.
func TestReplyDraftQueueAndText(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		o := newLetterOffice(t, st)
		r, _ := o.letterInProgress(t)
		// Back to the unit's queue by referral to the same unit.
		r = o.act(t, o.mgrA, r, workflow.ActInput{Action: desk.ActRefer, ToUnit: "permits", Instruction: "اقدام لازم انجام گیرد"})
		if r.AssigneeID != 0 {
			t.Fatalf("referral assigned the file to %d; want the unit's queue", r.AssigneeID)
		}
		_, err := o.flow.Act(ctx, o.offA2, workflow.ActInput{RequestID: r.ID, Version: r.Version, Action: desk.ActDraftReply})
		if desk.ErrorFields(err)["text"] == "" {
			t.Errorf("empty draft: %v; want a text field error", err)
		}
		o.act(t, o.offA2, r, workflow.ActInput{Action: desk.ActDraftReply, Text: "متن"})
		rows, n, err := o.flow.AwaitingSignature(ctx, o.mgrA, 0)
		if err != nil || n != 1 || len(rows) != 1 || rows[0].RequestID != r.ID {
			t.Errorf("awaiting %+v, %d, %v", rows, n, err)
		}
		if _, n, _ := o.flow.AwaitingSignature(ctx, o.offA2, 0); n != 0 {
			t.Errorf("an officer has %d to sign", n)
		}
	})
}

// A rejection discards the draft, so a reopened file shows no stale one.
func TestReplyDraftDiscardedOnReject(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		o := newLetterOffice(t, st)
		r, _ := o.letterInProgress(t)
		r = o.act(t, o.offA1, r, workflow.ActInput{Action: desk.ActDraftReply, Text: "متن"})
		o.act(t, o.mgrA, r, workflow.ActInput{Action: desk.ActReject, Reason: "مدارک ناقص است", LegalBasis: "ماده ۵"})
		if _, err := st.ReplyDraft(ctx, r.ID); desk.ErrorCode(err) != desk.ENOTFOUND {
			t.Errorf("draft after rejection: %v", err)
		}
	})
}

// On a request that is no letter the page keeps today's forms: officers
// answer, and no draft is offered.
func TestReplyViewPlainRequest(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		o := newLetterOffice(t, st)
		r := o.act(t, o.offA1, o.file(t, "permits", "citizen"), workflow.ActInput{Action: desk.ActAccept})
		for _, who := range []desk.Actor{o.offA1, o.mgrA} {
			v, err := o.flow.StaffView(ctx, who, r.ID)
			if err != nil {
				t.Fatal(err)
			}
			rs, err := o.flow.ReplyView(ctx, &v)
			if err != nil || rs.Letter || rs.Draft != nil || rs.CanSign {
				t.Errorf("%s: reply state %+v, %v", who.Label(), rs, err)
			}
			if !v.Can[desk.ActAnswer] || v.Can[desk.ActDraftReply] {
				t.Errorf("%s: can answer %v, draft %v; want true, false", who.Label(), v.Can[desk.ActAnswer], v.Can[desk.ActDraftReply])
			}
		}
	})
}
