package web

import "net/http"

// counterRoutes registers the counter pages (staff side).
func (s *Server) counterRoutes(mux *http.ServeMux) {}
