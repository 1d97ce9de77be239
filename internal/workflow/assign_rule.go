package workflow

import (
	"context"
	"fmt"

	"mizban/internal/audit"
	"mizban/internal/desk"
	"mizban/internal/store"
)

// SetAssignRule sets how new requests of a unit are handed out: to the
// unit's queue, or round robin among its active officers. Administrators
// only; audited.
func (f *Flow) SetAssignRule(ctx context.Context, actor desk.Actor, unit, mode, client string) error {
	if !actor.Has(desk.RoleAdmin) {
		return desk.Errorf(desk.EFORBIDDEN, "شما به این بخش دسترسی ندارید.")
	}
	if mode != store.AssignQueue && mode != store.AssignRoundRobin {
		return &desk.Error{Code: desk.EINVALID, Message: "شیوه واگذاری باید «صف واحد» یا «نوبتی» باشد.",
			Fields: map[string]string{"mode": "شیوه واگذاری باید «صف واحد» یا «نوبتی» باشد."}, Order: []string{"mode"}}
	}
	return f.Store.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.PutAssignRule(ctx, store.AssignRule{UnitCode: unit, Mode: mode}); err != nil {
			return err
		}
		return tx.AppendAudit(ctx, &audit.Record{At: f.now(), Actor: actor.Label(), Action: "unit.assign_rule",
			Target: "unit:" + unit, Result: audit.OK, Client: client, Details: fmt.Sprintf(`{"mode":%q}`, mode)})
	})
}
