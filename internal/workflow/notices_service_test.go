package workflow_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"mizban/internal/audit"
	"mizban/internal/desk"
	"mizban/internal/notice"
	"mizban/internal/store"
	"mizban/internal/store/storetest"
	"mizban/internal/workflow"
)

// Administrators and catalog editors switch a service's non-essential
// notices; the change is stored, live at once, and audited, refusals too.
func TestSaveServiceSMS(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		o := newOffice(t, st)
		off := []notice.Kind{notice.KindClosed, notice.KindSurvey}

		tests := []struct {
			name    string
			actor   desk.Actor
			in      workflow.ServiceSMSInput
			want    string // desk error code, "" for success
			wantOff []notice.Kind
		}{
			{"officer refused", o.offA1, workflow.ServiceSMSInput{Service: svcCode, Off: off}, desk.EFORBIDDEN, nil},
			{"manager refused", o.mgrA, workflow.ServiceSMSInput{Service: svcCode, Off: off}, desk.EFORBIDDEN, nil},
			{"auditor refused", o.auditor, workflow.ServiceSMSInput{Service: svcCode, Off: off}, desk.EFORBIDDEN, nil},
			{"essential kind refused", o.admin, workflow.ServiceSMSInput{Service: svcCode,
				Off: []notice.Kind{notice.KindClosed, notice.KindAnswered}}, desk.EINVALID, nil},
			{"unknown kind refused", o.admin, workflow.ServiceSMSInput{Service: svcCode, Off: []notice.Kind{"fax"}}, desk.EINVALID, nil},
			{"unknown service", o.admin, workflow.ServiceSMSInput{Service: "nope", Off: off}, desk.ENOTFOUND, nil},
			{"admin switches off", o.admin, workflow.ServiceSMSInput{Service: svcCode, Off: off, Client: "c1"}, "", off},
			{"editor switches one back on", o.editor, workflow.ServiceSMSInput{Service: " " + svcCode + " ",
				Off: []notice.Kind{notice.KindSurvey}}, "", []notice.Kind{notice.KindSurvey}},
		}
		for _, tt := range tests {
			err := o.flow.SaveServiceSMS(ctx, tt.actor, tt.in)
			if desk.ErrorCode(err) != tt.want {
				t.Fatalf("%s: %v; want %q", tt.name, err, tt.want)
			}
			if tt.want != "" {
				if len(desk.ErrorMessage(err)) == 0 {
					t.Errorf("%s: no message", tt.name)
				}
				continue
			}
			// Stored, and live: this service only, essential kinds untouched.
			stored, err := st.SMSOptOuts(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if got := stored[svcCode]; !slices.Equal(sortedKinds(got), sortedKinds(tt.wantOff)) {
				t.Errorf("%s: stored off %v; want %v", tt.name, got, tt.wantOff)
			}
			for _, k := range notice.Kinds() {
				wantOn := !slices.Contains(tt.wantOff, k)
				if got := o.flow.Notices.Enabled(svcCode, k); got != wantOn {
					t.Errorf("%s: %s live on = %v; want %v", tt.name, k, got, wantOn)
				}
				if !o.flow.Notices.Enabled("other", k) {
					t.Errorf("%s: %s switched off for another service", tt.name, k)
				}
			}
		}

		// The live set sends nothing the service switched off, and a
		// restart loads the same.
		r := o.file(t, "permits", "citizen")
		r = o.act(t, o.offA1, r, workflow.ActInput{Action: desk.ActAccept})
		r = o.act(t, o.offA1, r, workflow.ActInput{Action: desk.ActAnswer, Text: "پروانه صادر شد."})
		r = o.act(t, o.mgrA, r, workflow.ActInput{Action: desk.ActClose})
		sms, _ := st.RequestSMS(ctx, r.ID)
		var kinds []notice.Kind
		for _, m := range sms {
			kinds = append(kinds, notice.Kind(m.Kind))
		}
		if want := []notice.Kind{notice.KindAnswered, notice.KindClosed}; !slices.Equal(sortedKinds(kinds), want) {
			t.Errorf("SMS kinds %v; want %v (closed switched back on)", kinds, want)
		}
		set, err := o.flow.LoadNotices(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if set.Enabled(svcCode, notice.KindSurvey) || !set.Enabled(svcCode, notice.KindClosed) {
			t.Error("reloaded set differs from the saved switches")
		}

		recs, err := st.Audit(ctx, store.AuditFilter{Action: "sms.service"})
		if err != nil {
			t.Fatal(err)
		}
		var results []string
		for _, rec := range recs {
			results = append(results, rec.Result)
		}
		if !slices.Equal(results, []string{audit.Denied, audit.Denied, audit.Denied, audit.OK, audit.OK}) {
			t.Fatalf("audit results %v; want 3 refusals then 2 changes", results)
		}
		if recs[0].Actor != o.offA1.Label() || recs[3].Actor != o.admin.Label() || recs[3].Client != "c1" ||
			recs[3].Target != "service:"+svcCode || recs[3].Details != "off=closed,survey" ||
			recs[4].Actor != o.editor.Label() || recs[4].Details != "off=survey" {
			t.Errorf("audit records %+v", recs)
		}
	})
}

func sortedKinds(ks []notice.Kind) []notice.Kind {
	out := slices.Clone(ks)
	slices.Sort(out)
	return out
}

// Two instances on one database: an edit saved on one reaches the other at
// its next reload (app runs ReloadNotices every minute), switches and
// template bodies alike; until then the other keeps what it had.
func TestReloadNoticesAcrossInstances(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		o := newOffice(t, st)
		other := workflow.New(st, o.flow.Files, o.flow.Keys, o.flow.Cal, o.flow.Opt, o.flow.Log)
		body := "پرونده {{.Tracking}} مختومه شد."
		if err := o.flow.SaveServiceSMS(ctx, o.admin, workflow.ServiceSMSInput{Service: svcCode, Off: []notice.Kind{notice.KindSurvey}}); err != nil {
			t.Fatal(err)
		}
		if err := o.flow.SaveTemplate(ctx, o.admin, workflow.TemplateInput{Kind: notice.KindClosed, Body: body, Enabled: true}); err != nil {
			t.Fatal(err)
		}
		if !other.Notices.Enabled(svcCode, notice.KindSurvey) {
			t.Fatal("the other instance saw the switch before reloading")
		}
		if err := other.ReloadNotices(ctx); err != nil {
			t.Fatal(err)
		}
		if other.Notices.Enabled(svcCode, notice.KindSurvey) || !other.Notices.Enabled("other", notice.KindSurvey) {
			t.Error("after reload: the survey switch of the service is not in force")
		}
		text, _, err := other.Notices.Render(svcCode, notice.KindClosed, notice.Vars{Tracking: "123456789012"})
		if err != nil || !strings.Contains(text, "مختومه شد") {
			t.Errorf("after reload: closed renders %q, %v; want the saved body", text, err)
		}
	})
}
