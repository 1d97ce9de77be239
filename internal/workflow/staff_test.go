package workflow_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"mizban/internal/audit"
	"mizban/internal/desk"
	"mizban/internal/jalali"
	"mizban/internal/store"
	"mizban/internal/store/storetest"
	"mizban/internal/workflow"
)

// A file's whole life: accept, note, refer with an instruction, ask for
// documents, extend, answer with an attachment, close, reopen, reject. Each
// step is one event; citizen-visible ones send one SMS each; all audited.
func TestActLifecycle(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		o := newOffice(t, st)
		r := o.file(t, "permits", "citizen")

		r = o.act(t, o.offA1, r, workflow.ActInput{Action: desk.ActAccept})
		if r.Status != desk.StatusInProgress || r.AssigneeID != o.offA1.StaffID || r.Version != 2 {
			t.Fatalf("after accept: %+v", r)
		}
		r = o.act(t, o.offA1, r, workflow.ActInput{Action: desk.ActNote, Text: "تماس تلفنی گرفته شد"})
		r = o.act(t, o.offA1, r, workflow.ActInput{Action: desk.ActRefer, ToUnit: "legal", ToStaff: o.offB.StaffID,
			Instruction: "بررسی و نتیجه اعلام شود", Message: "برای نظر حقوقی ارجاع شد."})
		if r.UnitCode != "legal" || r.AssigneeID != o.offB.StaffID {
			t.Fatalf("after refer: unit %q assignee %d", r.UnitCode, r.AssigneeID)
		}
		// Unit A's officer no longer reaches the file.
		if _, err := o.flow.StaffView(ctx, o.offA1, r.ID); desk.ErrorCode(err) != desk.ENOTFOUND {
			t.Errorf("officer of A views a file referred to B: %v; want ENOTFOUND", err)
		}
		r = o.act(t, o.offB, r, workflow.ActInput{Action: desk.ActRequestDocs, Message: "تصویر سند را بفرستید."})
		if r.Status != desk.StatusNeedsDocs {
			t.Fatalf("status %s after request_docs", r.Status)
		}
		// The citizen sends them the next working day (clock paused).
		o.now = o.now.Add(24 * time.Hour)
		token := trackToken(t, o, r)
		r2, err := o.flow.CitizenDocs(ctx, token, []workflow.Upload{{Key: "deed", Name: "sanad.pdf", Data: pdfBytes}}, "c9")
		if err != nil {
			t.Fatalf("CitizenDocs: %v", err)
		}
		if r2.Status != desk.StatusInProgress || r2.AssigneeID != o.offB.StaffID {
			t.Fatalf("after docs: status %s assignee %d; want back with the officer", r2.Status, r2.AssigneeID)
		}
		if !r2.DueAt.After(r.DueAt) {
			t.Errorf("due %v did not move after a paused wait (was %v)", r2.DueAt, r.DueAt)
		}
		r = o.reload(t, r.ID)
		r = o.act(t, o.offB, r, workflow.ActInput{Action: desk.ActExtend, Reason: "نیاز به بازدید محلی", Days: 3})
		r = o.act(t, o.offB, r, workflow.ActInput{Action: desk.ActAnswer, Text: "پروانه صادر شد.",
			Attachment: &workflow.Upload{Name: "answer.pdf", Data: pdfBytes}})
		if r.Status != desk.StatusAnswered {
			t.Fatalf("status %s after answer", r.Status)
		}
		r = o.act(t, o.mgrB, r, workflow.ActInput{Action: desk.ActClose})
		r = o.act(t, o.mgrB, r, workflow.ActInput{Action: desk.ActReopen, Reason: "اعتراض متقاضی"})
		r = o.act(t, o.offB, r, workflow.ActInput{Action: desk.ActReject, Reason: "مدارک ناقص",
			LegalBasis: "ماده ۱۰۰ قانون شهرداری"})
		if r.Status != desk.StatusRejected || r.Version != 11 {
			t.Fatalf("final: status %s version %d; want rejected, 11", r.Status, r.Version)
		}

		// Timeline: every step, internal note staff-only.
		all, err := st.Events(ctx, r.ID, true)
		if err != nil {
			t.Fatal(err)
		}
		wantTypes := []string{"rejected", "reopened", "closed", "answered", "extended", "docs_received",
			"docs_requested", "referred", "note", "accepted", "submitted"}
		if got := eventTypes(all); strings.Join(got, ",") != strings.Join(wantTypes, ",") {
			t.Fatalf("timeline %v; want %v", got, wantTypes)
		}
		public, _ := st.Events(ctx, r.ID, false)
		for _, e := range public {
			if e.Type == "note" || strings.Contains(e.Note, "بررسی و نتیجه") {
				t.Errorf("citizen sees staff-only text in %+v", e)
			}
		}
		for _, e := range all {
			if e.Type == "referred" && (e.UnitName != "اداره حقوقی" || e.StaffID != o.offB.StaffID) {
				t.Errorf("referral event names unit %q person %d", e.UnitName, e.StaffID)
			}
		}

		// One SMS per citizen-visible step, keyed by its event, short.
		sms, err := st.RequestSMS(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		smsEvents := map[string]bool{"referred": true, "docs_requested": true, "extended": true, "answered": true,
			"rejected": true, "closed": true, "reopened": true}
		want := 0
		keys := map[string]bool{}
		for _, e := range all {
			if smsEvents[e.Type] {
				want++
				keys["event:"+itoa(e.ID)] = true
			}
		}
		if len(sms) != want {
			t.Fatalf("%d SMS; want %d", len(sms), want)
		}
		for _, m := range sms {
			if !keys[m.DedupeKey] || m.To != "09121234567" || !strings.Contains(m.Text, r.TrackingCode) {
				t.Errorf("SMS %q key %q to %s", m.Text, m.DedupeKey, m.To)
			}
			if n := utf8.RuneCountInString(m.Text); n > 70 {
				t.Errorf("SMS %q has %d characters; want one part", m.Text, n)
			}
		}

		// Referral chain with its instruction; decisions with legal basis.
		chain, err := st.Referrals(ctx, r.ID)
		if err != nil || len(chain) != 1 || chain[0].Instruction != "بررسی و نتیجه اعلام شود" ||
			chain[0].FromUnit != "permits" || chain[0].ToStaffName == "" {
			t.Fatalf("referrals %+v, %v", chain, err)
		}
		dec, err := st.Decisions(ctx, r.ID)
		if err != nil || len(dec) != 2 || dec[0].Kind != store.DecisionAnswer || dec[0].DocumentID == 0 ||
			dec[1].Kind != store.DecisionReject || dec[1].LegalBasis == "" {
			t.Fatalf("decisions %+v, %v", dec, err)
		}

		// Every action audited, OK.
		recs, err := st.Audit(ctx, store.AuditFilter{Target: "request:" + itoa(r.ID), Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		acts := map[string]int{}
		for _, rec := range recs {
			if rec.Result == audit.OK {
				acts[rec.Action]++
			}
		}
		for _, a := range []string{"accept", "note", "refer", "request_docs", "docs_received", "extend", "answer",
			"close", "reopen", "reject"} {
			if acts["request."+a] != 1 {
				t.Errorf("audit has %d request.%s records; want 1", acts["request."+a], a)
			}
		}
		if _, err := st.VerifyAudit(ctx); err != nil {
			t.Errorf("audit chain: %v", err)
		}

		// The staff view: masked, whole timeline, chain, decisions.
		v, err := o.flow.StaffView(ctx, o.offB, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if v.Request.Applicant.NationalID != "007****645" || v.Request.Applicant.Mobile != "0912***4567" {
			t.Errorf("view not masked: %+v", v.Request.Applicant)
		}
		if len(v.Events) != len(all) || len(v.Referrals) != 1 || len(v.Decisions) != 2 || v.Service.Version != o.svcVersion {
			t.Errorf("view: %d events, %d referrals, %d decisions, card v%d", len(v.Events), len(v.Referrals),
				len(v.Decisions), v.Service.Version)
		}
		if !v.Can[desk.ActClose] || v.Can[desk.ActAnswer] {
			t.Errorf("view offers %v on a rejected file", v.Can)
		}
		pd, err := o.flow.RevealPersonalData(ctx, o.offB, r.ID, "c1")
		if err != nil || pd.Applicant.NationalID != "0076229645" {
			t.Fatalf("reveal: %+v, %v", pd, err)
		}
		reveals, _ := st.Audit(ctx, store.AuditFilter{Action: "personal_data.reveal"})
		if len(reveals) != 1 || reveals[0].Actor != o.offB.Label() || strings.Contains(reveals[0].Details, "0076229645") {
			t.Errorf("reveal audit %+v", reveals)
		}
		doc, data, err := o.flow.StaffDocument(ctx, o.offB, r.ID, dec[0].DocumentID, "c1")
		if err != nil || doc.DocKey != "answer" || string(data) != string(pdfBytes) {
			t.Errorf("answer attachment: %+v, %v", doc, err)
		}
		if _, _, err := o.flow.StaffDocument(ctx, o.offA2, r.ID, dec[0].DocumentID, "c1"); desk.ErrorCode(err) != desk.ENOTFOUND {
			t.Errorf("officer of another unit downloads: %v", err)
		}
	})
}

func eventTypes(evs []desk.Event) []string {
	out := make([]string, len(evs))
	for i, e := range evs {
		out[i] = e.Type
	}
	return out
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// trackToken goes through the citizen's one-time code for r's details.
func trackToken(t *testing.T, o *office, r desk.Request) string {
	t.Helper()
	ctx := context.Background()
	client := "track-" + r.TrackingCode
	if err := o.flow.SendTrackCode(ctx, r.TrackingCode, r.Applicant.Mobile, client); err != nil {
		t.Fatalf("SendTrackCode: %v", err)
	}
	token, err := o.flow.VerifyTrackCode(ctx, r.TrackingCode, lastCode(t, o.st, r.Applicant.Mobile))
	if err != nil {
		t.Fatalf("VerifyTrackCode: %v", err)
	}
	return token
}

// fullInput fills what every action needs, for tables that try them all.
func fullInput(o *office, a desk.Action) workflow.ActInput {
	in := workflow.ActInput{Action: a, Reason: "دلیل", LegalBasis: "ماده ۱", Text: "متن", Message: "پیام",
		Instruction: "اقدام شود", Days: 2}
	switch a {
	case desk.ActAssign:
		in.ToStaff = o.offA2.StaffID
	case desk.ActRefer:
		in.ToUnit = "legal"
	}
	return in
}

var allStatuses = []desk.Status{desk.StatusSubmitted, desk.StatusInProgress, desk.StatusNeedsDocs,
	desk.StatusAnswered, desk.StatusRejected, desk.StatusClosed}

// Every staff action from every status through Act: allowed ones succeed
// and land where the state machine says; the rest fail with EINVALID and
// change nothing.
func TestActTransitionsExhaustive(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		o := newOffice(t, st)
		for act, rule := range desk.Transitions {
			if act == desk.ActDocsReceived {
				continue // the citizen's: see TestCitizenDocsOnlyWhenAsked
			}
			for _, from := range allStatuses {
				r := o.setStatus(t, o.file(t, "permits", "citizen"), from)
				in := fullInput(o, act)
				in.RequestID, in.Version = r.ID, r.Version
				got, err := o.flow.Act(ctx, o.mgrA, in)
				want, allowed := desk.Next(from, act)
				if allowed == nil {
					if err != nil {
						t.Errorf("%s from %s: %v; want success", act, from, err)
						continue
					}
					if got.Status != want || got.Version != r.Version+1 {
						t.Errorf("%s from %s: status %s version %d; want %s, %d", act, from, got.Status, got.Version, want, r.Version+1)
					}
					if rule.To != "" && got.Status != rule.To {
						t.Errorf("%s from %s: status %s; want %s", act, from, got.Status, rule.To)
					}
					continue
				}
				if desk.ErrorCode(err) != desk.EINVALID {
					t.Errorf("%s from %s: %v; want EINVALID", act, from, err)
				}
				after := o.reload(t, r.ID)
				evs, _ := st.Events(ctx, r.ID, true)
				if after.Status != from || after.Version != r.Version || len(evs) != 1 {
					t.Errorf("%s from %s changed the request: %s v%d, %d events", act, from, after.Status, after.Version, len(evs))
				}
			}
		}
	})
}

// Staff cannot record the citizen's documents; the citizen can send them
// only when asked.
func TestCitizenDocsOnlyWhenAsked(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		o := newOffice(t, st)
		r := o.file(t, "permits", "citizen")
		if _, err := o.flow.Act(ctx, o.mgrA, workflow.ActInput{RequestID: r.ID, Version: r.Version, Action: desk.ActDocsReceived}); desk.ErrorCode(err) != desk.EFORBIDDEN {
			t.Errorf("staff docs_received: %v; want EFORBIDDEN", err)
		}
		token := trackToken(t, o, r)
		if _, err := o.flow.CitizenDocs(ctx, token, []workflow.Upload{{Name: "x.pdf", Data: pdfBytes}}, "c"); desk.ErrorCode(err) != desk.EINVALID {
			t.Errorf("docs without a request for them: %v; want EINVALID", err)
		}
		if _, err := o.flow.CitizenDocs(ctx, "forged.1.x", []workflow.Upload{{Name: "x.pdf", Data: pdfBytes}}, "c"); desk.ErrorCode(err) != desk.EUNAUTHORIZED {
			t.Errorf("docs with a forged token: %v; want EUNAUTHORIZED", err)
		}
	})
}

