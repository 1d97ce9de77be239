package letters

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"mizban/internal/desk"
	"mizban/internal/fa"
)

// Direction is which series a letter is numbered in.
type Direction string

const (
	Incoming Direction = "incoming" // وارده: a citizen's request handed to the secretariat is one
	Outgoing Direction = "outgoing" // صادره: an answer sent out
	Internal Direction = "internal" // داخلی
)

// Directions in the order pages list them.
var Directions = []Direction{Incoming, Outgoing, Internal}

// DirectionTitle is each direction's Persian name.
var DirectionTitle = map[Direction]string{Incoming: "وارده", Outgoing: "صادره", Internal: "داخلی"}

// Valid reports whether d is one of Directions.
func (d Direction) Valid() bool { _, ok := DirectionTitle[d]; return ok }

// Classification is a letter's security classification (طبقه‌بندی).
type Classification string

const (
	Unclassified       Classification = "normal"
	Confidential       Classification = "confidential"
	HighlyConfidential Classification = "highly_confidential"
)

// ClassificationTitle is each classification's Persian name.
var ClassificationTitle = map[Classification]string{
	Unclassified: "عادی", Confidential: "محرمانه", HighlyConfidential: "خیلی محرمانه",
}

// Priority is a letter's urgency (فوریت).
type Priority string

const (
	Routine   Priority = "normal"
	Urgent    Priority = "urgent"
	Immediate Priority = "immediate"
)

// PriorityTitle is each priority's Persian name.
var PriorityTitle = map[Priority]string{Routine: "عادی", Urgent: "فوری", Immediate: "آنی"}

// Limits of free text.
const (
	maxCode    = 10
	maxName    = 100
	maxSubject = 300
	maxShams   = 64
)

const (
	msgCode        = "کد دبیرخانه باید ۱ تا ۱۰ حرف یا رقم بی‌فاصله باشد؛ مثلاً ۱ یا مرکزی."
	msgName        = "نام دبیرخانه را وارد کنید."
	msgNameLong    = "نام دبیرخانه باید حداکثر ۱۰۰ نویسه باشد."
	msgSecretariat = "دبیرخانه‌ای را که نامه در آن ثبت می‌شود انتخاب کنید."
	msgDirection   = "نوع نامه را انتخاب کنید: وارده، صادره یا داخلی."
	msgSubject     = "موضوع نامه را وارد کنید."
	msgSubjectLong = "موضوع نامه باید حداکثر ۳۰۰ نویسه باشد."
	msgClass       = "طبقه‌بندی نامه شناخته نیست؛ یکی از گزینه‌ها را انتخاب کنید."
	msgPriority    = "فوریت نامه شناخته نیست؛ یکی از گزینه‌ها را انتخاب کنید."
	msgShams       = "شناسه شمس باید حداکثر ۶۴ نویسه از حروف انگلیسی، رقم و خط تیره باشد؛ آن را همان‌طور که سامانه اتوماسیون داده است وارد کنید."
)

// Secretariat is a دبیرخانه: it numbers its letters in one series per
// direction, each with its own format.
type Secretariat struct {
	Code           string // short and stable; {code} in formats
	Name           string
	IncomingFormat string
	OutgoingFormat string
	InternalFormat string
	Active         bool // an inactive one keeps its letters but registers no more
}

// Format returns the parsed format of direction d.
func (s Secretariat) Format(d Direction) (Format, error) {
	switch d {
	case Incoming:
		return ParseFormat(s.IncomingFormat)
	case Outgoing:
		return ParseFormat(s.OutgoingFormat)
	case Internal:
		return ParseFormat(s.InternalFormat)
	}
	return Format{}, invalid(msgDirection)
}

