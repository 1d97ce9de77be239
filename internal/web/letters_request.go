package web

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"mizban/internal/desk"
	"mizban/internal/letters"
	"mizban/internal/workflow"
)

// letterLine is one letter of a request as pages list it.
type letterLine struct {
	ID           int64
	Outgoing     bool   // staff may print it
	Direction    string // Persian title, shown through t
	Number       string // ASCII digits; pages show it with digits in <bdi>
	RegisteredAt time.Time
	Secretariat  string // its name
}

// requestLetters is the secretariat part of the staff request page: the
// request's letters and, while it may be registered, the secretariats to
// register it in.
type requestLetters struct {
	Lines        []letterLine
	CanRegister  bool
	Secretariats []letters.Secretariat // active ones
}

// letterLines lists the letters of request id; a failure to read them
// leaves the list empty rather than the page broken.
func (s *Server) letterLines(ctx context.Context, id int64) []letterLine {
	ls, err := s.store.LettersOfRequest(ctx, id)
	if err != nil {
		s.log.Error("letters of request", "request", id, "err", err)
		return nil
	}
	names := map[string]string{}
	var out []letterLine
	for _, l := range ls {
		name, ok := names[l.Secretariat]
		if !ok {
			if sec, err := s.store.Secretariat(ctx, l.Secretariat); err == nil {
				name = sec.Name
			}
			names[l.Secretariat] = name
		}
		out = append(out, letterLine{ID: l.ID, Outgoing: l.Direction == letters.Outgoing,
			Direction: letters.DirectionTitle[l.Direction], Number: l.Number,
			RegisteredAt: l.RegisteredAt, Secretariat: name})
	}
	return out
}

// staffLetters fills the secretariat part of the staff request page for a.
func (s *Server) staffLetters(ctx context.Context, a desk.Actor, r desk.Request) requestLetters {
	v := requestLetters{Lines: s.letterLines(ctx, r.ID)}
	for _, l := range v.Lines {
		if l.Direction == letters.DirectionTitle[letters.Incoming] {
			return v
		}
	}
	if !workflow.CanRegisterLetter(a, r) {
		return v
	}
	all, err := s.store.Secretariats(ctx)
	if err != nil {
		return v
	}
	for _, sec := range all {
		if sec.Active {
			v.Secretariats = append(v.Secretariats, sec)
		}
	}
	v.CanRegister = len(v.Secretariats) > 0
	return v
}

// registerIncoming registers the request as an incoming letter of the
// chosen secretariat, numbered by it or (manual mode) with the number and
// date typed from the agency's automation.
func (s *Server) registerIncoming(w http.ResponseWriter, r *http.Request, a desk.Actor) {
	in := workflow.RegisterInput{RequestID: s.requestID(r), Secretariat: r.PostFormValue("secretariat"),
		Number: r.PostFormValue("number"), Date: r.PostFormValue("date"), Shams: r.PostFormValue("shams_id"),
		Client: s.flow.ClientKey(clientAddr(r))}
	in.Version, _ = strconv.Atoi(r.PostFormValue("version"))
	if _, err := s.flow.RegisterIncoming(r.Context(), a, in); err != nil {
		// A request out of reach fails again in the page's own view,
		// which answers as if it did not exist.
		form := map[string]string{"secretariat": in.Secretariat, "number": in.Number, "date": in.Date, "shams_id": in.Shams}
		s.staffRequestPage(w, r, httpStatus(err), staffRequestView{Form: form, Failed: "letter"}, err)
		return
	}
	http.Redirect(w, r, "/staff/requests/"+r.PathValue("id")+"?done=letter", http.StatusSeeOther)
}
