package web

import (
	"net/http"

	"mizban/internal/desk"
)

// smsRoutes registers the administrator's SMS pages: the notice templates.
// The workflow checks the role again on every change.
func (s *Server) smsRoutes(mux *http.ServeMux) {
	wrap := s.asStaff(desk.RoleAdmin)
	mux.HandleFunc("GET /staff/admin/sms/templates", wrap(s.smsTemplates))
	mux.HandleFunc("POST /staff/admin/sms/templates/{kind}", wrap(s.smsTemplateSave))
}
