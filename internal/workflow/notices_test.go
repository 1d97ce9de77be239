package workflow_test

import (
	"context"
	"testing"

	"mizban/internal/audit"
	"mizban/internal/desk"
	"mizban/internal/notice"
	"mizban/internal/store"
	"mizban/internal/store/storetest"
	"mizban/internal/workflow"
)

// An administrator's template is used for the next SMS of its kind, a kind
// switched off sends nothing, and every attempt is audited.
func TestSavedTemplateIsUsed(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		o := newOffice(t, st)
		const closed = "پرونده {{.Tracking}} را بستیم."

		err := o.flow.SaveTemplate(ctx, o.offA1, workflow.TemplateInput{Kind: notice.KindClosed, Body: closed, Enabled: true})
		if desk.ErrorCode(err) != desk.EFORBIDDEN {
			t.Fatalf("officer saves a template: %v; want EFORBIDDEN", err)
		}
		err = o.flow.SaveTemplate(ctx, o.admin, workflow.TemplateInput{Kind: notice.KindClosed, Body: "{{.Code}}", Enabled: true})
		if desk.ErrorCode(err) != desk.EINVALID || desk.ErrorFields(err)["body"] == "" {
			t.Fatalf("template with a code for closed: %v; want EINVALID on body", err)
		}
		if err := o.flow.SaveTemplate(ctx, o.admin, workflow.TemplateInput{Kind: notice.KindClosed, Body: closed + "\r\n", Enabled: true, Client: "c1"}); err != nil {
			t.Fatal(err)
		}
		if err := o.flow.SaveTemplate(ctx, o.admin, workflow.TemplateInput{Kind: notice.KindDocsNeeded}); err != nil {
			t.Fatal(err)
		}
		// An essential kind stays on whatever the form says.
		if err := o.flow.SaveTemplate(ctx, o.admin, workflow.TemplateInput{Kind: notice.KindAnswered, Body: notice.Default(notice.KindAnswered)}); err != nil {
			t.Fatal(err)
		}

		r := o.file(t, "permits", "citizen")
		r = o.act(t, o.offA1, r, workflow.ActInput{Action: desk.ActAccept})
		r = o.act(t, o.offA1, r, workflow.ActInput{Action: desk.ActAnswer, Text: "پروانه صادر شد."})
		r = o.act(t, o.mgrA, r, workflow.ActInput{Action: desk.ActClose})
		sms, err := st.RequestSMS(ctx, r.ID)
		if err != nil || len(sms) != 2 {
			t.Fatalf("SMS = %+v, %v; want answered and closed", sms, err)
		}
		byKind := map[string]string{}
		for _, m := range sms {
			byKind[m.Kind] = m.Text
		}
		if got, want := byKind[string(notice.KindClosed)], "پرونده "+r.TrackingCode+" را بستیم."; got != want {
			t.Errorf("closed SMS = %q; want the saved template %q", got, want)
		}
		if _, ok := byKind[string(notice.KindAnswered)]; !ok {
			t.Errorf("answered SMS missing: %v", byKind)
		}

		r2 := o.file(t, "permits", "citizen")
		r2 = o.act(t, o.offA1, r2, workflow.ActInput{Action: desk.ActAccept})
		r2 = o.act(t, o.offA1, r2, workflow.ActInput{Action: desk.ActRequestDocs, Message: "سند را بفرستید."})
		if sms, _ := st.RequestSMS(ctx, r2.ID); len(sms) != 0 {
			t.Errorf("documents notice switched off, yet SMS %+v", sms)
		}

		// What the store holds builds the same set after a restart.
		set, err := o.flow.LoadNotices(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if set.Template(notice.KindClosed).Body != closed || set.Enabled(svcCode, notice.KindDocsNeeded) ||
			!set.Enabled(svcCode, notice.KindAnswered) || set.Template(notice.KindAnswered).Body != notice.Default(notice.KindAnswered) {
			t.Errorf("reloaded set: closed %q, docs on %v", set.Template(notice.KindClosed).Body, set.Enabled(svcCode, notice.KindDocsNeeded))
		}

		recs, err := st.Audit(ctx, store.AuditFilter{Action: "sms.template"})
		if err != nil {
			t.Fatal(err)
		}
		var ok, denied int
		for _, rec := range recs {
			switch rec.Result {
			case audit.OK:
				ok++
			case audit.Denied:
				denied++
			}
		}
		if ok != 3 || denied != 1 || recs[1].Target != "sms_template:closed" || recs[1].Client != "c1" {
			t.Errorf("audit: %d ok, %d denied; %+v", ok, denied, recs)
		}
	})
}

// A service may do without a non-essential notice; other services keep it.
func TestServiceOptOutLoaded(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		o := newOffice(t, st)
		if err := st.InTx(ctx, func(tx *store.Tx) error {
			if err := tx.SetServiceSMS(ctx, svcCode, notice.KindClosed, false); err != nil {
				return err
			}
			return tx.SetServiceSMS(ctx, svcCode, notice.KindAnswered, false) // essential: ignored
		}); err != nil {
			t.Fatal(err)
		}
		set, err := o.flow.LoadNotices(ctx)
		if err != nil {
			t.Fatal(err)
		}
		o.flow.Notices = set
		r := o.file(t, "permits", "citizen")
		r = o.act(t, o.offA1, r, workflow.ActInput{Action: desk.ActAccept})
		r = o.act(t, o.offA1, r, workflow.ActInput{Action: desk.ActAnswer, Text: "پروانه صادر شد."})
		r = o.act(t, o.mgrA, r, workflow.ActInput{Action: desk.ActClose})
		sms, _ := st.RequestSMS(ctx, r.ID)
		if len(sms) != 1 || sms[0].Kind != string(notice.KindAnswered) {
			t.Errorf("SMS %+v; want only the answer", sms)
		}
		if !set.Enabled("other", notice.KindClosed) {
			t.Error("opt-out leaked to another service")
		}
	})
}
