package sms

import (
	"context"
	"errors"
	"fmt"
)

// Message is one text to one citizen.
type Message struct {
	ID   string // our own message id; providers use it to drop repeats
	To   string // canonical mobile, 09XXXXXXXXX
	Text string
}

// Provider sends messages. Send returns the provider's reference for later
// delivery-status look-ups. It must be safe for concurrent use.
type Provider interface {
	Name() string
	Send(ctx context.Context, m Message) (providerRef string, err error)
}

// ErrInvalid reports a message no provider would accept; retrying it is
// pointless.
var ErrInvalid = errors.New("sms: invalid message")

// Check reports what is wrong with m, wrapping ErrInvalid. The number is
// masked in the error because errors end up in logs.
func (m Message) Check() error {
	switch {
	case m.ID == "":
		return fmt.Errorf("%w: no id", ErrInvalid)
	case !canonicalMobile(m.To):
		return fmt.Errorf("%w: recipient %s is not 09XXXXXXXXX", ErrInvalid, Mask(m.To))
	case m.Text == "":
		return fmt.Errorf("%w: empty text", ErrInvalid)
	}
	return nil
}

func canonicalMobile(s string) bool {
	if len(s) != 11 || s[0] != '0' || s[1] != '9' {
		return false
	}
	for i := 2; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// Mask hides the middle of a phone number for logs: 0912***4567. Numbers too
// short to keep eight digits and still hide some are masked whole.
func Mask(number string) string {
	r := []rune(number)
	if len(r) < 11 {
		return "***"
	}
	return string(r[:4]) + "***" + string(r[len(r)-4:])
}
