package web

import (
	"net/http"
	"strconv"
	"strings"

	"mizban/internal/desk"
	"mizban/internal/store"
	"mizban/internal/workflow"
)

// announceLimit is how many announcements a page or feed lists.
const announceLimit = 50

// announceItem is one announcement as pages show it: its body split into
// paragraphs, and where a version announcement's details are.
type announceItem struct {
	workflow.Announcement
	Paras []string
	Link  string // site path of the details; "" for a hand-written one
}

// announcementsView is the announcements page (اطلاعیه‌ها): all of them, or
// one service's.
type announcementsView struct {
	Service *desk.Service
	Items   []announceItem
}

func (s *Server) announcements(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	v := announcementsView{}
	code := r.URL.Query().Get("service")
	if code != "" {
		svc, err := s.store.Service(ctx, code)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		v.Service = &svc
	}
	list, err := s.flow.Announcements(ctx, code, announceLimit)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v.Items = announceItems(list)
	s.render(w, r, http.StatusOK, "announcements", "اطلاعیه‌ها", v, nil)
}

func announceItems(list []workflow.Announcement) []announceItem {
	out := make([]announceItem, len(list))
	for i, a := range list {
		out[i] = announceItem{Announcement: a, Paras: paragraphs(a.Body), Link: announceLink(a)}
	}
	return out
}

// announceLink is the site path an announcement points to: a version's
// entry in the change history, or its own place on the announcements page.
func announceLink(a workflow.Announcement) string {
	if a.ServiceCode != "" && a.Version > 0 {
		return "/services/" + a.ServiceCode + "/changes#v" + strconv.Itoa(a.Version)
	}
	return ""
}

// paragraphs splits plain text at blank lines, dropping empty ones.
func paragraphs(text string) []string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	var out []string
	for _, p := range strings.Split(text, "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// announceStaffView is the staff page that posts announcements by hand:
// the form (kept as typed on error) and the latest ones.
type announceStaffView struct {
	Form     workflow.AnnouncementInput
	Services []desk.Service
	Items    []announceItem
	Posted   bool
}

func (s *Server) catalogAnnounceForm(w http.ResponseWriter, r *http.Request, a desk.Actor) {
	s.catalogAnnouncePage(w, r, http.StatusOK, announceStaffView{Posted: r.URL.Query().Get("done") == "1"}, nil)
}

func (s *Server) catalogAnnouncePost(w http.ResponseWriter, r *http.Request, a desk.Actor) {
	in := workflow.AnnouncementInput{
		ServiceCode: r.PostFormValue("service"),
		Title:       r.PostFormValue("title"),
		Body:        r.PostFormValue("body"),
		Client:      s.client(r),
	}
	if _, err := s.flow.PostAnnouncement(r.Context(), a, in); err != nil {
		if st := httpStatus(err); st == http.StatusInternalServerError || st == http.StatusForbidden {
			s.fail(w, r, err)
			return
		}
		s.catalogAnnouncePage(w, r, httpStatus(err), announceStaffView{Form: in}, err)
		return
	}
	http.Redirect(w, r, "/staff/catalog/announcements?done=1", http.StatusSeeOther)
}

func (s *Server) catalogAnnouncePage(w http.ResponseWriter, r *http.Request, status int, v announceStaffView, formErr error) {
	ctx := r.Context()
	svcs, err := s.store.Services(ctx, store.ServiceFilter{})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	list, err := s.flow.Announcements(ctx, "", announceLimit)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v.Services, v.Items = svcs, announceItems(list)
	s.render(w, r, status, "catalog_announce", "اطلاعیه‌ها", v, formErr)
}
