package workflow

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"mizban/internal/desk"
	"mizban/internal/fa"
	"mizban/internal/jalali"
	"mizban/internal/letters"
	"mizban/internal/store"
)

// Letters an agency's automation product registered and reports through
// the integration API: the incoming letter of a request and the signed
// reply. They keep the automation's number, date, signer and SHAMS
// identifier and take no number of Mizban's own series.

// Messages of letters reported by an automation product.
const (
	msgLetterDateForms = "تاریخ نامه را به شمسی (مثلاً ۱۴۰۵/۰۹/۰۵) یا به شکل ISO 8601 (مثلاً 2026-11-26 یا 2026-11-26T10:15:00+03:30) بفرستید."
	msgShamsGUID       = "شناسه شمس باید یک GUID باشد: ۳۶ نویسه به شکل 8-4-4-4-12 از رقم‌ها و حروف a تا f؛ آن را همان‌طور که سامانه اتوماسیون داده است بفرستید."
	msgSignerNeeded    = "نام و سمت امضاکننده نامه را همان‌طور که در سامانه اتوماسیون آمده است بفرستید."
	msgNoActiveSec     = "هیچ دبیرخانه فعالی نیست؛ از مدیر سامانه بخواهید برای نامه‌های سامانه اتوماسیون دبیرخانه‌ای بسازد."
	msgChooseSec       = "بیش از یک دبیرخانه فعال هست؛ کد دبیرخانه را در secretariat بفرستید. کدهای دبیرخانه‌های فعال: %s."
	msgNoSuchSec       = "دبیرخانه‌ای با این کد پیدا نشد؛ کد یکی از دبیرخانه‌های فعال را بفرستید: %s."
	msgReplyOwnShape   = "این شماره به شکل شماره‌هایی است که خود این دبیرخانه به نامه‌های صادره می‌دهد و ممکن است با آن‌ها یکی شود؛ برای نامه‌های سامانه اتوماسیون دبیرخانه جداگانه‌ای بسازید و کد آن را بفرستید."
)

// clockSkew is how far ahead of our clock an automation's registration
// time may be: two servers' clocks never agree exactly.
const clockSkew = 5 * time.Minute

// ParseLetterDate reads the date an automation product gave a letter: a
// Jalali date (1405/09/05, any digits), an ISO 8601 date (2026-11-26) or
// date-time (2026-11-26T10:15:00+03:30; without an offset, Tehran time),
// and checks it is not in the future. A date alone stands for the start of
// that day in Tehran; a date-time keeps its time. Errors are field errors
// on "date".
func ParseLetterDate(typed string, now time.Time) (time.Time, error) {
	s := fa.ASCIIDigits(strings.TrimSpace(typed))
	if s == "" {
		return time.Time{}, fieldError("date", msgLetterDateForms)
	}
	if strings.ContainsAny(s, "Tt") {
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t, err = time.ParseInLocation("2006-01-02T15:04:05", s, jalali.Tehran)
		}
		if err != nil {
			return time.Time{}, fieldError("date", msgLetterDateForms)
		}
		if t.After(now.Add(clockSkew)) {
			return time.Time{}, fieldError("date", msgLetterDateFuture)
		}
		return t.UTC(), nil
	}
	// A Jalali year is 1300–1500, so a Gregorian date never reads as one.
	d, err := jalali.Parse(s)
	if err != nil {
		t, gerr := time.ParseInLocation("2006-01-02", s, jalali.Tehran)
		if gerr != nil || t.Year() < 1900 {
			return time.Time{}, fieldError("date", msgLetterDateForms)
		}
		d = jalali.FromTime(t)
	}
	if d.After(jalali.FromTime(now)) {
		return time.Time{}, fieldError("date", msgLetterDateFuture)
	}
	return d.Time().UTC(), nil
}

// CleanShamsID returns a SHAMS identifier in its stored form (a GUID in
// lower case) and whether it is one; "" is none and fine.
func CleanShamsID(s string) (string, bool) {
	s = strings.ToLower(fa.ASCIIDigits(strings.TrimSpace(s)))
	if s == "" {
		return "", true
	}
	if len(s) != 36 {
		return s, false
	}
	for i, c := range []byte(s) {
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return s, false
			}
		default:
			if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
				return s, false
			}
		}
	}
	return s, true
}

// CheckShamsID is a field error on "shams_id" when s is not a GUID.
func CheckShamsID(s string) error {
	if _, ok := CleanShamsID(s); !ok {
		return fieldError("shams_id", msgShamsGUID)
	}
	return nil
}

