package web

import (
	"net/http"

	"mizban/internal/desk"
)

// staffActor returns the signed-in member of staff, if any.
// (Placeholder until staff sign-in lands: nobody is signed in.)
func (s *Server) staffActor(r *http.Request) (desk.Actor, bool) { return desk.Actor{}, false }

// requireStaff lets a request through only for signed-in staff holding one
// of roles (any role when none are given); others are sent to sign in or
// refused.
func (s *Server) requireStaff(roles ...desk.Role) func(http.HandlerFunc) http.HandlerFunc {
	return func(next http.HandlerFunc) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			a, ok := s.staffActor(r)
			if !ok {
				http.Redirect(w, r, "/staff/login", http.StatusSeeOther)
				return
			}
			if len(roles) > 0 && !a.HasAny(roles...) {
				s.renderError(w, r, http.StatusForbidden, "شما به این بخش دسترسی ندارید.")
				return
			}
			next(w, r)
		}
	}
}
