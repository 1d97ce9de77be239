package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"mizban/internal/catalog"
	"mizban/internal/desk"
	"mizban/internal/fa"
	"mizban/internal/store"
	"mizban/internal/workflow"
)

// The catalog editor's page: one form for every field of a card, saved as
// a draft on every button (nothing typed is lost), sent for review from the
// same form.

const ()

// catalogConflict is what another person saved meanwhile, shown beside
// the editor's own text after a refused save.
type catalogConflict struct {
	By      string
	At      time.Time
	Changes []catalog.Change // from the editor's text to what was saved
	Open    bool             // still being edited: saving again replaces it
}

// catalogEditView feeds catalog_edit.html.
type catalogEditView struct {
	Code     string // "" on the new-service page
	Action   string // where the form posts
	Form     cardForm
	Draft    workflow.CatalogDraft // as stored (state, who, changes so far)
	Locked   bool                  // in review or scheduled: no editing
	Focus    string                // id of the input to focus after a list button
	Done     string
	Conflict *catalogConflict

	Units                                     []*unitNode
	Parents                                   []desk.Service
	Kinds, Types, Natures, Levels, FieldTypes []option
	Categories, Audiences                     []desk.Category
	Retention                                 []desk.RetentionClass
	Stages, Means, Formats                    []string
}

// Means lists the ticked means of a channel stage.
func (f cardForm) Means(stage string) []string {
	for _, c := range f.Card.Channels {
		if c.Stage == stage {
			return c.Means
		}
	}
	return nil
}

// MaxLen is the max-length input of form field i, as typed or stored.
func (f cardForm) MaxLen(i int) string { return f.Raw["form."+strconv.Itoa(i)+".max_len"] }

// editView fills the choices around a form.
func (s *Server) editView(r *http.Request, code string, f cardForm, d workflow.CatalogDraft) (catalogEditView, error) {
	v := catalogEditView{Code: code, Form: f, Draft: d,
		Kinds: withValue(kindOptions, string(f.Card.Kind)), Types: withValue(typeOptions, f.Card.Type),
		Natures: withValue(natureOptions, f.Card.Nature), Levels: withValue(levelOptions, f.Card.Level),
		FieldTypes: fieldTypeOptions, Categories: desk.Categories, Audiences: desk.Audiences,
		Retention: desk.RetentionClasses, Stages: channelStages, Means: channelMeans, Formats: docFormats,
	}
	v.Action = "/staff/catalog/new"
	if code != "" {
		v.Action = "/staff/catalog/" + url.PathEscape(code) + "/edit"
	}
	units, err := s.store.Units(r.Context())
	if err != nil {
		return v, err
	}
	_, v.Units = unitTree(units)
	all, err := s.store.Services(r.Context(), store.ServiceFilter{})
	if err != nil {
		return v, err
	}
	for _, svc := range all {
		if svc.Code != code && svc.ParentCode == "" {
			v.Parents = append(v.Parents, svc)
		}
	}
	return v, nil
}

func (s *Server) renderEdit(w http.ResponseWriter, r *http.Request, status int, v catalogEditView, formErr error) {
	title := "خدمت تازه"
	if v.Code != "" {
		title = "ویرایش شناسنامه خدمت"
	}
	s.render(w, r, status, "catalog_edit", title, v, formErr)
}

// catalogNew is the empty card of a new service; ?parent= starts a
// sub-service of that code.
func (s *Server) catalogNew(w http.ResponseWriter, r *http.Request, a desk.Actor) {
	f := formOfCard(desk.Service{Kind: desk.KindRequest, Type: "G2C", Retention: desk.RetentionDefault,
		ParentCode: r.URL.Query().Get("parent")}, time.Time{})
	f.New = true
	v, err := s.editView(r, "", f, workflow.CatalogDraft{New: true, State: workflow.DraftEditing})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderEdit(w, r, http.StatusOK, v, nil)
}

// catalogEdit shows the open draft of a service, or a fresh copy of its
// published card.
func (s *Server) catalogEdit(w http.ResponseWriter, r *http.Request, a desk.Actor) {
	code := r.PathValue("code")
	d, err := s.flow.CatalogDraft(r.Context(), a, code)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f := formOfCard(d.Card, d.EffectiveAt)
	f.Revision, f.New = d.Revision, d.New
	v, err := s.editView(r, code, f, d)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v.Locked = d.State == workflow.DraftReview || d.State == workflow.DraftScheduled
	if r.URL.Query().Get("done") == "saved" {
		v.Done = "saved"
	}
	s.renderEdit(w, r, http.StatusOK, v, nil)
}

