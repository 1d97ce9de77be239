package web

import (
	"net/http"

	"mizban/internal/desk"
)

// CalendarHandlerForTest serves the site with the calendar pages acting for
// a, as if a were signed in (with requireStaff's admin check), until staff
// sign-in can be driven from tests. The rest of the site is the real
// handler, so the real calendar routes stay behind sign-in. Test-only.
func (s *Server) CalendarHandlerForTest(a desk.Actor) http.Handler {
	mux := http.NewServeMux()
	s.calendarHandlers(mux, func(h actorHandler) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			if !a.Has(desk.RoleAdmin) {
				s.renderError(w, r, http.StatusForbidden, "شما به این بخش دسترسی ندارید.")
				return
			}
			h(w, r, a)
		}
	})
	mux.Handle("/", s.Handler())
	return s.withLang(http.NewCrossOriginProtection().Handler(mux))
}

// CalendarUngatedForTest is CalendarHandlerForTest without the page's role
// check, to prove the workflow refuses a non-admin on its own. Test-only.
func (s *Server) CalendarUngatedForTest(a desk.Actor) http.Handler {
	mux := http.NewServeMux()
	s.calendarHandlers(mux, func(h actorHandler) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) { h(w, r, a) }
	})
	return s.withLang(http.NewCrossOriginProtection().Handler(mux))
}
