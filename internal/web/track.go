package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"mizban/internal/desk"
	"mizban/internal/files"
	"mizban/internal/store"
	"mizban/internal/workflow"
)

// trackView is the tracking form and, after a match, the request's stages.
type trackView struct {
	Code, Mobile string
	Found        *workflow.Tracking
	CodeSent     bool
	Details      bool // one-time code confirmed: documents and personal data shown
	Service      desk.Service
	staffWork
}

// staffWork is what the citizen is told of the staff's work beyond the
// timeline: the decision, what documents were asked for, an extension.
type staffWork struct {
	Decision     *store.Decision // latest answer or rejection, while the file is decided or closed
	AnswerDoc    *desk.Document  // the answer's attachment
	DocsAsked    *desk.Event     // the officer's request for documents, while awaited
	Extended     *desk.Event     // the latest extension of an open request
	ExtendReason string
	Objection    string          // after a rejection: where to object (the service card's complaints text)
	Docs         []desk.Document // the citizen's own documents (answer attachments apart)
	Letters      []letterLine    // the request's letters in the secretariat (letters_request.go)
	DocsSent     bool            // documents just received: the confirmation line
	MaxMB        int64
}

// extendReasonMark separates the reason in an extension's timeline note
// («موعد پاسخ تا … تمدید شد. دلیل: …», written by workflow).
const extendReasonMark = "دلیل:"

// withStaffWork fills v's staffWork from its request's timeline and
// decisions. A failure to read decisions leaves them out rather than
// hiding the whole page; the timeline still tells the step.
func (s *Server) withStaffWork(ctx context.Context, v *trackView) {
	t := v.Found
	if t == nil {
		return
	}
	r := t.Request
	w := staffWork{MaxMB: s.flow.Opt.MaxUpload >> 20}
	decisions, err := s.store.Decisions(ctx, r.ID)
	if err != nil {
		s.log.Error("tracking: decisions", "err", err)
	}
	attachments := map[int64]bool{}
	for _, d := range decisions {
		if d.DocumentID != 0 {
			attachments[d.DocumentID] = true
		}
	}
	if n := len(decisions); n > 0 && !r.Status.Open() {
		d := decisions[n-1]
		w.Decision = &d
		for i := range r.Documents {
			if d.DocumentID != 0 && r.Documents[i].ID == d.DocumentID {
				w.AnswerDoc = &r.Documents[i]
			}
		}
	}
	if w.Decision != nil && w.Decision.Kind == store.DecisionReject {
		svc := v.Service
		if svc.Code == "" {
			svc, _ = s.store.ServiceVersion(ctx, r.ServiceCode, r.ServiceVersion)
		}
		w.Objection = svc.Complaints
	}
	for _, d := range r.Documents {
		if !attachments[d.ID] {
			w.Docs = append(w.Docs, d)
		}
	}
	for i := range t.Events { // newest first
		e := &t.Events[i]
		switch {
		case e.Type == workflow.EventType(desk.ActRequestDocs) && w.DocsAsked == nil && r.Status == desk.StatusNeedsDocs:
			w.DocsAsked = e
		case e.Type == workflow.EventType(desk.ActExtend) && w.Extended == nil && r.Status.Open():
			w.Extended = e
			w.ExtendReason = e.Note
			if _, reason, ok := strings.Cut(e.Note, extendReasonMark); ok {
				w.ExtendReason = strings.TrimSpace(reason)
			}
		}
	}
	w.Letters = s.letterLines(ctx, r.ID)
	v.staffWork = w
}

const trackCookie = "mizban_track"

func (s *Server) trackForm(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "track", "پیگیری درخواست", trackView{Code: r.URL.Query().Get("code")}, nil)
}

// trackPost answers a look-up in the response itself (no redirect), so the
// tracking code and mobile never appear in a URL or a log.
func (s *Server) trackPost(w http.ResponseWriter, r *http.Request) {
	v := trackView{Code: r.PostFormValue("code"), Mobile: r.PostFormValue("mobile")}
	t, err := s.flow.Lookup(r.Context(), v.Code, v.Mobile, s.flow.ClientKey(clientAddr(r)))
	if err != nil {
		s.render(w, r, httpStatus(err), "track", "پیگیری درخواست", v, err)
		return
	}
	s.renderFound(w, r, v, t)
}