// catalogNewPost saves the first draft of a new service, whose code is
// typed on the page.
func (s *Server) catalogNewPost(w http.ResponseWriter, r *http.Request, a desk.Actor) {
	if err := r.ParseForm(); err != nil {
		s.renderError(w, r, http.StatusBadRequest, msgBadForm)
		return
	}
	s.catalogSave(w, r, a, strings.TrimSpace(fa.ASCIIDigits(r.PostForm.Get("code"))), true)
}

func (s *Server) catalogEditPost(w http.ResponseWriter, r *http.Request, a desk.Actor) {
	if err := r.ParseForm(); err != nil {
		s.renderError(w, r, http.StatusBadRequest, msgBadForm)
		return
	}
	s.catalogSave(w, r, a, r.PathValue("code"), false)
}

// catalogSave reads the form, applies a list button, saves the draft and
// then: re-renders (list button), sends it for review (submit) or goes
// back to the page (save). Every refusal re-renders the page with the
// person's text.
func (s *Server) catalogSave(w http.ResponseWriter, r *http.Request, a desk.Actor, code string, fresh bool) {
	errs := &desk.FieldErrors{}
	f := readCardForm(r, code, errs)
	if fresh {
		f.New = true
		if code == "" || !fa.AllDigits(code) {
			errs.Add("code", msgNeedNewCode)
		}
	}
	eff := f.effectiveAt(s.flow.Now(), errs)
	var focus string
	op, isList := parseOp(f.Op)
	switch {
	case isList:
		focus = f.apply(op)
	case f.Op == "", f.Op == "save", f.Op == "submit":
	default:
		s.renderError(w, r, http.StatusBadRequest, msgBadForm)
		return
	}
	pageCode := code
	if fresh {
		pageCode = "" // the page stays the new-service page until a save succeeds
	}
	show := func(status int, d workflow.CatalogDraft, formErr error, conflict *catalogConflict) {
		v, err := s.editView(r, pageCode, f, d)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		v.Focus, v.Conflict = focus, conflict
		if status == http.StatusOK {
			v.Done = "saved"
		}
		s.renderEdit(w, r, status, v, formErr)
	}
	base := workflow.CatalogDraft{New: f.New, State: workflow.DraftEditing, Revision: f.Revision}
	if err := errs.Err(); err != nil {
		show(http.StatusUnprocessableEntity, base, err, nil)
		return
	}
	d, err := s.flow.SaveCatalogDraft(r.Context(), a, workflow.DraftInput{Code: code, New: f.New, Revision: f.Revision,
		Card: f.Card, EffectiveAt: eff, Client: s.client(r)})
	switch desk.ErrorCode(err) {
	case "":
	case desk.ECONFLICT:
		s.conflict(w, r, a, &f, show, err)
		return
	case desk.EINVALID:
		show(httpStatus(err), base, err, nil)
		return
	default:
		s.fail(w, r, err)
		return
	}
	f.Revision, f.New = d.Revision, d.New
	pageCode = code
	switch {
	case isList:
		show(http.StatusOK, d, nil, nil)
	case f.Op == "submit":
		if err := s.flow.SubmitCatalogDraft(r.Context(), a, code, d.Revision, s.client(r)); err != nil {
			if c := desk.ErrorCode(err); c == desk.EINVALID || c == desk.ECONFLICT {
				show(httpStatus(err), d, err, nil)
				return
			}
			s.fail(w, r, err)
			return
		}
		catalogDone(w, r, "submitted", code)
	default:
		http.Redirect(w, r, "/staff/catalog/"+url.PathEscape(code)+"/edit?done=saved", http.StatusSeeOther)
	}
}

// conflict re-renders the page after a save refused because the draft
// moved on: the person's text stays, and beside it who saved what. While
// the other version is still being edited, the page takes its revision, so
// saving again (after reading the differences) replaces it on purpose.
func (s *Server) conflict(w http.ResponseWriter, r *http.Request, a desk.Actor, f *cardForm,
	show func(int, workflow.CatalogDraft, error, *catalogConflict), saveErr error) {
	code := f.Card.Code
	theirs, err := s.flow.CatalogDraft(r.Context(), a, code)
	if err != nil {
		if desk.ErrorCode(err) == desk.ENOTFOUND {
			show(httpStatus(saveErr), workflow.CatalogDraft{New: f.New, State: workflow.DraftEditing}, saveErr, nil)
			return
		}
		s.fail(w, r, err)
		return
	}
	c := &catalogConflict{By: theirs.UpdatedBy, At: theirs.UpdatedAt, Open: theirs.State == workflow.DraftEditing}
	names := s.unitNames(r)
	c.Changes = catalog.Diff(f.Card, theirs.Card, func(code string) string { return names[code] })
	if c.Open {
		f.Revision = theirs.Revision
	}
	show(httpStatus(saveErr), theirs, saveErr, c)
}

