package web

import (
	"net/http"
	"net/url"
	"strconv"

	"mizban/internal/desk"
	"mizban/internal/workflow"
)

// The reviewer's page: what changed against the published card, the card
// as citizens will see it, and approve or send back. The workflow refuses
// an approval by the person who sent the draft for review (four eyes).

const msgNeedReturnNote = "بنویسید چه چیزی باید درست شود تا ویراستار بداند پیش‌نویس را چرا برگرداندید."

// catalogReviewView feeds catalog_review.html.
type catalogReviewView struct {
	Code  string
	Draft workflow.CatalogDraft
	Units map[string]string
	Note  string // the return note as typed, after a refusal
	Open  bool   // there is a stored draft to review
}

func (s *Server) reviewPage(w http.ResponseWriter, r *http.Request, a desk.Actor, status int, note string, formErr error) {
	code := r.PathValue("code")
	d, err := s.flow.CatalogDraft(r.Context(), a, code)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := catalogReviewView{Code: code, Draft: d, Units: s.unitNames(r), Note: note, Open: d.Revision > 0}
	s.render(w, r, status, "catalog_review", "بازبینی شناسنامه خدمت", v, formErr)
}

func (s *Server) catalogReview(w http.ResponseWriter, r *http.Request, a desk.Actor) {
	s.reviewPage(w, r, a, http.StatusOK, "", nil)
}

// catalogApprove publishes (or schedules) a draft in review.
func (s *Server) catalogApprove(w http.ResponseWriter, r *http.Request, a desk.Actor) {
	rev, ok := formRevision(r)
	if !ok {
		s.renderError(w, r, http.StatusBadRequest, msgBadForm)
		return
	}
	code := r.PathValue("code")
	p, err := s.flow.ApproveCatalogDraft(r.Context(), a, code, rev, s.client(r))
	switch desk.ErrorCode(err) {
	case "":
	case desk.EINVALID, desk.ECONFLICT, desk.EFORBIDDEN:
		// Four eyes, a draft changed meanwhile, a card no longer valid:
		// said on the page the reviewer is on.
		s.reviewPage(w, r, a, httpStatus(err), "", err)
		return
	default:
		s.fail(w, r, err)
		return
	}
	q := url.Values{"done": {"published"}, "code": {code}, "v": {strconv.Itoa(p.Version)}, "n": {strconv.Itoa(p.Notified)}}
	if p.Scheduled {
		q.Set("done", "scheduled")
		q.Del("v")
	}
	http.Redirect(w, r, "/staff/catalog?"+q.Encode(), http.StatusSeeOther)
}

// catalogReturn sends a draft in review back to its editor with a note.
func (s *Server) catalogReturn(w http.ResponseWriter, r *http.Request, a desk.Actor) {
	rev, ok := formRevision(r)
	if !ok {
		s.renderError(w, r, http.StatusBadRequest, msgBadForm)
		return
	}
	note := para(r.PostForm, "note")
	if note == "" {
		s.reviewPage(w, r, a, http.StatusUnprocessableEntity, note, fieldErr("note", msgNeedReturnNote))
		return
	}
	code := r.PathValue("code")
	err := s.flow.ReturnCatalogDraft(r.Context(), a, code, rev, note, s.client(r))
	switch desk.ErrorCode(err) {
	case "":
		catalogDone(w, r, "returned", code)
	case desk.EINVALID, desk.ECONFLICT, desk.EFORBIDDEN:
		s.reviewPage(w, r, a, httpStatus(err), note, err)
	default:
		s.fail(w, r, err)
	}
}

// catalogReviewed records that a card was checked and is still right.
func (s *Server) catalogReviewed(w http.ResponseWriter, r *http.Request, a desk.Actor) {
	code := r.PathValue("code")
	if err := s.flow.MarkReviewed(r.Context(), a, code, s.client(r)); err != nil {
		s.fail(w, r, err)
		return
	}
	catalogDone(w, r, "reviewed", code)
}

// StateTitle names the state of a draft.
func (v catalogReviewView) StateTitle(d workflow.CatalogDraft) string { return draftTitle(d) }

// FieldType names a form field's type.
func (v catalogReviewView) FieldType(t desk.FieldType) string {
	for _, o := range fieldTypeOptions {
		if o.Value == string(t) {
			return o.Title
		}
	}
	return string(t)
}

// Retention names a retention class.
func (v catalogReviewView) Retention(slug string) string { return desk.RetentionTitle(slug) }
