// Package letters holds the built-in secretariat's domain: secretariats,
// letters (incoming, outgoing, internal) and the number format each
// secretariat gives its letters, e.g. {year}/{seq}/و (و for وارده). It is
// a leaf: it imports only the standard library, desk and fa, so the store
// can render numbers inside the transaction that takes them.
package letters

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"mizban/internal/desk"
	"mizban/internal/fa"
)

// Limits of a number format and of the numbers it gives.
const (
	MaxFormatLen = 40 // runes of the format itself
	// MaxNumberLen is what the national document identifier (SHAMS) takes
	// as a letter number; a format (with its secretariat's code) must stay
	// within it up to a sequence of maxSeqDigits digits.
	MaxNumberLen = 20
	longestSeq   = 999999 // a year's sequence Fits allows for
	maxSeqWidth  = 9
)

// Messages of format checks; those with a value are built with fmt in
// formatErr and translated by patterns in the i18n package.
const (
	msgFormatEmpty   = "قالب شماره را وارد کنید؛ مثلاً {year}/{seq}."
	msgFormatLong    = "قالب شماره بیش از ۴۰ نویسه است؛ آن را کوتاه‌تر کنید."
	msgFormatOpen    = "در قالب شماره یک «{» بی‌جفت هست؛ هر متغیر را میان { و } بنویسید، مثلاً {seq}."
	msgFormatClose   = "در قالب شماره یک «}» بی‌جفت هست؛ هر متغیر را میان { و } بنویسید، مثلاً {seq}."
	msgFormatWidth   = "پهنای شماره ردیف باید رقمی از ۱ تا ۹ باشد؛ مثلاً {seq:5} شماره ردیف را پنج رقمی می‌کند."
	msgFormatNoSeq   = "قالب شماره باید {seq} (شماره ردیف نامه) را داشته باشد."
	msgFormatNoYear  = "قالب شماره باید سال را با {year} یا {yy} داشته باشد، چون شماره ردیف هر سال از ۱ آغاز می‌شود."
	msgFormatChar    = "قالب شماره جز متغیرها فقط می‌تواند حرف، رقم و نشانه‌های / - . _ داشته باشد؛ فاصله و نشانه‌های دیگر را بردارید."
	msgFormatTooLong = "شماره نامه با این قالب و کد دبیرخانه ممکن است بیش از ۲۰ نویسه شود، که شناسه ملی سند (شمس) نمی‌پذیرد؛ قالب یا کد دبیرخانه را کوتاه‌تر کنید."
	patUnknown       = "متغیر {%s} در قالب شماره شناخته نیست؛ متغیرهای مجاز: {year}، {yy}، {seq}، {seq:5} و {code}."
	patRepeated      = "متغیر {%s} بیش از یک بار در قالب شماره آمده است؛ آن را یک بار بنویسید."
)

type kind uint8

const (
	partLiteral kind = iota
	partYear         // {year}: the Jalali year, 4 digits
	partYY           // {yy}: its last two digits
	partSeq          // {seq} or {seq:N}: the sequence, zero-padded to N digits
	partCode         // {code}: the secretariat's code
)

var names = map[string]kind{"year": partYear, "yy": partYY, "seq": partSeq, "code": partCode}

type part struct {
	kind  kind
	text  string // literal text
	width int    // seq: minimum digits
}

// Format is a parsed number format. The zero Format renders nothing; get
// one from ParseFormat.
type Format struct {
	parts []part
	text  string
}

