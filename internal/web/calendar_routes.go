package web

import (
	"net/http"

	"mizban/internal/desk"
)

// calendarRoutes registers the working-calendar admin pages: the weekly
// template, the holiday table (CSV import) and ad-hoc closures.
func (s *Server) calendarRoutes(mux *http.ServeMux) {
	admin := s.requireStaff(desk.RoleAdmin)
	s.calendarHandlers(mux, func(h actorHandler) http.HandlerFunc {
		return admin(func(w http.ResponseWriter, r *http.Request) {
			a, _ := s.staffActor(r)
			h(w, r, a)
		})
	})
}

// actorHandler is a handler told who is acting; the workflow checks the
// role again, so a page is never the only guard.
type actorHandler func(w http.ResponseWriter, r *http.Request, a desk.Actor)

// calendarHandlers registers the calendar pages, each wrapped by wrap
// (sign-in and role check in production).
func (s *Server) calendarHandlers(mux *http.ServeMux, wrap func(actorHandler) http.HandlerFunc) {
	mux.HandleFunc("GET /staff/admin/calendar", wrap(s.calendarPage))
	mux.HandleFunc("POST /staff/admin/calendar/weekly", wrap(s.calendarWeekly))
	mux.HandleFunc("POST /staff/admin/calendar/holidays", wrap(s.calendarHolidays))
	mux.HandleFunc("POST /staff/admin/calendar/closures", wrap(s.calendarAddClosure))
	mux.HandleFunc("POST /staff/admin/calendar/closures/remove", wrap(s.calendarRemoveClosure))
}
