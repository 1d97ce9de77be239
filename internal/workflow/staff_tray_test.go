package workflow_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"mizban/internal/desk"
	"mizban/internal/fa"
	"mizban/internal/store"
	"mizban/internal/store/storetest"
	"mizban/internal/workflow"
)

// The tray: scopes by role and unit, tabs and their counts, search by
// tracking code and national ID, filters, order and the overdue flag.
func TestTray(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		o := newOffice(t, st)
		fresh := o.file(t, "permits", "citizen")
		taken := o.act(t, o.offA1, o.file(t, "permits", "citizen"), workflow.ActInput{Action: desk.ActAccept})
		waiting := o.act(t, o.offA1, o.file(t, "permits", "citizen"), workflow.ActInput{Action: desk.ActAccept})
		waiting = o.act(t, o.offA1, waiting, workflow.ActInput{Action: desk.ActRequestDocs, Message: "سند"})
		referred := o.act(t, o.offA1, o.file(t, "permits", "citizen"), workflow.ActInput{Action: desk.ActRefer,
			ToUnit: "legal", ToStaff: o.offB.StaffID, Instruction: "بررسی شود"})
		late := o.file(t, "permits", "citizen", func(r *desk.Request) {
			r.DueAt = o.now.Add(-4 * 24 * time.Hour)
			r.Applicant.NationalID = "0012345679"
			r.Channel = desk.ChannelInPerson
		})
		counter := o.file(t, "desk", o.deskOp.Label(), func(r *desk.Request) { r.Channel = desk.ChannelLetter })
		done := o.act(t, o.mgrA, o.file(t, "permits", "citizen"), workflow.ActInput{Action: desk.ActAccept})
		done = o.act(t, o.mgrA, done, workflow.ActInput{Action: desk.ActAnswer, Text: "پاسخ"})
		done = o.act(t, o.mgrA, done, workflow.ActInput{Action: desk.ActClose})

		ids := func(f store.TrayFilter) []int64 {
			t.Helper()
			f.Now = o.now
			rows, err := st.Tray(ctx, f)
			if err != nil {
				t.Fatalf("Tray(%s %s %s): %v", f.Actor.Label(), f.Scope, f.Tab, err)
			}
			var out []int64
			for _, r := range rows {
				out = append(out, r.ID)
			}
			return out
		}
		counts := func(f store.TrayFilter) map[string]int {
			t.Helper()
			f.Now = o.now
			c, err := st.TrayCounts(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			return c
		}
		same := func(name string, got []int64, want ...int64) {
			t.Helper()
			g, w := slices.Clone(got), slices.Clone(want)
			slices.Sort(g)
			slices.Sort(w)
			if !slices.Equal(g, w) {
				t.Errorf("%s: %v; want %v", name, got, want)
			}
		}

		// Officer A1: their own files, and the whole unit's.
		same("A1 mine", ids(store.TrayFilter{Actor: o.offA1, Scope: store.ScopeMine}), taken.ID, waiting.ID)
		unitA := ids(store.TrayFilter{Actor: o.offA1, Scope: store.ScopeUnit})
		same("A1 unit", unitA, fresh.ID, taken.ID, waiting.ID, late.ID, done.ID)
		if unitA[0] != late.ID {
			t.Errorf("unit tray order %v; want the overdue file first", unitA)
		}
		wantCounts := map[string]int{"new": 2, "in_progress": 1, "waiting": 1, "overdue": 1, "referred": 0}
		if c := counts(store.TrayFilter{Actor: o.offA1, Scope: store.ScopeUnit}); !mapsEqual(c, wantCounts) {
			t.Errorf("A1 unit counts %v; want %v", c, wantCounts)
		}
		same("A1 unit new", ids(store.TrayFilter{Actor: o.offA1, Scope: store.ScopeUnit, Tab: store.TabNew}), fresh.ID, late.ID)
		same("A1 unit overdue", ids(store.TrayFilter{Actor: o.offA1, Scope: store.ScopeUnit, Tab: store.TabOverdue}), late.ID)
		same("A1 unit waiting", ids(store.TrayFilter{Actor: o.offA1, Scope: store.ScopeUnit, Tab: store.TabWaiting}), waiting.ID)

		// Officer B and manager B: the file referred to them.
		same("B mine referred", ids(store.TrayFilter{Actor: o.offB, Scope: store.ScopeMine, Tab: store.TabReferred}), referred.ID)
		same("manager B unit", ids(store.TrayFilter{Actor: o.mgrB, Scope: store.ScopeUnit}), referred.ID)
		if c := counts(store.TrayFilter{Actor: o.offB, Scope: store.ScopeMine}); c["referred"] != 1 || c["in_progress"] != 1 {
			t.Errorf("B mine counts %v", c)
		}
		same("manager B mine", ids(store.TrayFilter{Actor: o.mgrB, Scope: store.ScopeMine}))

		// The desk operator: what they registered, and the desk's queue.
		same("desk mine", ids(store.TrayFilter{Actor: o.deskOp, Scope: store.ScopeMine}), counter.ID)
		same("desk unit", ids(store.TrayFilter{Actor: o.deskOp, Scope: store.ScopeUnit}), counter.ID)

		// Roles without files see no tray at all.
		for _, a := range []desk.Actor{o.auditor, o.admin, o.editor} {
			if _, err := st.Tray(ctx, store.TrayFilter{Actor: a, Scope: store.ScopeUnit, Now: o.now}); desk.ErrorCode(err) != desk.EFORBIDDEN {
				t.Errorf("%v tray: %v; want EFORBIDDEN", a.Roles, err)
			}
			if _, err := st.TrayCounts(ctx, store.TrayFilter{Actor: a, Scope: store.ScopeUnit, Now: o.now}); desk.ErrorCode(err) != desk.EFORBIDDEN {
				t.Errorf("%v counts: %v; want EFORBIDDEN", a.Roles, err)
			}
		}

		// Search: tracking code in Persian digits; national ID through the
		// blind index; nothing outside the scope.
		same("by code", ids(store.TrayFilter{Actor: o.offA1, Scope: store.ScopeUnit, Query: fa.PersianDigits(fresh.TrackingCode)}), fresh.ID)
		same("by national ID", ids(store.TrayFilter{Actor: o.offA1, Scope: store.ScopeUnit, Query: "۰۰۱۲۳۴۵۶۷۹"}), late.ID)
		same("other unit's code", ids(store.TrayFilter{Actor: o.offA1, Scope: store.ScopeUnit, Query: referred.TrackingCode}))
		same("by channel", ids(store.TrayFilter{Actor: o.offA1, Scope: store.ScopeUnit, Channel: string(desk.ChannelInPerson)}), late.ID)
		same("by status", ids(store.TrayFilter{Actor: o.offA1, Scope: store.ScopeUnit, Status: string(desk.StatusClosed)}), done.ID)
		same("future range", ids(store.TrayFilter{Actor: o.offA1, Scope: store.ScopeUnit, From: o.now.Add(time.Hour)}))
		same("range", ids(store.TrayFilter{Actor: o.offA1, Scope: store.ScopeUnit, From: o.now, To: o.now.Add(time.Hour),
			Service: svcCode}), fresh.ID, taken.ID, waiting.ID, late.ID, done.ID)

		// Rows: decrypted name, unit and holder names, overdue flag, paused.
		rows, err := st.Tray(ctx, store.TrayFilter{Actor: o.offA1, Scope: store.ScopeUnit, Now: o.now})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			if r.ApplicantName != "زهرا احمدی" || r.UnitName != "اداره صدور پروانه" || r.Overdue != (r.ID == late.ID) ||
				r.Paused != (r.ID == waiting.ID) {
				t.Errorf("row %+v", r)
			}
			if r.ID == taken.ID && (r.AssigneeName != "همکار a1" || r.Version != taken.Version) {
				t.Errorf("taken row %+v", r)
			}
		}
		// A day after the promised date, a running file turns overdue.
		o.now = fresh.DueAt.Add(25 * time.Hour)
		same("later overdue", ids(store.TrayFilter{Actor: o.offA1, Scope: store.ScopeUnit, Tab: store.TabOverdue}),
			fresh.ID, taken.ID, late.ID)

		// The tray shows exactly what StaffView opens, for every actor.
		all := []desk.Request{fresh, taken, waiting, referred, late, counter, done}
		for _, a := range []desk.Actor{o.offA1, o.offA2, o.offB, o.mgrA, o.mgrB, o.deskOp} {
			seen := map[int64]bool{}
			for _, scope := range []string{store.ScopeMine, store.ScopeUnit} {
				for _, id := range ids(store.TrayFilter{Actor: a, Scope: scope}) {
					seen[id] = true
				}
			}
			for _, r := range all {
				_, err := o.flow.StaffView(ctx, a, r.ID)
				if (err == nil) != seen[r.ID] {
					t.Errorf("%s request %d: view %v, in tray %v", a.Label(), r.ID, err, seen[r.ID])
				}
			}
		}
	})
}

func mapsEqual(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
