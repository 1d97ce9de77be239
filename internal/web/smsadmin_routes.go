package web

import (
	"net/http"

	"mizban/internal/desk"
)

// smsAdminRoutes registers the administrators' page of parked SMS: the
// messages the dispatcher gave up on, each with a button to resend it.
func (s *Server) smsAdminRoutes(mux *http.ServeMux) {
	admin := s.requireStaff(desk.RoleAdmin)
	wrap := func(h actorHandler) http.HandlerFunc {
		return admin(func(w http.ResponseWriter, r *http.Request) {
			a, _ := s.staffActor(r) // requireStaff put the actor in the context
			noStore(w)
			h(w, r, a)
		})
	}
	mux.HandleFunc("GET /staff/admin/sms", wrap(s.smsParked))
	// Not /staff/admin/sms/{id}/resend: that would clash with
	// /staff/admin/sms/templates/{kind} on the path …/templates/resend.
	mux.HandleFunc("POST /staff/admin/sms/resend/{id}", wrap(s.smsResend))
}
