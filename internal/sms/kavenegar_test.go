package sms

import (
	"context"
	"errors"
	"fmt"
	"mizban/internal/fa"
	"net/http"
	"strings"
	"testing"
	"time"

	"mizban/internal/sms/smsfake"
)

var (
	_ Provider      = (*Kavenegar)(nil)
	_ StatusChecker = (*Kavenegar)(nil)
	_ IDHonourer    = (*Kavenegar)(nil)
)

const faText = "درخواست «۱۲۳۴» ثبت شد.\nمیز خدمت"

func newKav(t *testing.T) (*Kavenegar, *smsfake.KavenegarServer) {
	t.Helper()
	srv := smsfake.NewKavenegarServer()
	t.Cleanup(srv.Close)
	return NewKavenegar(KavenegarConfig{APIKey: smsfake.KavenegarKey, Sender: "2000660110", BaseURL: srv.URL}), srv
}

// noSecret fails if secret appears anywhere in err's text or chain.
func noSecret(t *testing.T, err error, secret string) {
	t.Helper()
	if err == nil {
		t.Fatal("want an error")
	}
	for e := err; e != nil; e = errors.Unwrap(e) {
		for _, s := range []string{e.Error(), fmt.Sprintf("%+v", e), fmt.Sprintf("%#v", e)} {
			if strings.Contains(s, secret) {
				t.Fatalf("secret leaked in error: %s", s)
			}
		}
	}
}

func TestKavenegarSend(t *testing.T) {
	k, srv := newKav(t)
	ref, err := k.Send(t.Context(), Message{ID: "a1b2", To: "09121234567", Text: faText})
	if err != nil {
		t.Fatal(err)
	}
	got := srv.DeliveriesTo("09121234567")
	if len(got) != 1 {
		t.Fatalf("deliveries = %d, want 1", len(got))
	}
	d := got[0]
	if ref != fmt.Sprint(d.MessageID) || d.Text != faText || d.From != "2000660110" || d.LocalID != KavenegarLocalID("a1b2") {
		t.Errorf("ref %q, delivery %+v", ref, d)
	}
}

func TestKavenegarLocalIDDedupe(t *testing.T) {
	k, srv := newKav(t)
	m := Message{ID: "0f9e8d7c6b5a", To: "09121234567", Text: "کد شما ۱۲۳۴"}
	// The gateway delivers but its reply is lost: the retry must not send twice.
	srv.LoseNext(1)
	if _, err := k.Send(t.Context(), m); err == nil || IsPermanent(err) {
		t.Fatalf("lost reply: err = %v, want retryable", err)
	}
	ref1, err := k.Send(t.Context(), m)
	if err != nil {
		t.Fatal(err)
	}
	ref2, err := k.Send(t.Context(), m)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(srv.Deliveries()); n != 1 {
		t.Fatalf("deliveries = %d, want 1", n)
	}
	if ref1 != ref2 || ref1 != fmt.Sprint(srv.Deliveries()[0].MessageID) {
		t.Errorf("refs %q, %q differ or do not match the delivery", ref1, ref2)
	}
	if srv.Sends() != 3 {
		t.Errorf("sends = %d, want 3", srv.Sends())
	}
	// Another message id is another message.
	if _, err := k.Send(t.Context(), Message{ID: "other", To: m.To, Text: m.Text}); err != nil {
		t.Fatal(err)
	}
	if n := len(srv.Deliveries()); n != 2 {
		t.Errorf("deliveries = %d, want 2", n)
	}
}

func TestKavenegarLocalID(t *testing.T) {
	if got := KavenegarLocalID("12345"); got != "12345" {
		t.Errorf("digits: %q", got)
	}
	a, b := KavenegarLocalID("9f86d081884c7d659a2feaa0c55ad015"), KavenegarLocalID("9f86d081884c7d659a2feaa0c55ad016")
	if a == b || !fa.AllDigits(a) || !fa.AllDigits(b) || a != KavenegarLocalID("9f86d081884c7d659a2feaa0c55ad015") {
		t.Errorf("hashed localids %q %q: want distinct, stable, digits", a, b)
	}
	if got := KavenegarLocalID("1234567890123456789"); len(got) > 19 || !fa.AllDigits(got) || got == "1234567890123456789" {
		t.Errorf("19 digits must be hashed: %q", got)
	}
}

