package auth

import (
	"context"
	"regexp"
	"strings"

	"mizban/internal/audit"
	"mizban/internal/desk"
	"mizban/internal/fa"
	"mizban/internal/store"
)

// Messages of account administration.
const (
	MsgNotAdmin      = "این کار فقط از مدیر سامانه برمی‌آید."
	MsgBadUsername   = "نام کاربری باید ۳ تا ۳۲ نویسه از حروف کوچک انگلیسی، رقم، نقطه، خط تیره یا خط زیر باشد و با حرف آغاز شود."
	MsgUsernameTaken = "این نام کاربری پیش‌تر ثبت شده است."
	MsgNeedName      = "نام و نام خانوادگی را وارد کنید."
	MsgNeedRole      = "دست‌کم یک نقش برگزینید."
	MsgBadRole       = "این نقش شناخته نیست."
	MsgNeedUnit      = "دست‌کم یک واحد برگزینید."
	MsgNoUnit        = "واحدی با این کد پیدا نشد."
)

// Operator is who changes accounts: a signed-in administrator, or the
// command line run on the server (which has the database anyway).
type Operator struct{ label, client string }

// CommandLine is the operator of `mizban user …`.
func CommandLine() Operator { return Operator{label: "system:cli"} }

// AdminOperator lets actor change accounts if they are an administrator.
func AdminOperator(actor desk.Actor, client string) (Operator, error) {
	if !actor.Has(desk.RoleAdmin) {
		return Operator{}, &desk.Error{Code: desk.EFORBIDDEN, Message: MsgNotAdmin}
	}
	return Operator{label: actor.Label(), client: client}, nil
}

var usernameRE = regexp.MustCompile(`^[a-z][a-z0-9._-]{2,31}$`)

// NormalizeUsername is how usernames are compared: trimmed, lower case.
func NormalizeUsername(u string) string { return strings.ToLower(strings.TrimSpace(u)) }

// NewUser describes an account to create.
type NewUser struct {
	Username string
	Name     string
	Units    []desk.Membership // the first is the main one
	Roles    []desk.Role
	Password string
	// Demo marks a published demo password: the policy is not applied and
	// a production start refuses the account until the password changes.
	Demo bool
}

func invalid(field, msg string) error {
	return &desk.Error{Code: desk.EINVALID, Message: msg, Fields: map[string]string{field: msg}, Order: []string{field}}
}

func (a *Service) checkUnits(ctx context.Context, ms []desk.Membership) error {
	if len(ms) == 0 {
		return invalid("unit", MsgNeedUnit)
	}
	units, err := a.Store.Units(ctx)
	if err != nil {
		return err
	}
	for _, m := range ms {
		found := false
		for _, u := range units {
			found = found || u.Code == m.UnitCode
		}
		if !found {
			return invalid("unit", MsgNoUnit)
		}
	}
	return nil
}

func checkRoles(roles []desk.Role) error {
	if len(roles) == 0 {
		return invalid("role", MsgNeedRole)
	}
	for _, r := range roles {
		if _, ok := desk.RoleTitle[r]; !ok {
			return invalid("role", MsgBadRole)
		}
	}
	return nil
}

func rolesText(rs []desk.Role) string {
	s := make([]string, len(rs))
	for i, r := range rs {
		s[i] = string(r)
	}
	return strings.Join(s, ",")
}

func unitsText(ms []desk.Membership) string {
	s := make([]string, len(ms))
	for i, m := range ms {
		s[i] = m.UnitCode
	}
	return strings.Join(s, ",")
}

// AddUser creates an account with its roles, units and password, and
// returns its id. The person enrolls a second factor at their first
// sign-in.
func (a *Service) AddUser(ctx context.Context, op Operator, u NewUser) (int64, error) {
	u.Username = NormalizeUsername(u.Username)
	u.Name = strings.TrimSpace(fa.Normalize(u.Name))
	if !usernameRE.MatchString(u.Username) {
		return 0, invalid("username", MsgBadUsername)
	}
	if u.Name == "" {
		return 0, invalid("name", MsgNeedName)
	}
	if err := checkRoles(u.Roles); err != nil {
		return 0, err
	}
	if err := a.checkUnits(ctx, u.Units); err != nil {
		return 0, err
	}
	if !u.Demo {
		if err := CheckPassword(u.Password, u.Username); err != nil {
			return 0, err
		}
	}
	if _, err := a.Store.StaffByUsername(ctx, u.Username); err == nil {
		return 0, &desk.Error{Code: desk.ECONFLICT, Message: MsgUsernameTaken,
			Fields: map[string]string{"username": MsgUsernameTaken}, Order: []string{"username"}}
	} else if desk.ErrorCode(err) != desk.ENOTFOUND {
		return 0, err
	}
	params := a.Params
	if u.Demo {
		params = DemoParams
	}
	h, err := a.hash(u.Password, params)
	if err != nil {
		return 0, err
	}
	var id int64
	now := a.now()
	err = a.Store.InTx(ctx, func(tx *store.Tx) error {
		var err error
		main := u.Units[0]
		id, err = tx.PutStaff(ctx, store.StaffRecord{Staff: desk.Staff{Name: u.Name, Title: main.Title, UnitCode: main.UnitCode},
			Username: u.Username, Role: string(u.Roles[0]), Active: true})
		if err != nil {
			return err
		}
		if err := tx.SetStaffRoles(ctx, id, u.Roles); err != nil {
			return err
		}
		if err := tx.SetStaffUnits(ctx, id, u.Units); err != nil {
			return err
		}
		if err := tx.SetPassword(ctx, id, h, now, u.Demo); err != nil {
			return err
		}
		return tx.AppendAudit(ctx, &audit.Record{At: now, Actor: op.label, Action: ActStaffCreate, Target: label(id),
			Result: audit.OK, Client: op.client,
			Details: "roles: " + rolesText(u.Roles) + "; units: " + unitsText(u.Units)})
	})
	return id, err
}

