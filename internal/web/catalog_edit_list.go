package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"mizban/internal/desk"
	"mizban/internal/store"
	"mizban/internal/workflow"
)

// The editors' catalog list: every published card with its version and
// last review, the open drafts, and a reminder of the cards due a review.

// catalogRow is one published service in the list.
type catalogRow struct {
	Service desk.Service
	Stale   bool
	Draft   string // state of its open draft, "" for none
}

// catalogListView feeds catalog_list.html.
type catalogListView struct {
	Rows       []catalogRow
	Drafts     []workflow.CatalogDraft
	StaleCount int
	Done       string // what was just done …
	DoneCode   string // … to which service
	DoneTitle  string
	Version    int // published version, after an approval
	Notified   int // SMS sent for it
}

// catalogDoneKinds are the results the list page announces.
var catalogDoneKinds = map[string]bool{"published": true, "scheduled": true, "submitted": true,
	"discarded": true, "returned": true, "reviewed": true}

func (s *Server) catalogList(w http.ResponseWriter, r *http.Request, a desk.Actor) {
	ctx := r.Context()
	services, err := s.store.Services(ctx, store.ServiceFilter{})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	drafts, err := s.flow.CatalogDrafts(ctx, a)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	stale, err := s.flow.StaleServices(ctx, a)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := catalogListView{Drafts: drafts, StaleCount: len(stale)}
	staleCodes := map[string]bool{}
	for _, st := range stale {
		staleCodes[st.Code] = true
	}
	draftState := map[string]string{}
	for _, d := range drafts {
		draftState[d.Code] = d.State
	}
	// Editors look a card up by its title, not by how often it is used.
	slices.SortStableFunc(services, func(x, y desk.Service) int { return strings.Compare(x.Title, y.Title) })
	for _, svc := range services {
		v.Rows = append(v.Rows, catalogRow{Service: svc, Stale: staleCodes[svc.Code], Draft: draftState[svc.Code]})
	}
	q := r.URL.Query()
	if done := q.Get("done"); catalogDoneKinds[done] {
		v.Done, v.DoneCode = done, q.Get("code")
		v.Version, _ = strconv.Atoi(q.Get("v"))
		v.Notified, _ = strconv.Atoi(q.Get("n"))
		v.DoneTitle = v.DoneCode
		for _, svc := range services {
			if svc.Code == v.DoneCode {
				v.DoneTitle = svc.Title
			}
		}
		for _, d := range drafts {
			if d.Code == v.DoneCode && v.DoneTitle == v.DoneCode && d.Card.Title != "" {
				v.DoneTitle = d.Card.Title
			}
		}
	}
	s.render(w, r, http.StatusOK, "catalog_list", "شناسنامه خدمات", v, nil)
}

// StateTitle names the state of a draft.
func (v catalogListView) StateTitle(d workflow.CatalogDraft) string { return draftTitle(d) }

// DraftLink is the link text for a service with an open draft in state.
func (v catalogListView) DraftLink(state string) string {
	if state == workflow.DraftEditing {
		return "ادامه ویرایش پیش‌نویس"
	}
	return "بازبینی پیش‌نویس"
}
