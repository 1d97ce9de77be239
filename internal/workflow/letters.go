package workflow

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"mizban/internal/audit"
	"mizban/internal/desk"
	"mizban/internal/jalali"
	"mizban/internal/letters"
	"mizban/internal/notice"
	"mizban/internal/store"
)

// SecretariatInput is a change to the secretariats from the admin page.
type SecretariatInput struct {
	Secretariat letters.Secretariat
	Client      string // Flow.ClientKey of the address, for the audit record
}

// CreateSecretariat stores a new secretariat (active), with its audit
// record, in one transaction. Only administrators may; a refusal is
// audited. Errors of the fields come back as EINVALID or ECONFLICT field
// errors (code, name, incoming_format, outgoing_format, internal_format).
func (f *Flow) CreateSecretariat(ctx context.Context, actor desk.Actor, in SecretariatInput) error {
	sec := in.Secretariat
	sec.Active = true
	if err := f.secretariatAllowed(ctx, actor, "secretariat.create", "secretariat:"+letters.CleanCode(sec.Code), in.Client); err != nil {
		return err
	}
	return f.inTx(ctx, func(tx *store.Tx) error {
		if err := tx.CreateSecretariat(ctx, &sec); err != nil {
			return err
		}
		return tx.AppendAudit(ctx, &audit.Record{At: f.now(), Actor: actor.Label(), Action: "secretariat.create",
			Target: "secretariat:" + sec.Code, Result: audit.OK, Client: in.Client,
			Details: "incoming=" + sec.IncomingFormat + " outgoing=" + sec.OutgoingFormat + " internal=" + sec.InternalFormat})
	})
}

// SetSecretariatActive switches a secretariat on or off, audited. An
// inactive secretariat keeps its letters but registers no new ones.
func (f *Flow) SetSecretariatActive(ctx context.Context, actor desk.Actor, code string, active bool, client string) error {
	code = letters.CleanCode(code)
	if err := f.secretariatAllowed(ctx, actor, "secretariat.active", "secretariat:"+code, client); err != nil {
		return err
	}
	return f.inTx(ctx, func(tx *store.Tx) error {
		if err := tx.SetSecretariatActive(ctx, code, active); err != nil {
			return err
		}
		return tx.AppendAudit(ctx, &audit.Record{At: f.now(), Actor: actor.Label(), Action: "secretariat.active",
			Target: "secretariat:" + code, Result: audit.OK, Client: client, Details: "active=" + strconv.FormatBool(active)})
	})
}

// secretariatAllowed lets only administrators change secretariats; a
// refusal is audited in a transaction of its own.
func (f *Flow) secretariatAllowed(ctx context.Context, actor desk.Actor, action, target, client string) error {
	if actor.Has(desk.RoleAdmin) {
		return nil
	}
	who := actor.Label()
	if actor.StaffID == 0 {
		who = "anonymous"
	}
	if err := f.inTx(ctx, func(tx *store.Tx) error {
		return tx.AppendAudit(ctx, &audit.Record{At: f.now(), Actor: who, Action: action, Target: target,
			Result: audit.Denied, Client: client})
	}); err != nil {
		return err
	}
	return desk.Errorf(desk.EFORBIDDEN, "تنها مدیر سامانه می‌تواند دبیرخانه‌ها را تغییر دهد.")
}

// RegisterInput registers a request as an incoming letter.
type RegisterInput struct {
	RequestID   int64
	Version     int    // the version the page showed: optimistic locking
	Secretariat string // code
	Client      string // Flow.ClientKey of the sender
	// Manual mode: the number and Jalali date the agency's automation
	// gave the letter, as typed. Either set makes the letter keep that
	// number instead of taking the secretariat's next one.
	Number, Date string
	// At is the letter's date already parsed (ParseLetterDate), used
	// instead of Date; it keeps a time of day. Setting it means manual mode.
	At time.Time
	// Shams is the letter's SHAMS identifier (a GUID), optional.
	Shams string
}

// Messages of manual mode.
const (
	msgLetterDate       = "تاریخ نامه را به شمسی وارد کنید؛ مثلاً ۱۴۰۵/۲/۱۰."
	msgLetterDateFuture = "تاریخ نامه نمی‌تواند بعد از امروز باشد؛ تاریخی را که سامانه اتوماسیون داده است وارد کنید."
	msgLetterOwnShape   = "این شماره به شکل شماره‌هایی است که خود این دبیرخانه می‌دهد و ممکن است با آن‌ها یکی شود؛ نامه را بدون شماره ثبت کنید تا دبیرخانه شماره بدهد، یا برای نامه‌های سامانه اتوماسیون دبیرخانه جداگانه‌ای بسازید."
)

