package web

import (
	"net/http"
	"net/url"
	"strings"

	"mizban/internal/auth"
	"mizban/internal/desk"
	"mizban/internal/store"
)

// Messages of the staff pages.
const (
	msgNotSelfDisable  = "نمی‌توانید حساب خودتان را غیرفعال کنید؛ از مدیر سامانه دیگری بخواهید."
	msgNotSelfAdmin    = "نمی‌توانید نقش مدیر سامانه را از خودتان بگیرید؛ از مدیر سامانه دیگری بخواهید."
	msgPasswordsDiffer = "گذرواژه و تکرار آن یکسان نیستند."
	msgConfirmTOTP     = "برای بازنشانی ورود دومرحله‌ای، تأیید کنید که هویت این همکار را بررسی کرده‌اید."
	msgNoSuchStaff     = "کارمندی با این نام کاربری پیدا نشد."
)

// roleOption is one role checkbox.
type roleOption struct {
	Role  desk.Role
	Title string
}

func roleOptions() []roleOption {
	out := make([]roleOption, len(desk.Roles))
	for i, r := range desk.Roles {
		out[i] = roleOption{r, desk.RoleTitle[r]}
	}
	return out
}

// staffForm is the roles and units part of the staff forms, as typed (or
// as stored, on a fresh edit page). Passwords are never kept.
type staffForm struct {
	Username, Name string
	Roles          map[desk.Role]bool
	Units          map[string]bool
	Titles         map[string]string
	Main           string
}

func readStaffForm(r *http.Request) staffForm {
	_ = r.ParseForm()
	f := staffForm{
		Username: strings.TrimSpace(r.PostFormValue("username")),
		Name:     strings.TrimSpace(r.PostFormValue("name")),
		Roles:    map[desk.Role]bool{}, Units: map[string]bool{}, Titles: map[string]string{},
		Main: r.PostFormValue("main"),
	}
	for _, v := range r.PostForm["role"] {
		f.Roles[desk.Role(v)] = true
	}
	for _, v := range r.PostForm["unit"] {
		f.Units[v] = true
	}
	for k, vs := range r.PostForm {
		if code, ok := strings.CutPrefix(k, "title-"); ok && len(vs) > 0 {
			f.Titles[code] = strings.TrimSpace(vs[0])
		}
	}
	return f
}

func formOf(e store.StaffEntry) staffForm {
	f := staffForm{Username: e.Username, Name: e.Name, Roles: map[desk.Role]bool{}, Units: map[string]bool{}, Titles: map[string]string{}}
	for _, r := range e.Roles {
		f.Roles[r] = true
	}
	for i, m := range e.Units {
		f.Units[m.UnitCode] = true
		f.Titles[m.UnitCode] = m.Title
		if i == 0 {
			f.Main = m.UnitCode
		}
	}
	return f
}

// roles lists the ticked roles in desk.Roles order; a value no role has is
// passed on, so the auth service refuses it with its own message.
func (f staffForm) roles() []desk.Role {
	var out []desk.Role
	for _, r := range desk.Roles {
		if f.Roles[r] {
			out = append(out, r)
		}
	}
	for r := range f.Roles {
		if _, known := desk.RoleTitle[r]; !known {
			out = append(out, r)
		}
	}
	return out
}

// memberships lists the ticked units in tree order with their titles, the
// main one first (the first ticked when the main one is not ticked). A code
// that is not a unit is passed on for the auth service to refuse.
func (f staffForm) memberships(flat []*unitNode) []desk.Membership {
	var out []desk.Membership
	known := map[string]bool{}
	for _, n := range flat {
		known[n.Code] = true
		if !f.Units[n.Code] {
			continue
		}
		m := desk.Membership{UnitCode: n.Code, Title: f.Titles[n.Code]}
		if n.Code == f.Main {
			out = append([]desk.Membership{m}, out...)
		} else {
			out = append(out, m)
		}
	}
	for code := range f.Units {
		if !known[code] {
			out = append(out, desk.Membership{UnitCode: code})
		}
	}
	return out
}

// staffRow is one account in the list.
type staffRow struct {
	store.StaffEntry
	RoleTitles []string
	UnitLines  []string // «unit name — title»
}

