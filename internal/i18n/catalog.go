package i18n

import (
	"fmt"
	"io"

	"mizban/internal/fa"
)

// catalogs maps each language to its messages. Adding a message means adding
// the same key to fa.go and en.go; a test fails when one side is missing.
var catalogs = map[Lang]map[string]string{
	FA: faMessages,
	EN: enMessages,
}

// T returns the message key in lang. With args the message is a fmt format
// (use %v, %d or %s); in Persian, numeric args are written with Persian
// digits. A key that is Persian text (or a slug) rather than a dotted key is
// looked up in the phrasebook (see phrase); a key found nowhere comes back
// as itself so a gap is visible on the page instead of a blank.
func T(lang Lang, key string, args ...any) string {
	msgs, ok := catalogs[lang]
	if !ok {
		msgs = faMessages
		lang = FA
	}
	msg, ok := msgs[key]
	if !ok {
		return phrase(lang, key)
	}
	if len(args) == 0 {
		return msg
	}
	if lang == FA {
		local := make([]any, len(args))
		for i, a := range args {
			if isNumber(a) {
				a = persianNumber{a}
			}
			local[i] = a
		}
		args = local
	}
	return fmt.Sprintf(msg, args...)
}

// persianNumber prints a number with any verb and flags, then swaps its
// digits, so "%d" and "%5.1f" in a Persian message still work.
type persianNumber struct{ v any }

func (p persianNumber) Format(f fmt.State, verb rune) {
	_, _ = io.WriteString(f, fa.PersianDigits(fmt.Sprintf(fmt.FormatString(f, verb), p.v)))
}

func isNumber(v any) bool {
	switch v.(type) {
	case int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64, float32, float64:
		return true
	}
	return false
}
