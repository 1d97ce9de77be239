package web

import (
	"net/http"

	"mizban/internal/desk"
)

// lettersRoutes registers the built-in secretariat's pages: the
// administrators' list of secretariats, the registration of a request as
// an incoming letter from the staff request page, the printable answer
// letter, and the public verification page its QR code opens. The
// workflow checks the roles (and the request's unit) again.
func (s *Server) lettersRoutes(mux *http.ServeMux) {
	admin := s.asStaff(desk.RoleAdmin)
	mux.HandleFunc("GET /staff/admin/secretariats", admin(s.secretariatsPage))
	mux.HandleFunc("POST /staff/admin/secretariats", admin(s.secretariatAdd))
	mux.HandleFunc("POST /staff/admin/secretariats/{code}/active", admin(s.secretariatActive))

	work := s.asStaff(desk.RoleOfficer, desk.RoleManager, desk.RoleDeskOperator)
	mux.HandleFunc("POST /staff/requests/{id}/letter", work(s.registerIncoming))
	mux.HandleFunc("GET /staff/letters/{id}/print", work(s.letterPrint))

	// The public verification page of a printed letter (its QR code).
	mux.HandleFunc("GET /v/{token}", s.letterVerify)
}
