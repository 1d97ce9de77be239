package store

import (
	"context"

	"mizban/internal/desk"
	"mizban/internal/letters"
)

const (
	msgNoSecretariat    = "دبیرخانه‌ای با این کد پیدا نشد."
	msgSecretariatTaken = "دبیرخانه‌ای با این کد پیش‌تر ساخته شده است؛ کد دیگری بنویسید."
)

// CreateSecretariat cleans and checks s (letters.Secretariat.Clean, so the
// formats are stored in their canonical text) and stores it, active or
// not as s says. A code already in use is ECONFLICT on the code field.
func (tx *Tx) CreateSecretariat(ctx context.Context, s *letters.Secretariat) error {
	if err := s.Clean(); err != nil {
		return err
	}
	// ON CONFLICT keeps a PostgreSQL transaction usable after a taken code.
	res, err := tx.tx.ExecContext(ctx,
		`INSERT INTO secretariats (code, name, incoming_format, outgoing_format, internal_format, active)
		 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (code) DO NOTHING`,
		s.Code, s.Name, s.IncomingFormat, s.OutgoingFormat, s.InternalFormat, s.Active)
	if err != nil {
		return fail("create secretariat", err, "")
	}
	if n, err := res.RowsAffected(); err != nil {
		return fail("create secretariat", err, "")
	} else if n == 0 {
		return &desk.Error{Code: desk.ECONFLICT, Message: msgSecretariatTaken,
			Fields: map[string]string{"code": msgSecretariatTaken}, Order: []string{"code"}}
	}
	return nil
}

const secretariatColumns = `code, name, incoming_format, outgoing_format, internal_format, active`

func scanSecretariat(sc scanner) (letters.Secretariat, error) {
	var s letters.Secretariat
	err := sc.Scan(&s.Code, &s.Name, &s.IncomingFormat, &s.OutgoingFormat, &s.InternalFormat, &s.Active)
	return s, err
}

func (q conn) secretariat(ctx context.Context, code string) (letters.Secretariat, error) {
	s, err := scanSecretariat(q.db.QueryRowContext(ctx,
		`SELECT `+secretariatColumns+` FROM secretariats WHERE code = $1`, letters.CleanCode(code)))
	return s, fail("secretariat", err, msgNoSecretariat)
}

// Secretariat returns the secretariat with code (Persian digits allowed).
func (s *Store) Secretariat(ctx context.Context, code string) (letters.Secretariat, error) {
	return s.r().secretariat(ctx, code)
}

// Secretariats lists every secretariat, active or not, by code.
func (s *Store) Secretariats(ctx context.Context) ([]letters.Secretariat, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT `+secretariatColumns+` FROM secretariats ORDER BY code`)
	if err != nil {
		return nil, fail("secretariats", err, "")
	}
	defer rows.Close()
	var out []letters.Secretariat
	for rows.Next() {
		sec, err := scanSecretariat(rows)
		if err != nil {
			return nil, fail("secretariats", err, "")
		}
		out = append(out, sec)
	}
	return out, fail("secretariats", rows.Err(), "")
}

// SetSecretariatActive switches a secretariat on or off. An inactive one
// keeps its letters and series but registers no new letter.
func (tx *Tx) SetSecretariatActive(ctx context.Context, code string, active bool) error {
	res, err := tx.tx.ExecContext(ctx, `UPDATE secretariats SET active = $1 WHERE code = $2`,
		active, letters.CleanCode(code))
	if err != nil {
		return fail("set secretariat active", err, "")
	}
	if n, err := res.RowsAffected(); err != nil {
		return fail("set secretariat active", err, "")
	} else if n == 0 {
		return notFound(msgNoSecretariat)
	}
	return nil
}