// manualDate checks the typed date of a manual letter and returns the
// moment it stands for (the start of that day in Tehran).
func (f *Flow) manualDate(typed string) (time.Time, error) {
	d, err := jalali.Parse(typed)
	if err != nil {
		return time.Time{}, fieldError("date", msgLetterDate)
	}
	if d.After(jalali.FromTime(f.now())) {
		return time.Time{}, fieldError("date", msgLetterDateFuture)
	}
	return d.Time().UTC(), nil
}

// ownShape reports whether number could be one the secretariat's format
// gives, so a typed number never takes the place of a future one.
func ownShape(sec letters.Secretariat, d letters.Direction, number string) bool {
	f, err := sec.Format(d)
	if err != nil {
		return false
	}
	var b strings.Builder
	b.WriteString("^")
	text := f.String()
	for text != "" {
		if text[0] == '{' {
			end := strings.IndexByte(text, '}')
			if end < 0 {
				return false
			}
			name := text[1:end]
			switch {
			case name == "year":
				b.WriteString(`[0-9]{4}`)
			case name == "yy":
				b.WriteString(`[0-9]{2}`)
			case name == "code":
				b.WriteString(regexp.QuoteMeta(sec.Code))
			default: // seq, seq:N
				b.WriteString(`[0-9]+`)
			}
			text = text[end+1:]
			continue
		}
		r, size := utf8.DecodeRuneInString(text)
		b.WriteString(regexp.QuoteMeta(string(r)))
		text = text[size:]
	}
	b.WriteString("$")
	re, err := regexp.Compile(b.String())
	return err == nil && re.MatchString(letters.CleanNumber(number))
}

// ErrLetterTaken is the refusal of a second incoming letter for a request.
var ErrLetterTaken = desk.Errorf(desk.ECONFLICT, "این درخواست پیش‌تر به‌عنوان نامه وارده ثبت شده است؛ شماره آن در صفحه درخواست آمده است.")

// LetterRegisteredNote is the timeline note of the registration.
const LetterRegisteredNote = "درخواست در دبیرخانه به‌عنوان نامه وارده ثبت شد."

// CanRegisterLetter reports whether actor may register r as an incoming
// letter: desk operators, officers and managers of the request's unit, or
// the person holding it, while it is open and has no incoming letter.
func CanRegisterLetter(actor desk.Actor, r desk.Request) bool {
	if actor.StaffID == 0 || !actor.HasAny(desk.RoleDeskOperator, desk.RoleOfficer, desk.RoleManager) {
		return false
	}
	return r.Status.Open() && (actor.InUnit(r.UnitCode) || r.AssigneeID == actor.StaffID)
}

