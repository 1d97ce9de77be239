package web

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"strings"

	"mizban/internal/desk"
	"mizban/internal/i18n"
)

// page is what every template gets: the chrome, the errors of a form, and
// the page's own data in Data.
type page struct {
	Lang    i18n.Lang
	Title   string
	Demo    bool
	Agency  Agency
	Path    string // current path, for the language switch
	Query   string
	Errors  []fieldError      // error summary, in form order
	FieldOf map[string]string // field key → message
	Flash   string
	Data    any
	Staff   *staffNav // set on staff pages for a signed-in person
}

// staffNav is the header of staff pages: who is signed in and the areas
// their roles open.
type staffNav struct {
	Name  string
	Links []staffHomeLink
}

type fieldError struct{ Key, Msg string }

// fieldArgs feed the "answer-field" template: one question of a service
// form, on the citizen's page or at the counter (no browser autofill).
type fieldArgs struct {
	P       page
	F       desk.FormField
	Answers map[string]string
	Dates   map[string][3]string
	Counter bool
}

// docArgs feed the "doc-input" template: one document upload.
type docArgs struct {
	P    page
	Slot desk.RequiredDoc
}

// inputArgs feed the "text-input" template: one labelled text field.
type inputArgs struct {
	P                                   page
	Key, Label, Hint, Value, Auto, Mode string
}

// Err returns the message of a field, for templates.
func (p page) Err(key string) string { return p.FieldOf[key] }

// LangURL is the current page in the other language.
func (p page) LangURL(lang string) string {
	q, _ := url.ParseQuery(p.Query)
	q.Set("lang", lang)
	return p.Path + "?" + q.Encode()
}

//go:embed templates
var templateFS embed.FS

func (s *Server) parseTemplates() error {
	s.pages = map[i18n.Lang]map[string]*template.Template{}
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return err
	}
	for _, lang := range []i18n.Lang{i18n.FA, i18n.EN} {
		funcs := i18n.Funcs(lang)
		funcs["asset"] = s.assets.URL
		funcs["status"] = func(st desk.Status) string { return i18n.T(lang, desk.StatusTitle[st]) }
		funcs["category"] = func(slug string) string { return i18n.T(lang, desk.CategoryTitle(desk.Categories, slug)) }
		funcs["audience"] = func(slug string) string { return i18n.T(lang, desk.CategoryTitle(desk.Audiences, slug)) }
		funcs["qr"] = qrSVG
		funcs["days_left"] = daysLeft
		funcs["neg"] = func(n int) int { return -n }
		funcs["mask_name"] = maskName
		funcs["title"] = func(svc desk.Service) string {
			if lang == i18n.EN && svc.TitleEn != "" {
				return svc.TitleEn
			}
			return svc.Title
		}
		funcs["add"] = func(a, b int) int { return a + b }
		// isolate keeps a number or code inserted into a sentence from being
		// reordered by the surrounding right-to-left text (FSI … PDI).
		funcs["isolate"] = func(s string) string { return "\u2068" + s + "\u2069" }
		funcs["fieldargs"] = func(p page, f desk.FormField, answers map[string]string, dates map[string][3]string, counter bool) fieldArgs {
			return fieldArgs{p, f, answers, dates, counter}
		}
		funcs["docargs"] = func(p page, slot desk.RequiredDoc) docArgs { return docArgs{p, slot} }
		funcs["args"] = func(p page, key, label, hint, value, auto, mode string) inputArgs {
			return inputArgs{p, key, label, hint, value, auto, mode}
		}
		funcs["join"] = strings.Join
		funcs["has"] = func(list []string, v string) bool {
			for _, x := range list {
				if x == v {
					return true
				}
			}
			return false
		}
		base, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/partials.html")
		if err != nil {
			return err
		}
		set := map[string]*template.Template{}
		for _, n := range names {
			name := strings.TrimPrefix(n, "templates/")
			if name == "layout.html" || name == "partials.html" {
				continue
			}
			t, err := template.Must(base.Clone()).ParseFS(templateFS, n)
			if err != nil {
				return fmt.Errorf("template %s: %w", name, err)
			}
			set[strings.TrimSuffix(name, ".html")] = t
		}
		s.pages[lang] = set
	}
	return nil
}

// render writes a page; data becomes page.Data. A form error (desk.Error
// with fields) fills the error summary.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name, title string, data any, formErr error) {
	lang := langOf(r)
	p := page{Lang: lang, Title: title, Demo: s.opt.Demo, Agency: s.opt.Agency, Path: r.URL.Path, Data: data}
	q := r.URL.Query()
	q.Del("lang")
	p.Query = q.Encode()
	if strings.HasPrefix(r.URL.Path, "/staff") {
		if a, ok := s.staffActor(r); ok {
			nav := &staffNav{Name: a.Name}
			for _, area := range staffAreas {
				if a.HasAny(area.roles...) {
					nav.Links = append(nav.Links, area.link)
				}
			}
			p.Staff = nav
		}
	}
	if formErr != nil {
		p.FieldOf = desk.ErrorFields(formErr)
		p.Errors = orderedErrors(formErr)
		if len(p.Errors) == 0 {
			p.Errors = []fieldError{{Msg: i18n.T(lang, desk.ErrorMessage(formErr))}}
		}
	}
	t := s.pages[lang][name]
	if t == nil {
		panic("web: no template " + name)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout.html", p); err != nil {
		s.log.Error("render", "template", name, "err", err)
		http.Error(w, "خطای داخلی", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// orderedErrors lists field errors in the order the fields were checked.
func orderedErrors(err error) []fieldError {
	var out []fieldError
	var de *desk.Error
	if !errors.As(err, &de) {
		return nil
	}
	for _, k := range de.Order {
		out = append(out, fieldError{k, de.Fields[k]})
	}
	if len(out) == 0 {
		for k, m := range de.Fields {
			out = append(out, fieldError{k, m})
		}
	}
	return out
}

// renderError shows an error page with a Persian message.
func (s *Server) renderError(w http.ResponseWriter, r *http.Request, status int, msg string) {
	if msg == "" {
		switch status {
		case http.StatusNotFound:
			msg = "صفحه‌ای که دنبال آن هستید پیدا نشد."
		case http.StatusTooManyRequests:
			msg = "درخواست‌ها بیش از حد مجاز است؛ لطفاً کمی بعد دوباره تلاش کنید."
		default:
			msg = "خطای داخلی رخ داد. لطفاً چند لحظه بعد دوباره تلاش کنید."
		}
	}
	s.render(w, r, status, "error", "خطا", msg, nil)
}

// httpStatus maps a desk error to an HTTP status.
func httpStatus(err error) int { return desk.HTTPStatus(desk.ErrorCode(err)) }

// fail renders err on an error page, logging internal ones.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	st := httpStatus(err)
	if st == http.StatusInternalServerError {
		s.log.Error("request failed", "route", r.Pattern, "err", err)
	}
	s.renderError(w, r, st, i18n.T(langOf(r), desk.ErrorMessage(err)))
}

// maskName keeps a person's first name and the first letter of each other
// part (زهرا ک.), for lists where the full name is not needed.
func maskName(name string) string {
	parts := strings.Fields(name)
	for i := 1; i < len(parts); i++ {
		r := []rune(parts[i])
		parts[i] = string(r[0]) + "."
	}
	return strings.Join(parts, " ")
}
