package sms

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// DefaultTimeout bounds one request to a gateway when the config sets none.
const DefaultTimeout = 15 * time.Second

// maxReply caps how much of a gateway's reply is read; real replies are a
// few hundred bytes.
const maxReply = 1 << 20

// newHTTPClient returns a client that never follows redirects: a redirect
// would resend the API key (in Kavenegar's path, or a header) to a host we
// did not configure, and a POST silently turned into a GET is not a send.
func newHTTPClient(timeout time.Duration, rt http.RoundTripper) *http.Client {
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	return &http.Client{
		Timeout:   timeout,
		Transport: rt,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}
}

// roundTrip sends req and reads the reply. Transport failures come back as
// *Error without the request URL, which for Kavenegar holds the API key.
func roundTrip(c *http.Client, req *http.Request, provider string, secrets ...string) (int, []byte, error) {
	resp, err := c.Do(req)
	if err != nil {
		return 0, nil, transportError(req.Context(), provider, err, secrets)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxReply))
	if err != nil {
		return 0, nil, transportError(req.Context(), provider, err, secrets)
	}
	return resp.StatusCode, body, nil
}

func transportError(ctx context.Context, provider string, err error, secrets []string) *Error {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err // drop Op and URL
	}
	err = redactedError{redact(err.Error(), secrets...), err}
	if errors.Is(ctx.Err(), context.Canceled) {
		return &Error{Provider: provider, Code: "canceled", Msg: msgCanceled, cause: err}
	}
	var ne net.Error
	if errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout()) {
		return &Error{Provider: provider, Code: "timeout", Msg: msgTimeout, cause: err}
	}
	return &Error{Provider: provider, Code: "network", Msg: msgNetwork, cause: err}
}

// redactedError keeps the chain for errors.Is while its text is scrubbed.
type redactedError struct {
	text string
	err  error
}

func (e redactedError) Error() string { return e.text }
func (e redactedError) Unwrap() error { return e.err }

// httpStatusError classifies a reply the gateway did not wrap in its own
// envelope (a proxy's 502 page, a redirect).
func httpStatusError(provider string, status int, body []byte, secrets ...string) *Error {
	code := "http-" + strconv.Itoa(status)
	switch {
	case status >= 300 && status < 400:
		return &Error{Provider: provider, Code: code, Msg: msgRedirect}
	case status >= 500, status == http.StatusTooManyRequests, status == http.StatusRequestTimeout:
		return &Error{Provider: provider, Code: code, Msg: msgServer}
	}
	msg := msgHTTPOther
	if e := excerpt(body, secrets...); e != "" {
		msg += " پاسخ درگاه: " + e
	}
	return &Error{Provider: provider, Code: code, Msg: msg}
}
