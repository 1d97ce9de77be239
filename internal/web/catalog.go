package web

import (
	"net/http"
	"time"

	"mizban/internal/desk"
	"mizban/internal/store"
)

type homeView struct {
	Popular    []desk.Service
	Categories []desk.Category
	Counts     map[string]int
}

func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	popular, err := s.store.Services(r.Context(), store.ServiceFilter{Limit: 6})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	counts, err := s.store.CategoryCounts(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "home", "", homeView{Popular: popular, Categories: desk.Categories, Counts: counts}, nil)
}

type catalogView struct {
	Query, Category, Audience string
	Services                  []desk.Service
	Categories, Audiences     []desk.Category
}

func (s *Server) catalog(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	v := catalogView{
		Query: q.Get("q"), Category: q.Get("category"), Audience: q.Get("audience"),
		Categories: desk.Categories, Audiences: desk.Audiences,
	}
	list, err := s.store.Services(r.Context(), store.ServiceFilter{Query: v.Query, Category: v.Category, Audience: v.Audience})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v.Services = list
	s.render(w, r, http.StatusOK, "catalog", "فهرست خدمات", v, nil)
}

type cardView struct {
	Service desk.Service
	Units   map[string]string
	Subs    []desk.Service
	Parent  *desk.Service
	Stale   bool
}

func (s *Server) serviceCard(w http.ResponseWriter, r *http.Request) {
	svc, err := s.store.Service(r.Context(), r.PathValue("code"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	// The law asks for a review of every process at least every 3 years;
	// citizens are told when a card is older than that.
	v := cardView{Service: svc, Units: s.unitNames(r), Stale: time.Since(svc.ReviewedAt) > 3*365*24*time.Hour}
	if v.Subs, err = s.store.Services(r.Context(), store.ServiceFilter{Parent: svc.Code}); err != nil {
		s.fail(w, r, err)
		return
	}
	if svc.ParentCode != "" {
		if p, err := s.store.Service(r.Context(), svc.ParentCode); err == nil {
			v.Parent = &p
		}
	}
	s.render(w, r, http.StatusOK, "service", svc.Title, v, nil)
}

// unitNames maps unit codes to names for pages that list steps.
func (s *Server) unitNames(r *http.Request) map[string]string {
	m := map[string]string{}
	units, err := s.store.Units(r.Context())
	if err != nil {
		s.log.Error("units", "err", err)
		return m
	}
	for _, u := range units {
		m[u.Code] = u.Name
	}
	return m
}
