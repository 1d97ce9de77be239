package demo

import (
	"context"

	"mizban/internal/desk"
	"mizban/internal/letters"
	"mizban/internal/store"
)

const secretariatKey = "demo_secretariat"

// Central is the demo agency's own secretariat.
var Central = letters.Secretariat{Code: "1", Name: "دبیرخانه مرکزی", IncomingFormat: "{year}/{seq}/و",
	OutgoingFormat: "{year}/{seq}/ص", InternalFormat: "{year}/{seq}/د", Active: true}

const automationKey = "demo_secretariat_auto"

// Automation is the demo's secretariat for the letters the agency's
// automation product numbers and reports through the integration API. Its
// own numbers (auto-05-12/و) cannot look like an automation's
// (1405/1234/و), which a typed number must not: Central's can.
var Automation = letters.Secretariat{Code: "auto", Name: "اتوماسیون اداری", IncomingFormat: "{code}-{yy}-{seq}/و",
	OutgoingFormat: "{code}-{yy}-{seq}/ص", InternalFormat: "{code}-{yy}-{seq}/د", Active: true}

// seedSecretariat adds the central secretariat and the automation's once
// each, also to demo databases seeded before they existed; one the
// administrator added by hand with the same code is left alone.
func seedSecretariat(ctx context.Context, st *store.Store) error {
	for _, s := range []struct {
		key string
		sec letters.Secretariat
	}{{secretariatKey, Central}, {automationKey, Automation}} {
		if _, ok, err := st.Meta(ctx, s.key); err != nil {
			return err
		} else if ok {
			continue
		}
		err := st.InTx(ctx, func(tx *store.Tx) error {
			sec := s.sec
			if err := tx.CreateSecretariat(ctx, &sec); err != nil && desk.ErrorCode(err) != desk.ECONFLICT {
				return err
			}
			return tx.SetMeta(ctx, s.key, "1")
		})
		if err != nil {
			return err
		}
	}
	return nil
}
