package web

import (
	"net/http"

	"mizban/internal/desk"
	"mizban/internal/jalali"
	"mizban/internal/letters"
	"mizban/internal/workflow"
)

// secretariatRow is one secretariat with an example number of each of its
// series, so an administrator sees what the formats give.
type secretariatRow struct {
	letters.Secretariat
	Examples []letterExample
}

type letterExample struct {
	Direction string // the Persian title: the page shows it through t
	Format    string
	Number    string
}

// secretariatsView is the secretariats page: the list and the add form as
// typed.
type secretariatsView struct {
	Rows []secretariatRow
	Form letters.Secretariat
	Done string // added, on, off
}

// examples renders the first number of this year of each series; a format
// that no longer parses shows none.
func (s *Server) letterExamples(sec letters.Secretariat) []letterExample {
	year := jalali.FromTime(s.flow.Now()).Year
	var out []letterExample
	for _, d := range letters.Directions {
		ex := letterExample{Direction: letters.DirectionTitle[d]}
		if f, err := sec.Format(d); err == nil {
			ex.Format, ex.Number = f.String(), f.Number(year, 1, sec.Code)
		}
		out = append(out, ex)
	}
	return out
}

func (s *Server) secretariatsRender(w http.ResponseWriter, r *http.Request, status int, v secretariatsView, formErr error) {
	all, err := s.store.Secretariats(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for _, sec := range all {
		v.Rows = append(v.Rows, secretariatRow{Secretariat: sec, Examples: s.letterExamples(sec)})
	}
	s.render(w, r, status, "letter_secretariats", "دبیرخانه‌ها", v, formErr)
}

var secretariatsDone = map[string]bool{"added": true, "on": true, "off": true}

func (s *Server) secretariatsPage(w http.ResponseWriter, r *http.Request, a desk.Actor) {
	// The usual formats: year, sequence and the direction's letter
	// (و وارده، ص صادره، د داخلی).
	const base = "{year}/{seq}/"
	v := secretariatsView{Form: letters.Secretariat{IncomingFormat: base + "و",
		OutgoingFormat: base + "ص", InternalFormat: base + "د"}}
	if d := r.URL.Query().Get("done"); secretariatsDone[d] {
		v.Done = d
	}
	s.secretariatsRender(w, r, http.StatusOK, v, nil)
}

func (s *Server) secretariatAdd(w http.ResponseWriter, r *http.Request, a desk.Actor) {
	v := r.PostFormValue
	sec := letters.Secretariat{Code: v("code"), Name: v("name"), IncomingFormat: v("incoming_format"),
		OutgoingFormat: v("outgoing_format"), InternalFormat: v("internal_format")}
	err := s.flow.CreateSecretariat(r.Context(), a, workflow.SecretariatInput{Secretariat: sec, Client: s.flow.ClientKey(clientAddr(r))})
	switch desk.ErrorCode(err) {
	case "":
		http.Redirect(w, r, "/staff/admin/secretariats?done=added", http.StatusSeeOther)
	case desk.EINVALID, desk.ECONFLICT:
		s.secretariatsRender(w, r, httpStatus(err), secretariatsView{Form: sec}, err)
	default:
		s.fail(w, r, err)
	}
}

// secretariatActive switches a secretariat on or off (active=1 or 0).
func (s *Server) secretariatActive(w http.ResponseWriter, r *http.Request, a desk.Actor) {
	on := r.PostFormValue("active") == "1"
	if err := s.flow.SetSecretariatActive(r.Context(), a, r.PathValue("code"), on, s.flow.ClientKey(clientAddr(r))); err != nil {
		s.fail(w, r, err)
		return
	}
	done := "off"
	if on {
		done = "on"
	}
	http.Redirect(w, r, "/staff/admin/secretariats?done="+done, http.StatusSeeOther)
}
