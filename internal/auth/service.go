package auth

import (
	"context"
	"strconv"
	"sync"
	"time"

	"mizban/internal/audit"
	"mizban/internal/desk"
	"mizban/internal/store"
)

// Timeouts of a session.
const (
	IdleTimeout     = 30 * time.Minute
	AbsoluteTimeout = 12 * time.Hour
	PendingTimeout  = 10 * time.Minute // between the password and the second factor
	touchEvery      = time.Minute      // coarser than this, a page view writes nothing
)

// Messages of signing in.
const (
	MsgSignInFailed  = "نام کاربری یا گذرواژه درست نیست."
	MsgLocked        = "به‌دلیل چند تلاش نادرست پیاپی، ورود به این حساب برای مدتی بسته شده است؛ کمی بعد دوباره تلاش کنید یا با مدیر سامانه تماس بگیرید."
	MsgClientLimited = "تلاش‌های نادرست از این نشانی بیش از حد مجاز است؛ لطفاً ۱۵ دقیقه دیگر دوباره تلاش کنید."
	MsgCodeWrong     = "کد درست نیست؛ کد تازه‌ای را که برنامه تأیید هویت نشان می‌دهد وارد کنید."
	MsgCodeUsed      = "این کد پیش‌تر به کار رفته است؛ صبر کنید تا برنامه کد تازه‌ای نشان دهد."
	MsgSessionOver   = "نشست ورود شما به پایان رسیده است؛ لطفاً دوباره وارد شوید."
	MsgWrongCurrent  = "گذرواژه کنونی درست نیست."
)

// Audit actions of this package.
const (
	ActSignIn       = "auth.sign_in"         // a full sign-in, or a failed step of one
	ActPassword     = "auth.password"        // the password step passed; second factor pending
	ActLockout      = "auth.lockout"         // an account was locked
	ActSignOut      = "auth.sign_out"        // the person signed out
	ActEnroll       = "auth.totp_enroll"     // a second factor was enrolled
	ActRecoveryUsed = "auth.recovery_used"   // a recovery code was spent
	ActPasswordSet  = "auth.password_change" // a password was changed or reset
	ActTOTPReset    = "auth.totp_reset"
	ActStaffCreate  = "staff.create"
	ActStaffRoles   = "staff.roles"
	ActStaffUnits   = "staff.units"
	ActStaffDisable = "staff.disable"
	ActStaffEnable  = "staff.enable"
	ActDenied       = "access.denied"
	ActUnitCreate   = "unit.create"
)

// Service runs the sign-in use cases against the store.
type Service struct {
	Store   *store.Store
	Now     func() time.Time
	Issuer  string // the name authenticator apps show
	Params  Params // costs of new password hashes
	Clients *ClientLimiter

	hashing chan struct{} // bounds concurrent argon2 runs (memory)
	dummy   struct {
		once sync.Once
		hash string
	}
}

// New returns a Service with the default costs and limits.
func New(st *store.Store, issuer string) *Service {
	if issuer == "" {
		issuer = "Mizban"
	}
	return &Service{
		Store: st, Now: time.Now, Issuer: issuer, Params: DefaultParams,
		Clients: NewClientLimiter(30, 15*time.Minute),
		hashing: make(chan struct{}, 2),
	}
}

func (a *Service) now() time.Time { return a.Now().UTC() }

func (a *Service) hash(password string, p Params) (string, error) {
	a.hashing <- struct{}{}
	defer func() { <-a.hashing }()
	return HashPassword(password, p)
}

func (a *Service) verify(encoded, password string) (bool, error) {
	a.hashing <- struct{}{}
	defer func() { <-a.hashing }()
	return VerifyPassword(encoded, password)
}

// dummyHash is verified against when the username is unknown, so an
// unknown name takes as long to refuse as a wrong password.
func (a *Service) dummyHash() string {
	a.dummy.once.Do(func() { a.dummy.hash, _ = HashPassword("not a password of anyone", a.Params) })
	return a.dummy.hash
}

func label(id int64) string { return "staff:" + strconv.FormatInt(id, 10) }

func errUnauthorized(msg string) error { return &desk.Error{Code: desk.EUNAUTHORIZED, Message: msg} }

// Step is where a sign-in stands: a session token for the cookie and the
// stage it is at (store.StageTOTP, store.StageEnroll or store.StageOK).
type Step struct {
	Token   string
	Stage   string
	Expires time.Time
	// Recovery holds the fresh recovery codes after enrollment, to be shown
	// once.
	Recovery []string
}

