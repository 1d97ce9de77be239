package workflow

import (
	"context"

	"mizban/internal/desk"
	"mizban/internal/store"
)

// Who may see and act on a request, by role and by unit (least privilege).
// store.Tray applies the same visibility in SQL; the tests hold the two
// together.
//
//   - officer: the files of their units, and files assigned or referred to
//     them; they act on files they hold and on their units' unassigned
//     queue (and may add a note to any file of their units).
//   - manager: sees and acts on every file of their units, and on files
//     they hold.
//   - desk operator: sees the files they registered at the counter and
//     their units' unassigned queue; acts (refer, note) on that queue and
//     on files they hold, not on a file only because they registered it.
//   - editor, auditor, admin: no files.
//
// On a request registered as an incoming letter the answer is a signed
// outgoing letter: only managers answer it, officers draft it
// (reply_draft.go, checked in Act's transaction).

// requestRoles are the roles that ever see a request.
var requestRoles = []desk.Role{desk.RoleOfficer, desk.RoleManager, desk.RoleDeskOperator}

// canSee reports whether a may open r. registrar is the actor label of r's
// first event ("staff:12" when registered at the counter).
func canSee(a desk.Actor, r desk.Request, registrar string) bool {
	if a.StaffID == 0 || !a.HasAny(requestRoles...) {
		return false
	}
	if r.AssigneeID == a.StaffID {
		return true
	}
	if a.HasAny(desk.RoleOfficer, desk.RoleManager) && a.InUnit(r.UnitCode) {
		return true
	}
	if a.Has(desk.RoleDeskOperator) {
		if registrar == a.Label() || (a.InUnit(r.UnitCode) && r.AssigneeID == 0) {
			return true
		}
	}
	return false
}

// canAct reports whether a may take act on r: some role of a's that the
// state machine allows for act must also reach r.
func canAct(a desk.Actor, r desk.Request, act desk.Action) bool {
	rule, ok := desk.Transitions[act]
	if !ok || a.StaffID == 0 {
		return false
	}
	holds := r.AssigneeID == a.StaffID
	queue := a.InUnit(r.UnitCode) && r.AssigneeID == 0
	for _, role := range rule.Roles {
		if !a.Has(role) {
			continue
		}
		switch role {
		case desk.RoleManager:
			if holds || a.InUnit(r.UnitCode) {
				return true
			}
		case desk.RoleOfficer:
			if holds || queue || (act == desk.ActNote && a.InUnit(r.UnitCode)) {
				return true
			}
		case desk.RoleDeskOperator:
			if holds || queue {
				return true
			}
		}
	}
	return false
}

// requestInScope loads request id inside tx and checks that actor may see
// it. denied is the audit reason when it may not ("" otherwise); a request
// out of reach answers errNoRequest, exactly as an unknown one.
func requestInScope(ctx context.Context, tx *store.Tx, actor desk.Actor, id int64) (r desk.Request, denied string, err error) {
	r, err = tx.Request(ctx, id)
	if err != nil {
		if desk.ErrorCode(err) == desk.ENOTFOUND {
			return r, "not found", errNoRequest
		}
		return r, "", err
	}
	registrar := ""
	if actor.Has(desk.RoleDeskOperator) {
		if registrar, err = tx.Registrar(ctx, r.ID); err != nil {
			return r, "", err
		}
	}
	if !canSee(actor, r, registrar) {
		return r, "out of scope", errNoRequest
	}
	return r, "", nil
}
