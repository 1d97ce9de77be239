package demo

import (
	"context"
	"fmt"

	"mizban/internal/auth"
	"mizban/internal/store"
)

// demoPasswords are the published passwords of the demo staff, one per
// role. They are printed at start-up in demo mode, so they protect
// nothing: internal/auth's list of common passwords holds them too, and a
// production start refuses a database where anyone still has one.
var demoPasswords = map[string]string{
	RoleDeskOperator: "Anar-Kavir-5183",
	RoleOfficer:      "Sarv-Dorna-7264",
	RoleManager:      "Golab-Tirgan-3905",
	RoleEditor:       "Nasim-Parvaz-6417",
	RoleAuditor:      "Dena-Setareh-2851",
	RoleAdmin:        "Alborz-Mehtab-9036",
}

// demoHashes hashes each role's password once, with cheap costs: the
// password is public anyway, and seeding stays quick.
func demoHashes() (map[string]string, error) {
	out := map[string]string{}
	for role, pw := range demoPasswords {
		h, err := auth.HashPassword(pw, auth.DemoParams)
		if err != nil {
			return nil, err
		}
		out[role] = h
	}
	return out, nil
}

// Login is one demo account to print at start-up.
type Login struct {
	Role     string // one of Roles
	Username string
	Name     string
	Unit     string // unit code
	Password string
}

// Logins lists the first demo account of each role, in Roles order, with
// its password. Every demo account of a role shares that password.
func Logins() []Login {
	agency, _, err := Load()
	if err != nil {
		return nil
	}
	var out []Login
	for _, role := range Roles {
		for _, s := range agency.Staff {
			if s.Role == role {
				out = append(out, Login{Role: role, Username: s.Username, Name: s.Name, Unit: s.UnitCode, Password: demoPasswords[role]})
				break
			}
		}
	}
	return out
}

// RefuseDemoSecrets fails when any active account still has a published
// demo password: a database seeded in demo mode must not be served
// outside it. Call it at every start that is not in demo mode.
func RefuseDemoSecrets(ctx context.Context, st *store.Store) error {
	n, err := st.DemoPasswords(ctx)
	if err != nil {
		return err
	}
	if n > 0 {
		return fmt.Errorf("%d staff accounts still have the published demo passwords (this database was seeded with --demo); "+
			"start with --demo, or give each a new password with `mizban user passwd --username …` "+
			"(or disable it with `mizban user disable`) before serving it for real", n)
	}
	return nil
}