// SignIn checks a username and password. On success it opens a pending
// session waiting for the second factor (or its enrollment). Every failure
// gives the same message, whatever was wrong.
func (a *Service) SignIn(ctx context.Context, username, password, client string) (Step, error) {
	now := a.now()
	if a.Clients.Blocked(client, now) {
		return Step{}, a.refuseClient(ctx, "", client, now)
	}
	rec, err := a.Store.StaffByUsername(ctx, NormalizeUsername(username))
	known := err == nil
	if err != nil && desk.ErrorCode(err) != desk.ENOTFOUND {
		return Step{}, err
	}
	var cred store.Credentials
	if known {
		cred, err = a.Store.Credentials(ctx, rec.ID)
		if desk.ErrorCode(err) == desk.ENOTFOUND {
			known = false // no password was ever set: nobody can sign in as them
		} else if err != nil {
			return Step{}, err
		}
	}
	if known && cred.LockedUntil.After(now) {
		a.Clients.Fail(client, now)
		err := a.Store.InTx(ctx, func(tx *store.Tx) error {
			return tx.AppendAudit(ctx, &audit.Record{At: now, Actor: "anonymous", Action: ActSignIn,
				Target: label(rec.ID), Result: audit.Denied, Client: client, Details: "locked"})
		})
		if err != nil {
			return Step{}, err
		}
		return Step{}, &desk.Error{Code: desk.EFORBIDDEN, Message: MsgLocked}
	}
	encoded := a.dummyHash()
	if known {
		encoded = cred.PasswordHash
	}
	ok, err := a.verify(encoded, password)
	if err != nil {
		return Step{}, err
	}
	if !known || !ok || !rec.Active {
		a.Clients.Fail(client, now)
		err := a.Store.InTx(ctx, func(tx *store.Tx) error {
			r := &audit.Record{At: now, Actor: "anonymous", Action: ActSignIn, Result: audit.Failed,
				Client: client, Details: "unknown username"}
			switch {
			case known && ok: // the right password of a disabled account
				r.Target, r.Result, r.Details = label(rec.ID), audit.Denied, "inactive"
			case known:
				r.Target, r.Details = label(rec.ID), "password"
				if err := tx.AppendAudit(ctx, r); err != nil {
					return err
				}
				return a.countFailure(ctx, tx, rec.ID, client, now)
			}
			return tx.AppendAudit(ctx, r)
		})
		if err != nil {
			return Step{}, err
		}
		return Step{}, &desk.Error{Code: desk.EUNAUTHORIZED, Message: MsgSignInFailed,
			Fields: map[string]string{"username": MsgSignInFailed}, Order: []string{"username"}}
	}
	stage := store.StageTOTP
	if !cred.TOTPEnrolled {
		stage = store.StageEnroll
	}
	token, hash, err := NewToken()
	if err != nil {
		return Step{}, err
	}
	exp := now.Add(PendingTimeout)
	err = a.Store.InTx(ctx, func(tx *store.Tx) error {
		if _, err := tx.DeleteExpiredSessions(ctx, now, now.Add(-IdleTimeout)); err != nil {
			return err
		}
		if err := tx.CreateSession(ctx, store.Session{TokenHash: hash, StaffID: rec.ID, Stage: stage,
			CreatedAt: now, LastSeenAt: now, AbsoluteExpiry: exp, Client: client}); err != nil {
			return err
		}
		return tx.AppendAudit(ctx, &audit.Record{At: now, Actor: label(rec.ID), Action: ActPassword,
			Target: label(rec.ID), Result: audit.OK, Client: client, Details: "next: " + stage})
	})
	if err != nil {
		return Step{}, err
	}
	return Step{Token: token, Stage: stage, Expires: exp}, nil
}

// countFailure counts a failed step of staff id and locks the account when
// it reaches the threshold, auditing the lock.
func (a *Service) countFailure(ctx context.Context, tx *store.Tx, id int64, client string, now time.Time) error {
	n, err := tx.AuthFailed(ctx, id)
	if err != nil {
		return err
	}
	d := LockFor(n)
	if d == 0 {
		return nil
	}
	if err := tx.LockStaff(ctx, id, now.Add(d)); err != nil {
		return err
	}
	if _, err := tx.DeleteStaffSessions(ctx, id); err != nil {
		return err
	}
	return tx.AppendAudit(ctx, &audit.Record{At: now, Actor: "system", Action: ActLockout, Target: label(id),
		Result: audit.OK, Client: client,
		Details: "failures: " + strconv.Itoa(n) + "; minutes: " + strconv.Itoa(int(d/time.Minute))})
}

