package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"mizban/internal/desk"
	"mizban/internal/jalali"
	"mizban/internal/letters"
)

const (
	msgNoLetter          = "نامه‌ای با این مشخصات پیدا نشد."
	msgSecretariatClosed = "این دبیرخانه غیرفعال است و نامه تازه ثبت نمی‌کند؛ دبیرخانه فعال دیگری را انتخاب کنید."
	msgNoReplyTo         = "نامه‌ای که این نامه عطف به آن است پیدا نشد؛ نامه عطف را دوباره انتخاب کنید."
	msgShamsTaken        = "نامه دیگری با همین شناسه شمس پیش‌تر ثبت شده است؛ شناسه را با سامانه اتوماسیون مقایسه کنید."
)

// RegisterLetter numbers l and stores it: l is cleaned and checked
// (letters.Letter.Clean), its secretariat must be active, and the letter it
// replies to, its request and its signer must exist. l.RegisteredAt must be
// set; l.Year becomes its Jalali year in Tehran, and l.Seq the next number
// of the (secretariat, direction, year) series, rendered into l.Number by
// the secretariat's format.
//
// The number is taken in the caller's transaction: a rollback gives it back,
// so a series has no gaps. Until the transaction ends, other registrations
// in the same series wait (PostgreSQL: the counter row's lock; SQLite: the
// single writer), so register the letter late in a transaction, and take
// at most one series per transaction or always take them in the same order.
func (tx *Tx) RegisterLetter(ctx context.Context, l *letters.Letter) error {
	if l.RegisteredAt.IsZero() {
		return errors.New("store: register letter: no registration time")
	}
	l.Subject, l.CreatedBy = cleanText(l.Subject), cleanText(l.CreatedBy)
	if err := l.Clean(); err != nil {
		return err
	}
	sec, err := tx.q.secretariat(ctx, l.Secretariat)
	if err != nil {
		return err
	}
	if !sec.Active {
		return &desk.Error{Code: desk.EINVALID, Message: msgSecretariatClosed,
			Fields: map[string]string{"secretariat": msgSecretariatClosed}, Order: []string{"secretariat"}}
	}
	format, err := sec.Format(l.Direction)
	if err != nil {
		return fmt.Errorf("store: register letter: secretariat %s: %s format: %w", sec.Code, l.Direction, err)
	}
	if err := tx.letterRefs(ctx, l); err != nil {
		return err
	}
	at := ts(l.RegisteredAt)
	year := jalali.FromTime(at).Year
	seq, err := tx.nextLetterSeq(ctx, sec.Code, l.Direction, year)
	if err != nil {
		return err
	}
	number := format.Number(year, seq, sec.Code)
	var id int64
	err = tx.tx.QueryRowContext(ctx,
		`INSERT INTO letters (secretariat, direction, number, seq, year, registered_at, subject,
		   request_id, in_reply_to, signer_id, shams_id, classification, priority, created_by)
		 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
		sec.Code, string(l.Direction), number, seq, year, at, l.Subject,
		nullInt(l.RequestID), nullInt(l.InReplyTo), nullInt(l.SignerID), nullString(l.ShamsID),
		string(l.Classification), string(l.Priority), l.CreatedBy).Scan(&id)
	if err != nil {
		return fail("register letter", err, "")
	}
	l.ID, l.Number, l.Seq, l.Year, l.RegisteredAt = id, number, seq, year, at
	return nil
}

// letterRefs checks what l points at, so a wrong id gets a message instead
// of a foreign-key failure (which would also abort a PostgreSQL transaction).
func (tx *Tx) letterRefs(ctx context.Context, l *letters.Letter) error {
	for _, ref := range []struct {
		id    int64
		query string
		err   error
	}{
		{l.InReplyTo, `SELECT 1 FROM letters WHERE id = $1`,
			&desk.Error{Code: desk.EINVALID, Message: msgNoReplyTo}},
		{l.RequestID, `SELECT 1 FROM requests WHERE id = $1`, notFound(msgNoRequest)},
		{l.SignerID, `SELECT 1 FROM staff WHERE id = $1`, notFound(msgNoStaff)},
	} {
		if ref.id == 0 {
			continue
		}
		var one int
		err := tx.tx.QueryRowContext(ctx, ref.query, ref.id).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return ref.err
		}
		if err != nil {
			return fail("register letter", err, "")
		}
	}
	if l.ShamsID != "" {
		var one int
		err := tx.tx.QueryRowContext(ctx, `SELECT 1 FROM letters WHERE shams_id = $1`, l.ShamsID).Scan(&one)
		if err == nil {
			return &desk.Error{Code: desk.ECONFLICT, Message: msgShamsTaken,
				Fields: map[string]string{"shams_id": msgShamsTaken}, Order: []string{"shams_id"}}
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return fail("register letter", err, "")
		}
	}
	return nil
}

// nextLetterSeq takes the next number of a series. The INSERT makes sure
// the counter row exists (a concurrent first registration waits for the
// other's insert to commit, then finds the row); the UPDATE takes the row
// lock, which PostgreSQL holds until the transaction ends, and re-reads
// next_seq after any wait, so two transactions never get the same number.
func (tx *Tx) nextLetterSeq(ctx context.Context, secretariat string, d letters.Direction, year int) (int64, error) {
	if _, err := tx.tx.ExecContext(ctx,
		`INSERT INTO letter_counters (secretariat, direction, year, next_seq) VALUES ($1, $2, $3, 1)
		 ON CONFLICT (secretariat, direction, year) DO NOTHING`,
		secretariat, string(d), year); err != nil {
		return 0, fail("letter counter", err, "")
	}
	var next int64
	err := tx.tx.QueryRowContext(ctx,
		`UPDATE letter_counters SET next_seq = next_seq + 1
		 WHERE secretariat = $1 AND direction = $2 AND year = $3 RETURNING next_seq`,
		secretariat, string(d), year).Scan(&next)
	if err != nil {
		return 0, fail("letter counter", err, "")
	}
	return next - 1, nil
}

const letterColumns = `id, secretariat, direction, number, seq, year, registered_at, subject,
	request_id, in_reply_to, signer_id, shams_id, classification, priority, created_by`

func scanLetter(sc scanner) (letters.Letter, error) {
	var (
		l                          letters.Letter
		direction, class, priority string
		request, reply, signer     sql.NullInt64
		shams                      sql.NullString
	)
	err := sc.Scan(&l.ID, &l.Secretariat, &direction, &l.Number, &l.Seq, &l.Year, &l.RegisteredAt,
		&l.Subject, &request, &reply, &signer, &shams, &class, &priority, &l.CreatedBy)
	l.Direction, l.Classification, l.Priority = letters.Direction(direction), letters.Classification(class), letters.Priority(priority)
	l.RegisteredAt = l.RegisteredAt.UTC()
	l.RequestID, l.InReplyTo, l.SignerID, l.ShamsID = request.Int64, reply.Int64, signer.Int64, shams.String
	return l, err
}

func (q conn) letter(ctx context.Context, cond string, args ...any) (letters.Letter, error) {
	l, err := scanLetter(q.db.QueryRowContext(ctx, `SELECT `+letterColumns+` FROM letters WHERE `+cond, args...))
	if err != nil {
		return letters.Letter{}, fail("letter", err, msgNoLetter)
	}
	return l, nil
}

// Letter returns letter id.
func (s *Store) Letter(ctx context.Context, id int64) (letters.Letter, error) {
	return s.r().letter(ctx, `id = $1`, id)
}

// Letter is Store.Letter inside the transaction.
func (tx *Tx) Letter(ctx context.Context, id int64) (letters.Letter, error) {
	return tx.q.letter(ctx, `id = $1`, id)
}

// LetterByNumber finds a letter by its number as a person types or pastes
// it (Persian digits and direction marks are fine; letters.CleanNumber).
func (s *Store) LetterByNumber(ctx context.Context, secretariat string, d letters.Direction, number string) (letters.Letter, error) {
	return s.r().letter(ctx, `secretariat = $1 AND direction = $2 AND number = $3`,
		letters.CleanCode(secretariat), string(d), cleanText(letters.CleanNumber(number)))
}

// LettersOfRequest lists the letters of a request in the order they were
// registered.
func (s *Store) LettersOfRequest(ctx context.Context, requestID int64) ([]letters.Letter, error) {
	rows, err := s.read.QueryContext(ctx,
		`SELECT `+letterColumns+` FROM letters WHERE request_id = $1 ORDER BY registered_at, id`, requestID)
	if err != nil {
		return nil, fail("letters of request", err, "")
	}
	defer rows.Close()
	var out []letters.Letter
	for rows.Next() {
		l, err := scanLetter(rows)
		if err != nil {
			return nil, fail("letters of request", err, "")
		}
		out = append(out, l)
	}
	return out, fail("letters of request", rows.Err(), "")
}

// RequestLetter returns the first letter of direction d registered for a
// request, inside the transaction (ENOTFOUND when there is none).
func (tx *Tx) RequestLetter(ctx context.Context, requestID int64, d letters.Direction) (letters.Letter, error) {
	return tx.q.letter(ctx, `request_id = $1 AND direction = $2 ORDER BY id LIMIT 1`, requestID, string(d))
}