// Role by unit: who may see and act on what.
func TestActPermissions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		o := newOffice(t, st)
		a := o.file(t, "permits", "citizen") // unit A's queue
		b := o.file(t, "legal", "citizen")   // unit B's queue
		for _, tc := range []struct {
			name   string
			actor  desk.Actor
			r      desk.Request
			action desk.Action
			code   string
		}{
			{"officer A accepts A", o.offA1, a, desk.ActAccept, ""},
			{"officer B accepts A", o.offB, a, desk.ActAccept, desk.ENOTFOUND},
			{"officer A accepts B", o.offA1, b, desk.ActAccept, desk.ENOTFOUND},
			{"manager B notes A", o.mgrB, a, desk.ActNote, desk.ENOTFOUND},
			{"desk operator rejects A", o.deskOp, a, desk.ActReject, desk.ENOTFOUND},
			{"auditor accepts A", o.auditor, a, desk.ActAccept, desk.ENOTFOUND},
			{"admin accepts A", o.admin, a, desk.ActAccept, desk.ENOTFOUND},
			{"editor notes A", o.editor, a, desk.ActNote, desk.ENOTFOUND},
			{"officer A assigns A", o.offA2, a, desk.ActAssign, desk.EFORBIDDEN},
			{"officer A reopens", o.offA2, a, desk.ActReopen, desk.EFORBIDDEN},
		} {
			in := fullInput(o, tc.action)
			cur := o.reload(t, tc.r.ID)
			in.RequestID, in.Version = cur.ID, cur.Version
			_, err := o.flow.Act(ctx, tc.actor, in)
			if desk.ErrorCode(err) != tc.code {
				t.Errorf("%s: %v; want %q", tc.name, err, tc.code)
			}
			if tc.code != "" {
				if after := o.reload(t, cur.ID); after.Version != cur.Version {
					t.Errorf("%s changed the request", tc.name)
				}
			}
		}
		// a is now officer A1's: a colleague of the same unit may see it and
		// note on it, not take it over; the manager may decide on it.
		a = o.reload(t, a.ID)
		if _, err := o.flow.StaffView(ctx, o.offA2, a.ID); err != nil {
			t.Errorf("colleague views a unit file: %v", err)
		}
		in := fullInput(o, desk.ActReject)
		in.RequestID, in.Version = a.ID, a.Version
		if _, err := o.flow.Act(ctx, o.offA2, in); desk.ErrorCode(err) != desk.EFORBIDDEN {
			t.Errorf("colleague rejects a held file: %v; want EFORBIDDEN", err)
		}
		a = o.act(t, o.offA2, a, workflow.ActInput{Action: desk.ActNote, Text: "یادداشت همکار"})
		a = o.act(t, o.mgrA, a, workflow.ActInput{Action: desk.ActAnswer, Text: "پاسخ"})
		// Views: nobody outside sees A's file by id.
		for _, x := range []desk.Actor{o.offB, o.mgrB, o.deskOp, o.auditor, o.admin, o.editor} {
			if _, err := o.flow.StaffView(ctx, x, a.ID); desk.ErrorCode(err) != desk.ENOTFOUND {
				t.Errorf("%v views unit A's file: %v", x.Roles, err)
			}
			if _, err := o.flow.RevealPersonalData(ctx, x, a.ID, "c"); desk.ErrorCode(err) != desk.ENOTFOUND {
				t.Errorf("%v reveals unit A's file: %v", x.Roles, err)
			}
		}
		// The desk operator sees and refers what they registered at the
		// counter while it waits in the desk's queue, and still sees it after.
		w := o.file(t, "desk", o.deskOp.Label(), func(r *desk.Request) { r.Channel = desk.ChannelInPerson })
		w = o.act(t, o.deskOp, w, workflow.ActInput{Action: desk.ActRefer, ToUnit: "permits", Instruction: "رسیدگی شود"})
		if _, err := o.flow.StaffView(ctx, o.deskOp, w.ID); err != nil {
			t.Errorf("desk operator views what they registered: %v", err)
		}
		in = fullInput(o, desk.ActNote)
		in.RequestID, in.Version = w.ID, w.Version
		if _, err := o.flow.Act(ctx, o.deskOp, in); desk.ErrorCode(err) != desk.EFORBIDDEN {
			t.Errorf("desk operator acts on a file now with another unit: %v; want EFORBIDDEN", err)
		}
		// Refused attempts are audited.
		denied, _ := st.Audit(ctx, store.AuditFilter{Target: "request:" + itoa(b.ID)})
		if len(denied) == 0 || denied[0].Result != audit.Denied {
			t.Errorf("refusal on B not audited: %+v", denied)
		}
		// Bad targets.
		a2 := o.file(t, "permits", "citizen")
		bad := []workflow.ActInput{
			{Action: desk.ActRefer, ToUnit: "nowhere", Instruction: "x"},
			{Action: desk.ActRefer, ToUnit: "legal", ToStaff: o.offA1.StaffID, Instruction: "x"},
			{Action: desk.ActAssign, ToStaff: o.offB.StaffID},
			{Action: desk.ActAssign, ToStaff: o.mgrA.StaffID},
			{Action: desk.ActRefer, ToUnit: "legal"},
			{Action: desk.ActReject, Reason: "دلیل"},
			{Action: desk.ActExtend, Reason: "دلیل"},
		}
		for _, in := range bad {
			in.RequestID, in.Version = a2.ID, a2.Version
			_, err := o.flow.Act(ctx, o.mgrA, in)
			if desk.ErrorCode(err) != desk.EINVALID || len(desk.ErrorFields(err)) == 0 {
				t.Errorf("%+v: %v; want EINVALID with a field message", in, err)
			}
		}
	})
}