func (a *Service) refuseClient(ctx context.Context, target, client string, now time.Time) error {
	err := a.Store.InTx(ctx, func(tx *store.Tx) error {
		return tx.AppendAudit(ctx, &audit.Record{At: now, Actor: "anonymous", Action: ActSignIn, Target: target,
			Result: audit.Denied, Client: client, Details: "client limit"})
	})
	if err != nil {
		return err
	}
	return &desk.Error{Code: desk.ERATELIMIT, Message: MsgClientLimited}
}

// Pending returns the session of token while it waits for stage.
func (a *Service) Pending(ctx context.Context, token, stage string) (store.Session, error) {
	if token == "" {
		return store.Session{}, errUnauthorized(MsgSessionOver)
	}
	ss, err := a.Store.Session(ctx, HashToken(token))
	if err != nil || ss.Stage != stage || !a.now().Before(ss.AbsoluteExpiry) {
		return store.Session{}, errUnauthorized(MsgSessionOver)
	}
	return ss, nil
}

// SecondFactor finishes a sign-in with a TOTP code or a recovery code. On
// success the pending session is replaced by a new one (a new token).
func (a *Service) SecondFactor(ctx context.Context, token, code, client string) (Step, error) {
	now := a.now()
	ss, err := a.Pending(ctx, token, store.StageTOTP)
	if err != nil {
		return Step{}, err
	}
	if a.Clients.Blocked(client, now) {
		return Step{}, a.refuseClient(ctx, label(ss.StaffID), client, now)
	}
	cred, err := a.Store.Credentials(ctx, ss.StaffID)
	if err != nil {
		return Step{}, err
	}
	recovery := LooksLikeRecoveryCode(code)
	return a.finish(ctx, ss, client, now, func(tx *store.Tx) (string, error) {
		if recovery {
			ok, err := tx.UseRecoveryCode(ctx, ss.StaffID, HashRecoveryCode(code))
			if err != nil || !ok {
				return "recovery code", err
			}
			left := len(cred.RecoveryCodes) - 1
			return "", tx.AppendAudit(ctx, &audit.Record{At: now, Actor: label(ss.StaffID), Action: ActRecoveryUsed,
				Target: label(ss.StaffID), Result: audit.OK, Client: client, Details: "left: " + strconv.Itoa(left)})
		}
		step, ok := VerifyTOTP(cred.TOTPSecret, code, now, cred.TOTPLastStep)
		if !ok {
			if step >= 0 {
				return "replay", nil
			}
			return "totp", nil
		}
		if ok, err := tx.UseTOTPStep(ctx, ss.StaffID, step); err != nil || !ok {
			return "replay", err // another request spent this step first
		}
		return "", nil
	}, nil)
}

// Enrollment is what the enrollment page shows.
type Enrollment struct {
	Secret  []byte
	Account string // the username, as the authenticator app lists it
	URI     string // otpauth:// for the QR code
}

// EnrollStart returns the pending second-factor secret of the session's
// person, making one the first time.
func (a *Service) EnrollStart(ctx context.Context, token string) (Enrollment, error) {
	ss, err := a.Pending(ctx, token, store.StageEnroll)
	if err != nil {
		return Enrollment{}, err
	}
	rec, err := a.Store.StaffRecord(ctx, ss.StaffID)
	if err != nil {
		return Enrollment{}, err
	}
	cred, err := a.Store.Credentials(ctx, ss.StaffID)
	if err != nil {
		return Enrollment{}, err
	}
	if cred.TOTPEnrolled { // enrolled meanwhile, in another tab
		return Enrollment{}, errUnauthorized(MsgSessionOver)
	}
	secret := cred.TOTPSecret
	if secret == nil {
		if secret, err = NewTOTPSecret(); err != nil {
			return Enrollment{}, err
		}
		if err := a.Store.InTx(ctx, func(tx *store.Tx) error { return tx.SetPendingTOTP(ctx, ss.StaffID, secret) }); err != nil {
			return Enrollment{}, err
		}
	}
	return Enrollment{Secret: secret, Account: rec.Username, URI: OTPAuthURI(a.Issuer, rec.Username, secret)}, nil
}

