package demo

import (
	"context"

	"mizban/internal/desk"
	"mizban/internal/letters"
	"mizban/internal/store"
)

const secretariatKey = "demo_secretariat"

// Central is the demo agency's one secretariat.
var Central = letters.Secretariat{Code: "1", Name: "دبیرخانه مرکزی", IncomingFormat: "{year}/{seq}/و",
	OutgoingFormat: "{year}/{seq}/ص", InternalFormat: "{year}/{seq}/د", Active: true}

// seedSecretariat adds the central secretariat once, also to demo
// databases seeded before secretariats existed; one the administrator
// added by hand with the same code is left alone.
func seedSecretariat(ctx context.Context, st *store.Store) error {
	if _, ok, err := st.Meta(ctx, secretariatKey); err != nil || ok {
		return err
	}
	return st.InTx(ctx, func(tx *store.Tx) error {
		sec := Central
		if err := tx.CreateSecretariat(ctx, &sec); err != nil && desk.ErrorCode(err) != desk.ECONFLICT {
			return err
		}
		return tx.SetMeta(ctx, secretariatKey, "1")
	})
}
