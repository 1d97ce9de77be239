package demo

import (
	"context"
	"testing"

	"mizban/internal/letters"
	"mizban/internal/store"
	"mizban/internal/store/storetest"
)

func TestSeedSecretariat(t *testing.T) {
	ctx := context.Background()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		for i := 0; i < 2; i++ { // idempotent
			if err := Seed(ctx, st); err != nil {
				t.Fatal(err)
			}
		}
		all, err := st.Secretariats(ctx)
		if err != nil || len(all) != 2 {
			t.Fatalf("secretariats %+v, %v; want the central one and the automation's", all, err)
		}
		byCode := map[string]letters.Secretariat{all[0].Code: all[0], all[1].Code: all[1]}
		if byCode["1"] != Central || byCode["auto"] != Automation {
			t.Fatalf("secretariats %+v", all)
		}
		f, err := Central.Format(letters.Incoming)
		if err != nil || f.Number(1405, 7, "1") != "1405/7/و" {
			t.Errorf("incoming format %q: %v", f.String(), err)
		}
		f, err = Automation.Format(letters.Incoming)
		if err != nil || f.Number(1405, 7, "auto") != "auto-05-7/و" {
			t.Errorf("automation's incoming format %q: %v", f.String(), err)
		}
	})
}

// A demo database seeded before secretariats existed gets its one at the
// next start; one the administrator made by hand is kept.
func TestSeedSecretariatLater(t *testing.T) {
	ctx := context.Background()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		if err := seedAgency(ctx, st); err != nil {
			t.Fatal(err)
		}
		own := Central
		own.Name = "دبیرخانه اداره"
		if err := st.InTx(ctx, func(tx *store.Tx) error { return tx.CreateSecretariat(ctx, &own) }); err != nil {
			t.Fatal(err)
		}
		if err := Seed(ctx, st); err != nil {
			t.Fatal(err)
		}
		if got, err := st.Secretariat(ctx, "1"); err != nil || got.Name != "دبیرخانه اداره" {
			t.Errorf("secretariat %+v, %v; want the administrator's", got, err)
		}
	})
}
