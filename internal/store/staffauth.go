package store

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"time"

	"mizban/internal/desk"
)

// Staff identity and signing in. staff_roles and staff_units are the truth
// about what a person may do and where; staff.role, staff.unit_code and
// staff.title are kept in step with the first role and the main membership
// so the citizen's view of who holds a file (Store.Staff) stays one row.

const (
	msgInactive = "حساب کاربری شما فعال نیست؛ با مدیر سامانه تماس بگیرید."
	msgNoCred   = "برای این حساب هنوز گذرواژه‌ای تعیین نشده است."
	msgNoSess   = "نشست شما به پایان رسیده است؛ لطفاً دوباره وارد شوید."
)

// Session stages: a session is only signed in at StageOK; the other two
// wait for the second factor.
const (
	StageTOTP   = "totp"   // password passed; waiting for a TOTP or recovery code
	StageEnroll = "enroll" // password passed; second factor not yet enrolled
	StageOK     = "ok"
)

// Credentials are how one member of staff signs in. TOTPSecret is plain
// here and sealed in the row.
type Credentials struct {
	StaffID           int64
	PasswordHash      string // argon2id PHC string
	PasswordChangedAt time.Time
	DemoPassword      bool   // a published demo password (refused outside demo mode)
	TOTPSecret        []byte // nil when none; pending while !TOTPEnrolled
	TOTPEnrolled      bool
	TOTPLastStep      int64    // newest TOTP time step accepted
	RecoveryCodes     []string // hashes of the unused recovery codes
	FailedCount       int
	LockedUntil       time.Time // zero when not locked
}

// Session is a server-side session; the cookie holds the token, the row
// only its hash.
type Session struct {
	TokenHash      string
	StaffID        int64
	Stage          string
	CreatedAt      time.Time
	LastSeenAt     time.Time
	AbsoluteExpiry time.Time
	Client         string
}

// Actor loads the member of staff id with their roles and memberships.
// Inactive or unknown staff are EUNAUTHORIZED: they cannot act.
func (s *Store) Actor(ctx context.Context, id int64) (desk.Actor, error) {
	return s.r().actor(ctx, id)
}

// Actor is Store.Actor inside the transaction.
func (tx *Tx) Actor(ctx context.Context, id int64) (desk.Actor, error) {
	return tx.q.actor(ctx, id)
}

func (q conn) actor(ctx context.Context, id int64) (desk.Actor, error) {
	var (
		a      desk.Actor
		active bool
	)
	err := q.db.QueryRowContext(ctx, `SELECT id, name, active FROM staff WHERE id = $1`, id).
		Scan(&a.StaffID, &a.Name, &active)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && !active) {
		return desk.Actor{}, &desk.Error{Code: desk.EUNAUTHORIZED, Message: msgInactive}
	}
	if err != nil {
		return desk.Actor{}, fail("actor", err, "")
	}
	rows, err := q.db.QueryContext(ctx, `SELECT role FROM staff_roles WHERE staff_id = $1 ORDER BY role`, id)
	if err != nil {
		return desk.Actor{}, fail("actor roles", err, "")
	}
	have := map[desk.Role]bool{}
	for rows.Next() {
		var r string
		if err := rows.Scan(&r); err != nil {
			rows.Close()
			return desk.Actor{}, fail("actor roles", err, "")
		}
		have[desk.Role(r)] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return desk.Actor{}, fail("actor roles", err, "")
	}
	for _, r := range desk.Roles { // the pages' order, and unknown roles dropped
		if have[r] {
			a.Roles = append(a.Roles, r)
		}
	}
	a.Units, err = q.memberships(ctx, id)
	return a, err
}

func (q conn) memberships(ctx context.Context, id int64) ([]desk.Membership, error) {
	rows, err := q.db.QueryContext(ctx,
		`SELECT unit_code, title FROM staff_units WHERE staff_id = $1 ORDER BY position, unit_code`, id)
	if err != nil {
		return nil, fail("memberships", err, "")
	}
	defer rows.Close()
	var out []desk.Membership
	for rows.Next() {
		var m desk.Membership
		if err := rows.Scan(&m.UnitCode, &m.Title); err != nil {
			return nil, fail("memberships", err, "")
		}
		out = append(out, m)
	}
	return out, fail("memberships", rows.Err(), "")
}

