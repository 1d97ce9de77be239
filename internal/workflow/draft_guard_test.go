package workflow_test

import (
	"context"
	"testing"

	"mizban/internal/desk"
	"mizban/internal/store"
	"mizban/internal/store/storetest"
)

// TestCounterDraftClosedToCitizenPath: a counter draft's id opens nothing
// on the citizen's pages — no loading, no code, no registration as a web
// request.
func TestCounterDraftClosedToCitizenPath(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		e, op := counterEnv(t, st)
		res, err := e.flow.RegisterAtCounter(ctx, op, counterWalkIn())
		if err != nil || res.DraftID == "" {
			t.Fatalf("RegisterAtCounter = %+v, %v", res, err)
		}
		if _, err := e.flow.LoadDraft(ctx, res.DraftID); desk.ErrorCode(err) != desk.ENOTFOUND {
			t.Errorf("LoadDraft(counter draft) = %v; want not found", err)
		}
		if err := e.flow.ResendApplyCode(ctx, res.DraftID, "c9"); desk.ErrorCode(err) != desk.ENOTFOUND {
			t.Errorf("ResendApplyCode(counter draft) = %v; want not found", err)
		}
		if _, err := e.flow.Confirm(ctx, res.DraftID, "123456"); desk.ErrorCode(err) != desk.ENOTFOUND {
			t.Errorf("Confirm(counter draft) = %v; want not found", err)
		}
		in := validInput()
		in.DraftID = res.DraftID
		if _, err := e.flow.SaveDraft(ctx, in); desk.ErrorCode(err) != desk.ENOTFOUND {
			t.Errorf("SaveDraft over a counter draft = %v; want not found", err)
		}
	})
}
