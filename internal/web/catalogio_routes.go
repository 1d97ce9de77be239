package web

import (
	"net/http"

	"mizban/internal/desk"
)

// catalogIORoutes registers the catalog's staff pages beside the editor:
// the list of cards due for review (managers see their units' cards), hand-
// written announcements, and bulk export and import.
func (s *Server) catalogIORoutes(mux *http.ServeMux) {
	editors := s.asStaff(desk.RoleEditor, desk.RoleAdmin)
	mux.HandleFunc("GET /staff/catalog/stale", s.asStaff(desk.RoleEditor, desk.RoleAdmin, desk.RoleManager)(s.catalogStale))
	mux.HandleFunc("GET /staff/catalog/announcements", editors(s.catalogAnnounceForm))
	mux.HandleFunc("POST /staff/catalog/announcements", editors(s.catalogAnnouncePost))
	mux.HandleFunc("GET /staff/catalog/export.json", editors(s.catalogExportJSON))
	mux.HandleFunc("GET /staff/catalog/export.csv", editors(s.catalogExportCSV))
	mux.HandleFunc("GET /staff/catalog/import", editors(s.catalogImportForm))
	mux.HandleFunc("POST /staff/catalog/import", editors(s.catalogImportPost))
}