// SetStaffRoles replaces the roles of staff id; staff.role follows the
// first role in desk.Roles order.
func (tx *Tx) SetStaffRoles(ctx context.Context, id int64, roles []desk.Role) error {
	for _, r := range roles {
		if _, known := desk.RoleTitle[r]; !known {
			return &desk.Error{Code: desk.EINVALID, Message: "این نقش شناخته نیست: " + string(r)}
		}
	}
	if _, err := tx.tx.ExecContext(ctx, `DELETE FROM staff_roles WHERE staff_id = $1`, id); err != nil {
		return fail("set roles", err, "")
	}
	first := ""
	for _, r := range desk.Roles {
		if !containsRole(roles, r) {
			continue
		}
		if first == "" {
			first = string(r)
		}
		if _, err := tx.tx.ExecContext(ctx,
			`INSERT INTO staff_roles (staff_id, role) VALUES ($1, $2)`, id, string(r)); err != nil {
			return fail("set roles", err, "")
		}
	}
	res, err := tx.tx.ExecContext(ctx, `UPDATE staff SET role = $1 WHERE id = $2`, first, id)
	if err != nil {
		return fail("set roles", err, "")
	}
	return affected(res, "set roles", msgNoStaff)
}

func containsRole(rs []desk.Role, r desk.Role) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}

// SetStaffUnits replaces the memberships of staff id, the first being the
// main one (copied to staff.unit_code and staff.title).
func (tx *Tx) SetStaffUnits(ctx context.Context, id int64, ms []desk.Membership) error {
	if _, err := tx.tx.ExecContext(ctx, `DELETE FROM staff_units WHERE staff_id = $1`, id); err != nil {
		return fail("set units", err, "")
	}
	for i, m := range ms {
		if _, err := tx.tx.ExecContext(ctx,
			`INSERT INTO staff_units (staff_id, unit_code, title, position) VALUES ($1, $2, $3, $4)`,
			id, m.UnitCode, m.Title, i); err != nil {
			return fail("set units", err, "")
		}
	}
	var main desk.Membership
	if len(ms) > 0 {
		main = ms[0]
	}
	res, err := tx.tx.ExecContext(ctx, `UPDATE staff SET unit_code = $1, title = $2 WHERE id = $3`,
		main.UnitCode, main.Title, id)
	if err != nil {
		return fail("set units", err, "")
	}
	return affected(res, "set units", msgNoStaff)
}

// SetStaffActive enables or disables staff id.
func (tx *Tx) SetStaffActive(ctx context.Context, id int64, active bool) error {
	res, err := tx.tx.ExecContext(ctx, `UPDATE staff SET active = $1 WHERE id = $2`, active, id)
	if err != nil {
		return fail("set active", err, "")
	}
	return affected(res, "set active", msgNoStaff)
}

// UnitMembers lists the active staff of unit by name, each with their
// title in that unit; unlike StaffByUnit it counts every membership.
func (s *Store) UnitMembers(ctx context.Context, unit string) ([]desk.Staff, error) {
	rows, err := s.read.QueryContext(ctx,
		`SELECT s.id, s.name, u.title, u.unit_code FROM staff_units u JOIN staff s ON s.id = u.staff_id
		 WHERE u.unit_code = $1 AND s.active = $2 ORDER BY s.name, s.id`, unit, true)
	if err != nil {
		return nil, fail("unit members", err, "")
	}
	defer rows.Close()
	var out []desk.Staff
	for rows.Next() {
		var m desk.Staff
		if err := rows.Scan(&m.ID, &m.Name, &m.Title, &m.UnitCode); err != nil {
			return nil, fail("unit members", err, "")
		}
		out = append(out, m)
	}
	return out, fail("unit members", rows.Err(), "")
}

// ---- credentials

func totpAD(id int64) string { return "totp:" + strconv.FormatInt(id, 10) }

