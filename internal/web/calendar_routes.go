package web

import "net/http"

// calendarRoutes registers the calendar pages (staff side).
func (s *Server) calendarRoutes(mux *http.ServeMux) {}