// renderFound shows the request a look-up matched (t) with the form's
// values (v): the answer to POST /track and to a short link (track_link.go).
func (s *Server) renderFound(w http.ResponseWriter, r *http.Request, v trackView, t workflow.Tracking) {
	v.Found = &t
	s.withStaffWork(r.Context(), &v)
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, http.StatusOK, "track", "پیگیری درخواست", v, nil)
}

func (s *Server) trackSendCode(w http.ResponseWriter, r *http.Request) {
	v := trackView{Code: r.PostFormValue("code"), Mobile: r.PostFormValue("mobile")}
	client := s.flow.ClientKey(clientAddr(r))
	err := s.flow.SendTrackCode(r.Context(), v.Code, v.Mobile, client)
	if err != nil && desk.ErrorCode(err) != desk.ERATELIMIT {
		s.render(w, r, httpStatus(err), "track", "پیگیری درخواست", v, err)
		return
	}
	t, lerr := s.flow.Lookup(r.Context(), v.Code, v.Mobile, client)
	if lerr != nil {
		s.render(w, r, httpStatus(lerr), "track", "پیگیری درخواست", v, lerr)
		return
	}
	v.Found, v.CodeSent = &t, true
	s.withStaffWork(r.Context(), &v)
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, http.StatusOK, "track", "پیگیری درخواست", v, err)
}

func (s *Server) trackVerify(w http.ResponseWriter, r *http.Request) {
	v := trackView{Code: r.PostFormValue("code"), Mobile: r.PostFormValue("mobile"), CodeSent: true}
	token, err := s.flow.VerifyTrackCode(r.Context(), v.Code, r.PostFormValue("otp"))
	if err != nil {
		if t, lerr := s.flow.Lookup(r.Context(), v.Code, v.Mobile, s.flow.ClientKey(clientAddr(r))); lerr == nil {
			v.Found = &t
			s.withStaffWork(r.Context(), &v)
		}
		s.render(w, r, httpStatus(err), "track", "پیگیری درخواست", v, err)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: trackCookie, Value: token, Path: "/track", MaxAge: int(workflow.TrackSessionTTL.Seconds()),
		HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: r.TLS != nil})
	http.Redirect(w, r, "/track/details", http.StatusSeeOther)
}

func (s *Server) trackSession(r *http.Request) (workflow.Tracking, error) {
	c, err := r.Cookie(trackCookie)
	if err != nil {
		return workflow.Tracking{}, desk.Errorf(desk.EUNAUTHORIZED, "برای دیدن مدارک، ابتدا درخواست را پیگیری کنید و کد تأیید بخواهید.")
	}
	return s.flow.TrackSession(r.Context(), c.Value)
}

func (s *Server) trackDetails(w http.ResponseWriter, r *http.Request) {
	t, err := s.trackSession(r)
	if err != nil {
		s.render(w, r, http.StatusUnauthorized, "track", "پیگیری درخواست", trackView{}, err)
		return
	}
	// ?sent=1 follows a documents post; the line shows only if the
	// latest step really is the documents arriving.
	sent := r.URL.Query().Get("sent") == "1" && len(t.Events) > 0 &&
		t.Events[0].Type == workflow.EventType(desk.ActDocsReceived)
	s.renderDetails(w, r, http.StatusOK, t, sent, nil)
}

// renderDetails shows the tracking page after the one-time code, with
// formErr (a documents post that failed) in the error summary.
func (s *Server) renderDetails(w http.ResponseWriter, r *http.Request, status int, t workflow.Tracking, sent bool, formErr error) {
	v := trackView{Code: t.Request.TrackingCode, Found: &t, Details: true}
	if svc, err := s.store.ServiceVersion(r.Context(), t.Request.ServiceCode, t.Request.ServiceVersion); err == nil {
		v.Service = svc
	}
	s.withStaffWork(r.Context(), &v)
	v.DocsSent = sent
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, status, "track", "پیگیری درخواست", v, formErr)
}

func (s *Server) trackDocument(w http.ResponseWriter, r *http.Request) {
	t, err := s.trackSession(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	doc, data, err := s.flow.Document(r.Context(), t.Request, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", doc.MIME)
	w.Header().Set("Content-Disposition", "attachment; filename=\"document-"+strconv.FormatInt(doc.ID, 10)+files.Ext(doc.MIME)+"\"")
	w.Header().Set("Cache-Control", "no-store")
	w.Write(data)
}