// Credentials returns how staff id signs in; ENOTFOUND when no password
// was ever set.
func (s *Store) Credentials(ctx context.Context, id int64) (Credentials, error) {
	return s.r().credentials(ctx, id)
}

// Credentials is Store.Credentials inside the transaction.
func (tx *Tx) Credentials(ctx context.Context, id int64) (Credentials, error) {
	return tx.q.credentials(ctx, id)
}

func (q conn) credentials(ctx context.Context, id int64) (Credentials, error) {
	var (
		c              Credentials
		secret, codes  string
		locked         sql.NullTime
		changed        time.Time
		lastStep       int64
		failed         int
		demo, enrolled bool
	)
	err := q.db.QueryRowContext(ctx,
		`SELECT staff_id, password_hash, password_changed_at, demo_password, totp_secret, totp_enrolled,
		   totp_last_step, recovery_codes, failed_count, locked_until
		 FROM staff_credentials WHERE staff_id = $1`, id).
		Scan(&c.StaffID, &c.PasswordHash, &changed, &demo, &secret, &enrolled, &lastStep, &codes, &failed, &locked)
	if err != nil {
		return Credentials{}, fail("credentials", err, msgNoCred)
	}
	c.PasswordChangedAt, c.DemoPassword, c.TOTPEnrolled = changed.UTC(), demo, enrolled
	c.TOTPLastStep, c.FailedCount, c.LockedUntil = lastStep, failed, fromNull(locked)
	if secret != "" {
		if c.TOTPSecret, err = q.unseal(secret, totpAD(id)); err != nil {
			return Credentials{}, err
		}
	}
	if codes != "" {
		c.RecoveryCodes = strings.Split(codes, ",")
	}
	return c, nil
}

// SetPassword sets the password hash of staff id (creating the row), and
// clears failures and any lock. demo marks a published demo password.
func (tx *Tx) SetPassword(ctx context.Context, id int64, hash string, at time.Time, demo bool) error {
	_, err := tx.tx.ExecContext(ctx,
		`INSERT INTO staff_credentials (staff_id, password_hash, password_changed_at, demo_password,
		   totp_enrolled, failed_count)
		 VALUES ($1, $2, $3, $4, $5, 0)
		 ON CONFLICT (staff_id) DO UPDATE SET password_hash = excluded.password_hash,
		   password_changed_at = excluded.password_changed_at, demo_password = excluded.demo_password,
		   failed_count = 0, locked_until = NULL`,
		id, hash, ts(at), demo, false)
	return fail("set password", err, "")
}

// AuthFailed counts one more failed sign-in step for staff id and returns
// the new count.
func (tx *Tx) AuthFailed(ctx context.Context, id int64) (int, error) {
	var n int
	err := tx.tx.QueryRowContext(ctx,
		`UPDATE staff_credentials SET failed_count = failed_count + 1 WHERE staff_id = $1
		 RETURNING failed_count`, id).Scan(&n)
	if err != nil {
		return 0, fail("auth failed", err, msgNoCred)
	}
	return n, nil
}

// LockStaff refuses sign-in for staff id until until.
func (tx *Tx) LockStaff(ctx context.Context, id int64, until time.Time) error {
	res, err := tx.tx.ExecContext(ctx,
		`UPDATE staff_credentials SET locked_until = $1 WHERE staff_id = $2`, nullTime(until), id)
	if err != nil {
		return fail("lock", err, "")
	}
	return affected(res, "lock", msgNoCred)
}

// AuthSucceeded clears the failure count and lock of staff id.
func (tx *Tx) AuthSucceeded(ctx context.Context, id int64) error {
	res, err := tx.tx.ExecContext(ctx,
		`UPDATE staff_credentials SET failed_count = 0, locked_until = NULL WHERE staff_id = $1`, id)
	if err != nil {
		return fail("auth ok", err, "")
	}
	return affected(res, "auth ok", msgNoCred)
}

