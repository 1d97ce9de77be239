package desk

import "strconv"

// Role is what a member of staff may do; permissions are checked on the
// server for every action, by role and by unit.
type Role string

const (
	RoleDeskOperator Role = "desk_operator" // متصدی میز خدمت
	RoleOfficer      Role = "officer"       // کارشناس
	RoleManager      Role = "manager"       // مدیر واحد
	RoleEditor       Role = "editor"        // ویراستار شناسنامه خدمات
	RoleAuditor      Role = "auditor"       // بازرس (ممیز)
	RoleAdmin        Role = "admin"         // مدیر سامانه
)

// Roles lists every role, in the order pages show them.
var Roles = []Role{RoleDeskOperator, RoleOfficer, RoleManager, RoleEditor, RoleAuditor, RoleAdmin}

// RoleTitle is the Persian name of each role.
var RoleTitle = map[Role]string{
	RoleDeskOperator: "متصدی میز خدمت",
	RoleOfficer:      "کارشناس",
	RoleManager:      "مدیر واحد",
	RoleEditor:       "ویراستار شناسنامه خدمات",
	RoleAuditor:      "بازرس",
	RoleAdmin:        "مدیر سامانه",
}

// Membership places a person in a unit with a title (سمت).
type Membership struct {
	UnitCode string `json:"unit_code"`
	Title    string `json:"title"`
}

// Actor is the signed-in member of staff an action is done by.
type Actor struct {
	StaffID int64
	Name    string
	Roles   []Role
	Units   []Membership
}

// Has reports whether the actor holds role r.
func (a Actor) Has(r Role) bool {
	for _, x := range a.Roles {
		if x == r {
			return true
		}
	}
	return false
}

// HasAny reports whether the actor holds any of rs.
func (a Actor) HasAny(rs ...Role) bool {
	for _, r := range rs {
		if a.Has(r) {
			return true
		}
	}
	return false
}

// InUnit reports whether the actor belongs to unit code.
func (a Actor) InUnit(code string) bool {
	for _, m := range a.Units {
		if m.UnitCode == code {
			return true
		}
	}
	return false
}

// UnitCodes lists the actor's units.
func (a Actor) UnitCodes() []string {
	out := make([]string, len(a.Units))
	for i, m := range a.Units {
		out[i] = m.UnitCode
	}
	return out
}

// Label is how the actor appears in events and the audit log: "staff:12".
func (a Actor) Label() string { return "staff:" + strconv.FormatInt(a.StaffID, 10) }