// ParseFormat checks s and returns its format. Persian and Arabic digits
// become ASCII and Arabic ي/ك Persian, so String is the canonical text to
// store. Errors are desk EINVALID errors with a Persian message saying what
// to change.
func ParseFormat(s string) (Format, error) {
	s = fa.ASCIIDigits(fa.Normalize(strings.TrimSpace(s)))
	if s == "" {
		return Format{}, invalid(msgFormatEmpty)
	}
	if utf8.RuneCountInString(s) > MaxFormatLen {
		return Format{}, invalid(msgFormatLong)
	}
	var (
		f    = Format{text: s}
		seen = map[kind]bool{}
		lit  strings.Builder
	)
	flush := func() {
		if lit.Len() > 0 {
			f.parts = append(f.parts, part{kind: partLiteral, text: lit.String()})
			lit.Reset()
		}
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '{':
			end := strings.IndexByte(s[i+1:], '}')
			if end < 0 {
				return Format{}, invalid(msgFormatOpen)
			}
			name := s[i+1 : i+1+end]
			if strings.Contains(name, "{") {
				return Format{}, invalid(msgFormatOpen)
			}
			p, err := placeholder(name)
			if err != nil {
				return Format{}, err
			}
			if seen[p.kind] {
				return Format{}, invalid(fmt.Sprintf(patRepeated, baseName(name)))
			}
			seen[p.kind] = true
			flush()
			f.parts = append(f.parts, p)
			i += end + 2
			continue
		case r == '}':
			return Format{}, invalid(msgFormatClose)
		case !literalRune(r):
			return Format{}, invalid(msgFormatChar)
		}
		lit.WriteRune(r)
		i += size
	}
	flush()
	if !seen[partSeq] {
		return Format{}, invalid(msgFormatNoSeq)
	}
	if !seen[partYear] && !seen[partYY] {
		return Format{}, invalid(msgFormatNoYear)
	}
	return f, nil
}

// placeholder parses the name between braces.
func placeholder(name string) (part, error) {
	if k, ok := names[name]; ok {
		return part{kind: k, width: 1}, nil
	}
	if w, ok := strings.CutPrefix(name, "seq:"); ok {
		if len(w) != 1 || w[0] < '1' || w[0] > '0'+maxSeqWidth {
			return part{}, invalid(msgFormatWidth)
		}
		return part{kind: partSeq, width: int(w[0] - '0')}, nil
	}
	return part{}, invalid(fmt.Sprintf(patUnknown, name))
}

// baseName is the placeholder's name without a width, for messages.
func baseName(name string) string {
	b, _, _ := strings.Cut(name, ":")
	return b
}

// literalRune reports whether r may stand outside braces: letters of any
// script (و, ص, Latin), ASCII digits and a few separators. Spaces, bidi
// controls and other marks would make numbers that look alike but differ.
func literalRune(r rune) bool {
	return unicode.IsLetter(r) || (r >= '0' && r <= '9') || strings.ContainsRune("/-._", r)
}

// String is the canonical text of f.
func (f Format) String() string { return f.text }

// IsZero reports whether f is the zero Format.
func (f Format) IsZero() bool { return f.parts == nil }

// Number renders the letter number of sequence n in Jalali year y for the
// secretariat with code c, with ASCII digits (pages show Persian ones).
func (f Format) Number(y int, n int64, c string) string {
	var b strings.Builder
	for _, p := range f.parts {
		switch p.kind {
		case partLiteral:
			b.WriteString(p.text)
		case partYear:
			b.WriteString(pad(int64(y), 4))
		case partYY:
			b.WriteString(pad(int64(((y%100)+100)%100), 2))
		case partSeq:
			b.WriteString(pad(n, p.width))
		case partCode:
			b.WriteString(c)
		}
	}
	return b.String()
}

// Fits reports whether every number f gives for secretariat code c, up to
// a sequence of six digits, is at most MaxNumberLen runes long.
func (f Format) Fits(c string) bool {
	longest := f.Number(1404, longestSeq, c) // years stay four digits
	return utf8.RuneCountInString(longest) <= MaxNumberLen
}

func pad(n int64, width int) string {
	s := strconv.FormatInt(n, 10)
	if len(s) < width {
		s = strings.Repeat("0", width-len(s)) + s
	}
	return s
}

func invalid(msg string) error { return &desk.Error{Code: desk.EINVALID, Message: msg} }