// SetPendingTOTP stores a new, not yet confirmed TOTP secret for staff id.
func (tx *Tx) SetPendingTOTP(ctx context.Context, id int64, secret []byte) error {
	sealed, err := tx.q.seal(secret, totpAD(id))
	if err != nil {
		return err
	}
	res, err := tx.tx.ExecContext(ctx,
		`UPDATE staff_credentials SET totp_secret = $1, totp_enrolled = $2, totp_last_step = 0,
		   recovery_codes = '' WHERE staff_id = $3`, sealed, false, id)
	if err != nil {
		return fail("pending totp", err, "")
	}
	return affected(res, "pending totp", msgNoCred)
}

// EnrollTOTP confirms the pending secret of staff id: step is the time
// step of the code that confirmed it (so it cannot be used again), and
// recovery the hashes of fresh recovery codes.
func (tx *Tx) EnrollTOTP(ctx context.Context, id int64, step int64, recovery []string) error {
	res, err := tx.tx.ExecContext(ctx,
		`UPDATE staff_credentials SET totp_enrolled = $1, totp_last_step = $2, recovery_codes = $3
		 WHERE staff_id = $4 AND totp_secret <> ''`, true, step, strings.Join(recovery, ","), id)
	if err != nil {
		return fail("enroll totp", err, "")
	}
	return affected(res, "enroll totp", msgNoCred)
}

// ResetTOTP forgets the second factor of staff id: they enroll again at
// their next sign-in.
func (tx *Tx) ResetTOTP(ctx context.Context, id int64) error {
	res, err := tx.tx.ExecContext(ctx,
		`UPDATE staff_credentials SET totp_secret = '', totp_enrolled = $1, totp_last_step = 0,
		   recovery_codes = '' WHERE staff_id = $2`, false, id)
	if err != nil {
		return fail("reset totp", err, "")
	}
	return affected(res, "reset totp", msgNoCred)
}

// UseTOTPStep records that a code of time step was accepted for staff id.
// It reports false, changing nothing, when that step or a later one was
// already used: the guard is in the UPDATE, so two requests racing with
// the same code cannot both win.
func (tx *Tx) UseTOTPStep(ctx context.Context, id int64, step int64) (bool, error) {
	res, err := tx.tx.ExecContext(ctx,
		`UPDATE staff_credentials SET totp_last_step = $1 WHERE staff_id = $2 AND totp_last_step < $1`,
		step, id)
	if err != nil {
		return false, fail("use totp", err, "")
	}
	n, err := res.RowsAffected()
	return n == 1, fail("use totp", err, "")
}

// UseRecoveryCode removes hash from the unused recovery codes of staff id
// and reports whether it was there.
func (tx *Tx) UseRecoveryCode(ctx context.Context, id int64, hash string) (bool, error) {
	var codes string
	if err := tx.tx.QueryRowContext(ctx,
		`SELECT recovery_codes FROM staff_credentials WHERE staff_id = $1`, id).Scan(&codes); err != nil {
		return false, fail("recovery code", err, msgNoCred)
	}
	var left []string
	found := false
	for _, h := range strings.Split(codes, ",") {
		if h == "" {
			continue
		}
		if !found && h == hash {
			found = true
			continue
		}
		left = append(left, h)
	}
	if !found {
		return false, nil
	}
	_, err := tx.tx.ExecContext(ctx,
		`UPDATE staff_credentials SET recovery_codes = $1 WHERE staff_id = $2`, strings.Join(left, ","), id)
	return err == nil, fail("recovery code", err, "")
}

// DemoPasswords counts the staff still holding a published demo password.
func (s *Store) DemoPasswords(ctx context.Context) (int, error) {
	var n int
	err := s.read.QueryRowContext(ctx,
		`SELECT COUNT(*) FROM staff_credentials c JOIN staff s ON s.id = c.staff_id
		 WHERE c.demo_password = $1 AND s.active = $1`, true).Scan(&n)
	return n, fail("demo passwords", err, "")
}

// ---- sessions

