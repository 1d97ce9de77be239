package web

import "net/http"

// trayRoutes registers the tray pages (staff side).
func (s *Server) trayRoutes(mux *http.ServeMux) {}
