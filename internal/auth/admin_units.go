package auth

import (
	"context"
	"strings"

	"mizban/internal/audit"
	"mizban/internal/desk"
	"mizban/internal/fa"
	"mizban/internal/store"
)

// ActUnitRename is the audit action of a unit's new name.
const ActUnitRename = "unit.rename"

// MsgNeedUnitName asks for the name of a unit.
const MsgNeedUnitName = "نام واحد را وارد کنید."

// RenameUnit gives the unit code a new name; its code and place in the
// tree stay, so requests and memberships are untouched.
func (a *Service) RenameUnit(ctx context.Context, op Operator, code, name string) error {
	name = strings.TrimSpace(fa.Normalize(name))
	if name == "" {
		return invalid("name", MsgNeedUnitName)
	}
	units, err := a.Store.Units(ctx)
	if err != nil {
		return err
	}
	for _, u := range units {
		if u.Code != code {
			continue
		}
		if u.Name == name {
			return nil
		}
		now := a.now()
		u.Name = name
		return a.Store.InTx(ctx, func(tx *store.Tx) error {
			if err := tx.PutUnit(ctx, u); err != nil {
				return err
			}
			return tx.AppendAudit(ctx, &audit.Record{At: now, Actor: op.label, Action: ActUnitRename,
				Target: "unit:" + u.Code, Result: audit.OK, Client: op.client})
		})
	}
	return &desk.Error{Code: desk.ENOTFOUND, Message: MsgNoUnit}
}
