package sms

import (
	"encoding/json"
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"mizban/internal/sms/smsfake"
)

var (
	_ Provider   = (*Generic)(nil)
	_ IDHonourer = (*Generic)(nil)
)

func TestGenericJSONBody(t *testing.T) {
	srv := smsfake.NewGenericServer()
	defer srv.Close()
	g, err := NewGeneric(GenericConfig{
		URL:          srv.URL + "/api/send",
		AuthHeader:   "Authorization",
		AuthValue:    "Bearer s3cr3t-token",
		BodyTemplate: `{"to": {{json .ToIntl}}, "text": {{json .Text}}, "uid": {{json .ID}}}`,
		RefJSONPath:  "data.id",
	})
	if err != nil {
		t.Fatal(err)
	}
	text := "سلام «کاربر» \"نقل\" \\ </script>\n\u200cپایان"
	ref, err := g.Send(t.Context(), Message{ID: "id-1", To: "09121234567", Text: text})
	if err != nil {
		t.Fatal(err)
	}
	if ref != "g-1" {
		t.Errorf("ref = %q", ref)
	}
	reqs := srv.Requests()
	if len(reqs) != 1 {
		t.Fatalf("requests = %d", len(reqs))
	}
	r := reqs[0]
	var body struct{ To, Text, UID string }
	if err := json.Unmarshal([]byte(r.Body), &body); err != nil {
		t.Fatalf("body is not JSON: %v\n%s", err, r.Body)
	}
	if body.To != "989121234567" || body.Text != text || body.UID != "id-1" {
		t.Errorf("body = %+v", body)
	}
	if !strings.Contains(r.Body, "سلام") {
		t.Error("Persian should travel as UTF-8, not \\u escapes")
	}
	if r.Method != "POST" || r.Path != "/api/send" || r.Header.Get("Authorization") != "Bearer s3cr3t-token" ||
		!strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		t.Errorf("request %s %s headers %v", r.Method, r.Path, r.Header)
	}
}

func TestGenericGETQuery(t *testing.T) {
	srv := smsfake.NewGenericServer()
	defer srv.Close()
	g, err := NewGeneric(GenericConfig{
		Name:   "mygw",
		URL:    srv.URL + "/send?to={{urlquery .To}}&msg={{urlquery .Text}}",
		Method: "get",
	})
	if err != nil {
		t.Fatal(err)
	}
	text := "کد: ۱۲ & b=c"
	ref, err := g.Send(t.Context(), Message{ID: "x", To: "09121234567", Text: text})
	if err != nil || ref != "" {
		t.Fatalf("ref %q, err %v", ref, err)
	}
	r := srv.Requests()[0]
	q, _ := url.ParseQuery(r.Query)
	if r.Method != "GET" || q.Get("to") != "09121234567" || q.Get("msg") != text || r.Body != "" {
		t.Errorf("request %+v", r)
	}
	if g.Name() != "mygw" || g.HonoursID() {
		t.Errorf("name %q honours %v", g.Name(), g.HonoursID())
	}
}

func TestGenericStatuses(t *testing.T) {
	tests := []struct {
		name      string
		success   string
		permanent string
		reply     int
		body      string
		code      string // "" for success
		perm      bool
	}{
		{"default 2xx", "", "", 202, `{}`, "", false},
		{"explicit list", "200,201", "", 202, `{}`, "http-202", false},
		{"4xx retryable by default", "", "", 400, `bad number`, "http-400", false},
		{"permanent list", "", "400,422", 422, `{"error":"bad"}`, "http-422", true},
		{"5xx", "", "400", 503, ``, "http-503", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := smsfake.NewGenericServer()
			defer srv.Close()
			srv.SetReply(tt.reply, tt.body)
			g, err := NewGeneric(GenericConfig{URL: srv.URL, SuccessStatus: tt.success, PermanentStatus: tt.permanent, BodyTemplate: `{}`})
			if err != nil {
				t.Fatal(err)
			}
			_, err = g.Send(t.Context(), Message{ID: "x", To: "09121234567", Text: "hi"})
			if tt.code == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			var e *Error
			if !errors.As(err, &e) || e.Code != tt.code || e.Permanent != tt.perm {
				t.Errorf("err = %v, want %s permanent %v", err, tt.code, tt.perm)
			}
		})
	}
}

