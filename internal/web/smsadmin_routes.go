package web

import (
	"net/http"

	"mizban/internal/desk"
)

// smsAdminRoutes registers the administrators' page of parked SMS: the
// messages the dispatcher gave up on, each with a button to resend it.
func (s *Server) smsAdminRoutes(mux *http.ServeMux) {
	wrap := s.asStaff(desk.RoleAdmin)
	mux.HandleFunc("GET /staff/admin/sms", wrap(s.smsParked))
	// Not /staff/admin/sms/{id}/resend: that would clash with
	// /staff/admin/sms/templates/{kind} on the path …/templates/resend.
	mux.HandleFunc("POST /staff/admin/sms/resend/{id}", wrap(s.smsResend))

	// Which notices each service sends: catalog editors know the services,
	// so they may too. The workflow checks the roles again.
	services := s.asStaff(desk.RoleAdmin, desk.RoleEditor)
	mux.HandleFunc("GET /staff/admin/sms/services", services(s.smsServices))
	mux.HandleFunc("POST /staff/admin/sms/services/{code}", services(s.smsServiceSave))
}
