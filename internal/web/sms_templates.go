package web

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"mizban/internal/desk"
	"mizban/internal/notice"
	"mizban/internal/workflow"
)

// smsTemplateRow is one notice kind on the template page.
type smsTemplateRow struct {
	Kind      string // the slug: headings show it through t
	Body      string // in force, or as typed after a refused save
	Custom    bool   // differs from the built-in text
	Essential bool   // always sent: no switch
	Enabled   bool
	Vars      []string // "{{.Tracking}}", as the admin writes them
	Preview   string   // rendered with the longest realistic values
	Count     string   // notice.Counter.Persian() of the preview
	Parts     int
	Err       string // why the typed body was refused
}

// smsTemplatesView is the template page.
type smsTemplatesView struct {
	Rows    []smsTemplateRow
	Done    string // kind just saved
	Samples string // sample values as JSON, for the live counter script
}

// smsTemplatesView lists every kind in editor order with what is in force.
func (s *Server) smsTemplatesView() smsTemplatesView {
	v := smsTemplatesView{Samples: sampleJSON()}
	for _, t := range s.flow.Notices.Templates() {
		row := smsTemplateRow{Kind: string(t.Kind), Body: t.Body, Custom: t.Body != notice.Default(t.Kind),
			Essential: t.Kind.Essential(), Enabled: t.Enabled || t.Kind.Essential()}
		for _, name := range t.Kind.Vars() {
			row.Vars = append(row.Vars, "{{."+name+"}}")
		}
		row.preview()
		v.Rows = append(v.Rows, row)
	}
	return v
}

// preview renders the row's body with the sample values and counts it;
// a body that does not render shows its error instead.
func (row *smsTemplateRow) preview() {
	text, err := notice.Preview(notice.Kind(row.Kind), row.Body)
	if err != nil {
		row.Preview, row.Count, row.Parts = "", "", 0
		if row.Err == "" {
			row.Err = desk.ErrorMessage(err)
		}
		return
	}
	c := notice.Count(text)
	row.Preview, row.Count, row.Parts = text, c.Persian(), c.Parts
}

// sampleJSON gives the script the values the server previews with, so the
// two counts agree for the usual templates.
func sampleJSON() string {
	v := notice.SampleVars()
	b, _ := json.Marshal(map[string]string{
		notice.VarCode: v.Code, notice.VarTracking: v.Tracking, notice.VarService: v.Service, notice.VarUnit: v.Unit,
		notice.VarDate: v.Date, notice.VarLink: v.Link, notice.VarMinutes: strconv.Itoa(v.Minutes),
	})
	return string(b)
}

func (s *Server) smsTemplates(w http.ResponseWriter, r *http.Request, a desk.Actor) {
	v := s.smsTemplatesView()
	if k := notice.Kind(r.URL.Query().Get("done")); k.Valid() {
		v.Done = string(k)
	}
	s.render(w, r, http.StatusOK, "sms_templates", "متن پیامک‌ها", v, nil)
}

// smsTemplateSave stores one kind's text and switch. A refused text comes
// back as typed, with the reason next to it.
func (s *Server) smsTemplateSave(w http.ResponseWriter, r *http.Request, a desk.Actor) {
	kind := notice.Kind(r.PathValue("kind"))
	if !kind.Valid() {
		s.renderError(w, r, http.StatusNotFound, "")
		return
	}
	if err := r.ParseForm(); err != nil {
		s.renderError(w, r, http.StatusBadRequest, "")
		return
	}
	in := workflow.TemplateInput{Kind: kind, Body: r.PostForm.Get("body"), Enabled: r.PostForm.Get("enabled") != "",
		Client: s.flow.ClientKey(clientAddr(r))}
	if r.PostForm.Get("reset") != "" {
		in.Body = ""
	}
	err := s.flow.SaveTemplate(r.Context(), a, in)
	if err == nil {
		q := url.Values{"done": {string(kind)}}
		http.Redirect(w, r, "/staff/admin/sms/templates?"+q.Encode()+"#k-"+string(kind), http.StatusSeeOther)
		return
	}
	if desk.ErrorCode(err) != desk.EINVALID {
		s.fail(w, r, err)
		return
	}
	v := s.smsTemplatesView()
	for i := range v.Rows {
		if row := &v.Rows[i]; row.Kind == string(kind) {
			row.Body = strings.ReplaceAll(in.Body, "\r\n", "\n")
			row.Enabled = in.Enabled || row.Essential
			row.Custom = true
			row.Err = desk.ErrorMessage(err)
			row.Preview, row.Count, row.Parts = "", "", 0
		}
	}
	s.render(w, r, httpStatus(err), "sms_templates", "متن پیامک‌ها", v, err)
}
