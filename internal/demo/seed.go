package demo

import (
	"context"
	"time"

	"mizban/internal/desk"
	"mizban/internal/store"
)

const (
	seededKey    = "demo_seeded"
	staffAuthKey = "demo_staff_auth" // roles, units and demo passwords given
)

// Seed writes the demo agency, its staff and its service cards once; a
// restart finds the marker and leaves the data (and anything changed
// through the app) alone. Demo staff get their role, their unit and the
// published demo password of their role; each enrolls a second factor at
// the first sign-in. The central secretariat follows (secretariat.go).
func Seed(ctx context.Context, st *store.Store) error {
	if err := seedAgency(ctx, st); err != nil {
		return err
	}
	return seedSecretariat(ctx, st)
}

func seedAgency(ctx context.Context, st *store.Store) error {
	if _, ok, err := st.Meta(ctx, seededKey); err != nil {
		return err
	} else if ok {
		return seedStaffAuth(ctx, st) // a demo database from before staff sign-in
	}
	agency, services, err := Load()
	if err != nil {
		return err
	}
	hashes, err := demoHashes()
	if err != nil {
		return err
	}
	now := time.Now()
	return st.InTx(ctx, func(tx *store.Tx) error {
		for _, u := range agency.Units {
			if err := tx.PutUnit(ctx, u); err != nil {
				return err
			}
		}
		for _, s := range agency.Staff {
			id, err := tx.PutStaff(ctx, store.StaffRecord{Staff: s.Staff, Username: s.Username, Role: s.Role, Active: true})
			if err != nil {
				return err
			}
			if err := giveAccess(ctx, tx, id, s, hashes, now); err != nil {
				return err
			}
		}
		for _, svc := range services {
			if _, err := tx.PublishService(ctx, svc); err != nil {
				return err
			}
		}
		// Units with two or more officers hand new requests out in turn;
		// the rest keep them in the unit's queue.
		officers := map[string]int{}
		for _, s := range agency.Staff {
			if s.Role == RoleOfficer {
				officers[s.UnitCode]++
			}
		}
		for unit, n := range officers {
			if n >= 2 {
				if err := tx.PutAssignRule(ctx, store.AssignRule{UnitCode: unit, Mode: store.AssignRoundRobin}); err != nil {
					return err
				}
			}
		}
		if err := tx.SetMeta(ctx, staffAuthKey, "1"); err != nil {
			return err
		}
		return tx.SetMeta(ctx, seededKey, "1")
	})
}

// giveAccess sets the role, unit and demo password of one demo person.
func giveAccess(ctx context.Context, tx *store.Tx, id int64, s DemoStaff, hashes map[string]string, now time.Time) error {
	if err := tx.SetStaffRoles(ctx, id, []desk.Role{desk.Role(s.Role)}); err != nil {
		return err
	}
	if err := tx.SetStaffUnits(ctx, id, []desk.Membership{{UnitCode: s.UnitCode, Title: s.Title}}); err != nil {
		return err
	}
	return tx.SetPassword(ctx, id, hashes[s.Role], now, true)
}

// seedStaffAuth gives demo staff seeded before sign-in existed their
// access, once; people who have a password already are left alone.
func seedStaffAuth(ctx context.Context, st *store.Store) error {
	if _, ok, err := st.Meta(ctx, staffAuthKey); err != nil || ok {
		return err
	}
	agency, _, err := Load()
	if err != nil {
		return err
	}
	hashes, err := demoHashes()
	if err != nil {
		return err
	}
	ids := map[string]int64{}
	for _, s := range agency.Staff {
		rec, err := st.StaffByUsername(ctx, s.Username)
		if desk.ErrorCode(err) == desk.ENOTFOUND {
			continue
		} else if err != nil {
			return err
		}
		if _, err := st.Credentials(ctx, rec.ID); desk.ErrorCode(err) == desk.ENOTFOUND {
			ids[s.Username] = rec.ID
		} else if err != nil {
			return err
		}
	}
	now := time.Now()
	return st.InTx(ctx, func(tx *store.Tx) error {
		for _, s := range agency.Staff {
			if id, ok := ids[s.Username]; ok {
				if err := giveAccess(ctx, tx, id, s, hashes, now); err != nil {
					return err
				}
			}
		}
		return tx.SetMeta(ctx, staffAuthKey, "1")
	})
}
