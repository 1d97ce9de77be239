package fa

import (
	"strings"
	"unicode"
)

const zwnj = '\u200c'

// ASCIIDigits turns Persian (U+06F0–9) and Arabic-Indic (U+0660–9) digits
// into ASCII digits and leaves everything else alone.
func ASCIIDigits(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '۰' && r <= '۹':
			return '0' + (r - '۰')
		case r >= '٠' && r <= '٩':
			return '0' + (r - '٠')
		}
		return r
	}, s)
}

// PersianDigits turns ASCII digits into Persian digits, for display.
func PersianDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return '۰' + (r - '0')
		}
		return r
	}, s)
}

// Normalize is what every stored text goes through: Arabic ي/ى become
// Persian ی and Arabic ك becomes ک; ZWNJ and everything else are kept.
func Normalize(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case 'ي', 'ى':
			return 'ی'
		case 'ك':
			return 'ک'
		}
		return r
	}, s)
}

// SearchFold folds text for matching: Normalize, digits to ASCII, ة ۀ ھ→ه,
// أ إ ٱ آ→ا, ئ→ی, ؤ→و, Arabic diacritics and tatweel dropped, ZWNJ dropped,
// punctuation turned into spaces, Latin lower-cased, runs of spaces
// collapsed. Both the stored search column and the query go through it.
func SearchFold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := true // drop leading spaces
	for _, r := range ASCIIDigits(Normalize(s)) {
		switch {
		case r == 'ة' || r == 'ۀ' || r == 'ھ':
			r = 'ه' // ۀ: «خانۀ» must match «خانه»
		case r == 'أ' || r == 'إ' || r == 'ٱ' || r == 'آ':
			r = 'ا'
		case r == 'ئ':
			r = 'ی'
		case r == 'ؤ':
			r = 'و'
		case r == 'ـ' || (r >= '\u064B' && r <= '\u065F') || r == '\u0670':
			continue // tatweel and harakat
		case r == zwnj || r == '\u200d' || r == '\u200f' || r == '\u200e':
			continue // ZWNJ is ignored: «می‌خواهم» matches «میخواهم»
		case unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r):
			r = ' '
		default:
			r = unicode.ToLower(r)
		}
		if r == ' ' {
			if space {
				continue
			}
			space = true
		} else {
			space = false
		}
		b.WriteRune(r)
	}
	return strings.TrimRight(b.String(), " ")
}

// SearchKey is the stored form of searchable text: SearchFold with every
// space removed, so a query term matches whether or not the writer spaced
// or half-spaced a compound word.
func SearchKey(s string) string {
	return strings.ReplaceAll(SearchFold(s), " ", "")
}

// SearchTerms splits a query into folded terms; a text matches when its
// SearchKey contains every term.
func SearchTerms(q string) []string {
	return strings.Fields(SearchFold(q))
}
