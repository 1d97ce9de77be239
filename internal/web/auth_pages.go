package web

import (
	"html/template"
	"net/http"
	"net/url"

	"mizban/internal/auth"
	"mizban/internal/desk"
	"mizban/internal/store"
)

// loginView feeds the sign-in pages.
type loginView struct {
	Username string
	Next     string
	Notice   string // a fixed phrase shown above the form
}

// enrollView feeds the second-factor enrollment page.
type enrollView struct {
	Next     string
	QR       template.HTML
	Groups   []string
	Account  string
	Issuer   string
	Recovery []string // after enrollment: shown once
}

func (s *Server) client(r *http.Request) string { return s.flow.ClientKey(clientAddr(r)) }

func noStore(w http.ResponseWriter) { w.Header().Set("Cache-Control", "no-store") }

func (s *Server) staffLoginForm(w http.ResponseWriter, r *http.Request) {
	next := safeNext(r.URL.Query().Get("next"))
	if _, ok := s.staffActor(r); ok {
		http.Redirect(w, r, next, http.StatusSeeOther)
		return
	}
	v := loginView{Next: next}
	switch {
	case r.URL.Query().Has("out"):
		v.Notice = "از سامانه خارج شدید."
	case r.URL.Query().Has("changed"):
		v.Notice = "گذرواژه شما تغییر کرد و همه نشست‌هایتان بسته شد؛ با گذرواژه تازه وارد شوید."
	}
	noStore(w)
	s.render(w, r, http.StatusOK, "staff_login", "ورود کارکنان", v, nil)
}

// loginAgain shows the sign-in form with err (a session that ran out, a
// lock), forgetting the pending session.
func (s *Server) loginAgain(w http.ResponseWriter, r *http.Request, next string, err error) {
	s.clearStaffCookie(w, r)
	noStore(w)
	s.render(w, r, httpStatus(err), "staff_login", "ورود کارکنان", loginView{Next: next}, err)
}

func (s *Server) staffLoginPost(w http.ResponseWriter, r *http.Request) {
	v := loginView{Username: r.PostFormValue("username"), Next: safeNext(r.PostFormValue("next"))}
	step, err := s.authSvc().SignIn(r.Context(), v.Username, r.PostFormValue("password"), s.client(r))
	if err != nil {
		noStore(w)
		s.render(w, r, httpStatus(err), "staff_login", "ورود کارکنان", v, err)
		return
	}
	s.setStaffCookie(w, r, step.Token, int(auth.PendingTimeout.Seconds()))
	to := "/staff/login/totp"
	if step.Stage == store.StageEnroll {
		to = "/staff/enroll"
	}
	http.Redirect(w, r, to+"?next="+url.QueryEscape(v.Next), http.StatusSeeOther)
}

func (s *Server) staffTOTPForm(w http.ResponseWriter, r *http.Request) {
	next := safeNext(r.URL.Query().Get("next"))
	if _, err := s.authSvc().Pending(r.Context(), staffToken(r), store.StageTOTP); err != nil {
		http.Redirect(w, r, "/staff/login?next="+url.QueryEscape(next), http.StatusSeeOther)
		return
	}
	noStore(w)
	s.render(w, r, http.StatusOK, "staff_totp", "کد ورود دومرحله‌ای", loginView{Next: next}, nil)
}

func (s *Server) staffTOTPPost(w http.ResponseWriter, r *http.Request) {
	next := safeNext(r.PostFormValue("next"))
	step, err := s.authSvc().SecondFactor(r.Context(), staffToken(r), r.PostFormValue("code"), s.client(r))
	switch desk.ErrorCode(err) {
	case "":
		s.setStaffCookie(w, r, step.Token, 0)
		http.Redirect(w, r, next, http.StatusSeeOther)
	case desk.EINVALID:
		noStore(w)
		s.render(w, r, http.StatusUnprocessableEntity, "staff_totp", "کد ورود دومرحله‌ای", loginView{Next: next}, err)
	default:
		s.loginAgain(w, r, next, err)
	}
}

func (s *Server) enrollPage(w http.ResponseWriter, r *http.Request, status int, next string, formErr error) {
	en, err := s.authSvc().EnrollStart(r.Context(), staffToken(r))
	if err != nil {
		if desk.ErrorCode(err) == desk.EINTERNAL {
			s.fail(w, r, err)
			return
		}
		http.Redirect(w, r, "/staff/login?next="+url.QueryEscape(next), http.StatusSeeOther)
		return
	}
	v := enrollView{Next: next, QR: qrSVG(en.URI), Groups: auth.SecretGroups(en.Secret), Account: en.Account,
		Issuer: s.authSvc().Issuer}
	noStore(w)
	s.render(w, r, status, "staff_enroll", "راه‌اندازی ورود دومرحله‌ای", v, formErr)
}

func (s *Server) staffEnrollForm(w http.ResponseWriter, r *http.Request) {
	s.enrollPage(w, r, http.StatusOK, safeNext(r.URL.Query().Get("next")), nil)
}