func TestKavenegarErrors(t *testing.T) {
	tests := []struct {
		fail      int
		code      string
		permanent bool
	}{
		{400, "400", true},
		{402, "402", false},
		{403, "403", false},
		{409, "409", false},
		{411, "411", true},
		{412, "412", false},
		{413, "413", true},
		{414, "414", true},
		{418, "418", false},
		{422, "422", true},
		{424, "424", false},
		{426, "426", false},
		{431, "431", true},
		{432, "432", true},
		{499, "499", false}, // unknown codes are retryable
		{500, "http-500", false},
		{502, "http-502", false},
		{503, "http-503", false},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			k, srv := newKav(t)
			srv.FailNext(1, tt.fail)
			_, err := k.Send(t.Context(), Message{ID: "x", To: "09121234567", Text: "hi"})
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("err = %v, want *Error", err)
			}
			if e.Code != tt.code || e.Permanent != tt.permanent || IsPermanent(err) != tt.permanent || e.Provider != "kavenegar" || e.Msg == "" {
				t.Errorf("got %+v, want code %s permanent %v", e, tt.code, tt.permanent)
			}
			noSecret(t, err, smsfake.KavenegarKey)
			if len(srv.Deliveries()) != 0 {
				t.Error("a failed send was delivered")
			}
		})
	}
}

func TestKavenegarFakeValidates(t *testing.T) {
	// The fake refuses what Kavenegar refuses; the client maps it.
	k, srv := newKav(t)
	long := strings.Repeat("س", 1001)
	_, err := k.Send(t.Context(), Message{ID: "x", To: "09121234567", Text: long})
	var e *Error
	if !errors.As(err, &e) || e.Code != "413" || !e.Permanent {
		t.Errorf("too long: %v", err)
	}
	bad := NewKavenegar(KavenegarConfig{APIKey: "wrong-key", BaseURL: srv.URL})
	_, err = bad.Send(t.Context(), Message{ID: "x", To: "09121234567", Text: "hi"})
	if !errors.As(err, &e) || e.Code != "403" || e.Permanent {
		t.Errorf("wrong key: %v", err)
	}
	noSecret(t, err, "wrong-key")
}

func TestKavenegarInvalidMessage(t *testing.T) {
	k, srv := newKav(t)
	_, err := k.Send(t.Context(), Message{ID: "x", To: "0912", Text: "hi"})
	if !errors.Is(err, ErrInvalid) || !IsPermanent(err) {
		t.Errorf("err = %v", err)
	}
	if srv.Sends() != 0 {
		t.Error("an invalid message reached the gateway")
	}
}

func TestKavenegarConfig(t *testing.T) {
	tests := []struct {
		name string
		cfg  KavenegarConfig
		ok   bool
	}{
		{"ok", KavenegarConfig{APIKey: "abc"}, true},
		{"ok with base", KavenegarConfig{APIKey: "abc", BaseURL: "http://127.0.0.1:1/", Sender: "1000"}, true},
		{"no key", KavenegarConfig{}, false},
		{"blank key", KavenegarConfig{APIKey: "  "}, false},
		{"slash in key", KavenegarConfig{APIKey: "a/b"}, false},
		{"letters in sender", KavenegarConfig{APIKey: "abc", Sender: "MIZBAN"}, false},
		{"ftp base", KavenegarConfig{APIKey: "abc", BaseURL: "ftp://x"}, false},
		{"no host", KavenegarConfig{APIKey: "abc", BaseURL: "https://"}, false},
		{"query in base", KavenegarConfig{APIKey: "abc", BaseURL: "https://x/?a=1"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.cfg.Validate()
			if (err == nil) != tt.ok || (err != nil && !errors.Is(err, ErrConfig)) {
				t.Fatalf("Validate = %v, want ok=%v", err, tt.ok)
			}
			if tt.ok {
				return
			}
			// A misconfigured client fails every send, retryably, without leaking the key.
			_, err = NewKavenegar(tt.cfg).Send(t.Context(), Message{ID: "x", To: "09121234567", Text: "hi"})
			var e *Error
			if !errors.As(err, &e) || e.Code != "config" || e.Permanent || !errors.Is(err, ErrConfig) {
				t.Errorf("Send = %v", err)
			}
			if tt.cfg.APIKey != "" && strings.TrimSpace(tt.cfg.APIKey) != "" {
				noSecret(t, err, tt.cfg.APIKey)
			}
		})
	}
}