// Clean normalises s (formats to their canonical text) and checks it. The
// error is an EINVALID desk error with a message per form field: code,
// name, incoming_format, outgoing_format, internal_format.
func (s *Secretariat) Clean() error {
	var fe desk.FieldErrors
	s.Code = CleanCode(s.Code)
	s.Name = fa.Normalize(strings.TrimSpace(s.Name))
	codeOK := validCode(s.Code)
	if !codeOK {
		fe.Add("code", msgCode)
	}
	switch n := utf8.RuneCountInString(s.Name); {
	case n == 0:
		fe.Add("name", msgName)
	case n > maxName:
		fe.Add("name", msgNameLong)
	}
	for _, f := range []struct {
		key  string
		text *string
	}{
		{"incoming_format", &s.IncomingFormat},
		{"outgoing_format", &s.OutgoingFormat},
		{"internal_format", &s.InternalFormat},
	} {
		parsed, err := ParseFormat(*f.text)
		switch {
		case err != nil:
			fe.Add(f.key, desk.ErrorMessage(err))
		case codeOK && !parsed.Fits(s.Code):
			fe.Add(f.key, msgFormatTooLong)
		default:
			*f.text = parsed.String()
		}
	}
	return fe.Err()
}

// CleanCode is the canonical form of a secretariat code: trimmed, ASCII
// digits, Persian ی/ک.
func CleanCode(s string) string { return fa.ASCIIDigits(fa.Normalize(strings.TrimSpace(s))) }

func validCode(s string) bool {
	if n := utf8.RuneCountInString(s); n == 0 || n > maxCode {
		return false
	}
	for _, r := range s {
		if !unicode.IsLetter(r) && (r < '0' || r > '9') {
			return false
		}
	}
	return true
}

// Letter is one registered letter. Number, Seq, Year and ID are given by
// the store when it registers the letter.
type Letter struct {
	ID             int64
	Secretariat    string // code
	Direction      Direction
	Number         string // rendered by the secretariat's format, ASCII digits
	Seq            int64  // 1, 2, … within (secretariat, direction, Year)
	Year           int    // Jalali year of RegisteredAt in Tehran
	RegisteredAt   time.Time
	Subject        string
	RequestID      int64 // the citizen's request it belongs to, 0 if none
	InReplyTo      int64 // عطف: the letter this one answers, 0 if none
	SignerID       int64 // staff member who signed, 0 if none (yet)
	ShamsID        string
	Classification Classification
	Priority       Priority
	CreatedBy      string // actor label, e.g. staff:12
}

// Clean normalises the fields a person gives (empty classification and
// priority become the ordinary ones) and checks them. The error is an
// EINVALID desk error with a message per form field: secretariat,
// direction, subject, classification, priority, shams_id.
func (l *Letter) Clean() error {
	var fe desk.FieldErrors
	l.Secretariat = CleanCode(l.Secretariat)
	l.Subject = fa.Normalize(strings.TrimSpace(l.Subject))
	l.ShamsID = strings.TrimSpace(l.ShamsID)
	if l.Classification == "" {
		l.Classification = Unclassified
	}
	if l.Priority == "" {
		l.Priority = Routine
	}
	if l.Secretariat == "" {
		fe.Add("secretariat", msgSecretariat)
	}
	if !l.Direction.Valid() {
		fe.Add("direction", msgDirection)
	}
	switch n := utf8.RuneCountInString(l.Subject); {
	case n == 0:
		fe.Add("subject", msgSubject)
	case n > maxSubject:
		fe.Add("subject", msgSubjectLong)
	}
	if _, ok := ClassificationTitle[l.Classification]; !ok {
		fe.Add("classification", msgClass)
	}
	if _, ok := PriorityTitle[l.Priority]; !ok {
		fe.Add("priority", msgPriority)
	}
	if !validShams(l.ShamsID) {
		fe.Add("shams_id", msgShams)
	}
	return fe.Err()
}

// validShams accepts "" (none) or the identifier as automation products
// give it: a GUID, or at most 64 Latin letters, digits and hyphens.
func validShams(s string) bool {
	if len(s) > maxShams {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

// CleanNumber is the form of a typed or pasted letter number that matches
// the stored one: trimmed, ASCII digits, Persian ی/ک, and without the
// invisible direction marks that copying from a right-to-left page brings.
func CleanNumber(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\u200e' || r == '\u200f' || r == '\u061c', // LRM, RLM, ALM
			r >= '\u202a' && r <= '\u202e', // embeddings and overrides
			r >= '\u2066' && r <= '\u2069': // isolates
			return -1
		}
		return r
	}, s)
	return fa.ASCIIDigits(fa.Normalize(strings.TrimSpace(s)))
}