// LetterSecretariat returns the code of the secretariat an automation's
// letter goes to: code itself when it names an active one; when code is
// empty, the only active secretariat. Otherwise a field error on
// "secretariat" names the codes to choose from.
func (f *Flow) LetterSecretariat(ctx context.Context, code string) (string, error) {
	code = letters.CleanCode(code)
	all, err := f.Store.Secretariats(ctx)
	if err != nil {
		return "", err
	}
	var active []string
	for _, s := range all {
		if s.Active {
			if s.Code == code {
				return code, nil
			}
			active = append(active, s.Code)
		}
	}
	switch {
	case len(active) == 0:
		return "", fieldError("secretariat", msgNoActiveSec)
	case code != "":
		return "", fieldError("secretariat", strings.Replace(msgNoSuchSec, "%s", strings.Join(active, "، "), 1))
	case len(active) == 1:
		return active[0], nil
	}
	return "", fieldError("secretariat", strings.Replace(msgChooseSec, "%s", strings.Join(active, "، "), 1))
}

// ExternalReply is the outgoing reply letter an automation product
// registered and signed, recorded with an answer (ActInput.Reply) instead
// of a number of Mizban's own series.
type ExternalReply struct {
	Number string
	Date   string // as sent; see ParseLetterDate
	Signer string // name and title as the automation has them
	Shams  string // SHAMS identifier, optional
	// Secretariat is optional: by default the request's incoming letter's,
	// else the only active one (LetterSecretariat).
	Secretariat string

	at time.Time // parsed Date
}

// CheckExternalReply checks rep's own fields (number, date, signer,
// shams_id) and normalises them, so an API can answer all field errors at
// once before the action runs. Act checks again.
func (f *Flow) CheckExternalReply(rep *ExternalReply) error {
	var fe desk.FieldErrors
	rep.Number = letters.CleanNumber(rep.Number)
	switch n := utf8.RuneCountInString(rep.Number); {
	case n == 0:
		fe.Add("number", "شماره نامه را همان‌طور که سامانه اتوماسیون داده است وارد کنید.")
	case n > store.MaxLetterNumber:
		fe.Add("number", "شماره نامه باید حداکثر ۲۰ نویسه باشد، همان که شناسه ملی سند (شمس) می‌پذیرد.")
	}
	at, err := ParseLetterDate(rep.Date, f.now())
	if err != nil {
		fe.Add("date", desk.ErrorFields(err)["date"])
	}
	rep.at = at
	rep.Signer = fa.Normalize(strings.TrimSpace(rep.Signer))
	switch n := utf8.RuneCountInString(rep.Signer); {
	case n == 0:
		fe.Add("signer", msgSignerNeeded)
	case n > store.MaxSignerName:
		fe.Add("signer", "نام و سمت امضاکننده باید حداکثر ۲۰۰ نویسه باشد.")
	}
	shams, ok := CleanShamsID(rep.Shams)
	if !ok {
		fe.Add("shams_id", msgShamsGUID)
	}
	rep.Shams = shams
	rep.Secretariat = letters.CleanCode(rep.Secretariat)
	return fe.Err()
}

// registerExternalReply records rep as the outgoing letter answering r,
// in reply to r's incoming letter when it has one, in the answer's
// transaction (see registerReply).
func (f *Flow) registerExternalReply(ctx context.Context, tx *store.Tx, actor desk.Actor, r desk.Request, ev desk.Event, rep *ExternalReply) error {
	if err := f.CheckExternalReply(rep); err != nil {
		return err
	}
	in, err := tx.RequestLetter(ctx, r.ID, letters.Incoming)
	if err != nil && desk.ErrorCode(err) != desk.ENOTFOUND {
		return err
	}
	sec := rep.Secretariat
	if sec == "" && in.ID != 0 {
		sec = in.Secretariat
	}
	if sec, err = f.LetterSecretariat(ctx, sec); err != nil {
		return err
	}
	s, err := f.Store.Secretariat(ctx, sec)
	if err != nil {
		return err
	}
	if ownShape(s, letters.Outgoing, rep.Number) {
		return fieldError("number", msgReplyOwnShape)
	}
	out := letters.Letter{Secretariat: sec, Direction: letters.Outgoing, Number: rep.Number, RegisteredAt: rep.at,
		Subject: "پاسخ: " + r.ServiceTitle, RequestID: r.ID, InReplyTo: in.ID, ShamsID: rep.Shams,
		CreatedBy: actor.Label()}
	if err := tx.RecordExternalLetter(ctx, &out); err != nil {
		return err
	}
	if err := tx.SetLetterSignerName(ctx, out.ID, rep.Signer); err != nil {
		return err
	}
	if _, err = tx.LetterVerifyToken(ctx, out.ID); err != nil {
		return err
	}
	return f.webhookLetter(ctx, tx, r, ev, out)
}
