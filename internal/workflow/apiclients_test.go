package workflow_test

import (
	"context"
	"strings"
	"testing"

	"mizban/internal/desk"
	"mizban/internal/store"
	"mizban/internal/store/storetest"
	"mizban/internal/workflow"
)

func TestCreateAPIClient(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		o := newOffice(t, st)
		in := workflow.APIClientInput{Name: "  اتوماسیون اداري ", Scopes: []string{workflow.ScopeEventsWrite, "bogus", workflow.ScopeRequestsRead},
			Units: []string{"permits", "permits"}}
		for _, tc := range []struct {
			name  string
			actor desk.Actor
			in    workflow.APIClientInput
			code  string
			field string
		}{
			{"not admin", o.mgrA, in, desk.EFORBIDDEN, ""},
			{"no name", o.admin, workflow.APIClientInput{Scopes: in.Scopes}, desk.EINVALID, "name"},
			{"no scope", o.admin, workflow.APIClientInput{Name: "x", Scopes: []string{"bogus"}}, desk.EINVALID, "scopes"},
			{"unknown unit", o.admin, workflow.APIClientInput{Name: "x", Scopes: in.Scopes, Units: []string{"nowhere"}}, desk.EINVALID, "units"},
		} {
			_, _, err := o.flow.CreateAPIClient(ctx, tc.actor, tc.in)
			if desk.ErrorCode(err) != tc.code {
				t.Errorf("%s: %v, want %s", tc.name, err, tc.code)
			}
			if tc.field != "" && desk.ErrorFields(err)[tc.field] == "" {
				t.Errorf("%s: no message for %s: %v", tc.name, tc.field, desk.ErrorFields(err))
			}
		}

		c, token, err := o.flow.CreateAPIClient(ctx, o.admin, in)
		if err != nil {
			t.Fatal(err)
		}
		if c.Name != "اتوماسیون اداری" || strings.Join(c.Scopes, " ") != "requests:read events:write" ||
			strings.Join(c.Units, " ") != "permits" {
			t.Errorf("client = %+v", c)
		}
		if !strings.HasPrefix(token, "mzb_") || len(token) < 40 || !strings.HasPrefix(token, c.TokenPrefix) ||
			strings.Contains(c.TokenHash, token) {
			t.Errorf("token %q, prefix %q, hash %q", token, c.TokenPrefix, c.TokenHash)
		}
		got, err := o.flow.AuthenticateAPI(ctx, token)
		if err != nil || got.ID != c.ID {
			t.Fatalf("authenticate: %+v, %v", got, err)
		}
		for _, bad := range []string{"", token + "x", "Bearer " + token, strings.TrimPrefix(token, "mzb_")} {
			if _, err := o.flow.AuthenticateAPI(ctx, bad); desk.ErrorCode(err) != desk.EUNAUTHORIZED {
				t.Errorf("token %q: %v", bad, err)
			}
		}

		// The client acts as a manager of its units only, through Act.
		actor, err := o.flow.APIActor(ctx, c)
		if err != nil {
			t.Fatal(err)
		}
		mine, theirs := o.file(t, "permits", "citizen"), o.file(t, "legal", "citizen")
		r := o.act(t, actor, mine, workflow.ActInput{Action: desk.ActRefer, ToUnit: "legal", Instruction: "بررسی شود"})
		if r.UnitCode != "legal" {
			t.Errorf("referred to %q", r.UnitCode)
		}
		_, err = o.flow.Act(ctx, actor, workflow.ActInput{RequestID: theirs.ID, Version: theirs.Version,
			Action: desk.ActRefer, ToUnit: "permits", Instruction: "x"})
		if desk.ErrorCode(err) != desk.ENOTFOUND {
			t.Errorf("another unit's request: %v, want not found", err)
		}

		if err := o.flow.RevokeAPIClient(ctx, o.mgrA, c.ID, ""); desk.ErrorCode(err) != desk.EFORBIDDEN {
			t.Errorf("revoke by a manager: %v", err)
		}
		if err := o.flow.RevokeAPIClient(ctx, o.admin, c.ID, ""); err != nil {
			t.Fatal(err)
		}
		if _, err := o.flow.AuthenticateAPI(ctx, token); desk.ErrorCode(err) != desk.EUNAUTHORIZED {
			t.Errorf("revoked token: %v", err)
		}
		recs, err := st.Audit(ctx, store.AuditFilter{Target: "api_client:" + itoa(c.ID)})
		if err != nil || len(recs) != 2 || recs[0].Action != "api_client.create" || recs[1].Action != "api_client.revoke" {
			t.Errorf("audit = %+v, %v", recs, err)
		}
	})
}
