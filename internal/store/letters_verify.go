package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"strings"

	"mizban/internal/letters"
)

// A letter's verification page is /v/<token>: the token is random, drawn
// when the page is first needed, and tells nothing of the letter (not its
// number, not its request), so the QR code printed on a letter opens that
// letter's page and guessing finds none (31¹⁶ ≈ 7·10²³ tokens).

// VerifyTokenLen is the length of a letter's verification token.
const VerifyTokenLen = 16

func newVerifyToken() string {
	const limit = 256 - 256%len(linkAlphabet)
	out := make([]byte, 0, VerifyTokenLen)
	buf := make([]byte, 2*VerifyTokenLen)
	for len(out) < VerifyTokenLen {
		rand.Read(buf) // never fails (crypto/rand, Go 1.24+)
		for _, b := range buf {
			if int(b) < limit && len(out) < VerifyTokenLen {
				out = append(out, linkAlphabet[int(b)%len(linkAlphabet)])
			}
		}
	}
	return string(out)
}

// ValidVerifyToken returns token in its stored form and whether it can be
// a verification token at all.
func ValidVerifyToken(token string) (string, bool) {
	token = strings.ToLower(strings.TrimSpace(token))
	if len(token) != VerifyTokenLen {
		return token, false
	}
	for _, c := range []byte(token) {
		if strings.IndexByte(linkAlphabet, c) < 0 {
			return token, false
		}
	}
	return token, true
}

// LetterVerifyToken returns the verification token of letter id, drawing
// one in this transaction if it has none. A drawn token already taken is
// drawn again; the NOT EXISTS keeps the clash from failing the statement.
func (tx *Tx) LetterVerifyToken(ctx context.Context, id int64) (string, error) {
	for range 5 {
		var token sql.NullString
		err := tx.tx.QueryRowContext(ctx, `SELECT verify_token FROM letters WHERE id = $1`, id).Scan(&token)
		if err != nil {
			return "", fail("letter token", err, msgNoLetter)
		}
		if token.String != "" {
			return token.String, nil
		}
		if _, err := tx.tx.ExecContext(ctx,
			`UPDATE letters SET verify_token = $1
			 WHERE id = $2 AND verify_token IS NULL
			   AND NOT EXISTS (SELECT 1 FROM letters o WHERE o.verify_token = $1)`,
			newVerifyToken(), id); err != nil {
			return "", fail("letter token", err, "")
		}
	}
	return "", errors.New("store: letter token: no free token after 5 draws")
}

// LetterToken returns the verification token of letter id, "" when it has
// none.
func (s *Store) LetterToken(ctx context.Context, id int64) (string, error) {
	var token sql.NullString
	err := s.read.QueryRowContext(ctx, `SELECT verify_token FROM letters WHERE id = $1`, id).Scan(&token)
	return token.String, fail("letter token", err, msgNoLetter)
}

// LetterByToken finds the letter of a verification page (ENOTFOUND for a
// token that is not one).
func (s *Store) LetterByToken(ctx context.Context, token string) (letters.Letter, error) {
	token, ok := ValidVerifyToken(token)
	if !ok {
		return letters.Letter{}, notFound(msgNoLetter)
	}
	return s.r().letter(ctx, `verify_token = $1`, token)
}
