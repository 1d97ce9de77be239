package workflow

import (
	"context"

	"mizban/internal/desk"
	"mizban/internal/store"
)

// AutoAssign applies the rule of req's unit to a file arriving there
// unassigned (a new submission, a referral to the unit): round robin gives
// it to the next active officer after the one who got the previous file;
// a queue (the default) leaves it with the unit. It sets req.AssigneeID and
// moves the unit's turn; saving req is the caller's.
func (f *Flow) AutoAssign(ctx context.Context, tx *store.Tx, req *desk.Request) error {
	if req.AssigneeID != 0 || req.UnitCode == "" {
		return nil
	}
	rule, err := tx.LockAssignRule(ctx, req.UnitCode)
	if err != nil || rule.Mode != store.AssignRoundRobin {
		return err
	}
	officers, err := tx.Assignees(ctx, req.UnitCode, desk.RoleOfficer)
	if err != nil || len(officers) == 0 {
		return err // nobody to give it to: it waits in the queue
	}
	next := officers[0] // officers are ordered by id; wrap around
	for _, o := range officers {
		if o.ID > rule.LastStaffID {
			next = o
			break
		}
	}
	req.AssigneeID = next.ID
	return tx.SetAssignTurn(ctx, req.UnitCode, next.ID)
}
