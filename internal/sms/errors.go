package sms

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// Error is a failure reported by a gateway client. Permanent means the
// message itself is refused (bad number, bad characters, too long): sending
// it again, here or at another gateway, cannot help. Everything else (outage,
// timeout, low credit, wrong key or line) is retryable: the message is fine
// and may go through later or through another gateway.
//
// Msg is Persian, for the administrators' outbox page. Neither field ever
// holds an API key: the clients strip request URLs from transport errors and
// redact their secrets from anything a gateway echoes back.
type Error struct {
	Provider  string
	Code      string // the gateway's own code, or http-NNN, timeout, network, bad-reply, config, canceled
	Msg       string
	Permanent bool
	cause     error
}

func (e *Error) Error() string {
	kind := "retryable"
	if e.Permanent {
		kind = "permanent"
	}
	return fmt.Sprintf("sms: %s: %s (%s): %s", e.Provider, e.Code, kind, e.Msg)
}

// Unwrap lets errors.Is see context.DeadlineExceeded and the like.
func (e *Error) Unwrap() error { return e.cause }

// IsPermanent reports whether err says retrying the message is pointless.
func IsPermanent(err error) bool {
	if errors.Is(err, ErrInvalid) {
		return true
	}
	var e *Error
	return errors.As(err, &e) && e.Permanent
}

// ErrConfig wraps every configuration mistake found at construction.
var ErrConfig = errors.New("sms: bad provider configuration")

// ErrUnknownRef is returned by Status when the gateway does not know the
// reference (Kavenegar 100, sms.ir 111).
var ErrUnknownRef = errors.New("sms: gateway does not know this message reference")

// Persian messages shared by the clients.
const (
	msgTimeout   = "درگاه پیامک در زمان مقرر پاسخ نداد."
	msgNetwork   = "به درگاه پیامک وصل نشد؛ اتصال شبکه یا نشانی درگاه را بررسی کنید."
	msgCanceled  = "ارسال پیش از پاسخ درگاه لغو شد."
	msgBadReply  = "پاسخ درگاه پیامک قابل فهم نبود."
	msgServer    = "درگاه پیامک موقتاً در دسترس نیست."
	msgRedirect  = "درگاه پیامک به نشانی دیگری ارجاع داد؛ نشانی درگاه را در تنظیمات اصلاح کنید."
	msgNoKey     = "کلید دسترسی درگاه پیامک تنظیم نشده است."
	msgBadBase   = "نشانی پایهٔ درگاه پیامک معتبر نیست."
	msgHTTPOther = "درگاه پیامک درخواست را نپذیرفت."
)

// redact removes secrets from text that may reach logs.
func redact(s string, secrets ...string) string {
	for _, k := range secrets {
		if k != "" {
			s = strings.ReplaceAll(s, k, "***")
		}
	}
	return s
}

// excerpt shortens a gateway's reply for an error message.
func excerpt(b []byte, secrets ...string) string {
	s := strings.ToValidUTF8(strings.TrimSpace(string(b)), "�")
	if r := []rune(s); len(r) > 200 {
		s = string(r[:200]) + "…"
	}
	return redact(s, secrets...)
}

func canceled(ctx context.Context, provider string) *Error {
	return &Error{Provider: provider, Code: "canceled", Msg: msgCanceled, cause: ctx.Err()}
}
