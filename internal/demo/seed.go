package demo

import (
	"context"

	"mizban/internal/store"
)

const seededKey = "demo_seeded"

// Seed writes the demo agency, its staff and its service cards once; a
// restart finds the marker and leaves the data (and anything changed
// through the app) alone.
func Seed(ctx context.Context, st *store.Store) error {
	if _, ok, err := st.Meta(ctx, seededKey); err != nil || ok {
		return err
	}
	agency, services, err := Load()
	if err != nil {
		return err
	}
	return st.InTx(ctx, func(tx *store.Tx) error {
		for _, u := range agency.Units {
			if err := tx.PutUnit(ctx, u); err != nil {
				return err
			}
		}
		for _, s := range agency.Staff {
			if _, err := tx.PutStaff(ctx, store.StaffRecord{Staff: s.Staff, Username: s.Username, Role: s.Role, Active: true}); err != nil {
				return err
			}
		}
		for _, svc := range services {
			if _, err := tx.PublishService(ctx, svc); err != nil {
				return err
			}
		}
		return tx.SetMeta(ctx, seededKey, "1")
	})
}
