package web

import (
	"net/http"

	"mizban/internal/desk"
)

// catalogEditRoutes registers the catalog editors' pages. The workflow
// checks the role again on every change (and the four-eyes rule on
// approval), so the route guard is never the only one.
func (s *Server) catalogEditRoutes(mux *http.ServeMux) {
	wrap := s.asStaff(desk.RoleEditor, desk.RoleAdmin)
	mux.HandleFunc("GET /staff/catalog", wrap(s.catalogList))
	mux.HandleFunc("GET /staff/catalog/new", wrap(s.catalogNew))
	mux.HandleFunc("POST /staff/catalog/new", wrap(s.catalogNewPost))
	mux.HandleFunc("GET /staff/catalog/{code}/edit", wrap(s.catalogEdit))
	mux.HandleFunc("POST /staff/catalog/{code}/edit", wrap(s.catalogEditPost))
	mux.HandleFunc("POST /staff/catalog/{code}/submit", wrap(s.catalogSubmit))
	mux.HandleFunc("POST /staff/catalog/{code}/discard", wrap(s.catalogDiscard))
	mux.HandleFunc("GET /staff/catalog/{code}/review", wrap(s.catalogReview))
	mux.HandleFunc("POST /staff/catalog/{code}/approve", wrap(s.catalogApprove))
	mux.HandleFunc("POST /staff/catalog/{code}/return", wrap(s.catalogReturn))
	mux.HandleFunc("POST /staff/catalog/{code}/reviewed", wrap(s.catalogReviewed))
}