// EnrollConfirm enrolls the pending secret when code matches it, signs the
// person in, and returns ten fresh recovery codes in the Step, to be shown
// once.
func (a *Service) EnrollConfirm(ctx context.Context, token, code, client string) (Step, error) {
	now := a.now()
	ss, err := a.Pending(ctx, token, store.StageEnroll)
	if err != nil {
		return Step{}, err
	}
	if a.Clients.Blocked(client, now) {
		return Step{}, a.refuseClient(ctx, label(ss.StaffID), client, now)
	}
	cred, err := a.Store.Credentials(ctx, ss.StaffID)
	if err != nil {
		return Step{}, err
	}
	if cred.TOTPSecret == nil || cred.TOTPEnrolled {
		return Step{}, errUnauthorized(MsgSessionOver)
	}
	codes, hashes, err := NewRecoveryCodes()
	if err != nil {
		return Step{}, err
	}
	return a.finish(ctx, ss, client, now, func(tx *store.Tx) (string, error) {
		step, ok := VerifyTOTP(cred.TOTPSecret, code, now, cred.TOTPLastStep)
		if !ok {
			return "enroll totp", nil
		}
		if err := tx.EnrollTOTP(ctx, ss.StaffID, step, hashes); err != nil {
			return "", err
		}
		return "", tx.AppendAudit(ctx, &audit.Record{At: now, Actor: label(ss.StaffID), Action: ActEnroll,
			Target: label(ss.StaffID), Result: audit.OK, Client: client})
	}, codes)
}

// finish runs check (which returns what failed, "" when the second factor
// passed) in one transaction with its consequences: on failure the count,
// a possible lock and the audit record; on success the session renewed.
func (a *Service) finish(ctx context.Context, ss store.Session, client string, now time.Time,
	check func(tx *store.Tx) (string, error), recovery []string) (Step, error) {
	token, hash, err := NewToken()
	if err != nil {
		return Step{}, err
	}
	var failed string
	locked := false
	err = a.Store.InTx(ctx, func(tx *store.Tx) error {
		if _, err := tx.Actor(ctx, ss.StaffID); err != nil {
			return err // disabled meanwhile
		}
		var err error
		if failed, err = check(tx); err != nil {
			return err
		}
		if failed != "" {
			if err := tx.AppendAudit(ctx, &audit.Record{At: now, Actor: "anonymous", Action: ActSignIn,
				Target: label(ss.StaffID), Result: audit.Failed, Client: client, Details: failed}); err != nil {
				return err
			}
			if err := a.countFailure(ctx, tx, ss.StaffID, client, now); err != nil {
				return err
			}
			c, err := tx.Credentials(ctx, ss.StaffID)
			if err != nil {
				return err
			}
			locked = c.LockedUntil.After(now)
			return nil
		}
		if err := tx.AuthSucceeded(ctx, ss.StaffID); err != nil {
			return err
		}
		if err := tx.DeleteSession(ctx, ss.TokenHash); err != nil {
			return err
		}
		if err := tx.CreateSession(ctx, store.Session{TokenHash: hash, StaffID: ss.StaffID, Stage: store.StageOK,
			CreatedAt: now, LastSeenAt: now, AbsoluteExpiry: now.Add(AbsoluteTimeout), Client: client}); err != nil {
			return err
		}
		return tx.AppendAudit(ctx, &audit.Record{At: now, Actor: label(ss.StaffID), Action: ActSignIn,
			Target: label(ss.StaffID), Result: audit.OK, Client: client})
	})
	if err != nil {
		return Step{}, err
	}
	if failed != "" {
		a.Clients.Fail(client, now)
		msg := MsgCodeWrong
		switch {
		case locked:
			return Step{}, &desk.Error{Code: desk.EFORBIDDEN, Message: MsgLocked}
		case failed == "replay":
			msg = MsgCodeUsed
		}
		return Step{}, &desk.Error{Code: desk.EINVALID, Message: msg,
			Fields: map[string]string{"code": msg}, Order: []string{"code"}}
	}
	return Step{Token: token, Stage: store.StageOK, Expires: now.Add(AbsoluteTimeout), Recovery: recovery}, nil
}

