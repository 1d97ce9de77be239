package fa

import (
	"strings"
	"unicode"
)

// Digits prepares a typed code for validation: Persian and Arabic-Indic
// digits become ASCII, and the separators people put inside codes (spaces of
// any kind, dashes, dots, slashes, underscores, brackets, ZWNJ, bidi marks,
// tatweel, thousands separators) are dropped. Other characters, such as
// letters or '+', are kept so that validators can reject or interpret them.
func Digits(s string) string {
	return strings.Map(func(r rune) rune {
		if isCodeSeparator(r) {
			return -1
		}
		return r
	}, ASCIIDigits(s))
}

func isCodeSeparator(r rune) bool {
	switch r {
	case '.', '/', '\\', '_', '(', ')', '[', ']', ',', '،', '٬', '\'', '"',
		'ـ', zwnj, '\u200d', '\u200e', '\u200f', '\ufeff', '\u061c':
		return true
	}
	if r >= '\u202a' && r <= '\u202e' || r >= '\u2066' && r <= '\u2069' {
		return true // bidi embeddings and isolates pasted from RTL text
	}
	return unicode.IsSpace(r) || unicode.Is(unicode.Pd, r) || r == '−'
}

// AllDigits reports whether s is non-empty and only ASCII digits.
func AllDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// mask keeps the first head and last tail runes of s and stars the rest; a
// string too short to keep anything is starred whole.
func mask(s string, head, tail int) string {
	r := []rune(s)
	if len(r) <= head+tail {
		return strings.Repeat("*", len(r))
	}
	return string(r[:head]) + strings.Repeat("*", len(r)-head-tail) + string(r[len(r)-tail:])
}
