package web

import (
	"net/http"

	"mizban/internal/desk"
)

// apiClientRoutes registers the administrators' page of integration API
// clients. The workflow checks the role again.
func (s *Server) apiClientRoutes(mux *http.ServeMux) {
	wrap := s.asStaff(desk.RoleAdmin)
	mux.HandleFunc("GET /staff/admin/api-clients", wrap(s.apiClients))
	mux.HandleFunc("POST /staff/admin/api-clients", wrap(s.apiClientAdd))
	mux.HandleFunc("POST /staff/admin/api-clients/{id}/revoke", wrap(s.apiClientRevoke))
}