func (a *Service) byUsername(ctx context.Context, username string) (store.StaffRecord, error) {
	return a.Store.StaffByUsername(ctx, NormalizeUsername(username))
}

// SetPassword gives username a new password (the policy applies) and ends
// every session of theirs.
func (a *Service) SetPassword(ctx context.Context, op Operator, username, password string) error {
	rec, err := a.byUsername(ctx, username)
	if err != nil {
		return err
	}
	return a.setPassword(ctx, op.label, op.client, rec, password, false)
}

// SetActive enables or disables username. Disabling ends every session of
// theirs at once.
func (a *Service) SetActive(ctx context.Context, op Operator, username string, active bool) error {
	rec, err := a.byUsername(ctx, username)
	if err != nil {
		return err
	}
	now := a.now()
	return a.Store.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.SetStaffActive(ctx, rec.ID, active); err != nil {
			return err
		}
		act := ActStaffEnable
		if !active {
			act = ActStaffDisable
			if _, err := tx.DeleteStaffSessions(ctx, rec.ID); err != nil {
				return err
			}
		}
		return tx.AppendAudit(ctx, &audit.Record{At: now, Actor: op.label, Action: act, Target: label(rec.ID),
			Result: audit.OK, Client: op.client})
	})
}

// SetRoles replaces the roles of username.
func (a *Service) SetRoles(ctx context.Context, op Operator, username string, roles []desk.Role) error {
	if err := checkRoles(roles); err != nil {
		return err
	}
	rec, err := a.byUsername(ctx, username)
	if err != nil {
		return err
	}
	now := a.now()
	return a.Store.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.SetStaffRoles(ctx, rec.ID, roles); err != nil {
			return err
		}
		return tx.AppendAudit(ctx, &audit.Record{At: now, Actor: op.label, Action: ActStaffRoles, Target: label(rec.ID),
			Result: audit.OK, Client: op.client, Details: rolesText(roles)})
	})
}

// SetUnits replaces the unit memberships of username.
func (a *Service) SetUnits(ctx context.Context, op Operator, username string, ms []desk.Membership) error {
	if err := a.checkUnits(ctx, ms); err != nil {
		return err
	}
	rec, err := a.byUsername(ctx, username)
	if err != nil {
		return err
	}
	now := a.now()
	return a.Store.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.SetStaffUnits(ctx, rec.ID, ms); err != nil {
			return err
		}
		return tx.AppendAudit(ctx, &audit.Record{At: now, Actor: op.label, Action: ActStaffUnits, Target: label(rec.ID),
			Result: audit.OK, Client: op.client, Details: unitsText(ms)})
	})
}

// ResetTOTP forgets the second factor of username (a lost phone and no
// recovery codes left) and ends their sessions; they enroll again at
// their next sign-in.
func (a *Service) ResetTOTP(ctx context.Context, op Operator, username string) error {
	rec, err := a.byUsername(ctx, username)
	if err != nil {
		return err
	}
	now := a.now()
	return a.Store.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.ResetTOTP(ctx, rec.ID); err != nil {
			return err
		}
		if _, err := tx.DeleteStaffSessions(ctx, rec.ID); err != nil {
			return err
		}
		return tx.AppendAudit(ctx, &audit.Record{At: now, Actor: op.label, Action: ActTOTPReset, Target: label(rec.ID),
			Result: audit.OK, Client: op.client})
	})
}

var unitCodeRE = regexp.MustCompile(`^[a-z][a-z0-9_]{1,31}$`)

// MsgBadUnitCode is the message of a unit code that cannot be one.
const MsgBadUnitCode = "کد واحد باید ۲ تا ۳۲ نویسه از حروف کوچک انگلیسی، رقم یا خط زیر باشد و با حرف آغاز شود."

// EnsureUnit creates unit u when there is no unit with its code; an
// existing unit is left as it is.
func (a *Service) EnsureUnit(ctx context.Context, op Operator, u desk.Unit) error {
	u.Name = strings.TrimSpace(fa.Normalize(u.Name))
	if !unitCodeRE.MatchString(u.Code) {
		return invalid("unit", MsgBadUnitCode)
	}
	if u.Name == "" {
		return invalid("unit", MsgNeedName)
	}
	if err := a.checkUnits(ctx, []desk.Membership{{UnitCode: u.Code}}); err == nil {
		return nil
	}
	now := a.now()
	return a.Store.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.PutUnit(ctx, u); err != nil {
			return err
		}
		return tx.AppendAudit(ctx, &audit.Record{At: now, Actor: op.label, Action: ActUnitCreate, Target: "unit:" + u.Code,
			Result: audit.OK, Client: op.client})
	})
}