// Session returns the signed-in person of token, and records the activity.
// A session past its idle or absolute timeout, or of a person since
// disabled, is EUNAUTHORIZED.
func (a *Service) Session(ctx context.Context, token string) (desk.Actor, error) {
	if token == "" {
		return desk.Actor{}, errUnauthorized(MsgSessionOver)
	}
	now := a.now()
	hash := HashToken(token)
	ss, err := a.Store.Session(ctx, hash)
	if err != nil {
		return desk.Actor{}, errUnauthorized(MsgSessionOver)
	}
	if ss.Stage != store.StageOK || !now.Before(ss.AbsoluteExpiry) || now.Sub(ss.LastSeenAt) >= IdleTimeout {
		return desk.Actor{}, errUnauthorized(MsgSessionOver)
	}
	act, err := a.Store.Actor(ctx, ss.StaffID)
	if err != nil {
		return desk.Actor{}, err
	}
	if now.Sub(ss.LastSeenAt) >= touchEvery {
		if err := a.Store.TouchSession(ctx, hash, now); err != nil {
			return desk.Actor{}, err
		}
	}
	return act, nil
}

// SignOut ends the session of token (any stage). Signing out of a session
// already gone is not an error.
func (a *Service) SignOut(ctx context.Context, token, client string) error {
	if token == "" {
		return nil
	}
	hash := HashToken(token)
	ss, err := a.Store.Session(ctx, hash)
	if desk.ErrorCode(err) == desk.ENOTFOUND {
		return nil
	}
	if err != nil {
		return err
	}
	now := a.now()
	return a.Store.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.DeleteSession(ctx, hash); err != nil {
			return err
		}
		return tx.AppendAudit(ctx, &audit.Record{At: now, Actor: label(ss.StaffID), Action: ActSignOut,
			Target: label(ss.StaffID), Result: audit.OK, Client: client, Details: ss.Stage})
	})
}

// ChangeOwnPassword lets the signed-in person of token change their
// password. Every session of theirs ends, this one included: they sign in
// again with the new password.
func (a *Service) ChangeOwnPassword(ctx context.Context, token, current, next, client string) error {
	act, err := a.Session(ctx, token)
	if err != nil {
		return err
	}
	now := a.now()
	if a.Clients.Blocked(client, now) {
		return a.refuseClient(ctx, act.Label(), client, now)
	}
	rec, err := a.Store.StaffRecord(ctx, act.StaffID)
	if err != nil {
		return err
	}
	cred, err := a.Store.Credentials(ctx, act.StaffID)
	if err != nil {
		return err
	}
	ok, err := a.verify(cred.PasswordHash, current)
	if err != nil {
		return err
	}
	if !ok {
		a.Clients.Fail(client, now)
		err := a.Store.InTx(ctx, func(tx *store.Tx) error {
			if err := tx.AppendAudit(ctx, &audit.Record{At: now, Actor: act.Label(), Action: ActPasswordSet,
				Target: act.Label(), Result: audit.Failed, Client: client, Details: "current password"}); err != nil {
				return err
			}
			return a.countFailure(ctx, tx, act.StaffID, client, now)
		})
		if err != nil {
			return err
		}
		return &desk.Error{Code: desk.EINVALID, Message: MsgWrongCurrent,
			Fields: map[string]string{"current": MsgWrongCurrent}, Order: []string{"current"}}
	}
	return a.setPassword(ctx, act.Label(), client, rec, next, false)
}

// setPassword checks next against the policy (unless demo), stores it and
// ends every session of the person, in one audited transaction.
func (a *Service) setPassword(ctx context.Context, by, client string, rec store.StaffRecord, next string, demo bool) error {
	if !demo {
		if err := CheckPassword(next, rec.Username); err != nil {
			return err
		}
	}
	h, err := a.hash(next, a.Params)
	if err != nil {
		return err
	}
	now := a.now()
	return a.Store.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.SetPassword(ctx, rec.ID, h, now, demo); err != nil {
			return err
		}
		n, err := tx.DeleteStaffSessions(ctx, rec.ID)
		if err != nil {
			return err
		}
		return tx.AppendAudit(ctx, &audit.Record{At: now, Actor: by, Action: ActPasswordSet, Target: label(rec.ID),
			Result: audit.OK, Client: client, Details: "sessions ended: " + strconv.FormatInt(n, 10)})
	})
}

// Denied records that actor was refused what (a route or an action).
func (a *Service) Denied(ctx context.Context, actor desk.Actor, what, client string) error {
	now := a.now()
	return a.Store.InTx(ctx, func(tx *store.Tx) error {
		return tx.AppendAudit(ctx, &audit.Record{At: now, Actor: actor.Label(), Action: ActDenied, Target: what,
			Result: audit.Denied, Client: client})
	})
}
