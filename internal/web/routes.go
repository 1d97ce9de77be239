package web

import "net/http"

// routes is the one table of every page. Public URLs here are stable: they
// are printed on receipts and sent in SMS.
func (s *Server) routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /{$}", s.home)
	mux.HandleFunc("GET /services", s.catalog)
	mux.HandleFunc("GET /services/{code}", s.serviceCard)
	mux.HandleFunc("GET /services/{code}/apply", s.applyForm)
	mux.HandleFunc("POST /services/{code}/apply", s.applyPost)
	mux.HandleFunc("GET /apply/{draft}", s.confirmForm)
	mux.HandleFunc("POST /apply/{draft}", s.confirmPost)
	mux.HandleFunc("POST /apply/{draft}/resend", s.confirmResend)
	mux.HandleFunc("GET /receipt/{code}", s.receipt)
	mux.HandleFunc("GET /track", s.trackForm)
	mux.HandleFunc("POST /track", s.trackPost)
	mux.HandleFunc("POST /track/code", s.trackSendCode)
	mux.HandleFunc("POST /track/verify", s.trackVerify)
	mux.HandleFunc("GET /track/details", s.trackDetails)
	mux.HandleFunc("GET /track/documents/{id}", s.trackDocument)
	mux.HandleFunc("POST /track/documents", s.trackDocsPost)
	mux.HandleFunc("GET /track/answer/{doc}", s.trackAnswer)
	mux.HandleFunc("GET /t/{token}", s.trackLinkForm) // the short link in SMS
	mux.HandleFunc("POST /t/{token}", s.trackLinkPost)
	if s.opt.Demo {
		mux.HandleFunc("GET /demo/sms", s.demoSMS)
	}
	// Staff side: each area registers its own routes in its own file.
	s.authRoutes(mux)
	s.trayRoutes(mux)
	s.counterRoutes(mux)
	s.calendarRoutes(mux)
	s.adminRoutes(mux)
	s.catalogEditRoutes(mux)
	s.smsRoutes(mux)
	s.smsAdminRoutes(mux)
	s.apiClientRoutes(mux)
	s.webhookRoutes(mux)
	s.catalogPublicRoutes(mux)
	s.catalogIORoutes(mux)
	s.lettersRoutes(mux)
	if s.opt.API != nil {
		mux.Handle("/api/v1/", s.opt.API)
	}
	mux.HandleFunc("GET /healthz", s.healthz)
	mux.HandleFunc("GET /readyz", s.readyz)
	mux.HandleFunc("GET /static/", s.assets.serve)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { s.renderError(w, r, http.StatusNotFound, "") })
}
