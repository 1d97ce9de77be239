package store

import "context"

// CopyTOTPSecret copies the sealed TOTP secret of one person's row into
// another's, as an attacker with write access to the database might.
func CopyTOTPSecret(ctx context.Context, s *Store, from, to int64) error {
	_, err := s.write.ExecContext(ctx,
		`UPDATE staff_credentials SET totp_secret = (SELECT totp_secret FROM staff_credentials WHERE staff_id = $1)
		 WHERE staff_id = $2`, from, to)
	return err
}
