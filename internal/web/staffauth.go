package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"

	"mizban/internal/auth"
	"mizban/internal/desk"
)

// staffCookie holds the session token of a member of staff, pending or
// signed in. Path /staff keeps it off the citizens' pages.
const staffCookie = "mizban_staff"

type staffKey struct{}

// authSvc is the sign-in service of s, taking its clock from the flow so a
// test that moves the flow's clock moves sessions too.
func (s *Server) authSvc() *auth.Service { return s.auth }

// staffActor returns the signed-in member of staff, if any. A session past
// its timeouts, or of a person since disabled, is nobody.
func (s *Server) staffActor(r *http.Request) (desk.Actor, bool) {
	if a, ok := r.Context().Value(staffKey{}).(desk.Actor); ok {
		return a, true
	}
	c, err := r.Cookie(staffCookie)
	if err != nil || c.Value == "" {
		return desk.Actor{}, false
	}
	a, err := s.authSvc().Session(r.Context(), c.Value)
	if err != nil {
		if desk.ErrorCode(err) == desk.EINTERNAL {
			s.log.Error("staff session", "err", err)
		}
		return desk.Actor{}, false
	}
	return a, true
}

// requireStaff lets a request through only for signed-in staff holding one
// of roles (any role when none are given); others are sent to sign in or
// refused, and a refusal is audited. The actor travels in the request's
// context, so the handler's own staffActor call costs nothing.
func (s *Server) requireStaff(roles ...desk.Role) func(http.HandlerFunc) http.HandlerFunc {
	return func(next http.HandlerFunc) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			a, ok := s.staffActor(r)
			if !ok {
				to := "/staff/login"
				if r.Method == http.MethodGet {
					to += "?next=" + url.QueryEscape(r.URL.RequestURI())
				}
				http.Redirect(w, r, to, http.StatusSeeOther)
				return
			}
			w.Header().Set("Cache-Control", "no-store") // staff pages hold personal data
			if len(roles) > 0 && !a.HasAny(roles...) {
				if err := s.authSvc().Denied(r.Context(), a, "route:"+r.Pattern, s.flow.ClientKey(clientAddr(r))); err != nil {
					s.log.Error("audit denied", "err", err)
				}
				s.renderError(w, r, http.StatusForbidden, "شما به این بخش دسترسی ندارید.")
				return
			}
			next(w, r.WithContext(context.WithValue(r.Context(), staffKey{}, a)))
		}
	}
}

// safeNext keeps a post-sign-in destination only when it is a staff page
// of this site (never another host, never the sign-in pages themselves).
func safeNext(next string) string {
	if next == "" || !strings.HasPrefix(next, "/staff") || strings.HasPrefix(next, "//") ||
		strings.ContainsAny(next, "\\\r\n") || strings.HasPrefix(next, "/staff/login") ||
		strings.HasPrefix(next, "/staff/enroll") {
		return "/staff"
	}
	if u, err := url.Parse(next); err != nil || u.Host != "" || u.Scheme != "" {
		return "/staff"
	}
	return next
}

func (s *Server) setStaffCookie(w http.ResponseWriter, r *http.Request, token string, maxAge int) {
	http.SetCookie(w, &http.Cookie{Name: staffCookie, Value: token, Path: "/staff", MaxAge: maxAge,
		HttpOnly: true, SameSite: http.SameSiteLaxMode,
		Secure: r.TLS != nil || strings.HasPrefix(s.opt.BaseURL, "https://")})
}

func (s *Server) clearStaffCookie(w http.ResponseWriter, r *http.Request) {
	s.setStaffCookie(w, r, "", -1)
}

func staffToken(r *http.Request) string {
	if c, err := r.Cookie(staffCookie); err == nil {
		return c.Value
	}
	return ""
}

// actorHandler is a handler told who is acting; the workflow checks the
// role again, so a page is never the only guard.
type actorHandler func(w http.ResponseWriter, r *http.Request, a desk.Actor)

// asStaff guards a staff page by roles and hands it the signed-in person;
// staff pages are never cached.
func (s *Server) asStaff(roles ...desk.Role) func(actorHandler) http.HandlerFunc {
	guard := s.requireStaff(roles...)
	return func(h actorHandler) http.HandlerFunc {
		return guard(func(w http.ResponseWriter, r *http.Request) {
			a, _ := s.staffActor(r) // requireStaff put the actor in the context
			noStore(w)
			h(w, r, a)
		})
	}
}
