package web

import "net/http"

// catalogPublicRoutes registers what citizens see of the catalog's upkeep:
// each service's change history, the announcements (اطلاعیه‌ها) and their
// Atom feeds, and subscriptions to a service's changes. These URLs are
// printed in SMS and feed readers: keep them stable.
func (s *Server) catalogPublicRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /services/{code}/changes", s.serviceChanges)
	mux.HandleFunc("GET /h/{code}", s.changesShortLink)
	mux.HandleFunc("GET /services/{code}/feed.atom", s.serviceFeed)
	mux.HandleFunc("GET /announcements", s.announcements)
	mux.HandleFunc("GET /announcements/feed.atom", s.announcementsFeed)
	mux.HandleFunc("GET /services/{code}/subscribe", s.subscribeForm)
	mux.HandleFunc("POST /services/{code}/subscribe", s.subscribePost)
	mux.HandleFunc("GET /subscribe/{id}", s.subscribeCodeForm)
	mux.HandleFunc("POST /subscribe/{id}", s.subscribeCodePost)
	mux.HandleFunc("POST /subscribe/{id}/resend", s.subscribeResend)
	mux.HandleFunc("GET /u/{token}", s.unsubscribeForm)
	mux.HandleFunc("POST /u/{token}", s.unsubscribePost)
}
