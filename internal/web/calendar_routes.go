package web

import (
	"net/http"

	"mizban/internal/desk"
)

// calendarRoutes registers the working-calendar admin pages: the weekly
// template, the holiday table (CSV import) and ad-hoc closures.
func (s *Server) calendarRoutes(mux *http.ServeMux) {
	s.calendarHandlers(mux, s.asStaff(desk.RoleAdmin))
}

// calendarHandlers registers the calendar pages, each wrapped by wrap
// (sign-in and role check in production).
func (s *Server) calendarHandlers(mux *http.ServeMux, wrap func(actorHandler) http.HandlerFunc) {
	mux.HandleFunc("GET /staff/admin/calendar", wrap(s.calendarPage))
	mux.HandleFunc("POST /staff/admin/calendar/weekly", wrap(s.calendarWeekly))
	mux.HandleFunc("POST /staff/admin/calendar/holidays", wrap(s.calendarHolidays))
	mux.HandleFunc("POST /staff/admin/calendar/closures", wrap(s.calendarAddClosure))
	mux.HandleFunc("POST /staff/admin/calendar/closures/remove", wrap(s.calendarRemoveClosure))
}
