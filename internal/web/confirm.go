package web

import (
	"net/http"

	"mizban/internal/desk"
	"mizban/internal/workflow"
)

// confirmView is "check your answers" with the one-time code box.
type confirmView struct {
	Draft    workflow.Draft
	Units    map[string]string
	Code     string // as typed, kept on error
	Resent   bool
	SlotName map[string]string
}

func (s *Server) confirmPage(w http.ResponseWriter, r *http.Request, status int, dr workflow.Draft, code string, resent bool, err error) {
	v := confirmView{Draft: dr, Units: s.unitNames(r), Code: code, Resent: resent, SlotName: map[string]string{}}
	for _, slot := range workflow.UploadSlots(dr.Service, dr.App) {
		v.SlotName[slot.Key] = slot.Name
	}
	s.render(w, r, status, "confirm", "بررسی و تأیید درخواست", v, err)
}

func (s *Server) confirmForm(w http.ResponseWriter, r *http.Request) {
	dr, err := s.flow.LoadDraft(r.Context(), r.PathValue("draft"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if dr.RequestID != 0 {
		s.redirectReceipt(w, r, dr.RequestID)
		return
	}
	s.confirmPage(w, r, http.StatusOK, dr, "", r.URL.Query().Get("resent") == "1", nil)
}

func (s *Server) confirmPost(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id := r.PathValue("draft")
	code := r.PostFormValue("code")
	req, err := s.flow.Confirm(ctx, id, code)
	if err != nil {
		dr, derr := s.flow.LoadDraft(ctx, id)
		if derr != nil {
			s.fail(w, r, err)
			return
		}
		s.confirmPage(w, r, httpStatus(err), dr, code, false, err)
		return
	}
	http.Redirect(w, r, s.receiptURL(req.TrackingCode), http.StatusSeeOther)
}

func (s *Server) confirmResend(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id := r.PathValue("draft")
	err := s.flow.ResendApplyCode(ctx, id, s.flow.ClientKey(clientAddr(r)))
	if err == nil {
		http.Redirect(w, r, "/apply/"+id+"?resent=1", http.StatusSeeOther)
		return
	}
	dr, derr := s.flow.LoadDraft(ctx, id)
	if derr != nil {
		s.fail(w, r, err)
		return
	}
	if dr.RequestID != 0 {
		s.redirectReceipt(w, r, dr.RequestID)
		return
	}
	s.confirmPage(w, r, httpStatus(err), dr, "", false, err)
}

func (s *Server) redirectReceipt(w http.ResponseWriter, r *http.Request, requestID int64) {
	req, err := s.store.Request(r.Context(), requestID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, s.receiptURL(req.TrackingCode), http.StatusSeeOther)
}

func (s *Server) receiptURL(code string) string {
	return "/receipt/" + code + "?k=" + s.flow.ReceiptToken(code)
}

// receiptView is the printable receipt.
type receiptView struct {
	Request  desk.Request
	Service  desk.Service
	Units    map[string]string
	TrackURL string
	Token    string
	A5       bool
	Notified bool // a mobile got the tracking code by SMS
	Counter  bool // printed at the counter desk: print hint and "new registration"
}

func (s *Server) receipt(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	req, err := s.flow.ReceiptRequest(ctx, r.PathValue("code"), r.URL.Query().Get("k"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	svc, err := s.store.ServiceVersion(ctx, req.ServiceCode, req.ServiceVersion)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := receiptView{Request: req, Service: svc, Units: s.unitNames(r),
		TrackURL: s.opt.BaseURL + "/track?code=" + req.TrackingCode, Token: r.URL.Query().Get("k"), A5: r.URL.Query().Get("size") == "a5"}
	v.Notified = req.Applicant.Mobile != "" || req.Representative != nil && req.Representative.Mobile != ""
	if a, ok := s.staffActor(r); ok && a.HasAny(counterRoles...) {
		v.Counter = r.URL.Query().Get("from") == "counter"
	}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, http.StatusOK, "receipt", "رسید درخواست", v, nil)
}
