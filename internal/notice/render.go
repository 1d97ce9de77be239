package notice

import (
	"fmt"
	"strconv"
	"strings"
	"text/template"
	"text/template/parse"
	"unicode"
	"unicode/utf8"

	"mizban/internal/desk"
	"mizban/internal/fa"
)

// Vars are the values a template may use. There is deliberately no field
// for a name, national code or mobile number.
type Vars struct {
	Code     string // one-time code, Latin digits
	Tracking string // tracking code, Latin digits
	Service  string // service title; long, cut with short in templates
	Unit     string // unit name
	Date     string // Jalali date as FormatDate gives it
	Link     string // short link to the tracking page, without scheme
	Minutes  int    // one-time code lifetime
}

// value returns the cleaned value of variable name and whether it is set.
func (v Vars) value(name string) (string, bool) {
	switch name {
	case VarCode:
		return v.Code, v.Code != ""
	case VarTracking:
		return v.Tracking, v.Tracking != ""
	case VarService:
		return v.Service, v.Service != ""
	case VarUnit:
		return v.Unit, v.Unit != ""
	case VarDate:
		return v.Date, v.Date != ""
	case VarLink:
		return v.Link, v.Link != ""
	case VarMinutes:
		return strconv.Itoa(v.Minutes), v.Minutes > 0
	}
	return "", false
}

// clean puts every string value on one line: a newline or a bidi override
// inside a service title must not reshape the message.
func (v Vars) clean() Vars {
	for _, p := range []*string{&v.Code, &v.Tracking, &v.Service, &v.Unit, &v.Date, &v.Link} {
		*p = oneLine(*p)
	}
	return v
}

func oneLine(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r >= '\u202a' && r <= '\u202e', r >= '\u2066' && r <= '\u2069':
			return -1
		case unicode.IsControl(r), r == '\u2028', r == '\u2029', unicode.IsSpace(r):
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// funcs are the only functions a template may call, besides the logic
// builtins in allowedBuiltins. text/template never escapes HTML, which is
// right for SMS.
var funcs = template.FuncMap{
	"short": short,
	"fa":    func(v any) string { return fa.PersianDigits(fmt.Sprint(v)) },
	"latin": func(v any) string { return fa.ASCIIDigits(fmt.Sprint(v)) },
}

var allowedBuiltins = map[string]bool{"eq": true, "ne": true, "not": true, "and": true, "or": true}

// short cuts s to at most n runes, the last being «…».
func short(n int, s string) string {
	if n < 1 {
		return ""
	}
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n-1]
	cut := strings.TrimRight(string(r), " \u200c\u200d،,.-")
	return cut + "…"
}

// compiled is a parsed body and what it reads.
type compiled struct {
	tmpl *template.Template
	used map[string]bool // variables the body prints or tests
	opt  map[string]bool // variables tested with if/with: may be empty
}

// NormalizeBody turns the CRLF a browser sends from a textarea (and any
// lone CR) into LF, so a newline costs one unit, and trims the ends.
func NormalizeBody(body string) string {
	body = strings.ReplaceAll(body, "\r\n", "\n")
	return strings.TrimSpace(strings.ReplaceAll(body, "\r", "\n"))
}

func compile(body string) (*compiled, error) {
	body = NormalizeBody(body)
	if body == "" {
		return nil, invalid("متن پیامک خالی است؛ متن را بنویسید.")
	}
	t, err := template.New("sms").Funcs(funcs).Parse(body)
	if err != nil {
		return nil, &desk.Error{Code: desk.EINVALID, Err: err,
			Message: "متن پیامک خوانده نشد؛ هر {{ را با }} ببندید و نام متغیرها را مانند {{.Tracking}} بنویسید."}
	}
	if len(t.Templates()) > 1 {
		return nil, invalid("تعریف قالب تازه (define) در پیامک پشتیبانی نمی‌شود.")
	}
	c := &compiled{tmpl: t, used: map[string]bool{}, opt: map[string]bool{}}
	if t.Tree == nil || t.Root == nil {
		return nil, invalid("متن پیامک خالی است؛ متن را بنویسید.")
	}
	if err := c.walk(t.Root, false); err != nil {
		return nil, err
	}
	return c, nil
}

func invalid(msg string) *desk.Error {
	return &desk.Error{Code: desk.EINVALID, Message: msg, Fields: map[string]string{"body": msg}, Order: []string{"body"}}
}

// unsupported is the one message for loops, variables and nested calls:
// an SMS template needs none of them.
var unsupported = "در پیامک فقط متغیرها، if و with و تابع‌های short و fa و latin به کار می‌روند."

// walk checks the tree against what an SMS template may do. inWith is true
// inside a with block, where {{.}} is the tested value.
func (c *compiled) walk(n parse.Node, inWith bool) error {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return nil
		}
		for _, m := range n.Nodes {
			if err := c.walk(m, inWith); err != nil {
				return err
			}
		}
	case *parse.TextNode, *parse.CommentNode:
	case *parse.ActionNode:
		return c.pipe(n.Pipe, inWith, false)
	case *parse.IfNode:
		return c.branch(&n.BranchNode, inWith, inWith)
	case *parse.WithNode:
		return c.branch(&n.BranchNode, true, inWith)
	default:
		return invalid(unsupported)
	}
	return nil
}

