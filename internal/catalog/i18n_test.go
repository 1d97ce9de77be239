package catalog_test

import (
	"regexp"
	"strings"
	"testing"
	"unicode"

	"mizban/internal/i18n"
)

// quotedName is a value carried into a sentence («سند مالکیت»): it stays
// Persian on an English page, as the card itself does.
var quotedName = regexp.MustCompile(`«[^«»]*»`)

// checkMessage fails when msg, a Persian sentence this package built, has
// no English in the phrasebook (internal/i18n phrases or patterns): outside
// the quoted names, the English must have no Persian left.
func checkMessage(t *testing.T, msg string) {
	t.Helper()
	en := i18n.T(i18n.EN, msg)
	if en == msg {
		t.Errorf("no English for %q", msg)
		return
	}
	rest := quotedName.ReplaceAllString(en, "")
	for _, r := range rest {
		if unicode.Is(unicode.Arabic, r) && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			t.Errorf("English of %q still has Persian: %q", msg, en)
			return
		}
	}
	if strings.Count(en, "«") != strings.Count(msg, "«") {
		t.Errorf("English of %q lost a quoted name: %q", msg, en)
	}
}
