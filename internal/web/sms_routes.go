package web

import (
	"net/http"

	"mizban/internal/desk"
)

// smsRoutes registers the administrator's SMS pages: the notice templates.
// The workflow checks the role again on every change.
func (s *Server) smsRoutes(mux *http.ServeMux) {
	admin := s.requireStaff(desk.RoleAdmin)
	wrap := func(h actorHandler) http.HandlerFunc {
		return admin(func(w http.ResponseWriter, r *http.Request) {
			a, _ := s.staffActor(r) // requireStaff put the actor in the context
			noStore(w)
			h(w, r, a)
		})
	}
	mux.HandleFunc("GET /staff/admin/sms/templates", wrap(s.smsTemplates))
	mux.HandleFunc("POST /staff/admin/sms/templates/{kind}", wrap(s.smsTemplateSave))
}
