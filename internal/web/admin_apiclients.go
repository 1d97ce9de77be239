package web

import (
	"net/http"
	"slices"
	"strconv"

	"mizban/internal/desk"
	"mizban/internal/store"
	"mizban/internal/workflow"
)

// apiClientsView is the page of integration clients. Token is set only in
// the answer to the add form: the one time the token is ever shown.
type apiClientsView struct {
	Clients []apiClientRow
	Units   []desk.Unit
	Scopes  []apiScopeOption
	Token   string
	Created string // name of the client just made
	Done    string
	// The add form as typed.
	Name      string
	UnitsPick []string
}

type apiClientRow struct {
	store.APIClient
	ScopeTitles []string
	UnitNames   []string
}

type apiScopeOption struct {
	Key, Title string
	Checked    bool
}

func (s *Server) apiClientsPage(w http.ResponseWriter, r *http.Request, status int, v apiClientsView, formErr error) {
	ctx := r.Context()
	clients, err := s.store.APIClients(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if v.Units, err = s.store.Units(ctx); err != nil {
		s.fail(w, r, err)
		return
	}
	names := map[string]string{}
	for _, u := range v.Units {
		names[u.Code] = u.Name
	}
	for _, c := range clients {
		row := apiClientRow{APIClient: c}
		for _, sc := range c.Scopes {
			row.ScopeTitles = append(row.ScopeTitles, workflow.APIScopeTitle[sc])
		}
		for _, u := range c.Units {
			row.UnitNames = append(row.UnitNames, names[u])
		}
		v.Clients = append(v.Clients, row)
	}
	noStore(w)
	s.render(w, r, status, "admin_apiclients", "کلاینت‌های API", v, formErr)
}

func (s *Server) apiClients(w http.ResponseWriter, r *http.Request, a desk.Actor) {
	v := apiClientsView{Scopes: scopeOptions(nil)}
	if r.URL.Query().Get("done") == "revoked" {
		v.Done = "revoked"
	}
	s.apiClientsPage(w, r, http.StatusOK, v, nil)
}

func scopeOptions(checked []string) []apiScopeOption {
	var out []apiScopeOption
	for _, sc := range workflow.APIScopes {
		out = append(out, apiScopeOption{Key: sc, Title: workflow.APIScopeTitle[sc], Checked: slices.Contains(checked, sc)})
	}
	return out
}

// apiClientAdd makes a client and answers the page itself with the token:
// no redirect, so the token never travels in a URL and is shown once.
func (s *Server) apiClientAdd(w http.ResponseWriter, r *http.Request, a desk.Actor) {
	_ = r.ParseForm()
	in := workflow.APIClientInput{Name: r.PostFormValue("name"), Scopes: r.PostForm["scope"],
		Units: r.PostForm["unit"], Client: s.client(r)}
	c, token, err := s.flow.CreateAPIClient(r.Context(), a, in)
	if err != nil {
		if desk.ErrorCode(err) != desk.EINVALID {
			s.fail(w, r, err)
			return
		}
		v := apiClientsView{Scopes: scopeOptions(in.Scopes), Name: in.Name, UnitsPick: in.Units}
		s.apiClientsPage(w, r, http.StatusUnprocessableEntity, v, err)
		return
	}
	s.apiClientsPage(w, r, http.StatusOK, apiClientsView{Scopes: scopeOptions(nil), Token: token, Created: c.Name}, nil)
}

func (s *Server) apiClientRevoke(w http.ResponseWriter, r *http.Request, a desk.Actor) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.renderError(w, r, http.StatusNotFound, "")
		return
	}
	if err := s.flow.RevokeAPIClient(r.Context(), a, id, s.client(r)); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/staff/admin/api-clients?done=revoked", http.StatusSeeOther)
}
