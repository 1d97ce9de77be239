package web

import (
	"net/http"

	"mizban/internal/desk"
)

// GuardForTest is a page behind requireStaff(roles...) that writes the
// actor's label, so tests can check the guard apart from any area's pages.
func (s *Server) GuardForTest(roles ...desk.Role) http.Handler {
	return http.HandlerFunc(s.requireStaff(roles...)(func(w http.ResponseWriter, r *http.Request) {
		a, _ := s.staffActor(r) // from the context requireStaff filled
		w.Write([]byte("hello " + a.Label()))
	}))
}
