package web

import (
	"net/http"
	"strconv"

	"mizban/internal/desk"
	"mizban/internal/files"
	"mizban/internal/workflow"
)

// trackView is the tracking form and, after a match, the request's stages.
type trackView struct {
	Code, Mobile string
	Found        *workflow.Tracking
	CodeSent     bool
	Details      bool // one-time code confirmed: documents and personal data shown
	Service      desk.Service
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
	v.Found = &t
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
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, http.StatusOK, "track", "پیگیری درخواست", v, err)
}

func (s *Server) trackVerify(w http.ResponseWriter, r *http.Request) {
	v := trackView{Code: r.PostFormValue("code"), Mobile: r.PostFormValue("mobile"), CodeSent: true}
	token, err := s.flow.VerifyTrackCode(r.Context(), v.Code, r.PostFormValue("otp"))
	if err != nil {
		if t, lerr := s.flow.Lookup(r.Context(), v.Code, v.Mobile, s.flow.ClientKey(clientAddr(r))); lerr == nil {
			v.Found = &t
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
	v := trackView{Code: t.Request.TrackingCode, Found: &t, Details: true}
	if svc, err := s.store.ServiceVersion(r.Context(), t.Request.ServiceCode, t.Request.ServiceVersion); err == nil {
		v.Service = svc
	}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, http.StatusOK, "track", "پیگیری درخواست", v, nil)
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
