package sms

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"text/template"
	"time"
)

// GenericConfig connects a gateway that is not built in. URL and
// BodyTemplate are text/templates over {{.To}} (09XXXXXXXXX), {{.ToIntl}}
// (989XXXXXXXXX), {{.Text}} and {{.ID}} (our message id, for gateways that
// dedupe on a client id). Inside JSON write {{json .Text}}, which yields a
// quoted, escaped JSON string; inside a URL or form write {{urlquery .Text}}.
type GenericConfig struct {
	Name            string // shown in the outbox; default "generic"
	URL             string // http(s); may hold template variables
	Method          string // GET, POST (default) or PUT
	AuthHeader      string // e.g. Authorization; empty for none
	AuthValue       string // secret: never logged or put in errors
	BodyTemplate    string // empty sends no body
	ContentType     string // default application/json when there is a body
	SuccessStatus   string // HTTP statuses meaning sent: "2xx" (default), "200", "200,201"
	PermanentStatus string // statuses meaning the message itself was refused, e.g. "400,422"; default none
	RefJSONPath     string // dot path to the gateway's id in a JSON reply, e.g. data.messageIds.0; optional
	HonoursID       bool   // the gateway drops a repeat carrying the same {{.ID}}
	Timeout         time.Duration
	Transport       http.RoundTripper
}

// Generic is a provider for any HTTP gateway described by a GenericConfig.
type Generic struct {
	cfg       GenericConfig
	url, body *template.Template
	success   statusSet
	permanent statusSet
	path      []string
	client    *http.Client
}

type genericData struct {
	To, ToIntl, Text, ID string
}

// sampleData exercises escaping when the config is checked.
var sampleData = genericData{To: "09120000000", ToIntl: "989120000000", Text: "سلام \"دنیا\"\n\\ <&> ۱۲۳", ID: "sample-id"}

var templateFuncs = template.FuncMap{
	"json": func(v any) (string, error) {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(v); err != nil {
			return "", err
		}
		return strings.TrimSuffix(b.String(), "\n"), nil
	},
}

// NewGeneric checks cfg and returns the provider. Every error wraps
// ErrConfig and says in Persian which field to fix.
func NewGeneric(cfg GenericConfig) (*Generic, error) {
	bad := func(format string, a ...any) (*Generic, error) {
		return nil, fmt.Errorf("%w: "+format, append([]any{ErrConfig}, a...)...)
	}
	if cfg.Name == "" {
		cfg.Name = "generic"
	}
	if strings.ContainsAny(cfg.Name, ": \t\r\n") {
		return bad("نام درگاه (Name) نباید فاصله یا دونقطه داشته باشد")
	}
	cfg.Method = strings.ToUpper(strings.TrimSpace(cfg.Method))
	if cfg.Method == "" {
		cfg.Method = http.MethodPost
	}
	switch cfg.Method {
	case http.MethodGet, http.MethodPost, http.MethodPut:
	default:
		return bad("روش درخواست (Method) باید GET یا POST یا PUT باشد، نه %q", cfg.Method)
	}
	if cfg.Method == http.MethodGet && cfg.BodyTemplate != "" {
		return bad("درخواست GET بدنه ندارد؛ متغیرها را در URL بگذارید یا روش را POST کنید")
	}
	g := &Generic{cfg: cfg, client: newHTTPClient(cfg.Timeout, cfg.Transport)}

	if strings.TrimSpace(cfg.URL) == "" {
		return bad("نشانی درگاه (URL) خالی است")
	}
	var err error
	if g.url, err = template.New("url").Funcs(templateFuncs).Option("missingkey=error").Parse(cfg.URL); err != nil {
		return bad("قالب نشانی (URL) خطا دارد: %v", err)
	}
	u, err := g.render(g.url)
	if err != nil {
		return bad("قالب نشانی (URL) اجرا نشد: %v", err)
	}
	if p, err := url.Parse(u); err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return bad("نشانی درگاه (URL) باید با http:// یا https:// و نام میزبان شروع شود")
	}

	if (cfg.AuthHeader == "") != (cfg.AuthValue == "") {
		return bad("سرآیند احراز هویت (AuthHeader) و مقدار آن (AuthValue) باید با هم تنظیم شوند")
	}
	if cfg.AuthHeader != "" && !validHeaderName(cfg.AuthHeader) {
		return bad("نام سرآیند احراز هویت (AuthHeader) معتبر نیست")
	}
	if strings.ContainsAny(cfg.AuthValue, "\r\n\x00") {
		return bad("مقدار احراز هویت (AuthValue) نویسهٔ نامجاز دارد")
	}

	if cfg.BodyTemplate != "" {
		if g.body, err = template.New("body").Funcs(templateFuncs).Option("missingkey=error").Parse(cfg.BodyTemplate); err != nil {
			return bad("قالب بدنه (BodyTemplate) خطا دارد: %v", err)
		}
		if g.cfg.ContentType == "" {
			g.cfg.ContentType = "application/json; charset=utf-8"
		}
		mt, _, err := mime.ParseMediaType(g.cfg.ContentType)
		if err != nil {
			return bad("نوع محتوا (ContentType) معتبر نیست")
		}
		body, err := g.render(g.body)
		if err != nil {
			return bad("قالب بدنه (BodyTemplate) اجرا نشد: %v", err)
		}
		if strings.HasSuffix(mt, "json") && !json.Valid([]byte(body)) {
			return bad("قالب بدنه (BodyTemplate) JSON معتبر نمی‌سازد؛ متغیرها را بی‌نقل‌قول و با json بنویسید، مانند {\"text\": {{json .Text}}}")
		}
	}

	if cfg.SuccessStatus == "" {
		cfg.SuccessStatus = "2xx"
	}
	if g.success, err = parseStatusSet(cfg.SuccessStatus); err != nil {
		return bad("وضعیت موفق (SuccessStatus) باید مانند 2xx یا 200,201 باشد")
	}
	if cfg.PermanentStatus != "" {
		if g.permanent, err = parseStatusSet(cfg.PermanentStatus); err != nil {
			return bad("وضعیت رد قطعی (PermanentStatus) باید مانند 400,422 باشد")
		}
	}
	if cfg.RefJSONPath != "" {
		g.path = strings.Split(cfg.RefJSONPath, ".")
		for _, s := range g.path {
			if s == "" {
				return bad("مسیر شناسه (RefJSONPath) بخش خالی دارد؛ مانند data.id بنویسید")
			}
		}
	}
	return g, nil
}

