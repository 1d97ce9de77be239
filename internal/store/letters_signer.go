package store

import (
	"context"
	"database/sql"
	"strings"
	"unicode/utf8"

	"mizban/internal/desk"
)

// A letter signed outside Mizban (a reply the agency's automation
// registered and signed) has no staff row for its signer: its signer is
// kept as the automation names them, in letters.signer_name.

// MaxSignerName bounds an external signer's name and title, in characters.
const MaxSignerName = 200

const msgSignerLong = "نام و سمت امضاکننده باید حداکثر ۲۰۰ نویسه باشد."

// SetLetterSignerName records the external signer of letter id, in the
// transaction that registered it.
func (tx *Tx) SetLetterSignerName(ctx context.Context, id int64, name string) error {
	name = strings.TrimSpace(cleanText(name))
	if utf8.RuneCountInString(name) > MaxSignerName {
		return &desk.Error{Code: desk.EINVALID, Message: msgSignerLong,
			Fields: map[string]string{"signer": msgSignerLong}, Order: []string{"signer"}}
	}
	res, err := tx.tx.ExecContext(ctx, `UPDATE letters SET signer_name = $1 WHERE id = $2`, nullString(name), id)
	if err != nil {
		return fail("letter signer", err, "")
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return notFound(msgNoLetter)
	}
	return nil
}

// LetterSignerName returns the external signer of letter id, "" when it
// has none (it was signed in Mizban, or not yet).
func (s *Store) LetterSignerName(ctx context.Context, id int64) (string, error) {
	var name sql.NullString
	err := s.read.QueryRowContext(ctx, `SELECT signer_name FROM letters WHERE id = $1`, id).Scan(&name)
	return name.String, fail("letter signer", err, msgNoLetter)
}