// RegisterIncoming registers request in.RequestID as an incoming letter of
// secretariat in.Secretariat, once per request, in one transaction: the
// request's version is checked and moved on (so two clicks or two people
// make one letter), the timeline event, the audit record, the letter with
// the series' next number (taken after the audit record, late, so the
// series lock is short) and the citizen's SMS. In manual mode (in.Number
// or in.Date set) the letter keeps the number and date typed instead
// (store.RecordExternalLetter); a number shaped like the secretariat's own
// is refused, so it never takes the place of one the series gives later.
func (f *Flow) RegisterIncoming(ctx context.Context, actor desk.Actor, in RegisterInput) (letters.Letter, error) {
	now := f.now()
	manual := strings.TrimSpace(in.Number) != "" || strings.TrimSpace(in.Date) != "" || !in.At.IsZero()
	var dated time.Time
	shams, shamsOK := CleanShamsID(in.Shams)
	if manual || !shamsOK {
		var fe desk.FieldErrors
		if manual && strings.TrimSpace(in.Number) == "" {
			fe.Add("number", "شماره نامه را همان‌طور که سامانه اتوماسیون داده است وارد کنید.")
		}
		switch {
		case !manual:
		case !in.At.IsZero():
			dated = in.At.UTC()
			if dated.After(now.Add(clockSkew)) {
				fe.Add("date", msgLetterDateFuture)
			}
		default:
			d, err := f.manualDate(in.Date)
			if err != nil {
				fe.Add("date", desk.ErrorFields(err)["date"])
			}
			dated = d
		}
		if !shamsOK {
			fe.Add("shams_id", msgShamsGUID)
		}
		if err := fe.Err(); err != nil {
			return letters.Letter{}, err
		}
	}
	if manual {
		if sec, err := f.Store.Secretariat(ctx, in.Secretariat); err == nil && ownShape(sec, letters.Incoming, in.Number) {
			return letters.Letter{}, fieldError("number", msgLetterOwnShape)
		}
	}
	var l letters.Letter
	denied := ""
	err := f.inTx(ctx, func(tx *store.Tx) error {
		r, why, err := requestInScope(ctx, tx, actor, in.RequestID)
		if err != nil {
			denied = why
			return err
		}
		if r.Version != in.Version {
			return errStaleRequest
		}
		if !CanRegisterLetter(actor, r) {
			if !r.Status.Open() {
				return desk.Errorf(desk.EINVALID, "درخواست بسته‌شده را نمی‌توان به‌عنوان نامه وارده ثبت کرد.")
			}
			denied = "not allowed"
			return errNotYours
		}
		if _, err := tx.RequestLetter(ctx, r.ID, letters.Incoming); err == nil {
			return ErrLetterTaken
		} else if desk.ErrorCode(err) != desk.ENOTFOUND {
			return err
		}
		if err := tx.UpdateRequest(ctx, &r); err != nil {
			if desk.ErrorCode(err) == desk.ECONFLICT {
				return errStaleRequest
			}
			return err
		}
		ev := desk.Event{RequestID: r.ID, At: now, Type: "letter_registered", Actor: actor.Label(),
			StaffID: actor.StaffID, Status: r.Status, UnitCode: r.UnitCode, Note: LetterRegisteredNote}
		if err := tx.AppendEvent(ctx, &ev); err != nil {
			return err
		}
		// The audit head is locked before the series, as every caller
		// does, so two transactions never wait on each other in a circle;
		// the letter row itself keeps its number, request and author.
		if err := tx.AppendAudit(ctx, &audit.Record{At: now, Actor: actor.Label(), Action: "letter.register",
			Target: requestTarget(r.ID), Result: audit.OK, Client: in.Client,
			Details: "secretariat=" + letters.CleanCode(in.Secretariat) + " manual=" + strconv.FormatBool(manual) +
				" event=" + strconv.FormatInt(ev.ID, 10)}); err != nil {
			return err
		}
		l = letters.Letter{Secretariat: in.Secretariat, Direction: letters.Incoming, RegisteredAt: now,
			Subject: r.ServiceTitle, RequestID: r.ID, ShamsID: shams, CreatedBy: actor.Label()}
		if manual {
			l.Number, l.RegisteredAt = in.Number, dated
			if err := tx.RecordExternalLetter(ctx, &l); err != nil {
				return err
			}
		} else if err := tx.RegisterLetter(ctx, &l); err != nil {
			return err
		}
		if err := f.webhookLetter(ctx, tx, r, ev, l); err != nil {
			return err
		}
		return f.notify(ctx, tx, r, ev, notice.KindLetterIssued, notice.Vars{})
	})
	if err != nil {
		if denied != "" {
			f.auditDenied(ctx, actor, ActInput{RequestID: in.RequestID, Action: "register_letter", Client: in.Client}, denied)
		}
		return letters.Letter{}, err
	}
	return l, nil
}

// registerReply registers the answer to r as an outgoing letter in reply
// to (عطف) r's incoming letter, signed by the person answering, in the
// answer's transaction; a request with no incoming letter has none. The
// letter gets its verification token now, so it can be printed with its
// QR code at once; letter.registered is queued with the answer's event ev.
//
// An answer an automation product reported (rep not nil) is recorded with
// the automation's number, date and signer instead
// (registerExternalReply), standalone when there is no incoming letter.
func (f *Flow) registerReply(ctx context.Context, tx *store.Tx, actor desk.Actor, r desk.Request, ev desk.Event, now time.Time, rep *ExternalReply) error {
	if rep != nil {
		return f.registerExternalReply(ctx, tx, actor, r, ev, rep)
	}
	in, err := tx.RequestLetter(ctx, r.ID, letters.Incoming)
	if desk.ErrorCode(err) == desk.ENOTFOUND {
		return nil
	} else if err != nil {
		return err
	}
	out := letters.Letter{Secretariat: in.Secretariat, Direction: letters.Outgoing, RegisteredAt: now,
		Subject: "پاسخ: " + r.ServiceTitle, RequestID: r.ID, InReplyTo: in.ID, SignerID: actor.StaffID,
		CreatedBy: actor.Label()}
	if err := tx.RegisterLetter(ctx, &out); err != nil {
		if desk.ErrorFields(err)["secretariat"] != "" {
			return desk.Errorf(desk.EINVALID, "پاسخ ثبت نشد، چون دبیرخانه‌ای که نامه وارده این درخواست در آن ثبت شده غیرفعال است؛ از مدیر سامانه بخواهید آن را دوباره فعال کند.")
		}
		return err
	}
	if _, err = tx.LetterVerifyToken(ctx, out.ID); err != nil {
		return err
	}
	return f.webhookLetter(ctx, tx, r, ev, out)
}
