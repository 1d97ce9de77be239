package web

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"mizban/internal/audit"
	"mizban/internal/desk"
	"mizban/internal/sms"
	"mizban/internal/store"
)

// maxParkedShown bounds the parked-SMS page; the oldest beyond it wait
// until newer ones are dealt with.
const maxParkedShown = 200

// parkedRow is one parked message as an administrator sees it: never the
// full number or the text (which may hold a one-time code).
type parkedRow struct {
	ID        string
	To        string // masked: 0912***4567
	Kind      string
	Tracking  string // the request's tracking code, "" when none
	Attempts  int
	LastError string
	CreatedAt time.Time
	ParkedAt  time.Time
}

type smsParkedView struct {
	Rows     []parkedRow
	Resent   string // tracking code or masked number of the message just requeued
	Truncate bool   // more than maxParkedShown parked
}

func (s *Server) smsParked(w http.ResponseWriter, r *http.Request, a desk.Actor) {
	s.smsParkedPage(w, r, http.StatusOK, nil)
}

func (s *Server) smsParkedPage(w http.ResponseWriter, r *http.Request, status int, formErr error) {
	ctx := r.Context()
	list, err := s.store.ParkedSMS(ctx, maxParkedShown+1)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := smsParkedView{Resent: r.URL.Query().Get("resent")}
	if len(list) > maxParkedShown {
		list, v.Truncate = list[:maxParkedShown], true
	}
	codes := map[int64]string{}
	for _, m := range list {
		row := parkedRow{ID: m.ID, To: sms.Mask(m.To), Kind: m.Kind, Attempts: m.Attempts,
			LastError: shorten(m.LastError, 300), CreatedAt: m.CreatedAt, ParkedAt: m.StateAt}
		if m.RequestID != 0 {
			code, ok := codes[m.RequestID]
			if !ok {
				if req, err := s.store.Request(ctx, m.RequestID); err == nil {
					code = req.TrackingCode
				}
				codes[m.RequestID] = code
			}
			row.Tracking = code
		}
		v.Rows = append(v.Rows, row)
	}
	s.render(w, r, status, "sms_admin", "پیامک‌های ناموفق", v, formErr)
}

// smsResend puts one parked message back in the queue, audited in the
// same transaction, and wakes the dispatcher.
func (s *Server) smsResend(w http.ResponseWriter, r *http.Request, a desk.Actor) {
	id := r.PathValue("id")
	now := s.flow.Now().UTC()
	client := s.flow.ClientKey(clientAddr(r))
	var m store.OutSMS
	err := s.store.InTx(r.Context(), func(tx *store.Tx) error {
		var err error
		if m, err = tx.RequeueSMS(r.Context(), id, now); err != nil {
			return err
		}
		details := "kind=" + m.Kind
		if m.RequestID != 0 {
			details += " request=" + strconv.FormatInt(m.RequestID, 10)
		}
		return tx.AppendAudit(r.Context(), &audit.Record{At: now, Actor: a.Label(), Action: "sms.resend",
			Target: "sms:" + m.ID, Result: audit.OK, Client: client, Details: details})
	})
	if err != nil {
		switch desk.ErrorCode(err) {
		case desk.ECONFLICT, desk.ENOTFOUND:
			s.smsParkedPage(w, r, httpStatus(err), err)
		default:
			s.fail(w, r, err)
		}
		return
	}
	if s.flow.Wake != nil {
		s.flow.Wake()
	}
	resent := sms.Mask(m.To)
	if m.RequestID != 0 {
		if req, err := s.store.Request(r.Context(), m.RequestID); err == nil {
			resent = req.TrackingCode
		}
	}
	http.Redirect(w, r, "/staff/admin/sms?"+url.Values{"resent": {resent}}.Encode(), http.StatusSeeOther)
}

// shorten cuts s to n runes for a table cell.
func shorten(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
