package web

import (
	"net/http"

	"mizban/internal/desk"
)

// trayRoutes registers the work tray and the request pages of staff.
func (s *Server) trayRoutes(mux *http.ServeMux) {
	work := s.requireStaff(desk.RoleOfficer, desk.RoleManager, desk.RoleDeskOperator)
	mux.HandleFunc("GET /staff/tray", work(s.tray))
	mux.HandleFunc("GET /staff/requests/{id}", work(s.staffRequest))
	mux.HandleFunc("POST /staff/requests/{id}/act", work(s.staffAct))
	mux.HandleFunc("POST /staff/requests/{id}/reveal", work(s.staffReveal))
	mux.HandleFunc("GET /staff/requests/{id}/documents/{doc}", work(s.staffDocument))
}