// catalogSubmit sends a draft for review. From the editor's form (which
// carries the card) it saves first; a bare request sends the stored draft.
func (s *Server) catalogSubmit(w http.ResponseWriter, r *http.Request, a desk.Actor) {
	if err := r.ParseForm(); err != nil {
		s.renderError(w, r, http.StatusBadRequest, msgBadForm)
		return
	}
	code := r.PathValue("code")
	if r.PostForm.Has("title") {
		r.PostForm.Set("op", "submit")
		s.catalogSave(w, r, a, code, false)
		return
	}
	rev, ok := formRevision(r)
	if !ok {
		s.renderError(w, r, http.StatusBadRequest, msgBadForm)
		return
	}
	err := s.flow.SubmitCatalogDraft(r.Context(), a, code, rev, s.client(r))
	if desk.ErrorCode(err) == desk.EINVALID {
		// Show the problems on the stored draft's page.
		d, derr := s.flow.CatalogDraft(r.Context(), a, code)
		if derr != nil {
			s.fail(w, r, derr)
			return
		}
		f := formOfCard(d.Card, d.EffectiveAt)
		f.Revision, f.New = d.Revision, d.New
		v, verr := s.editView(r, code, f, d)
		if verr != nil {
			s.fail(w, r, verr)
			return
		}
		s.renderEdit(w, r, httpStatus(err), v, err)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	catalogDone(w, r, "submitted", code)
}

// catalogDiscard drops the open draft (a scheduled one too: its schedule
// is cancelled).
func (s *Server) catalogDiscard(w http.ResponseWriter, r *http.Request, a desk.Actor) {
	rev, ok := formRevision(r)
	if !ok {
		s.renderError(w, r, http.StatusBadRequest, msgBadForm)
		return
	}
	code := r.PathValue("code")
	if err := s.flow.DiscardCatalogDraft(r.Context(), a, code, rev, s.client(r)); err != nil {
		s.fail(w, r, err)
		return
	}
	catalogDone(w, r, "discarded", code)
}

// formRevision reads the hidden revision of a draft's buttons.
func formRevision(r *http.Request) (int, bool) {
	raw := strings.TrimSpace(r.PostFormValue("revision"))
	n, err := strconv.Atoi(fa.ASCIIDigits(raw))
	return n, err == nil && n >= 0
}

// catalogDone goes back to the catalog list with what was just done.
func catalogDone(w http.ResponseWriter, r *http.Request, done, code string) {
	q := url.Values{"done": {done}, "code": {code}}
	http.Redirect(w, r, "/staff/catalog?"+q.Encode(), http.StatusSeeOther)
}

// Arguments of the editor's small templates, built by view methods so the
// page needs no template functions of its own.
type (
	selArgs struct {
		P                 page
		Key, Label, Value string
		Options           []option
	}
	unitArgs struct {
		P                 page
		Key, Label, Value string
		Units             []*unitNode
	}
	toolArgs struct {
		P       page
		List    string
		At, Len int
		Noun    string // what one item is called, for screen readers
	}
)

func (v catalogEditView) Sel(p page, key, label, value string, opts []option) selArgs {
	return selArgs{p, key, label, value, opts}
}

func (v catalogEditView) Unit(p page, key, label, value string) unitArgs {
	return unitArgs{p, key, label, value, v.Units}
}

func (v catalogEditView) Tools(p page, list string, at, n int, noun string) toolArgs {
	return toolArgs{p, list, at, n, noun}
}

// draftStates are the Persian names of a draft's states.
var draftStates = map[string]string{
	workflow.DraftEditing:   "در حال ویرایش",
	workflow.DraftReview:    "در انتظار بازبینی",
	workflow.DraftScheduled: "تأییدشده؛ در انتظار تاریخ اجرا",
}

// StateTitle names the state of d; a page built from the published card
// (nothing saved yet) says so.
func (v catalogEditView) StateTitle(d workflow.CatalogDraft) string { return draftTitle(d) }

func draftTitle(d workflow.CatalogDraft) string {
	if d.Revision == 0 {
		if d.New {
			return "خدمت تازه؛ هنوز ذخیره نشده"
		}
		return "همان شناسنامه منتشرشده؛ هنوز تغییری ذخیره نشده"
	}
	if t, ok := draftStates[d.State]; ok {
		return t
	}
	return d.State
}
