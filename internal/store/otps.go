package store

import (
	"context"
	"database/sql"
	"time"
)

// OTP is a one-time code sent by SMS. Only its hash is kept.
type OTP struct {
	ID        int64
	Purpose   string // what it confirms, e.g. "submit"
	Subject   string // what it is about, e.g. a draft id
	MobileIdx string // blind index of the mobile it went to
	Client    string // client key (e.g. an IP hash) for rate limits
	CodeHash  string
	CreatedAt time.Time
	ExpiresAt time.Time
	Tries     int
	UsedAt    time.Time // zero while unused
}

// CreateOTP records o and sets o.ID.
func (tx *Tx) CreateOTP(ctx context.Context, o *OTP) error {
	err := tx.tx.QueryRowContext(ctx,
		`INSERT INTO otps (purpose, subject, mobile_idx, client, code_hash, created_at, expires_at,
		   tries, used_at)
		 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
		o.Purpose, o.Subject, o.MobileIdx, o.Client, o.CodeHash, ts(o.CreatedAt), ts(o.ExpiresAt),
		o.Tries, nullTime(o.UsedAt)).Scan(&o.ID)
	return fail("create otp", err, "")
}

// LatestOTP returns the newest code for purpose and subject.
func (s *Store) LatestOTP(ctx context.Context, purpose, subject string) (OTP, error) {
	return s.r().latestOTP(ctx, purpose, subject)
}

// LatestOTP is Store.LatestOTP inside the transaction.
func (tx *Tx) LatestOTP(ctx context.Context, purpose, subject string) (OTP, error) {
	return tx.q.latestOTP(ctx, purpose, subject)
}

func (q conn) latestOTP(ctx context.Context, purpose, subject string) (OTP, error) {
	var (
		o    OTP
		used sql.NullTime
	)
	err := q.db.QueryRowContext(ctx,
		`SELECT id, purpose, subject, mobile_idx, client, code_hash, created_at, expires_at,
		   tries, used_at
		 FROM otps WHERE purpose = $1 AND subject = $2
		 ORDER BY created_at DESC, id DESC LIMIT 1`, purpose, subject).
		Scan(&o.ID, &o.Purpose, &o.Subject, &o.MobileIdx, &o.Client, &o.CodeHash, &o.CreatedAt,
			&o.ExpiresAt, &o.Tries, &used)
	if err != nil {
		return OTP{}, fail("latest otp", err, msgNoOTP)
	}
	o.CreatedAt, o.ExpiresAt, o.UsedAt = o.CreatedAt.UTC(), o.ExpiresAt.UTC(), fromNull(used)
	return o, nil
}

// OTPTry counts one more guess at code id and returns the new count.
func (tx *Tx) OTPTry(ctx context.Context, id int64) (int, error) {
	var n int
	err := tx.tx.QueryRowContext(ctx,
		`UPDATE otps SET tries = tries + 1 WHERE id = $1 RETURNING tries`, id).Scan(&n)
	if err != nil {
		return 0, fail("otp try", err, msgNoOTP)
	}
	return n, nil
}

// OTPUse marks code id used at at.
func (tx *Tx) OTPUse(ctx context.Context, id int64, at time.Time) error {
	res, err := tx.tx.ExecContext(ctx, `UPDATE otps SET used_at = $1 WHERE id = $2`, ts(at), id)
	if err != nil {
		return fail("otp use", err, "")
	}
	return affected(res, "otp use", msgNoOTP)
}

// CountOTPs counts codes created since since for a mobile and for a client,
// for rate limits.
func (s *Store) CountOTPs(ctx context.Context, mobileIdx, client string, since time.Time) (byMobile, byClient int, err error) {
	err = s.read.QueryRowContext(ctx,
		`SELECT
		   (SELECT COUNT(*) FROM otps WHERE mobile_idx = $1 AND created_at >= $3),
		   (SELECT COUNT(*) FROM otps WHERE client = $2 AND created_at >= $3)`,
		mobileIdx, client, ts(since)).Scan(&byMobile, &byClient)
	if err != nil {
		return 0, 0, fail("count otps", err, "")
	}
	return byMobile, byClient, nil
}