func TestGenericSecretNotInErrors(t *testing.T) {
	srv := smsfake.NewGenericServer()
	defer srv.Close()
	const secret = "tok-9d8f7e"
	// A gateway that echoes the credential back in its error page.
	srv.SetReply(401, `{"error":"token tok-9d8f7e is not valid"}`)
	g, err := NewGeneric(GenericConfig{URL: srv.URL, AuthHeader: "X-Token", AuthValue: secret, Timeout: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	m := Message{ID: "x", To: "09121234567", Text: "hi"}
	_, err = g.Send(t.Context(), m)
	noSecret(t, err, secret)
	if !strings.Contains(err.Error(), "is not valid") {
		t.Errorf("reply excerpt missing: %v", err)
	}
	srv.SetReply(0, "")
	srv.Hang(true)
	_, err = g.Send(t.Context(), m)
	var e *Error
	if !errors.As(err, &e) || e.Code != "timeout" {
		t.Errorf("hang: %v", err)
	}
	noSecret(t, err, secret)
	srv.Hang(false)
	srv.RedirectTo("http://127.0.0.1:1/elsewhere")
	_, err = g.Send(t.Context(), m)
	if !errors.As(err, &e) || e.Code != "http-302" {
		t.Errorf("redirect: %v", err)
	}
}

func TestGenericConfig(t *testing.T) {
	const u = "https://gw.example/send"
	tests := []struct {
		name string
		cfg  GenericConfig
		ok   bool
	}{
		{"minimal", GenericConfig{URL: u}, true},
		{"full", GenericConfig{URL: u, Method: "PUT", AuthHeader: "Authorization", AuthValue: "x", BodyTemplate: `{"t":{{json .Text}}}`, SuccessStatus: "200, 201", RefJSONPath: "a.0.b"}, true},
		{"form body", GenericConfig{URL: u, BodyTemplate: `to={{urlquery .To}}&text={{urlquery .Text}}`, ContentType: "application/x-www-form-urlencoded"}, true},
		{"no url", GenericConfig{}, false},
		{"relative url", GenericConfig{URL: "/send"}, false},
		{"ftp url", GenericConfig{URL: "ftp://gw/send"}, false},
		{"bad url template", GenericConfig{URL: u + "?to={{.To"}, false},
		{"unknown field", GenericConfig{URL: u, BodyTemplate: `{"t":{{json .Phone}}}`}, false},
		{"unknown func", GenericConfig{URL: u, BodyTemplate: `{{xml .Text}}`}, false},
		{"unquoted text in JSON", GenericConfig{URL: u, BodyTemplate: `{"t":"{{.Text}}"}`}, false},
		{"double quoted json", GenericConfig{URL: u, BodyTemplate: `{"t":"{{json .Text}}"}`}, false},
		{"bad method", GenericConfig{URL: u, Method: "DELETE"}, false},
		{"GET with body", GenericConfig{URL: u, Method: "GET", BodyTemplate: "x"}, false},
		{"header without value", GenericConfig{URL: u, AuthHeader: "Authorization"}, false},
		{"value without header", GenericConfig{URL: u, AuthValue: "x"}, false},
		{"bad header name", GenericConfig{URL: u, AuthHeader: "Auth: x", AuthValue: "y"}, false},
		{"newline in value", GenericConfig{URL: u, AuthHeader: "A", AuthValue: "x\r\nB: y"}, false},
		{"bad content type", GenericConfig{URL: u, BodyTemplate: "x", ContentType: "??"}, false},
		{"bad success", GenericConfig{URL: u, SuccessStatus: "ok"}, false},
		{"bad success class", GenericConfig{URL: u, SuccessStatus: "7xx"}, false},
		{"bad permanent", GenericConfig{URL: u, PermanentStatus: "4"}, false},
		{"empty path segment", GenericConfig{URL: u, RefJSONPath: "data..id"}, false},
		{"colon in name", GenericConfig{URL: u, Name: "a:b"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewGeneric(tt.cfg)
			if (err == nil) != tt.ok || (err != nil && !errors.Is(err, ErrConfig)) {
				t.Errorf("NewGeneric = %v, want ok=%v", err, tt.ok)
			}
			if tt.cfg.AuthValue != "" && err != nil && strings.Contains(err.Error(), tt.cfg.AuthValue) {
				t.Errorf("secret in config error: %v", err)
			}
		})
	}
}

func TestJSONPath(t *testing.T) {
	doc := []byte(`{"status":1,"data":{"packId":"p-1","messageIds":[86522023,0],"id":"x","n":null,"big":12345678901234567890}}`)
	tests := []struct {
		path string
		want string
		ok   bool
	}{
		{"data.packId", "p-1", true},
		{"data.messageIds.0", "86522023", true},
		{"data.messageIds.1", "0", true},
		{"data.big", "12345678901234567890", true},
		{"status", "1", true},
		{"data.messageIds.2", "", false},
		{"data.messageIds.-1", "", false},
		{"data.messageIds.x", "", false},
		{"data.n", "", false},
		{"data", "", false},
		{"missing.id", "", false},
		{"status.x", "", false},
	}
	for _, tt := range tests {
		got, ok := jsonPath(doc, strings.Split(tt.path, "."))
		if got != tt.want || ok != tt.ok {
			t.Errorf("%s = %q, %v; want %q, %v", tt.path, got, ok, tt.want, tt.ok)
		}
	}
	if _, ok := jsonPath([]byte("not json"), []string{"a"}); ok {
		t.Error("not json accepted")
	}
}

func FuzzJSONPath(f *testing.F) {
	f.Add([]byte(`{"a":[{"b":"c"}]}`), "a.0.b")
	f.Add([]byte(`[1,2,3]`), "2")
	f.Add([]byte(`{"a":1e999}`), "a")
	f.Add([]byte(``), "")
	f.Fuzz(func(t *testing.T, doc []byte, path string) {
		got, ok := jsonPath(doc, strings.Split(path, "."))
		if !ok && got != "" {
			t.Fatalf("not found but %q", got)
		}
	})
}

func FuzzGenericTemplate(f *testing.F) {
	// Any text the citizen-facing templates produce must yield valid JSON.
	f.Add("سلام \"دنیا\"")
	f.Add("\x00\u2028</script>\\")
	f.Add("\xff\xfe")
	g, err := NewGeneric(GenericConfig{URL: "http://x/", BodyTemplate: `{"t":{{json .Text}},"id":{{json .ID}}}`})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		out, err := g.render(g.body, genericData{To: "09120000000", Text: text, ID: "i"})
		if err != nil {
			t.Fatal(err)
		}
		var v struct{ T string }
		if err := json.Unmarshal([]byte(out), &v); err != nil {
			t.Fatalf("invalid JSON %q: %v", out, err)
		}
		if utf8.ValidString(text) && text != v.T {
			t.Fatalf("text changed: %q -> %q", text, v.T)
		}
	})
}
