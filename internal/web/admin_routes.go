package web

import (
	"net/http"

	"mizban/internal/desk"
)

// adminRoutes registers the administrator's pages for units and staff.
// Every change goes through auth.Operator, which checks the role again and
// audits it, so the route guard is never the only one.
func (s *Server) adminRoutes(mux *http.ServeMux) {
	wrap := s.asStaff(desk.RoleAdmin)
	mux.HandleFunc("GET /staff/admin", wrap(s.adminHome))
	mux.HandleFunc("GET /staff/admin/units", wrap(s.adminUnits))
	mux.HandleFunc("POST /staff/admin/units", wrap(s.adminUnitAdd))
	mux.HandleFunc("POST /staff/admin/units/{code}", wrap(s.adminUnitRename))
	mux.HandleFunc("POST /staff/admin/units/{code}/assign", wrap(s.adminUnitAssign))
	mux.HandleFunc("GET /staff/admin/staff", wrap(s.adminStaffList))
	mux.HandleFunc("POST /staff/admin/staff", wrap(s.adminStaffAdd))
	mux.HandleFunc("GET /staff/admin/staff/{username}", wrap(s.adminStaffPage))
	mux.HandleFunc("POST /staff/admin/staff/{username}/roles", wrap(s.adminStaffRoles))
	mux.HandleFunc("POST /staff/admin/staff/{username}/units", wrap(s.adminStaffUnits))
	mux.HandleFunc("POST /staff/admin/staff/{username}/active", wrap(s.adminStaffActive))
	mux.HandleFunc("POST /staff/admin/staff/{username}/password", wrap(s.adminStaffPassword))
	mux.HandleFunc("POST /staff/admin/staff/{username}/totp", wrap(s.adminStaffTOTP))
}

// adminHome links the administrator's areas.
func (s *Server) adminHome(w http.ResponseWriter, r *http.Request, a desk.Actor) {
	s.render(w, r, http.StatusOK, "admin_home", "مدیریت سامانه", s.noticesFor(r, a), nil)
}
