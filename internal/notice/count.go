package notice

import (
	"strconv"

	"mizban/internal/fa"
	"mizban/internal/sms"
)

// Part sizes in units (DOMAIN §5): one part, and each part of a longer
// message, which loses room to the concatenation header.
const (
	ucsSingle = 70
	ucsMulti  = 67
	gsmSingle = 160
	gsmMulti  = 153
)

// Counter is the template editor's live count of a rendered message.
type Counter struct {
	Chars   int  // encoded units: UTF-16 units for Persian, septets for Latin
	Parts   int  // SMS parts the text costs
	PerPart int  // room in each part at this length: 70/67 or 160/153
	Unicode bool // sent as UCS-2 (any Persian letter or ZWNJ makes it so)
}

// Count measures text the way the provider bills it (sms.Parts).
func Count(text string) Counter {
	parts, unicode := sms.Parts(text)
	c := Counter{Chars: sms.Units(text), Parts: parts, Unicode: unicode}
	switch {
	case unicode && parts <= 1:
		c.PerPart = ucsSingle
	case unicode:
		c.PerPart = ucsMulti
	case parts <= 1:
		c.PerPart = gsmSingle
	default:
		c.PerPart = gsmMulti
	}
	return c
}

// Persian describes the count for the editor without script:
// «۶۸ نویسه، ۱ پیامک», and for longer text also the room in each part,
// since 67, not 70, is what each part of a split message holds.
func (c Counter) Persian() string {
	s := n(c.Chars) + " نویسه، " + n(c.Parts) + " پیامک"
	if c.Parts > 1 {
		s += " (هر پیامک " + n(c.PerPart) + " نویسه)"
	}
	return s
}

func n(i int) string { return fa.PersianDigits(strconv.Itoa(i)) }
