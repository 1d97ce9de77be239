package web

import (
	"net/http"

	"mizban/internal/store"
)

// demoSMS is the demo inbox: every SMS the desk sent, newest first, so a
// person trying the demo can read their codes. It exists only in demo mode.
func (s *Server) demoSMS(w http.ResponseWriter, r *http.Request) {
	msgs, err := s.store.RecentSMS(r.Context(), 100)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, http.StatusOK, "sms", "صندوق پیامک نمایشی", struct{ Messages []store.OutSMS }{msgs}, nil)
}