// Two officers take the same file at once with the same version: exactly
// one wins, the other is told plainly, and the file is consistent.
func TestActConcurrentOfficers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		o := newOffice(t, st)
		for round := 0; round < 5; round++ {
			r := o.file(t, "permits", "citizen")
			start := make(chan struct{})
			errs := make(chan error, 2)
			for _, a := range []desk.Actor{o.offA1, o.offA2} {
				go func(a desk.Actor) {
					<-start
					_, err := o.flow.Act(ctx, a, workflow.ActInput{RequestID: r.ID, Version: r.Version, Action: desk.ActAccept})
					errs <- err
				}(a)
			}
			close(start)
			var ok, conflict int
			for range 2 {
				switch err := <-errs; {
				case err == nil:
					ok++
				case desk.ErrorCode(err) == desk.ECONFLICT:
					conflict++
					if !strings.Contains(desk.ErrorMessage(err), "هم‌زمان") {
						t.Errorf("conflict message %q", desk.ErrorMessage(err))
					}
				default:
					t.Errorf("unexpected error: %v", err)
				}
			}
			if ok != 1 || conflict != 1 {
				t.Fatalf("round %d: %d succeeded, %d conflicted; want 1 and 1", round, ok, conflict)
			}
			after := o.reload(t, r.ID)
			evs, _ := st.Events(ctx, r.ID, true)
			if after.Version != 2 || after.Status != desk.StatusInProgress || len(evs) != 2 || evs[0].StaffID != after.AssigneeID {
				t.Errorf("round %d: v%d %s, %d events, holder %d", round, after.Version, after.Status, len(evs), after.AssigneeID)
			}
		}
		// A stale page gets the same message.
		r := o.file(t, "permits", "citizen")
		o.act(t, o.offA1, r, workflow.ActInput{Action: desk.ActNote, Text: "یک"})
		_, err := o.flow.Act(ctx, o.offA1, workflow.ActInput{RequestID: r.ID, Version: r.Version, Action: desk.ActNote, Text: "دو"})
		if desk.ErrorCode(err) != desk.ECONFLICT {
			t.Errorf("stale version: %v; want ECONFLICT", err)
		}
	})
}

