package sms

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestStateFinal(t *testing.T) {
	for s, want := range map[State]bool{
		StateQueued: false, StateSent: false, StateDelivered: true,
		StateUndelivered: true, StateFailed: true, StateExpired: true, "": false,
	} {
		if s.Final() != want {
			t.Errorf("%q.Final() = %v", s, !want)
		}
	}
}

func TestIsPermanent(t *testing.T) {
	tests := []struct {
		err  error
		want bool
	}{
		{nil, false},
		{errors.New("x"), false},
		{fmt.Errorf("%w: no id", ErrInvalid), true},
		{&Error{Permanent: true}, true},
		{&Error{}, false},
		{fmt.Errorf("wrapped: %w", &Error{Permanent: true}), true},
	}
	for _, tt := range tests {
		if got := IsPermanent(tt.err); got != tt.want {
			t.Errorf("IsPermanent(%v) = %v", tt.err, got)
		}
	}
}

func TestErrorText(t *testing.T) {
	e := &Error{Provider: "kavenegar", Code: "418", Msg: "اعتبار کافی نیست"}
	if got := e.Error(); !strings.Contains(got, "kavenegar") || !strings.Contains(got, "418") || !strings.Contains(got, "retryable") {
		t.Errorf("Error() = %q", got)
	}
	if got := redact("key abc and abc", "abc", ""); got != "key *** and ***" {
		t.Errorf("redact = %q", got)
	}
}
