package web

import (
	"net/http"

	"mizban/internal/desk"
	"mizban/internal/workflow"
)

// staleView lists the cards nobody has reviewed for the review period,
// oldest first: editors fix them, managers see their units' ones.
type staleView struct {
	Services []workflow.StaleService
	Units    map[string]string
	CanEdit  bool // editors and admins get links to the editor
}

func (s *Server) catalogStale(w http.ResponseWriter, r *http.Request, a desk.Actor) {
	list, err := s.flow.StaleServices(r.Context(), a)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := staleView{Services: list, Units: s.unitNames(r), CanEdit: a.HasAny(desk.RoleEditor, desk.RoleAdmin)}
	s.render(w, r, http.StatusOK, "catalog_stale", "شناسنامه‌های نیازمند بازبینی", v, nil)
}
