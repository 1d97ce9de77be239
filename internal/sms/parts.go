package sms

// Part sizes (DOMAIN §5). A text that needs more than one part loses room in
// each to the concatenation header.
const (
	gsmSingle = 160
	gsmMulti  = 153
	ucsSingle = 70
	ucsMulti  = 67
)

// gsmBasic is the GSM 03.38 default alphabet (each one septet).
var gsmBasic = runeSet("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
	"¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà")

// gsmExtended needs an escape septet first, so each costs two.
var gsmExtended = runeSet("\f^{}\\[~]|€")

func runeSet(s string) map[rune]bool {
	m := make(map[rune]bool, len(s))
	for _, r := range s {
		m[r] = true
	}
	return m
}

// Parts returns how many SMS parts text takes and whether it must be sent as
// UCS-2 (unicode): any character outside the GSM-7 alphabet, such as one
// Persian letter or ZWNJ, makes the whole text UCS-2. Spaces and newlines
// count. An empty text takes no parts.
func Parts(text string) (parts int, unicode bool) {
	unicode = !isGSM(text)
	single, multi := gsmSingle, gsmMulti
	if unicode {
		single, multi = ucsSingle, ucsMulti
	}
	units := Units(text)
	switch {
	case units == 0:
		return 0, unicode
	case units <= single:
		return 1, unicode
	}
	// Fill parts one character at a time: a two-unit character (GSM escape
	// pair, UTF-16 surrogate pair) is never split across parts, so a plain
	// division can undercount.
	parts, used := 1, 0
	for _, r := range text {
		c := cost(r, unicode)
		if used+c > multi {
			parts++
			used = 0
		}
		used += c
	}
	return parts, unicode
}

// Units is the encoded length of text: GSM-7 septets, or UTF-16 code units
// when the text is UCS-2. It is what a template editor's counter shows
// against 70 or 160.
func Units(text string) int {
	unicode := !isGSM(text)
	n := 0
	for _, r := range text {
		n += cost(r, unicode)
	}
	return n
}

func isGSM(text string) bool {
	for _, r := range text {
		if !gsmBasic[r] && !gsmExtended[r] {
			return false
		}
	}
	return true
}

func cost(r rune, unicode bool) int {
	if unicode {
		if r > 0xFFFF {
			return 2 // surrogate pair
		}
		return 1
	}
	if gsmExtended[r] {
		return 2
	}
	return 1
}
