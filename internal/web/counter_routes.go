package web

import (
	"net/http"

	"mizban/internal/desk"
)

// counterRoles may use the counter desk.
var counterRoles = []desk.Role{desk.RoleDeskOperator, desk.RoleManager}

// counterRoutes registers the counter pages (staff side).
func (s *Server) counterRoutes(mux *http.ServeMux) {
	s.counterRoutesWith(mux, s.asStaff(counterRoles...))
}

// counterRoutesWith is the route table; wrap supplies the actor, so tests
// can run the same table with an injected one.
func (s *Server) counterRoutesWith(mux *http.ServeMux, wrap func(actorHandler) http.HandlerFunc) {
	mux.HandleFunc("GET /staff/counter", wrap(s.counterHome))
	mux.HandleFunc("GET /staff/counter/{code}", wrap(s.counterForm))
	mux.HandleFunc("POST /staff/counter/{code}", wrap(s.counterPost))
	mux.HandleFunc("GET /staff/counter/draft/{draft}", wrap(s.counterConfirmForm))
	mux.HandleFunc("POST /staff/counter/draft/{draft}", wrap(s.counterConfirmPost))
	mux.HandleFunc("POST /staff/counter/draft/{draft}/resend", wrap(s.counterResend))
	// The receipt again, under /staff so the staff cookie (Path=/staff)
	// comes along and the page offers printing and a new registration.
	mux.HandleFunc("GET /staff/counter/receipt/{code}", wrap(func(w http.ResponseWriter, r *http.Request, _ desk.Actor) { s.receipt(w, r) }))
}
