package workflow

import (
	"fmt"
	"unicode/utf8"
)

// smsLimit is one Persian (UCS-2) SMS part. Staff-side messages carry only
// the tracking code, the stage and at most a unit name and a date.
const smsLimit = 70

// referredSMS names the unit when the message still fits one part.
func referredSMS(code, unit string) string {
	if t := fmt.Sprintf("درخواست %s به «%s» ارجاع شد.", code, unit); utf8.RuneCountInString(t) <= smsLimit {
		return t
	}
	return fmt.Sprintf("درخواست %s برای رسیدگی ارجاع شد.", code)
}

// withLink adds the desk's address on a line of its own when it fits in
// the same part; the tracking page is where the citizen reads the details.
func withLink(text, baseURL string) string {
	u := shortURL(baseURL)
	if u == "" {
		return text
	}
	if t := text + "\n" + u; utf8.RuneCountInString(t) <= smsLimit {
		return t
	}
	return text
}
