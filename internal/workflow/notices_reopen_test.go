package workflow_test

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"mizban/internal/desk"
	"mizban/internal/notice"
	"mizban/internal/store"
	"mizban/internal/store/storetest"
	"mizban/internal/workflow"
)

// A manager reopening a decided or closed file tells the citizen, once per
// reopening, unless the service switched that notice off.
func TestReopenNotice(t *testing.T) {
	tests := []struct {
		name   string
		close  bool // close after the answer, before reopening
		optOut bool
		want   int // reopened SMS after two reopenings
	}{
		{"closed file", true, false, 2},
		{"answered file", false, false, 2},
		{"service does without it", true, true, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			storetest.Each(t, func(t *testing.T, st *store.Store) {
				ctx := context.Background()
				o := newOffice(t, st)
				if tt.optOut {
					if err := o.flow.SaveServiceSMS(ctx, o.admin, workflow.ServiceSMSInput{Service: svcCode,
						Off: []notice.Kind{notice.KindReopened}}); err != nil {
						t.Fatal(err)
					}
				}
				r := o.file(t, "permits", "citizen")
				r = o.act(t, o.offA1, r, workflow.ActInput{Action: desk.ActAccept})
				var reopenEvents []int64
				for range 2 {
					// A minute between rounds: each reopening's message has
					// its own time, so the outbox lists them in order (ids
					// are random and order nothing).
					o.now = o.now.Add(time.Minute)
					r = o.act(t, o.offA1, r, workflow.ActInput{Action: desk.ActAnswer, Text: "پروانه صادر شد."})
					if tt.close {
						r = o.act(t, o.mgrA, r, workflow.ActInput{Action: desk.ActClose})
					}
					r = o.act(t, o.mgrA, r, workflow.ActInput{Action: desk.ActReopen, Reason: "اعتراض متقاضی"})
					evs, err := st.Events(ctx, r.ID, true)
					if err != nil || evs[0].Type != "reopened" {
						t.Fatalf("latest event %+v, %v; want reopened", evs[0], err)
					}
					reopenEvents = append(reopenEvents, evs[0].ID)
				}
				sms, err := st.RequestSMS(ctx, r.ID)
				if err != nil {
					t.Fatal(err)
				}
				var got []string
				for _, m := range sms {
					if m.Kind == string(notice.KindReopened) {
						got = append(got, m.DedupeKey)
						if !strings.Contains(m.Text, r.TrackingCode) || m.To != "09121234567" {
							t.Errorf("reopened SMS %q to %s", m.Text, m.To)
						}
					}
				}
				if len(got) != tt.want {
					t.Fatalf("%d reopened SMS (%v); want %d", len(got), got, tt.want)
				}
				// One per reopening, keyed by it, in the order of the
				// reopenings.
				var want []string
				for _, id := range reopenEvents[:tt.want] {
					want = append(want, "event:"+strconv.FormatInt(id, 10))
				}
				if !slices.Equal(got, want) {
					t.Errorf("dedupe keys %v; want %v", got, want)
				}
			})
		})
	}
}
