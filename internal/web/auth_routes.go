package web

import "net/http"

// authRoutes registers the auth pages (staff side).
func (s *Server) authRoutes(mux *http.ServeMux) {}