func TestKavenegarStateTable(t *testing.T) {
	tests := []struct {
		code int
		want State
	}{
		{1, StateQueued}, {2, StateQueued}, {4, StateSent}, {5, StateSent}, {6, StateFailed},
		{10, StateDelivered}, {11, StateUndelivered}, {13, StateFailed}, {14, StateFailed},
	}
	for _, tt := range tests {
		if got, err := kavenegarState(tt.code); got != tt.want || err != nil {
			t.Errorf("kavenegarState(%d) = %q, %v; want %q", tt.code, got, err, tt.want)
		}
	}
	if _, err := kavenegarState(100); !errors.Is(err, ErrUnknownRef) {
		t.Errorf("100: %v", err)
	}
	if _, err := kavenegarState(77); err == nil || IsPermanent(err) {
		t.Errorf("77: %v, want retryable error", err)
	}
}

func TestKavenegarStatus(t *testing.T) {
	k, srv := newKav(t)
	ref, err := k.Send(t.Context(), Message{ID: "s1", To: "09121234567", Text: "hi"})
	if err != nil {
		t.Fatal(err)
	}
	id := srv.Deliveries()[0].MessageID
	for code, want := range map[int]State{1: StateQueued, 5: StateSent, 10: StateDelivered, 11: StateUndelivered, 14: StateFailed} {
		srv.SetStatus(id, code)
		got, err := k.Status(t.Context(), ref)
		if got != want || err != nil {
			t.Errorf("status %d: %q, %v; want %q", code, got, err, want)
		}
	}
	if _, err := k.Status(t.Context(), "999999999"); !errors.Is(err, ErrUnknownRef) {
		t.Errorf("unknown id: %v", err)
	}
	if _, err := k.Status(t.Context(), "abc"); !errors.Is(err, ErrUnknownRef) {
		t.Errorf("non-numeric ref: %v", err)
	}
	srv.Down(503)
	_, err = k.Status(t.Context(), ref)
	var e *Error
	if !errors.As(err, &e) || e.Code != "http-503" {
		t.Errorf("down: %v", err)
	}
}

func TestKavenegarTimeout(t *testing.T) {
	srv := smsfake.NewKavenegarServer()
	defer srv.Close()
	srv.Hang(true)
	k := NewKavenegar(KavenegarConfig{APIKey: smsfake.KavenegarKey, BaseURL: srv.URL, Timeout: 50 * time.Millisecond})
	_, err := k.Send(t.Context(), Message{ID: "x", To: "09121234567", Text: "hi"})
	var e *Error
	if !errors.As(err, &e) || e.Code != "timeout" || e.Permanent {
		t.Fatalf("err = %v, want retryable timeout", err)
	}
	noSecret(t, err, smsfake.KavenegarKey)
}

func TestKavenegarCanceled(t *testing.T) {
	srv := smsfake.NewKavenegarServer()
	defer srv.Close()
	srv.Hang(true)
	k := NewKavenegar(KavenegarConfig{APIKey: smsfake.KavenegarKey, BaseURL: srv.URL})
	ctx, cancel := context.WithCancel(t.Context())
	go func() {
		for srv.Sends() == 0 && ctx.Err() == nil {
			time.Sleep(time.Millisecond)
		}
		cancel()
	}()
	_, err := k.Send(ctx, Message{ID: "x", To: "09121234567", Text: "hi"})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled in chain", err)
	}
	noSecret(t, err, smsfake.KavenegarKey)
}

