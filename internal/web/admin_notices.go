package web

import (
	"net/http"

	"mizban/internal/desk"
	"mizban/internal/store"
)

// adminNotices are the things an administrator should act on, shown on the
// staff home and the administration home so that nobody has to open the
// webhooks page to learn that an integration stopped.
type adminNotices struct {
	// DisabledWebhooks counts endpoints the worker switched off after they
	// kept failing (an administrator's own switching off is not counted).
	DisabledWebhooks int
}

// autoDisabled tells an endpoint the worker switched off: an administrator
// switching one off clears failing_since, the worker keeps it.
func autoDisabled(e store.WebhookEndpoint) bool {
	return !e.Active && !e.DisabledAt.IsZero() && !e.FailingSince.IsZero()
}

// noticesFor gathers the notices for a; anyone but an administrator gets
// none. A failed look-up only loses the notice, never the page.
func (s *Server) noticesFor(r *http.Request, a desk.Actor) adminNotices {
	var n adminNotices
	if !a.Has(desk.RoleAdmin) {
		return n
	}
	list, err := s.store.WebhookEndpoints(r.Context())
	if err != nil {
		s.log.Error("admin notices: webhook endpoints", "err", err)
		return n
	}
	for _, e := range list {
		if autoDisabled(e) {
			n.DisabledWebhooks++
		}
	}
	return n
}