func staffRows(entries []store.StaffEntry, flat []*unitNode) []staffRow {
	names := map[string]string{}
	for _, n := range flat {
		names[n.Code] = n.Name
	}
	out := make([]staffRow, len(entries))
	for i, e := range entries {
		row := staffRow{StaffEntry: e}
		for _, r := range e.Roles {
			row.RoleTitles = append(row.RoleTitles, desk.RoleTitle[r])
		}
		for _, m := range e.Units {
			line := names[m.UnitCode]
			if line == "" {
				line = m.UnitCode
			}
			if m.Title != "" {
				line += " — " + m.Title
			}
			row.UnitLines = append(row.UnitLines, line)
		}
		out[i] = row
	}
	return out
}

// adminStaffView feeds the staff list (with the add form) and one
// person's page.
type adminStaffView struct {
	Rows  []staffRow
	Row   staffRow // one person's page
	Self  bool     // the page is the administrator's own account
	Units []*unitNode
	Roles []roleOption
	Form  staffForm
	Done  string
}

func (s *Server) staffData(r *http.Request) ([]store.StaffEntry, []*unitNode, error) {
	entries, err := s.store.StaffDirectory(r.Context())
	if err != nil {
		return nil, nil, err
	}
	units, err := s.store.Units(r.Context())
	if err != nil {
		return nil, nil, err
	}
	_, flat := unitTree(units)
	return entries, flat, nil
}

