package auth

import (
	_ "embed"
	"strings"
	"unicode"
	"unicode/utf8"

	"mizban/internal/desk"
	"mizban/internal/fa"
)

// Password policy: long enough, not common, not the person's own name.
// Nothing about character classes: a long phrase of ordinary words is a
// better password than a short one with a symbol, and easier to remember.
const (
	MinPasswordLen = 10
	MaxPasswordLen = 128
)

// Policy messages (Persian, saying what to do).
const (
	MsgPasswordShort    = "گذرواژه باید دست‌کم ۱۰ نویسه باشد؛ چند واژه را کنار هم بنویسید."
	MsgPasswordLong     = "گذرواژه حداکثر ۱۲۸ نویسه می‌تواند باشد."
	MsgPasswordCommon   = "این گذرواژه بسیار رایج است و به‌آسانی حدس زده می‌شود؛ گذرواژه دیگری برگزینید، مثلاً چند واژه نامرتبط کنار هم."
	MsgPasswordUsername = "گذرواژه نباید نام کاربری شما را در خود داشته باشد."
)

//go:embed common_passwords.txt
var commonText string

var common = func() map[string]bool {
	m := map[string]bool{}
	for _, line := range strings.Split(commonText, "\n") {
		line = strings.TrimSpace(line)
		if line != "" && !strings.HasPrefix(line, "#") {
			m[line] = true
		}
	}
	return m
}()

// CheckPassword applies the policy to a new password for username; the
// error is EINVALID with the message on the field "password".
func CheckPassword(password, username string) error {
	msg := ""
	n := utf8.RuneCountInString(password)
	switch {
	case n < MinPasswordLen:
		msg = MsgPasswordShort
	case n > MaxPasswordLen:
		msg = MsgPasswordLong
	case containsUsername(password, username):
		msg = MsgPasswordUsername
	case isCommon(password):
		msg = MsgPasswordCommon
	}
	if msg == "" {
		return nil
	}
	return &desk.Error{Code: desk.EINVALID, Message: msg,
		Fields: map[string]string{"password": msg}, Order: []string{"password"}}
}

func containsUsername(password, username string) bool {
	u := strings.ToLower(strings.TrimSpace(username))
	if utf8.RuneCountInString(u) < 4 {
		return false
	}
	p := fold(password)
	if strings.Contains(p, u) {
		return true
	}
	// "m.kazemi" is also there as "kazemi" or "mkazemi".
	for _, part := range strings.FieldsFunc(u, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if utf8.RuneCountInString(part) >= 4 && strings.Contains(p, part) {
			return true
		}
	}
	return strings.Contains(p, strings.Map(keepAlnum, u))
}

func keepAlnum(r rune) rune {
	if unicode.IsLetter(r) || unicode.IsDigit(r) {
		return r
	}
	return -1
}

// fold is the form passwords are compared in: lower case, ASCII digits.
func fold(s string) string { return strings.ToLower(fa.ASCIIDigits(fa.Normalize(s))) }

// isCommon looks password up in the list in every form a guesser would try:
// as typed, as typed on a Persian keyboard when a Latin one was meant, with
// look-alike symbols read as letters, and with digits and symbols around a
// listed word taken off ("Password1402!"). A password that is one short
// piece repeated, or has fewer than four different characters, is common
// too.
func isCommon(password string) bool {
	base := fold(password)
	forms := []string{base}
	if k := latinKeys(base); k != base {
		forms = append(forms, k)
	}
	for _, f := range forms[:len(forms):len(forms)] {
		core := strings.TrimFunc(f, func(r rune) bool { return !unicode.IsLetter(r) && r != '@' && r != '$' })
		forms = append(forms, core, unleet(f, 'i'), unleet(f, 'l'), unleet(core, 'i'), unleet(core, 'l'))
	}
	for _, f := range forms {
		if f == "" {
			continue
		}
		if common[f] || repeated(f) {
			return true
		}
		if core := strings.TrimFunc(f, func(r rune) bool { return !unicode.IsLetter(r) }); core != "" && common[core] {
			return true
		}
	}
	return distinct(base) < 4
}

// unleet reads look-alike digits and symbols as the letters they stand for;
// one is read as one.
func unleet(s string, one rune) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '@', '4':
			return 'a'
		case '0':
			return 'o'
		case '1', '!':
			return one
		case '3':
			return 'e'
		case '5', '$':
			return 's'
		case '7', '+':
			return 't'
		case '8':
			return 'b'
		case '9':
			return 'g'
		}
		return r
	}, s)
}

// repeated reports whether s is one piece of at most half its length
// written again and again ("abcabcabca", "1212121212").
func repeated(s string) bool {
	rs := []rune(s)
	for k := 1; k <= len(rs)/2; k++ {
		ok := true
		for i := k; i < len(rs); i++ {
			if rs[i] != rs[i-k] {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

func distinct(s string) int {
	seen := map[rune]bool{}
	for _, r := range s {
		seen[r] = true
	}
	return len(seen)
}

// persianKeys maps the letters of the standard Persian keyboard to the
// Latin letters on the same keys, so "ضصثقفغعهخح" is seen as "qwertyuiop".
var persianKeys = map[rune]rune{
	'ض': 'q', 'ص': 'w', 'ث': 'e', 'ق': 'r', 'ف': 't', 'غ': 'y', 'ع': 'u', 'ه': 'i', 'خ': 'o', 'ح': 'p',
	'ش': 'a', 'س': 's', 'ی': 'd', 'ب': 'f', 'ل': 'g', 'ا': 'h', 'ت': 'j', 'ن': 'k', 'م': 'l', 'ک': ';',
	'ظ': 'z', 'ط': 'x', 'ز': 'c', 'ر': 'v', 'ذ': 'b', 'د': 'n', 'پ': 'm', 'و': ',',
	'ج': '[', 'چ': ']', 'گ': '\'', 'ئ': 'm',
}

// latinKeys rewrites Persian letters as the Latin letters on their keys.
func latinKeys(s string) string {
	return strings.Map(func(r rune) rune {
		if l, ok := persianKeys[r]; ok {
			return l
		}
		return r
	}, s)
}