// Name implements Provider.
func (g *Generic) Name() string { return g.cfg.Name }

// HonoursID implements IDHonourer, as configured.
func (g *Generic) HonoursID() bool { return g.cfg.HonoursID }

func (g *Generic) render(t *template.Template, d ...genericData) (string, error) {
	data := sampleData
	if len(d) > 0 {
		data = d[0]
	}
	var b strings.Builder
	err := t.Execute(&b, data)
	return b.String(), err
}

// Send implements Provider. The reference is the value at RefJSONPath, or
// empty when no path is set or the reply lacks it: the gateway said it
// sent, so failing here would only cause a second send.
func (g *Generic) Send(ctx context.Context, m Message) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	if err := m.Check(); err != nil {
		return "", err
	}
	d := genericData{To: m.To, ToIntl: "98" + m.To[1:], Text: m.Text, ID: m.ID}
	u, err := g.render(g.url, d)
	if err != nil {
		return "", &Error{Provider: g.Name(), Code: "config", Msg: "قالب نشانی اجرا نشد.", cause: err}
	}
	var body *strings.Reader
	if g.body != nil {
		s, err := g.render(g.body, d)
		if err != nil {
			return "", &Error{Provider: g.Name(), Code: "config", Msg: "قالب بدنه اجرا نشد.", cause: err}
		}
		body = strings.NewReader(s)
	} else {
		body = strings.NewReader("")
	}
	req, err := http.NewRequestWithContext(ctx, g.cfg.Method, u, body)
	if err != nil {
		// The URL passed the check with sample data; the real text broke it.
		return "", &Error{Provider: g.Name(), Code: "config", Msg: "نشانی ساخته‌شده معتبر نیست؛ متغیرهای URL را با urlquery بنویسید."}
	}
	if g.body != nil {
		req.Header.Set("Content-Type", g.cfg.ContentType)
	}
	if g.cfg.AuthHeader != "" {
		req.Header.Set(g.cfg.AuthHeader, g.cfg.AuthValue)
	}
	status, reply, err := roundTrip(g.client, req, g.Name(), g.cfg.AuthValue)
	if err != nil {
		return "", err
	}
	if !g.success.has(status) {
		e := httpStatusError(g.Name(), status, reply, g.cfg.AuthValue)
		e.Permanent = g.permanent.has(status)
		return "", e
	}
	if len(g.path) == 0 {
		return "", nil
	}
	ref, _ := jsonPath(reply, g.path)
	return ref, nil
}

// jsonPath follows path into a JSON document; numeric segments index
// arrays. Only strings and numbers make a reference.
func jsonPath(doc []byte, path []string) (string, bool) {
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return "", false
	}
	for _, seg := range path {
		switch x := v.(type) {
		case map[string]any:
			v = x[seg]
		case []any:
			i, err := strconv.Atoi(seg)
			if err != nil || i < 0 || i >= len(x) {
				return "", false
			}
			v = x[i]
		default:
			return "", false
		}
	}
	switch x := v.(type) {
	case string:
		return x, x != ""
	case json.Number:
		return x.String(), true
	}
	return "", false
}

// statusSet is a set of HTTP statuses written as "2xx" or "200,201".
type statusSet []func(int) bool

func parseStatusSet(s string) (statusSet, error) {
	var set statusSet
	for _, f := range strings.Split(s, ",") {
		f = strings.ToLower(strings.TrimSpace(f))
		if len(f) == 3 && f[1:] == "xx" && f[0] >= '1' && f[0] <= '5' {
			class := int(f[0]-'0') * 100
			set = append(set, func(c int) bool { return c >= class && c < class+100 })
			continue
		}
		n, err := strconv.Atoi(f)
		if err != nil || n < 100 || n > 599 {
			return nil, fmt.Errorf("bad status %q", f)
		}
		set = append(set, func(c int) bool { return c == n })
	}
	return set, nil
}

func (s statusSet) has(code int) bool {
	for _, f := range s {
		if f(code) {
			return true
		}
	}
	return false
}

// validHeaderName accepts RFC 9110 token characters.
func validHeaderName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0) {
			return false
		}
	}
	return true
}
