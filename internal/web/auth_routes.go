package web

import "net/http"

// authRoutes registers the staff sign-in pages and the staff landing page.
func (s *Server) authRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /staff/login", s.staffLoginForm)
	mux.HandleFunc("POST /staff/login", s.staffLoginPost)
	mux.HandleFunc("GET /staff/login/totp", s.staffTOTPForm)
	mux.HandleFunc("POST /staff/login/totp", s.staffTOTPPost)
	mux.HandleFunc("GET /staff/enroll", s.staffEnrollForm)
	mux.HandleFunc("POST /staff/enroll", s.staffEnrollPost)
	mux.HandleFunc("POST /staff/logout", s.staffLogout)
	staff := s.requireStaff()
	mux.HandleFunc("GET /staff", staff(s.staffHome))
	mux.HandleFunc("GET /staff/password", staff(s.staffPasswordForm))
	mux.HandleFunc("POST /staff/password", staff(s.staffPasswordPost))
}