func TestKavenegarNoRedirect(t *testing.T) {
	target := smsfake.NewKavenegarServer()
	defer target.Close()
	k, srv := newKav(t)
	srv.RedirectTo(target.URL + "/v1/" + smsfake.KavenegarKey + "/sms/send.json")
	_, err := k.Send(t.Context(), Message{ID: "x", To: "09121234567", Text: "hi"})
	var e *Error
	if !errors.As(err, &e) || e.Code != "http-302" || e.Permanent {
		t.Fatalf("err = %v, want retryable http-302", err)
	}
	if target.Sends() != 0 || len(srv.Deliveries()) != 0 {
		t.Error("redirect was followed")
	}
	noSecret(t, err, smsfake.KavenegarKey)
}

func TestKavenegarNetworkError(t *testing.T) {
	srv := smsfake.NewKavenegarServer()
	base := srv.URL
	srv.Close()
	k := NewKavenegar(KavenegarConfig{APIKey: smsfake.KavenegarKey, BaseURL: base})
	_, err := k.Send(t.Context(), Message{ID: "x", To: "09121234567", Text: "hi"})
	var e *Error
	if !errors.As(err, &e) || e.Code != "network" || e.Permanent {
		t.Fatalf("err = %v, want retryable network error", err)
	}
	noSecret(t, err, smsfake.KavenegarKey)
}

func TestParseKavenegar(t *testing.T) {
	tests := []struct {
		name   string
		status int
		body   string
		ref    string
		code   string
	}{
		{"ok", 200, `{"return":{"status":200,"message":"تایید شد"},"entries":[{"messageid":8792343,"status":1}]}`, "8792343", ""},
		{"ok string id", 200, `{"return":{"status":200,"message":""},"entries":[{"messageid":"42","status":1}]}`, "42", ""},
		{"credit", 418, `{"return":{"status":418,"message":"اعتبار حساب شما کافی نیست"},"entries":null}`, "", "418"},
		{"envelope says error, http 200", 200, `{"return":{"status":411,"message":"x"},"entries":[]}`, "", "411"},
		{"html outage", 502, `<html>bad gateway</html>`, "", "http-502"},
		{"garbage 200", 200, `not json`, "", "bad-reply"},
		{"empty 200", 200, ``, "", "bad-reply"},
		{"envelope 200 but http 500", 500, `{"return":{"status":200,"message":""},"entries":[]}`, "", "http-500"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			entries, err := parseKavenegar(tt.status, []byte(tt.body))
			if tt.code == "" {
				if err != nil || len(entries) != 1 || entries[0].MessageID.String() != tt.ref {
					t.Fatalf("entries %+v, err %v", entries, err)
				}
				return
			}
			var e *Error
			if !errors.As(err, &e) || e.Code != tt.code {
				t.Fatalf("err = %v, want code %s", err, tt.code)
			}
		})
	}
}

// FuzzParseKavenegar feeds gateway replies: no panic, and either entries
// or an *Error that does not echo the key.
func FuzzParseKavenegar(f *testing.F) {
	f.Add(200, []byte(`{"return":{"status":200,"message":"ok"},"entries":[{"messageid":1,"status":1}]}`))
	f.Add(418, []byte(`{"return":{"status":418,"message":"SECRETKEY"}}`))
	f.Add(502, []byte(`<html>SECRETKEY</html>`))
	f.Add(200, []byte(`{"return":{"status":200},"entries":[{"messageid":1e400}]}`))
	f.Add(301, []byte(``))
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		_, err := parseKavenegar(status, body, "SECRETKEY")
		if err == nil {
			return
		}
		var e *Error
		if !errors.As(err, &e) {
			t.Fatalf("not *Error: %v", err)
		}
		if strings.Contains(err.Error(), "SECRETKEY") {
			t.Fatalf("key echoed: %v", err)
		}
	})
}

func TestKavenegarGET405(t *testing.T) {
	// Kavenegar accepts POST; the fake answers other methods with 405.
	srv := smsfake.NewKavenegarServer()
	defer srv.Close()
	req, _ := http.NewRequest(http.MethodDelete, srv.URL+"/v1/"+smsfake.KavenegarKey+"/sms/send.json", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 405 {
		t.Errorf("status %d", resp.StatusCode)
	}
}
