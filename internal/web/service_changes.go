package web

import (
	"net/http"
	"net/url"

	"mizban/internal/desk"
	"mizban/internal/fa"
	"mizban/internal/workflow"
)

// changesView is a service's public change history: what each published
// version changed, in plain Persian, newest first.
type changesView struct {
	Service  desk.Service
	Versions []workflow.VersionSummary
}

func (s *Server) serviceChanges(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	svc, err := s.store.Service(ctx, r.PathValue("code"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	hist, err := s.flow.ServiceHistory(ctx, svc.Code)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "service_changes", "تاریخچه تغییرات", changesView{Service: svc, Versions: hist}, nil)
}

// changesShortLink is the short link sent in change SMS (/h/{code}): every
// character of an SMS costs, so the long path lives here instead.
func (s *Server) changesShortLink(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, "/services/"+url.PathEscape(fa.ASCIIDigits(r.PathValue("code")))+"/changes", http.StatusFound)
}
