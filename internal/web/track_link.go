package web

import "net/http"

// The short link of an SMS is /t/{token}: the tracking page with the
// request already chosen. The token alone shows nothing, not even whether
// it exists: every token gets the same page asking for the mobile number,
// and an unknown token answers as a wrong mobile does (workflow.LookupLink).
// A match shows exactly what POST /track shows (renderFound).

// linkView is the short link's form: the token travels in the URL, the
// mobile in the form.
type linkView struct {
	Token, Mobile string
}

// trackLinkForm does not read the database: known and unknown tokens look
// the same.
func (s *Server) trackLinkForm(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "track_link", "پیگیری درخواست", linkView{Token: r.PathValue("token")}, nil)
}

func (s *Server) trackLinkPost(w http.ResponseWriter, r *http.Request) {
	v := linkView{Token: r.PathValue("token"), Mobile: r.PostFormValue("mobile")}
	t, err := s.flow.LookupLink(r.Context(), v.Token, v.Mobile, s.flow.ClientKey(clientAddr(r)))
	if err != nil {
		s.render(w, r, httpStatus(err), "track_link", "پیگیری درخواست", v, err)
		return
	}
	// The page's own forms (one-time code for the details) go on as
	// after POST /track, with the tracking code the match revealed.
	s.renderFound(w, r, trackView{Code: t.Request.TrackingCode, Mobile: v.Mobile}, t)
}
