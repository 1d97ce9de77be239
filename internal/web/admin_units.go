package web

import (
	"net/http"
	"strings"

	"mizban/internal/auth"
	"mizban/internal/desk"
	"mizban/internal/fa"
)

// unitNode is a unit with its place in the tree.
type unitNode struct {
	desk.Unit
	Depth    int
	Indent   string // dashes for the depth, in a <select>
	Members  int
	Children []*unitNode
	// The rename form: the name shown, and its error after a failed try.
	RenameValue, RenameErr string
	AssignMode             string // how new requests are handed out
}

// unitTree orders units as the org chart: roots (no parent, or a parent
// that is not there) first, each followed by its children, by name. A
// cycle in bad data is broken where it is met, so every unit shows once.
func unitTree(units []desk.Unit) (roots []*unitNode, flat []*unitNode) {
	byCode := map[string]*unitNode{}
	for _, u := range units {
		byCode[u.Code] = &unitNode{Unit: u}
	}
	children := map[string][]*unitNode{}
	for _, u := range units {
		n := byCode[u.Code]
		if _, ok := byCode[u.Parent]; ok && u.Parent != u.Code {
			children[u.Parent] = append(children[u.Parent], n)
		} else {
			roots = append(roots, n)
		}
	}
	seen := map[string]bool{}
	var walk func(ns []*unitNode, depth int) []*unitNode
	walk = func(ns []*unitNode, depth int) []*unitNode {
		var kept []*unitNode
		for _, n := range ns {
			if seen[n.Code] {
				continue
			}
			seen[n.Code] = true
			n.Depth, n.Indent, n.RenameValue = depth, strings.Repeat("— ", depth), n.Name
			flat = append(flat, n)
			n.Children = walk(children[n.Code], depth+1)
			kept = append(kept, n)
		}
		return kept
	}
	roots = walk(roots, 0)
	// Units only reachable through a cycle become roots of their own.
	for _, u := range units {
		if !seen[u.Code] {
			roots = append(roots, walk([]*unitNode{byCode[u.Code]}, 0)...)
		}
	}
	return roots, flat
}

// adminUnitsView is the unit tree page.
type adminUnitsView struct {
	Roots []*unitNode
	Flat  []*unitNode
	Done  string
	// The add form as typed, and the unit whose rename failed with what was
	// typed.
	Code, Name, Parent string
	Renaming, NewName  string
}

func (s *Server) adminUnitsPage(w http.ResponseWriter, r *http.Request, status int, v adminUnitsView, formErr error) {
	units, err := s.store.Units(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v.Roots, v.Flat = unitTree(units)
	for _, n := range v.Flat {
		if rule, err := s.store.AssignRule(r.Context(), n.Code); err == nil {
			n.AssignMode = rule.Mode
		}
	}
	for _, n := range v.Flat {
		if n.Code == v.Renaming {
			n.RenameValue, n.RenameErr = v.NewName, desk.ErrorMessage(formErr)
		}
	}
	if staff, err := s.store.StaffDirectory(r.Context()); err == nil {
		count := map[string]int{}
		for _, e := range staff {
			if !e.Active {
				continue
			}
			for _, m := range e.Units {
				count[m.UnitCode]++
			}
		}
		for _, n := range v.Flat {
			n.Members = count[n.Code]
		}
	}
	s.render(w, r, status, "admin_units", "واحدهای سازمانی", v, formErr)
}

var unitsDone = map[string]bool{"added": true, "renamed": true, "assigned": true}

func (s *Server) adminUnits(w http.ResponseWriter, r *http.Request, a desk.Actor) {
	v := adminUnitsView{}
	if d := r.URL.Query().Get("done"); unitsDone[d] {
		v.Done = d
	}
	s.adminUnitsPage(w, r, http.StatusOK, v, nil)
}

func fieldErr(key, msg string) error {
	return &desk.Error{Code: desk.EINVALID, Message: msg, Fields: map[string]string{key: msg}, Order: []string{key}}
}

// Messages of the unit pages.
const (
	msgUnitTaken     = "واحدی با این کد پیش‌تر ثبت شده است؛ کد دیگری برگزینید."
	msgNoParent      = "واحد بالادستی پیدا نشد؛ آن را از فهرست برگزینید."
	msgBadForm       = "فرم به‌درستی فرستاده نشد؛ صفحه را دوباره باز کنید و دوباره تلاش کنید."
	msgUnitCodeShort = "کد واحد را وارد کنید."
)

func (s *Server) adminUnitAdd(w http.ResponseWriter, r *http.Request, a desk.Actor) {
	v := adminUnitsView{
		Code:   strings.ToLower(strings.TrimSpace(fa.ASCIIDigits(r.PostFormValue("code")))),
		Name:   strings.TrimSpace(r.PostFormValue("name")),
		Parent: r.PostFormValue("parent"),
	}
	units, err := s.store.Units(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	errs := &desk.FieldErrors{}
	if v.Code == "" {
		errs.Add("code", msgUnitCodeShort)
	}
	if v.Name == "" {
		errs.Add("name", auth.MsgNeedUnitName)
	}
	parentOK := v.Parent == ""
	for _, u := range units {
		if u.Code == v.Code {
			errs.Add("code", msgUnitTaken)
		}
		parentOK = parentOK || u.Code == v.Parent
	}
	if !parentOK {
		errs.Add("parent", msgNoParent)
	}
	if err := errs.Err(); err != nil {
		s.adminUnitsPage(w, r, http.StatusUnprocessableEntity, v, err)
		return
	}
	op, err := auth.AdminOperator(a, s.client(r))
	if err == nil {
		err = s.authSvc().EnsureUnit(r.Context(), op, desk.Unit{Code: v.Code, Name: v.Name, Parent: v.Parent})
	}
	if err != nil {
		if desk.ErrorCode(err) == desk.EINVALID {
			// EnsureUnit names its one field "unit"; the form has two.
			key := "name"
			if desk.ErrorMessage(err) == auth.MsgBadUnitCode {
				key = "code"
			}
			err = fieldErr(key, desk.ErrorMessage(err))
			s.adminUnitsPage(w, r, http.StatusUnprocessableEntity, v, err)
			return
		}
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/staff/admin/units?done=added", http.StatusSeeOther)
}

func (s *Server) adminUnitRename(w http.ResponseWriter, r *http.Request, a desk.Actor) {
	code := r.PathValue("code")
	name := r.PostFormValue("name")
	op, err := auth.AdminOperator(a, s.client(r))
	if err == nil {
		err = s.authSvc().RenameUnit(r.Context(), op, code, name)
	}
	switch desk.ErrorCode(err) {
	case "":
		http.Redirect(w, r, "/staff/admin/units?done=renamed", http.StatusSeeOther)
	case desk.EINVALID:
		msg := desk.ErrorMessage(err)
		s.adminUnitsPage(w, r, http.StatusUnprocessableEntity, adminUnitsView{Renaming: code, NewName: name},
			fieldErr("rename-"+code, msg))
	default:
		s.fail(w, r, err)
	}
}

// adminUnitAssign sets how a unit's new requests are handed out.
func (s *Server) adminUnitAssign(w http.ResponseWriter, r *http.Request, a desk.Actor) {
	err := s.flow.SetAssignRule(r.Context(), a, r.PathValue("code"), r.PostFormValue("mode"), s.flow.ClientKey(clientAddr(r)))
	if err != nil {
		s.adminUnitsPage(w, r, httpStatus(err), adminUnitsView{}, err)
		return
	}
	http.Redirect(w, r, "/staff/admin/units?done=assigned#unit-"+r.PathValue("code"), http.StatusSeeOther)
}
