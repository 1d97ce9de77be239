package web

import (
	"encoding/xml"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"mizban/internal/i18n"
	"mizban/internal/workflow"
)

// Atom (RFC 4287) feeds of the announcements: the agency's and each
// service's. Links are absolute, from the base URL, since feed readers
// fetch them out of any page.

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomAuthor  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Link    atomLink    `xml:"link"`
	Content atomContent `xml:"content"`
}

type atomContent struct {
	Type string `xml:"type,attr"`
	Body string `xml:",chardata"`
}

func (s *Server) announcementsFeed(w http.ResponseWriter, r *http.Request) {
	list, err := s.flow.Announcements(r.Context(), "", announceLimit)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	lang := langOf(r)
	title := i18n.T(lang, "اطلاعیه‌ها")
	agency := i18n.T(lang, s.opt.Agency.Name)
	s.writeFeed(w, r, "/announcements/feed.atom", "/announcements", title+" — "+agency, list)
}

func (s *Server) serviceFeed(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	svc, err := s.store.Service(ctx, r.PathValue("code"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	list, err := s.flow.Announcements(ctx, svc.Code, announceLimit)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	title := i18n.T(langOf(r), "اطلاعیه‌های این خدمت")
	s.writeFeed(w, r, "/services/"+svc.Code+"/feed.atom", "/services/"+svc.Code+"/changes", title+": "+svc.Title, list)
}

// writeFeed writes list as a feed whose own path is self and whose page
// for people is page. The feed's id is its own URL: stable as long as the
// site's address is.
func (s *Server) writeFeed(w http.ResponseWriter, r *http.Request, self, page, title string, list []workflow.Announcement) {
	base := s.siteBase(r)
	f := atomFeed{
		Lang:  string(langOf(r)),
		ID:    base + self,
		Title: title,
		Links: []atomLink{
			{Href: base + self, Rel: "self", Type: "application/atom+xml"},
			{Href: base + page, Rel: "alternate", Type: "text/html"},
		},
		Author: atomAuthor{Name: i18n.T(langOf(r), s.opt.Agency.Name)},
	}
	updated := s.flow.Now()
	if len(list) > 0 {
		updated = list[0].At // newest first
	}
	f.Updated = atomTime(updated)
	host := feedHost(base)
	for _, a := range list {
		link := base + "/announcements#a" + strconv.FormatInt(a.ID, 10)
		if p := announceLink(a); p != "" {
			link = base + p
		}
		f.Entries = append(f.Entries, atomEntry{
			ID:      "tag:" + host + "," + a.At.UTC().Format("2006-01-02") + ":announcement/" + strconv.FormatInt(a.ID, 10),
			Title:   a.Title,
			Updated: atomTime(a.At),
			Link:    atomLink{Href: link, Rel: "alternate", Type: "text/html"},
			Content: atomContent{Type: "text", Body: a.Body},
		})
	}
	out, err := xml.MarshalIndent(f, "", "  ")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=300")
	w.Write([]byte(xml.Header))
	w.Write(out)
}

// siteBase is the site's public address for absolute links: the
// configured one (as SMS links use it), else the address this request
// came to.
func (s *Server) siteBase(r *http.Request) string {
	for _, b := range []string{s.opt.BaseURL, s.flow.Opt.BaseURL} {
		if b != "" {
			return strings.TrimRight(b, "/")
		}
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// feedHost is the authority of the entries' tag: URIs (RFC 4151): the
// site's host name, without a port, which tag: URIs do not allow.
func feedHost(base string) string {
	if u, err := url.Parse(base); err == nil && u.Hostname() != "" {
		return u.Hostname()
	}
	return "mizban.invalid"
}

func atomTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }
