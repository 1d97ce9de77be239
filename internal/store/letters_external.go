package store

import (
	"context"
	"database/sql"
	"errors"

	"mizban/internal/desk"
	"mizban/internal/jalali"
	"mizban/internal/letters"
)

// Manual mode: an agency whose automation has no API types back the
// number and date its automation gave a letter. Such a letter keeps its
// number as typed and takes no number of the secretariat's series: its
// seq is negative (−1, −2, … within its series), which keeps the unique
// key on (secretariat, direction, year, seq) and marks it as numbered
// elsewhere. The caller keeps typed numbers out of the shape of the
// secretariat's own numbers (the unique key on numbers is the last guard).

const (
	msgExternalNumber = "شماره نامه را همان‌طور که سامانه اتوماسیون داده است وارد کنید."
	msgExternalLong   = "شماره نامه باید حداکثر ۲۰ نویسه باشد، همان که شناسه ملی سند (شمس) می‌پذیرد."
	msgExternalTaken  = "نامه‌ای با همین شماره پیش‌تر در این دبیرخانه ثبت شده است؛ شماره را با سامانه اتوماسیون مقایسه کنید."
)

// MaxLetterNumber is the longest letter number SHAMS accepts.
const MaxLetterNumber = 20

// RecordExternalLetter stores l with the number it was given outside
// Mizban (l.Number, cleaned by letters.CleanNumber) and its date
// (l.RegisteredAt). l is checked as RegisterLetter checks it; the
// secretariat must exist (active or not: the letter was numbered
// elsewhere). A number already in the secretariat's direction is
// ECONFLICT on the number field.
func (tx *Tx) RecordExternalLetter(ctx context.Context, l *letters.Letter) error {
	if l.RegisteredAt.IsZero() {
		return errors.New("store: record letter: no registration time")
	}
	l.Subject, l.CreatedBy = cleanText(l.Subject), cleanText(l.CreatedBy)
	l.Number = cleanText(letters.CleanNumber(l.Number))
	var fe desk.FieldErrors
	switch n := len([]rune(l.Number)); {
	case n == 0:
		fe.Add("number", msgExternalNumber)
	case n > MaxLetterNumber:
		fe.Add("number", msgExternalLong)
	}
	if err := l.Clean(); err != nil {
		var de *desk.Error
		if errors.As(err, &de) {
			for _, k := range de.Order {
				fe.Add(k, de.Fields[k])
			}
		}
	}
	if err := fe.Err(); err != nil {
		return err
	}
	sec, err := tx.q.secretariat(ctx, l.Secretariat)
	if err != nil {
		return err
	}
	if err := tx.letterRefs(ctx, l); err != nil {
		return err
	}
	at := ts(l.RegisteredAt)
	year := jalali.FromTime(at).Year
	var one int
	err = tx.tx.QueryRowContext(ctx, `SELECT 1 FROM letters WHERE secretariat = $1 AND direction = $2 AND number = $3`,
		sec.Code, string(l.Direction), l.Number).Scan(&one)
	if err == nil {
		return &desk.Error{Code: desk.ECONFLICT, Message: msgExternalTaken,
			Fields: map[string]string{"number": msgExternalTaken}, Order: []string{"number"}}
	} else if !errors.Is(err, sql.ErrNoRows) {
		return fail("record letter", err, "")
	}
	// The series' counter row serialises this with the series' other
	// registrations (its lock lasts until commit), so two manual letters
	// never take the same negative seq.
	if _, err := tx.tx.ExecContext(ctx,
		`INSERT INTO letter_counters (secretariat, direction, year, next_seq) VALUES ($1, $2, $3, 1)
		 ON CONFLICT (secretariat, direction, year) DO NOTHING`, sec.Code, string(l.Direction), year); err != nil {
		return fail("letter counter", err, "")
	}
	if _, err := tx.tx.ExecContext(ctx,
		`UPDATE letter_counters SET next_seq = next_seq WHERE secretariat = $1 AND direction = $2 AND year = $3`,
		sec.Code, string(l.Direction), year); err != nil {
		return fail("letter counter", err, "")
	}
	var low int64
	if err := tx.tx.QueryRowContext(ctx,
		`SELECT COALESCE(MIN(seq), 0) FROM letters WHERE secretariat = $1 AND direction = $2 AND year = $3 AND seq < 0`,
		sec.Code, string(l.Direction), year).Scan(&low); err != nil {
		return fail("record letter", err, "")
	}
	seq := low - 1
	var id int64
	err = tx.tx.QueryRowContext(ctx,
		`INSERT INTO letters (secretariat, direction, number, seq, year, registered_at, subject,
		   request_id, in_reply_to, signer_id, shams_id, classification, priority, created_by)
		 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
		sec.Code, string(l.Direction), l.Number, seq, year, at, l.Subject,
		nullInt(l.RequestID), nullInt(l.InReplyTo), nullInt(l.SignerID), nullString(l.ShamsID),
		string(l.Classification), string(l.Priority), l.CreatedBy).Scan(&id)
	if err != nil {
		return fail("record letter", err, "")
	}
	l.ID, l.Secretariat, l.Seq, l.Year, l.RegisteredAt = id, sec.Code, seq, year, at
	return nil
}
