package web

import (
	"net/http"

	"mizban/internal/desk"
)

// CounterHandlerForTest serves the site with the counter pages acting for
// a, as if a were signed in (with requireStaff's role check), until staff
// sign-in can be driven from tests. Test-only.
func (s *Server) CounterHandlerForTest(a desk.Actor) http.Handler {
	mux := http.NewServeMux()
	s.counterRoutesWith(mux, func(h actorHandler) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			if !a.HasAny(counterRoles...) {
				s.renderError(w, r, http.StatusForbidden, "شما به این بخش دسترسی ندارید.")
				return
			}
			h(w, r, a)
		}
	})
	mux.Handle("/", s.Handler())
	return s.withLang(http.NewCrossOriginProtection().Handler(mux))
}