// Round robin shares a unit's files evenly among its active officers, in
// turn; a queue unit keeps them unassigned.
func TestAutoAssignRoundRobin(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		o := newOffice(t, st)
		assign := func(unit string) int64 {
			r := desk.Request{UnitCode: unit}
			if err := st.InTx(ctx, func(tx *store.Tx) error { return o.flow.AutoAssign(ctx, tx, &r) }); err != nil {
				t.Fatal(err)
			}
			return r.AssigneeID
		}
		if got := assign("permits"); got != 0 {
			t.Fatalf("queue unit assigned to %d", got)
		}
		if err := st.InTx(ctx, func(tx *store.Tx) error {
			return tx.PutAssignRule(ctx, store.AssignRule{UnitCode: "permits", Mode: store.AssignRoundRobin})
		}); err != nil {
			t.Fatal(err)
		}
		officers := []int64{o.offA1.StaffID, o.offA2.StaffID, o.offA3.StaffID}
		count := map[int64]int{}
		for i := 0; i < 9; i++ {
			got := assign("permits")
			if got != officers[i%3] {
				t.Fatalf("file %d went to %d; want %d", i, got, officers[i%3])
			}
			count[got]++
		}
		for _, id := range officers {
			if count[id] != 3 {
				t.Errorf("officer %d got %d files; want 3", id, count[id])
			}
		}
		// A disabled officer is skipped; the manager never gets one.
		if err := st.InTx(ctx, func(tx *store.Tx) error { return tx.SetStaffActive(ctx, o.offA2.StaffID, false) }); err != nil {
			t.Fatal(err)
		}
		var got []int64
		for i := 0; i < 4; i++ {
			got = append(got, assign("permits"))
		}
		want := []int64{o.offA1.StaffID, o.offA3.StaffID, o.offA1.StaffID, o.offA3.StaffID}
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("after disabling a2: %v; want %v", got, want)
			}
		}
	})
}

