package desk

import (
	"errors"
	"fmt"
)

// Error codes. They are stable: the JSON API returns them to clients.
const (
	EINVALID      = "invalid"
	ENOTFOUND     = "not_found"
	ECONFLICT     = "conflict"
	EFORBIDDEN    = "forbidden"
	EUNAUTHORIZED = "unauthorized"
	ERATELIMIT    = "rate_limited"
	EINTERNAL     = "internal"
)

// Error is the application error. Message is safe to show a citizen (Persian);
// Fields maps a form field key to its own Persian message. Err, when set, is the
// underlying cause for logs only.
type Error struct {
	Code    string
	Message string
	Fields  map[string]string
	Order   []string // keys of Fields in the order the form shows them
	Err     error
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.Err)
	}
	return e.Code + ": " + e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf builds an Error with a formatted citizen-facing message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of err, EINTERNAL for foreign errors and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the citizen-facing message of err; foreign errors get a
// generic message so internals never leak.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) && e.Message != "" {
		return e.Message
	}
	return "خطای داخلی رخ داد. لطفاً چند لحظه بعد دوباره تلاش کنید."
}

// ErrorFields returns the per-field messages of err, if any.
func ErrorFields(err error) map[string]string {
	var e *Error
	if errors.As(err, &e) {
		return e.Fields
	}
	return nil
}

// FieldErrors collects per-field validation messages in order.
type FieldErrors struct {
	Keys []string
	Msgs map[string]string
}

// Add records msg for key unless key already has a message.
func (f *FieldErrors) Add(key, msg string) {
	if f.Msgs == nil {
		f.Msgs = map[string]string{}
	}
	if _, ok := f.Msgs[key]; ok {
		return
	}
	f.Keys = append(f.Keys, key)
	f.Msgs[key] = msg
}

// Err returns an EINVALID Error when any field failed, else nil.
func (f *FieldErrors) Err() error {
	if len(f.Keys) == 0 {
		return nil
	}
	return &Error{Code: EINVALID, Message: "لطفاً خطاهای فرم را برطرف کنید.", Fields: f.Msgs, Order: f.Keys}
}

// HTTPStatus is the HTTP status for an error code; pages and the JSON API
// share it. Numbers, not net/http constants, keep desk free of net/http.
func HTTPStatus(code string) int {
	switch code {
	case EINVALID:
		return 422
	case ENOTFOUND:
		return 404
	case ECONFLICT:
		return 409
	case EFORBIDDEN:
		return 403
	case EUNAUTHORIZED:
		return 401
	case ERATELIMIT:
		return 429
	}
	return 500
}
