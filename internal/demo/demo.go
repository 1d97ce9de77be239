// Package demo holds the demo data of a fictional municipality: the agency,
// its units and staff, and a catalog of complete service cards. It is seeded
// once when Mizban runs with -demo, so a first visitor sees a real-looking desk.
package demo

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"

	"mizban/internal/desk"
)

//go:embed agency.json
var agencyJSON []byte

//go:embed services.json
var servicesJSON []byte

// Staff roles used by the demo accounts.
const (
	RoleOfficer      = "officer"
	RoleManager      = "manager"
	RoleDeskOperator = "desk_operator"
	RoleEditor       = "editor"
	RoleAuditor      = "auditor"
	RoleAdmin        = "admin"
)

// Roles lists every role a demo staff member may have.
var Roles = []string{RoleOfficer, RoleManager, RoleDeskOperator, RoleEditor, RoleAuditor, RoleAdmin}

// Agency is the demo agency with its organisation chart and people.
type Agency struct {
	Name      string      `json:"name"`
	ShortName string      `json:"short_name"`
	NameEn    string      `json:"name_en"`
	Address   string      `json:"address"`
	Phone     string      `json:"phone"`
	Website   string      `json:"website"`
	Hours     string      `json:"hours"`
	Units     []desk.Unit `json:"units"`
	Staff     []DemoStaff `json:"staff"`
}

// DemoStaff is a staff member plus the account details the seeder needs.
type DemoStaff struct {
	desk.Staff
	Role     string `json:"role"`     // one of Roles
	Username string `json:"username"` // ASCII sign-in name
}

// Load parses the embedded agency and services. Unknown fields are errors so
// a renamed struct field cannot silently drop demo data.
func Load() (Agency, []desk.Service, error) {
	var a Agency
	if err := decodeStrict(agencyJSON, &a); err != nil {
		return Agency{}, nil, fmt.Errorf("demo: agency.json: %w", err)
	}
	var svcs []desk.Service
	if err := decodeStrict(servicesJSON, &svcs); err != nil {
		return Agency{}, nil, fmt.Errorf("demo: services.json: %w", err)
	}
	return a, svcs, nil
}

func decodeStrict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return fmt.Errorf("unexpected data after the top-level value")
	}
	return nil
}