func (c *compiled) branch(b *parse.BranchNode, bodyWith, elseWith bool) error {
	if err := c.pipe(b.Pipe, false, true); err != nil {
		return err
	}
	if err := c.walk(b.List, bodyWith); err != nil {
		return err
	}
	return c.walk(b.ElseList, elseWith)
}

func (c *compiled) pipe(p *parse.PipeNode, inWith, cond bool) error {
	if p == nil {
		return nil
	}
	if len(p.Decl) > 0 {
		return invalid(unsupported)
	}
	for _, cmd := range p.Cmds {
		for _, a := range cmd.Args {
			if err := c.arg(a, inWith, cond); err != nil {
				return err
			}
		}
	}
	return nil
}

func (c *compiled) arg(a parse.Node, inWith, cond bool) error {
	switch a := a.(type) {
	case *parse.FieldNode:
		if inWith {
			return invalid("درون with فقط {{.}} به کار می‌رود، نه نام متغیر.")
		}
		name := a.Ident[0]
		if len(a.Ident) != 1 || !isVar(name) {
			return invalid(fmt.Sprintf("متغیر {{%s}} شناخته نیست؛ متغیرهای مجاز: %s.", a.String(), varList(allVars)))
		}
		c.used[name] = true
		if cond {
			c.opt[name] = true
		}
	case *parse.DotNode:
		if !inWith {
			return invalid("{{.}} تنها درون with به کار می‌رود؛ نام متغیر را بنویسید، مانند {{.Tracking}}.")
		}
	case *parse.IdentifierNode:
		if funcs[a.Ident] == nil && !allowedBuiltins[a.Ident] {
			return invalid(fmt.Sprintf("تابع «%s» در پیامک مجاز نیست؛ تابع‌های مجاز: short، fa و latin.", a.Ident))
		}
	case *parse.StringNode, *parse.NumberNode, *parse.BoolNode:
	case *parse.PipeNode:
		return c.pipe(a, inWith, cond)
	default:
		return invalid(unsupported)
	}
	return nil
}

func isVar(name string) bool {
	for _, v := range allVars {
		if v == name {
			return true
		}
	}
	return false
}

// varList writes names as the editor shows them: {{.Tracking}}، {{.Link}}.
func varList(names []string) string {
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = "{{." + n + "}}"
	}
	return strings.Join(parts, "، ")
}

// forKind refuses variables kind k does not fill.
func (c *compiled) forKind(k Kind) error {
	if !k.Valid() {
		return invalid(fmt.Sprintf("نوع پیامک «%s» شناخته نیست.", k))
	}
	for _, v := range allVars {
		if c.used[v] && !k.offers(v) {
			return invalid(fmt.Sprintf("متغیر {{.%s}} در پیامک «%s» مقدار ندارد؛ متغیرهای این پیامک: %s.", v, k.Title(), varList(k.Vars())))
		}
	}
	return nil
}

func (c *compiled) exec(v Vars) (string, error) {
	var b strings.Builder
	if err := c.tmpl.Execute(&b, v.clean()); err != nil {
		return "", &desk.Error{Code: desk.EINVALID, Err: err,
			Message: "متن پیامک ساخته نشد؛ تابع‌ها را درست به کار ببرید، مانند {{short 20 .Service}}."}
	}
	out := NormalizeBody(b.String()) // a "\r" literal in an action, too
	if out == "" {
		return "", invalid("متن پیامک پس از جای‌گذاری متغیرها خالی می‌شود؛ متنی بنویسید.")
	}
	return out, nil
}

// Validate checks a body an admin typed: it parses, uses only known
// variables and allowed functions, and renders with sample values. Errors
// are *desk.Error (EINVALID) with a Persian message on field "body".
func Validate(body string) error {
	c, err := compile(body)
	if err != nil {
		return err
	}
	_, err = c.exec(SampleVars())
	return err
}

// ValidateFor is Validate plus the variables kind k fills.
func ValidateFor(k Kind, body string) error {
	c, err := compile(body)
	if err != nil {
		return err
	}
	if err := c.forKind(k); err != nil {
		return err
	}
	_, err = c.exec(SampleVars())
	return err
}

// Render fills body, a template of kind k, with vars. A variable the body
// prints must be set, unless the body tests it with if or with first: an
// empty tracking code is a caller's bug, not a message to send.
func Render(k Kind, body string, vars Vars) (string, error) {
	c, err := compile(body)
	if err != nil {
		return "", err
	}
	if err := c.forKind(k); err != nil {
		return "", err
	}
	vars = vars.clean()
	for _, name := range allVars {
		if !c.used[name] || c.opt[name] {
			continue
		}
		if _, ok := vars.value(name); !ok {
			return "", invalid(fmt.Sprintf("مقدار متغیر {{.%s}} برای پیامک «%s» داده نشده است.", name, k.Title()))
		}
	}
	return c.exec(vars)
}

// Preview renders body of kind k with SampleVars, the longest realistic
// values, for the editor's counter.
func Preview(k Kind, body string) (string, error) {
	return Render(k, body, SampleVars())
}
