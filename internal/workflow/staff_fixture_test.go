package workflow_test

import (
	"context"
	"testing"
	"time"

	"mizban/internal/desk"
	"mizban/internal/store"
	"mizban/internal/workflow"
)

// office is a small agency: unit A (permits) and unit B (legal), the desk,
// and one person per role. Actors are loaded from the store, as sign-in
// does.
type office struct {
	*env
	offA1, offA2, offA3, offB, mgrA, mgrB, deskOp, auditor, admin, editor desk.Actor
	svcVersion                                                            int // the test service's card, pausing on documents
}

const svcCode = "13091713999"

func newOffice(t *testing.T, st *store.Store) *office {
	t.Helper()
	ctx := context.Background()
	o := &office{env: newEnv(t, st)}
	add := func(tx *store.Tx, user string, roles []desk.Role, units ...string) int64 {
		id, err := tx.PutStaff(ctx, store.StaffRecord{Staff: desk.Staff{Name: "همکار " + user}, Username: user, Active: true})
		if err != nil {
			t.Fatal(err)
		}
		if err := tx.SetStaffRoles(ctx, id, roles); err != nil {
			t.Fatal(err)
		}
		var ms []desk.Membership
		for _, u := range units {
			ms = append(ms, desk.Membership{UnitCode: u, Title: "کارشناس"})
		}
		if err := tx.SetStaffUnits(ctx, id, ms); err != nil {
			t.Fatal(err)
		}
		return id
	}
	ids := map[string]int64{}
	if err := st.InTx(ctx, func(tx *store.Tx) error {
		for _, u := range []desk.Unit{{Code: "legal", Name: "اداره حقوقی"}, {Code: "desk", Name: "میز خدمت"}} {
			if err := tx.PutUnit(ctx, u); err != nil {
				return err
			}
		}
		officer := []desk.Role{desk.RoleOfficer}
		ids["a1"] = add(tx, "a1", officer, "permits")
		ids["a2"] = add(tx, "a2", officer, "permits")
		ids["a3"] = add(tx, "a3", officer, "permits")
		ids["b"] = add(tx, "b", officer, "legal")
		ids["mA"] = add(tx, "mA", []desk.Role{desk.RoleManager}, "permits")
		ids["mB"] = add(tx, "mB", []desk.Role{desk.RoleManager}, "legal")
		ids["desk"] = add(tx, "desk", []desk.Role{desk.RoleDeskOperator}, "desk")
		ids["aud"] = add(tx, "aud", []desk.Role{desk.RoleAuditor}, "permits")
		ids["adm"] = add(tx, "adm", []desk.Role{desk.RoleAdmin}, "permits")
		ids["ed"] = add(tx, "ed", []desk.Role{desk.RoleEditor}, "permits")
		svc := testService()
		svc.PauseOnDocs = true
		v, err := tx.PublishService(ctx, svc)
		o.svcVersion = v
		return err
	}); err != nil {
		t.Fatal(err)
	}
	load := func(k string) desk.Actor {
		a, err := st.Actor(ctx, ids[k])
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	o.offA1, o.offA2, o.offA3, o.offB = load("a1"), load("a2"), load("a3"), load("b")
	o.mgrA, o.mgrB, o.deskOp = load("mA"), load("mB"), load("desk")
	o.auditor, o.admin, o.editor = load("aud"), load("adm"), load("ed")
	return o
}

// file registers a request in unit, as registrar ("citizen" or a desk
// operator's label), with the promised date the calendar gives.
func (o *office) file(t *testing.T, unit, registrar string, mutate ...func(*desk.Request)) desk.Request {
	t.Helper()
	ctx := context.Background()
	code, err := desk.NewTrackingCode()
	if err != nil {
		t.Fatal(err)
	}
	r := desk.Request{
		TrackingCode: code, ServiceCode: svcCode, ServiceVersion: o.svcVersion, ServiceTitle: "درخواست آزمایشی",
		Kind: desk.KindPermit, Channel: desk.ChannelWeb, Status: desk.StatusSubmitted,
		Applicant:   desk.Person{Name: "زهرا احمدی", NationalID: "0076229645", Mobile: "09121234567"},
		Answers:     map[string]string{"area": "120"},
		SubmittedAt: o.now, DueAt: o.flow.Cal.Due(o.now, 5, false).Time().UTC(), UnitCode: unit,
	}
	for _, m := range mutate {
		m(&r)
	}
	if err := o.st.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.CreateRequest(ctx, &r); err != nil {
			return err
		}
		return tx.AppendEvent(ctx, &desk.Event{RequestID: r.ID, At: o.now, Type: "submitted", Status: r.Status,
			UnitCode: unit, StaffID: r.AssigneeID, Actor: registrar})
	}); err != nil {
		t.Fatal(err)
	}
	return r
}

// act runs Act and fails the test on error.
func (o *office) act(t *testing.T, a desk.Actor, r desk.Request, in workflow.ActInput) desk.Request {
	t.Helper()
	in.RequestID, in.Version = r.ID, r.Version
	got, err := o.flow.Act(context.Background(), a, in)
	if err != nil {
		t.Fatalf("%s by %s: %v", in.Action, a.Label(), err)
	}
	return got
}

// reload reads a request afresh.
func (o *office) reload(t *testing.T, id int64) desk.Request {
	t.Helper()
	r, err := o.st.Request(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// setStatus puts a request in a status directly, for transition tables.
func (o *office) setStatus(t *testing.T, r desk.Request, s desk.Status) desk.Request {
	t.Helper()
	r.Status = s
	if err := o.st.InTx(context.Background(), func(tx *store.Tx) error { return tx.UpdateRequest(context.Background(), &r) }); err != nil {
		t.Fatal(err)
	}
	return r
}

// tehranDay is the Tehran calendar day of t as 2006-01-02.
func tehranDay(t time.Time) string {
	return t.In(time.FixedZone("IRST", 12600)).Format("2006-01-02")
}

// tehranAt is hh:mm Tehran time on a Gregorian day.
func tehranAt(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, time.FixedZone("IRST", 12600)).UTC()
}
