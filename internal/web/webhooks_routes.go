package web

import (
	"net/http"

	"mizban/internal/desk"
)

// webhookRoutes registers the administrators' webhook pages: endpoints,
// their secrets, and each endpoint's delivery log with redelivery.
func (s *Server) webhookRoutes(mux *http.ServeMux) {
	wrap := s.asStaff(desk.RoleAdmin)
	mux.HandleFunc("GET /staff/admin/webhooks", wrap(s.webhooksList))
	mux.HandleFunc("POST /staff/admin/webhooks", wrap(s.webhookAdd))
	mux.HandleFunc("GET /staff/admin/webhooks/{id}", wrap(s.webhookLog))
	mux.HandleFunc("POST /staff/admin/webhooks/{id}/rotate", wrap(s.webhookRotate))
	mux.HandleFunc("POST /staff/admin/webhooks/{id}/enable", wrap(s.webhookEnable))
	mux.HandleFunc("POST /staff/admin/webhooks/{id}/disable", wrap(s.webhookDisable))
	mux.HandleFunc("POST /staff/admin/webhooks/deliveries/{seq}/redeliver", wrap(s.webhookRedeliver))
}
