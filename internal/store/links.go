package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"fmt"
	"strings"

	"mizban/internal/desk"
)

// A request's short link is <host>/t/<token>: the token is random, drawn
// at registration, and tells nothing (not the tracking code, not the
// service) to whoever sees the SMS or guesses at links.

// LinkTokenLen is the length of a link token: 31⁸ ≈ 8.5·10¹¹ tokens, and
// the page behind one still asks for the mobile number.
const LinkTokenLen = 8

// linkAlphabet leaves out what a citizen typing a link from an SMS could
// misread: 0/o, 1/l/i. Lower case only, so a phone's capitalisation does
// not matter (ValidLinkToken folds it).
const linkAlphabet = "23456789abcdefghjkmnpqrstuvwxyz"

// newLinkToken draws a token with crypto/rand, without modulo bias: bytes
// at or above the largest multiple of the alphabet's size are drawn again.
func newLinkToken() string {
	const limit = 256 - 256%len(linkAlphabet)
	out := make([]byte, 0, LinkTokenLen)
	buf := make([]byte, 2*LinkTokenLen)
	for len(out) < LinkTokenLen {
		rand.Read(buf) // never fails (crypto/rand, Go 1.24+)
		for _, b := range buf {
			if int(b) < limit && len(out) < LinkTokenLen {
				out = append(out, linkAlphabet[int(b)%len(linkAlphabet)])
			}
		}
	}
	return string(out)
}

// ValidLinkToken returns token in its stored form (lower case, spaces
// trimmed) and whether it can be a link token at all.
func ValidLinkToken(token string) (string, bool) {
	token = strings.ToLower(strings.TrimSpace(token))
	if len(token) != LinkTokenLen {
		return token, false
	}
	for _, c := range []byte(token) {
		if strings.IndexByte(linkAlphabet, c) < 0 {
			return token, false
		}
	}
	return token, true
}

// LinkToken returns the link token of request id. A request registered
// before link tokens existed (migration 00008 leaves it NULL: portable SQL
// cannot draw random tokens) gets one now, in this transaction, so the
// first message that needs it carries it. A drawn token already taken is
// drawn again; the NOT EXISTS keeps the clash from failing the statement,
// which would abort the whole transaction on PostgreSQL.
func (tx *Tx) LinkToken(ctx context.Context, id int64) (string, error) {
	for range 5 {
		var token sql.NullString
		err := tx.tx.QueryRowContext(ctx, `SELECT link_token FROM requests WHERE id = $1`, id).Scan(&token)
		if err != nil {
			return "", fail("link token", err, msgNoRequest)
		}
		if token.String != "" {
			return token.String, nil
		}
		// A concurrent transaction filling the same row first leaves
		// this UPDATE with no row; the next round reads its token.
		if _, err := tx.tx.ExecContext(ctx,
			`UPDATE requests SET link_token = $1
			 WHERE id = $2 AND link_token IS NULL
			   AND NOT EXISTS (SELECT 1 FROM requests o WHERE o.link_token = $1)`,
			newLinkToken(), id); err != nil {
			return "", fail("link token", err, "")
		}
	}
	return "", fmt.Errorf("store: link token: request %d: no free token after 5 draws", id)
}

// RequestByLinkToken returns the request whose short link carries token.
// A token that is malformed or unknown is ENOTFOUND alike.
func (s *Store) RequestByLinkToken(ctx context.Context, token string) (desk.Request, error) {
	token, ok := ValidLinkToken(token)
	if !ok {
		return desk.Request{}, notFound(msgNoRequest)
	}
	return s.r().request(ctx, `link_token = $1`, token)
}