// CreateSession stores a new session.
func (tx *Tx) CreateSession(ctx context.Context, ss Session) error {
	_, err := tx.tx.ExecContext(ctx,
		`INSERT INTO sessions (token_hash, staff_id, stage, created_at, last_seen_at, absolute_expiry, client)
		 VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		ss.TokenHash, ss.StaffID, ss.Stage, ts(ss.CreatedAt), ts(ss.LastSeenAt), ts(ss.AbsoluteExpiry), ss.Client)
	return fail("create session", err, "")
}

const sessionColumns = `token_hash, staff_id, stage, created_at, last_seen_at, absolute_expiry, client`

func scanSession(sc scanner) (Session, error) {
	var ss Session
	err := sc.Scan(&ss.TokenHash, &ss.StaffID, &ss.Stage, &ss.CreatedAt, &ss.LastSeenAt, &ss.AbsoluteExpiry, &ss.Client)
	ss.CreatedAt, ss.LastSeenAt, ss.AbsoluteExpiry = ss.CreatedAt.UTC(), ss.LastSeenAt.UTC(), ss.AbsoluteExpiry.UTC()
	return ss, err
}

// Session returns the session with the token hash; ENOTFOUND when there is
// none (ended, or never was).
func (s *Store) Session(ctx context.Context, tokenHash string) (Session, error) {
	ss, err := scanSession(s.read.QueryRowContext(ctx,
		`SELECT `+sessionColumns+` FROM sessions WHERE token_hash = $1`, tokenHash))
	if err != nil {
		return Session{}, fail("session", err, msgNoSess)
	}
	return ss, nil
}

// Session is Store.Session inside the transaction.
func (tx *Tx) Session(ctx context.Context, tokenHash string) (Session, error) {
	ss, err := scanSession(tx.tx.QueryRowContext(ctx,
		`SELECT `+sessionColumns+` FROM sessions WHERE token_hash = $1`, tokenHash))
	if err != nil {
		return Session{}, fail("session", err, msgNoSess)
	}
	return ss, nil
}

// TouchSession records activity on a session. It is a single statement
// outside any transaction (called on every signed-in page): never call it
// from inside InTx.
func (s *Store) TouchSession(ctx context.Context, tokenHash string, at time.Time) error {
	res, err := s.w().db.ExecContext(ctx,
		`UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2 AND last_seen_at < $1`, ts(at), tokenHash)
	if err != nil {
		return fail("touch session", err, "")
	}
	_, err = res.RowsAffected()
	return fail("touch session", err, "")
}

// DeleteSession ends one session; ending one already gone is not an error.
func (tx *Tx) DeleteSession(ctx context.Context, tokenHash string) error {
	_, err := tx.tx.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = $1`, tokenHash)
	return fail("delete session", err, "")
}

// DeleteStaffSessions ends every session of staff id and returns how many.
func (tx *Tx) DeleteStaffSessions(ctx context.Context, id int64) (int64, error) {
	res, err := tx.tx.ExecContext(ctx, `DELETE FROM sessions WHERE staff_id = $1`, id)
	if err != nil {
		return 0, fail("delete sessions", err, "")
	}
	n, err := res.RowsAffected()
	return n, fail("delete sessions", err, "")
}

// DeleteExpiredSessions removes sessions past their absolute expiry or idle
// since before idleBefore, and returns how many.
func (tx *Tx) DeleteExpiredSessions(ctx context.Context, now, idleBefore time.Time) (int64, error) {
	res, err := tx.tx.ExecContext(ctx,
		`DELETE FROM sessions WHERE absolute_expiry <= $1 OR last_seen_at < $2`, ts(now), ts(idleBefore))
	if err != nil {
		return 0, fail("expire sessions", err, "")
	}
	n, err := res.RowsAffected()
	return n, fail("expire sessions", err, "")
}

// StaffRecord returns the full record of staff id, active or not.
func (s *Store) StaffRecord(ctx context.Context, id int64) (StaffRecord, error) {
	r, err := scanStaff(s.read.QueryRowContext(ctx,
		`SELECT `+staffColumns+` FROM staff WHERE id = $1`, id))
	if err != nil {
		return StaffRecord{}, fail("staff", err, msgNoStaff)
	}
	return r, nil
}
