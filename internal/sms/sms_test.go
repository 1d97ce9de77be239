package sms

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
)

var _ Provider = (*Log)(nil)
var _ Provider = (*Fake)(nil)

func TestMask(t *testing.T) {
	tests := map[string]string{
		"09121234567":   "0912***4567",
		"+989121234567": "+989***4567",
		"0912123":       "***",
		"":              "***",
	}
	for in, want := range tests {
		if got := Mask(in); got != want {
			t.Errorf("Mask(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMessageCheck(t *testing.T) {
	ok := Message{ID: "m1", To: "09121234567", Text: "hi"}
	if err := ok.Check(); err != nil {
		t.Fatal(err)
	}
	bad := []Message{
		{To: "09121234567", Text: "hi"},
		{ID: "m1", To: "9121234567", Text: "hi"},
		{ID: "m1", To: "+989121234567", Text: "hi"},
		{ID: "m1", To: "0912123456x", Text: "hi"},
		{ID: "m1", To: "08121234567", Text: "hi"},
		{ID: "m1", To: "09121234567"},
	}
	for _, m := range bad {
		err := m.Check()
		if !errors.Is(err, ErrInvalid) {
			t.Errorf("%+v: err = %v, want ErrInvalid", m, err)
		}
		if err != nil && len(m.To) > 8 && strings.Contains(err.Error(), m.To) {
			t.Errorf("error shows the full number: %v", err)
		}
	}
}

func TestLogNeverLogsNumberOrText(t *testing.T) {
	var buf bytes.Buffer
	p := NewLog(slog.New(slog.NewTextHandler(&buf, nil)))
	m := Message{ID: "msg-7", To: "09121234567", Text: "کد ورود شما: 483920"}
	ref, err := p.Send(context.Background(), m)
	if err != nil {
		t.Fatal(err)
	}
	if ref != "log-msg-7" {
		t.Errorf("ref = %q", ref)
	}
	out := buf.String()
	for _, must := range []string{"id=msg-7", "to=0912***4567", "chars=19", "parts=1", "unicode=true"} {
		if !strings.Contains(out, must) {
			t.Errorf("log lacks %q: %s", must, out)
		}
	}
	for _, never := range []string{"09121234567", "483920", "کد"} {
		if strings.Contains(out, never) {
			t.Errorf("log contains %q: %s", never, out)
		}
	}
	if p.Name() != "log" {
		t.Errorf("Name = %q", p.Name())
	}
}

func TestLogRejectsInvalid(t *testing.T) {
	var buf bytes.Buffer
	p := NewLog(slog.New(slog.NewTextHandler(&buf, nil)))
	if _, err := p.Send(context.Background(), Message{ID: "x", To: "123", Text: "t"}); !errors.Is(err, ErrInvalid) {
		t.Errorf("err = %v", err)
	}
	if buf.Len() != 0 {
		t.Errorf("invalid message logged: %s", buf.String())
	}
}

func TestFake(t *testing.T) {
	f := NewFake()
	ctx := context.Background()
	m := func(i int) Message { return Message{ID: fmt.Sprint("m", i), To: "09121234567", Text: "t"} }
	f.FailNext(2)
	for i := 1; i <= 2; i++ {
		if _, err := f.Send(ctx, m(i)); !errors.Is(err, ErrFake) {
			t.Fatalf("send %d: err = %v, want ErrFake", i, err)
		}
	}
	ref, err := f.Send(ctx, m(3))
	if err != nil || ref != "fake-1" {
		t.Fatalf("send 3 = %q, %v", ref, err)
	}
	if got := f.Sent(); len(got) != 1 || got[0] != m(3) {
		t.Errorf("Sent = %+v", got)
	}
	if f.Attempts() != 3 {
		t.Errorf("Attempts = %d, want 3", f.Attempts())
	}
	// Sent is a copy.
	f.Sent()[0].Text = "changed"
	if f.Sent()[0].Text != "t" {
		t.Error("Sent exposes internal slice")
	}
	if _, err := f.Send(ctx, Message{ID: "bad"}); !errors.Is(err, ErrInvalid) {
		t.Errorf("invalid: err = %v", err)
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := f.Send(cctx, m(4)); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: err = %v", err)
	}
	if len(f.Sent()) != 1 {
		t.Errorf("Sent = %d after failures, want 1", len(f.Sent()))
	}
}

func TestFakeConcurrent(t *testing.T) {
	var f Fake // zero value is usable
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f.Send(context.Background(), Message{ID: fmt.Sprint(i), To: "09121234567", Text: "t"})
		}()
	}
	wg.Wait()
	if n := len(f.Sent()); n != 20 {
		t.Errorf("Sent = %d, want 20", n)
	}
}