func (s *Server) staffEnrollPost(w http.ResponseWriter, r *http.Request) {
	next := safeNext(r.PostFormValue("next"))
	step, err := s.authSvc().EnrollConfirm(r.Context(), staffToken(r), r.PostFormValue("code"), s.client(r))
	switch desk.ErrorCode(err) {
	case "":
		// The recovery codes are shown in this response only: no redirect,
		// nothing cached, never shown again.
		s.setStaffCookie(w, r, step.Token, 0)
		noStore(w)
		s.render(w, r, http.StatusOK, "staff_recovery", "کدهای بازیابی", enrollView{Next: next, Recovery: step.Recovery}, nil)
	case desk.EINVALID:
		s.enrollPage(w, r, http.StatusUnprocessableEntity, next, err)
	default:
		s.loginAgain(w, r, next, err)
	}
}

func (s *Server) staffLogout(w http.ResponseWriter, r *http.Request) {
	if err := s.authSvc().SignOut(r.Context(), staffToken(r), s.client(r)); err != nil {
		s.fail(w, r, err)
		return
	}
	s.clearStaffCookie(w, r)
	http.Redirect(w, r, "/staff/login?out=1", http.StatusSeeOther)
}

// staffHomeView is the landing page of a signed-in person.
type staffHomeView struct {
	Actor desk.Actor
	Roles []string        // Persian role titles
	Units []staffUnitView // memberships with unit names
	Links []staffHomeLink // the areas the person's roles open
	adminNotices
}

type staffUnitView struct{ Name, Title string }

type staffHomeLink struct{ Href, Label, Hint string }

// staffAreas are the staff areas and the roles that open each.
var staffAreas = []struct {
	link  staffHomeLink
	roles []desk.Role
}{
	{staffHomeLink{"/staff/tray", "کارتابل", "درخواست‌های واحد شما و درخواست‌هایی که به شما ارجاع شده است"},
		[]desk.Role{desk.RoleOfficer, desk.RoleManager, desk.RoleDeskOperator}},
	{staffHomeLink{"/staff/counter", "میز خدمت حضوری", "ثبت درخواست مراجعه‌کننده حضوری یا نامه"},
		[]desk.Role{desk.RoleDeskOperator, desk.RoleManager}},
	{staffHomeLink{"/staff/catalog", "شناسنامه خدمات", "ویرایش، بازبینی و انتشار شناسنامه خدمات و یادآوری بازبینی آن‌ها"},
		[]desk.Role{desk.RoleEditor, desk.RoleAdmin}},
	// Editors may switch notices off per service; administrators reach the
	// page from the SMS texts page of system administration.
	{staffHomeLink{"/staff/admin/sms/services", "پیامک‌های هر خدمت", "خاموش کردن پیامک‌های غیرضروری برای یک خدمت"},
		[]desk.Role{desk.RoleEditor}},
	// Managers do not edit cards but answer for their units' ones being current.
	{staffHomeLink{"/staff/catalog/stale", "شناسنامه‌های نیازمند بازبینی", "شناسنامه خدمات واحد شما که مدتی بازبینی نشده‌اند"},
		[]desk.Role{desk.RoleManager}},
	{staffHomeLink{"/staff/admin/calendar", "تقویم کاری", "روزها و ساعت‌های کاری، تعطیلات و تعطیلی‌های موردی"},
		[]desk.Role{desk.RoleAdmin}},
	{staffHomeLink{"/staff/admin", "مدیریت سامانه", "واحدها، کارکنان، نقش‌ها و دسترسی‌ها"},
		[]desk.Role{desk.RoleAdmin}},
}

func (s *Server) staffHome(w http.ResponseWriter, r *http.Request) {
	a, _ := s.staffActor(r)
	v := staffHomeView{Actor: a, adminNotices: s.noticesFor(r, a)}
	for _, role := range a.Roles {
		v.Roles = append(v.Roles, desk.RoleTitle[role])
	}
	names := map[string]string{}
	if units, err := s.store.Units(r.Context()); err == nil {
		for _, u := range units {
			names[u.Code] = u.Name
		}
	}
	for _, m := range a.Units {
		name := names[m.UnitCode]
		if name == "" {
			name = m.UnitCode
		}
		v.Units = append(v.Units, staffUnitView{Name: name, Title: m.Title})
	}
	for _, area := range staffAreas {
		if a.HasAny(area.roles...) {
			v.Links = append(v.Links, area.link)
		}
	}
	s.render(w, r, http.StatusOK, "staff_home", "میز کار کارکنان", v, nil)
}

func (s *Server) staffPasswordForm(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "staff_password", "تغییر گذرواژه", nil, nil)
}

func (s *Server) staffPasswordPost(w http.ResponseWriter, r *http.Request) {
	next := r.PostFormValue("password")
	if next != r.PostFormValue("confirm") {
		msg := "گذرواژه تازه و تکرار آن یکسان نیستند."
		s.render(w, r, http.StatusUnprocessableEntity, "staff_password", "تغییر گذرواژه", nil,
			&desk.Error{Code: desk.EINVALID, Message: msg, Fields: map[string]string{"confirm": msg}, Order: []string{"confirm"}})
		return
	}
	err := s.authSvc().ChangeOwnPassword(r.Context(), staffToken(r), r.PostFormValue("current"), next, s.client(r))
	switch desk.ErrorCode(err) {
	case "":
		s.clearStaffCookie(w, r)
		http.Redirect(w, r, "/staff/login?changed=1", http.StatusSeeOther)
	case desk.EINVALID:
		s.render(w, r, http.StatusUnprocessableEntity, "staff_password", "تغییر گذرواژه", nil, err)
	default:
		s.loginAgain(w, r, "/staff", err)
	}
}