func (s *Server) adminStaffListPage(w http.ResponseWriter, r *http.Request, status int, v adminStaffView, formErr error) {
	entries, flat, err := s.staffData(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v.Rows, v.Units, v.Roles = staffRows(entries, flat), flat, roleOptions()
	if v.Form.Roles == nil {
		v.Form = staffForm{Roles: map[desk.Role]bool{}, Units: map[string]bool{}, Titles: map[string]string{}}
	}
	s.render(w, r, status, "admin_staff", "کارکنان", v, formErr)
}

func (s *Server) adminStaffList(w http.ResponseWriter, r *http.Request, a desk.Actor) {
	v := adminStaffView{}
	if r.URL.Query().Get("done") == "added" {
		v.Done = "added"
	}
	s.adminStaffListPage(w, r, http.StatusOK, v, nil)
}

func (s *Server) adminStaffAdd(w http.ResponseWriter, r *http.Request, a desk.Actor) {
	f := readStaffForm(r)
	_, flat, err := s.staffData(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	password := r.PostFormValue("password")
	// The cheap checks first, all at once, so one round shows every error;
	// AddUser checks them again, and the rest, itself.
	errs := &desk.FieldErrors{}
	if f.Name == "" {
		errs.Add("name", auth.MsgNeedName)
	}
	if len(f.Roles) == 0 {
		errs.Add("role", auth.MsgNeedRole)
	}
	if len(f.Units) == 0 {
		errs.Add("unit", auth.MsgNeedUnit)
	}
	if err := auth.CheckPassword(password, auth.NormalizeUsername(f.Username)); err != nil {
		errs.Add("password", desk.ErrorMessage(err))
	} else if password != r.PostFormValue("confirm") {
		errs.Add("confirm", msgPasswordsDiffer)
	}
	err = errs.Err()
	if err == nil {
		var op auth.Operator
		if op, err = auth.AdminOperator(a, s.client(r)); err == nil {
			_, err = s.authSvc().AddUser(r.Context(), op, auth.NewUser{Username: f.Username, Name: f.Name,
				Units: f.memberships(flat), Roles: f.roles(), Password: password})
		}
	}
	switch desk.ErrorCode(err) {
	case "":
		http.Redirect(w, r, "/staff/admin/staff/"+url.PathEscape(auth.NormalizeUsername(f.Username))+"?done=added", http.StatusSeeOther)
	case desk.EINVALID, desk.ECONFLICT:
		s.adminStaffListPage(w, r, httpStatus(err), adminStaffView{Form: f}, err)
	default:
		s.fail(w, r, err)
	}
}

var staffDone = map[string]bool{"added": true, "roles": true, "units": true, "enabled": true,
	"disabled": true, "password": true, "totp": true}

// adminStaffOne renders one person's page; form, when not nil, is what was
// typed into the form that failed.
func (s *Server) adminStaffOne(w http.ResponseWriter, r *http.Request, a desk.Actor, status int, form *staffForm, done string, formErr error) {
	entries, flat, err := s.staffData(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	username := auth.NormalizeUsername(r.PathValue("username"))
	for _, row := range staffRows(entries, flat) {
		if row.Username != username {
			continue
		}
		v := adminStaffView{Row: row, Self: row.ID == a.StaffID, Units: flat, Roles: roleOptions(),
			Form: formOf(row.StaffEntry), Done: done}
		if form != nil {
			form.Name, form.Username = row.Name, row.Username
			v.Form = *form
		}
		s.render(w, r, status, "admin_staff_edit", "کارکنان", v, formErr)
		return
	}
	s.renderError(w, r, http.StatusNotFound, msgNoSuchStaff)
}

func (s *Server) adminStaffPage(w http.ResponseWriter, r *http.Request, a desk.Actor) {
	done := r.URL.Query().Get("done")
	if !staffDone[done] {
		done = ""
	}
	s.adminStaffOne(w, r, a, http.StatusOK, nil, done, nil)
}

// adminChange runs change as an administrator operator and answers with a
// redirect to the person's page (done) or the page with the error.
func (s *Server) adminChange(w http.ResponseWriter, r *http.Request, a desk.Actor, form *staffForm, done string,
	change func(op auth.Operator, username string) error) {
	username := auth.NormalizeUsername(r.PathValue("username"))
	op, err := auth.AdminOperator(a, s.client(r))
	if err == nil {
		err = change(op, username)
	}
	switch desk.ErrorCode(err) {
	case "":
		http.Redirect(w, r, "/staff/admin/staff/"+url.PathEscape(username)+"?done="+done, http.StatusSeeOther)
	case desk.EINVALID, desk.ECONFLICT:
		s.adminStaffOne(w, r, a, httpStatus(err), form, "", err)
	default:
		s.fail(w, r, err)
	}
}

// isSelf reports whether username is the acting administrator.
func (s *Server) isSelf(r *http.Request, a desk.Actor, username string) bool {
	rec, err := s.store.StaffByUsername(r.Context(), username)
	return err == nil && rec.ID == a.StaffID
}

func (s *Server) adminStaffRoles(w http.ResponseWriter, r *http.Request, a desk.Actor) {
	f := readStaffForm(r)
	s.adminChange(w, r, a, &f, "roles", func(op auth.Operator, username string) error {
		roles := f.roles()
		if s.isSelf(r, a, username) && !f.Roles[desk.RoleAdmin] {
			return fieldErr("role", msgNotSelfAdmin)
		}
		if len(roles) == 0 {
			return fieldErr("role", auth.MsgNeedRole)
		}
		return s.authSvc().SetRoles(r.Context(), op, username, roles)
	})
}

func (s *Server) adminStaffUnits(w http.ResponseWriter, r *http.Request, a desk.Actor) {
	f := readStaffForm(r)
	s.adminChange(w, r, a, &f, "units", func(op auth.Operator, username string) error {
		units, err := s.store.Units(r.Context())
		if err != nil {
			return err
		}
		_, flat := unitTree(units)
		return s.authSvc().SetUnits(r.Context(), op, username, f.memberships(flat))
	})
}

func (s *Server) adminStaffActive(w http.ResponseWriter, r *http.Request, a desk.Actor) {
	var active bool
	switch r.PostFormValue("active") {
	case "1":
		active = true
	case "0":
	default: // never guess which way a bare POST meant
		s.renderError(w, r, http.StatusBadRequest, msgBadForm)
		return
	}
	done := "disabled"
	if active {
		done = "enabled"
	}
	s.adminChange(w, r, a, nil, done, func(op auth.Operator, username string) error {
		if !active && s.isSelf(r, a, username) {
			return fieldErr("active", msgNotSelfDisable)
		}
		return s.authSvc().SetActive(r.Context(), op, username, active)
	})
}

func (s *Server) adminStaffPassword(w http.ResponseWriter, r *http.Request, a desk.Actor) {
	password := r.PostFormValue("password")
	s.adminChange(w, r, a, nil, "password", func(op auth.Operator, username string) error {
		if err := auth.CheckPassword(password, username); err != nil {
			return err
		}
		if password != r.PostFormValue("confirm") {
			return fieldErr("confirm", msgPasswordsDiffer)
		}
		return s.authSvc().SetPassword(r.Context(), op, username, password)
	})
}

func (s *Server) adminStaffTOTP(w http.ResponseWriter, r *http.Request, a desk.Actor) {
	s.adminChange(w, r, a, nil, "totp", func(op auth.Operator, username string) error {
		if r.PostFormValue("confirm_identity") != "1" {
			return fieldErr("confirm_identity", msgConfirmTOTP)
		}
		return s.authSvc().ResetTOTP(r.Context(), op, username)
	})
}
