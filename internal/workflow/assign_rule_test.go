package workflow_test

import (
	"context"
	"testing"

	"mizban/internal/desk"
	"mizban/internal/store"
	"mizban/internal/store/storetest"
)

func TestSetAssignRule(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		e := newEnv(t, st)
		admin := desk.Actor{StaffID: 1, Roles: []desk.Role{desk.RoleAdmin}}
		officer := desk.Actor{StaffID: 2, Roles: []desk.Role{desk.RoleOfficer, desk.RoleManager}}
		if err := e.flow.SetAssignRule(ctx, officer, "permits", store.AssignRoundRobin, "c"); desk.ErrorCode(err) != desk.EFORBIDDEN {
			t.Fatalf("manager set the rule: %v", err)
		}
		if err := e.flow.SetAssignRule(ctx, admin, "permits", "lottery", "c"); desk.ErrorCode(err) != desk.EINVALID {
			t.Fatalf("unknown mode: %v", err)
		}
		if err := e.flow.SetAssignRule(ctx, admin, "permits", store.AssignRoundRobin, "c"); err != nil {
			t.Fatal(err)
		}
		rule, err := st.AssignRule(ctx, "permits")
		if err != nil || rule.Mode != store.AssignRoundRobin {
			t.Fatalf("rule = %+v, %v", rule, err)
		}
		recs, _ := st.Audit(ctx, store.AuditFilter{Action: "unit.assign_rule"})
		if len(recs) != 1 || recs[0].Actor != "staff:1" || recs[0].Target != "unit:permits" {
			t.Errorf("audit = %+v; want one record by the admin", recs)
		}
	})
}