// Extension and a paused clock move the promised date by working days,
// skipping weekends (Thursday, Friday), holidays and closures.
func TestExtendAndPauseArithmetic(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		o := newOffice(t, st)
		o.now = tehranAt(2026, 11, 24, 11, 30) // Tuesday 3 Azar 1405
		r := o.file(t, "permits", "citizen")
		if got := tehranDay(r.DueAt); got != "2026-12-01" { // Tue 10 Azar
			t.Fatalf("due %s", got)
		}
		r = o.act(t, o.offA1, r, workflow.ActInput{Action: desk.ActAccept})
		// 3 working days after Tue 10 Azar: Wed 11, (Thu, Fri), Sat 14, Sun 15.
		o.now = tehranAt(2026, 11, 25, 9, 0)
		r = o.act(t, o.offA1, r, workflow.ActInput{Action: desk.ActExtend, Reason: "بازدید", Days: 3})
		if got := tehranDay(r.DueAt); got != "2026-12-06" {
			t.Fatalf("after extending by 3: due %s; want 2026-12-06 (15 Azar)", got)
		}
		sms, _ := st.RequestSMS(ctx, r.ID)
		if len(sms) != 1 || !strings.Contains(sms[0].Text, "۱۵ آذر ۱۴۰۵") {
			t.Errorf("extension SMS %+v; want the new Jalali date", sms)
		}
		// Documents asked on Wed 11 Azar, received Mon 16 Azar, a closure:
		// the file waited Sat 14 and Sun 15 (2 working days), so the date
		// moves from 15 Azar past the closed Monday to Tue 17, Wed 18 Azar.
		o.flow.Cal.AddClosure(jalali.Date{Year: 1405, Month: 9, Day: 16}, "آلودگی هوا")
		o.now = tehranAt(2026, 12, 2, 10, 0)
		r = o.act(t, o.offA1, r, workflow.ActInput{Action: desk.ActRequestDocs, Message: "نقشه را بفرستید."})
		if paused, _ := st.PausedSince(ctx, r.ID); paused.IsZero() {
			t.Fatal("clock not paused for a service that pauses")
		}
		// While paused, the file is not overdue even past its date.
		o.now = tehranAt(2026, 12, 7, 10, 0)
		rows, err := st.Tray(ctx, store.TrayFilter{Actor: o.offA1, Scope: store.ScopeMine, Tab: store.TabOverdue, Now: o.now})
		if err != nil || len(rows) != 0 {
			t.Errorf("paused file in the overdue tab: %+v, %v", rows, err)
		}
		token := trackToken(t, o, r)
		r, err = o.flow.CitizenDocs(ctx, token, []workflow.Upload{{Key: "map", Name: "map.pdf", Data: pdfBytes}}, "c")
		if err != nil {
			t.Fatal(err)
		}
		if got := tehranDay(r.DueAt); got != "2026-12-09" {
			t.Fatalf("after a 2-day pause: due %s; want 2026-12-09 (18 Azar)", got)
		}
		if paused, _ := st.PausedSince(ctx, r.ID); !paused.IsZero() {
			t.Error("clock still paused after the documents arrived")
		}
		evs, _ := st.Events(ctx, r.ID, true)
		if evs[0].Type != "docs_received" || evs[0].StaffID != o.offA1.StaffID {
			t.Errorf("docs event %+v; want it back with the officer", evs[0])
		}

		// A round-the-clock service counts calendar days.
		cal := testService()
		cal.Code, cal.CalendarDays = "13091713990", true
		var v int
		if err := st.InTx(ctx, func(tx *store.Tx) error { var err error; v, err = tx.PublishService(ctx, cal); return err }); err != nil {
			t.Fatal(err)
		}
		c := o.file(t, "permits", "citizen", func(r *desk.Request) {
			r.ServiceCode, r.ServiceVersion = cal.Code, v
			r.DueAt = tehranAt(2026, 12, 10, 0, 0)
		})
		c = o.act(t, o.offA1, c, workflow.ActInput{Action: desk.ActExtend, Reason: "بازدید", Days: 3})
		if got := tehranDay(c.DueAt); got != "2026-12-13" {
			t.Errorf("calendar-day extension: due %s; want 2026-12-13", got)
		}
		// A service that does not pause keeps its date.
		np := testService()
		np.Code = "13091713991"
		if err := st.InTx(ctx, func(tx *store.Tx) error { var err error; v, err = tx.PublishService(ctx, np); return err }); err != nil {
			t.Fatal(err)
		}
		n := o.file(t, "permits", "citizen", func(r *desk.Request) { r.ServiceCode, r.ServiceVersion = np.Code, v })
		n = o.act(t, o.offA1, n, workflow.ActInput{Action: desk.ActAccept})
		n = o.act(t, o.offA1, n, workflow.ActInput{Action: desk.ActRequestDocs, Message: "نقشه"})
		o.now = o.now.Add(72 * time.Hour)
		n2, err := o.flow.CitizenDocs(ctx, trackToken(t, o, n), []workflow.Upload{{Name: "m.pdf", Data: pdfBytes}}, "c")
		if err != nil || !n2.DueAt.Equal(n.DueAt) {
			t.Errorf("non-pausing service: due %v → %v, %v", n.DueAt, n2.DueAt, err)
		}
	})
}

// The page offers "accept" to those who would take the file, not to the
// officer who already holds it; a manager may still take it over.
func TestStaffViewAcceptOffer(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		o := newOffice(t, st)
		r := o.file(t, "permits", "citizen")
		for _, tc := range []struct {
			who  string
			a    desk.Actor
			want bool
		}{{"queue officer", o.offA1, true}, {"manager", o.mgrA, true}} {
			v, err := o.flow.StaffView(ctx, tc.a, r.ID)
			if err != nil || v.Can[desk.ActAccept] != tc.want {
				t.Errorf("before: %s Can[accept] = %v (%v); want %v", tc.who, v.Can[desk.ActAccept], err, tc.want)
			}
		}
		r = o.act(t, o.offA1, r, workflow.ActInput{Action: desk.ActAccept})
		for _, tc := range []struct {
			who  string
			a    desk.Actor
			want bool
		}{{"holder", o.offA1, false}, {"manager", o.mgrA, true}} {
			v, err := o.flow.StaffView(ctx, tc.a, r.ID)
			if err != nil || v.Can[desk.ActAccept] != tc.want {
				t.Errorf("after: %s Can[accept] = %v (%v); want %v", tc.who, v.Can[desk.ActAccept], err, tc.want)
			}
		}
	})
}
