package web

import (
	"net/http"
	"net/url"
	"strings"

	"mizban/internal/desk"
	"mizban/internal/files"
	"mizban/internal/store"
	"mizban/internal/workflow"
)

// counterHomeView is the service picker of the counter desk.
type counterHomeView struct {
	Query    string
	Services []desk.Service
	Actor    desk.Actor
}

// counterHome lists every service, online or not: the counter serves all.
// ?q= narrows the list without JavaScript; ?code= jumps to the form.
func (s *Server) counterHome(w http.ResponseWriter, r *http.Request, a desk.Actor) {
	if code := strings.TrimSpace(r.URL.Query().Get("code")); code != "" {
		http.Redirect(w, r, "/staff/counter/"+url.PathEscape(code), http.StatusSeeOther)
		return
	}
	v := counterHomeView{Query: r.URL.Query().Get("q"), Actor: a}
	list, err := s.store.Services(r.Context(), store.ServiceFilter{Query: v.Query})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v.Services = list
	s.render(w, r, http.StatusOK, "counter", "میز خدمت حضوری", v, nil)
}

// counterView is the counter form: the citizen's form plus the channel,
// "no mobile" for letters and "original seen" beside each document.
type counterView struct {
	applyView
	Channel   desk.Channel
	Channels  []desk.Channel
	NoMobile  bool
	Originals []string
	Accept    map[string]string // slot key → accept attribute of its file input
	Units     []desk.Membership
	Unit      string
}

func (s *Server) newCounterView(svc desk.Service, a desk.Actor, dr workflow.CounterDraft) counterView {
	svc = workflow.CounterService(svc)
	v := counterView{
		applyView: s.newApplyView(svc, dr.ID, dr.App, dr.Documents),
		Channel:   dr.Channel, Channels: workflow.CounterChannels, NoMobile: dr.NoMobile,
		Originals: dr.Originals, Accept: map[string]string{}, Units: a.Units, Unit: dr.UnitCode,
	}
	if v.Channel == "" {
		v.Channel = desk.ChannelInPerson
	}
	for _, slot := range v.Slots {
		v.Accept[slot.Key] = acceptAttr(slot.Formats)
	}
	return v
}

// acceptAttr lists the extensions and content types a file input offers,
// so a scanner's TIFF shows up only where the service card takes TIFF.
func acceptAttr(formats []string) string {
	if len(formats) == 0 {
		formats = files.DefaultFormats
	}
	ext := map[string][]string{
		"pdf": {".pdf", files.PDF}, "jpeg": {".jpg", ".jpeg", files.JPEG}, "jpg": {".jpg", ".jpeg", files.JPEG},
		"png": {".png", files.PNG}, "webp": {".webp", files.WebP}, "tiff": {".tif", ".tiff", files.TIFF},
		"tif": {".tif", ".tiff", files.TIFF},
	}
	var out []string
	seen := map[string]bool{}
	for _, f := range formats {
		for _, e := range ext[strings.ToLower(strings.TrimSpace(f))] {
			if !seen[e] {
				seen[e] = true
				out = append(out, e)
			}
		}
	}
	return strings.Join(out, ",")
}

func (s *Server) counterForm(w http.ResponseWriter, r *http.Request, a desk.Actor) {
	ctx := r.Context()
	svc, err := s.store.Service(ctx, r.PathValue("code"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	// ?draft= comes back from "change" on the confirm step.
	if id := r.URL.Query().Get("draft"); id != "" {
		if dr, err := s.flow.CounterDraft(ctx, a, id); err == nil && dr.RequestID == 0 && dr.Service.Code == svc.Code {
			s.render(w, r, http.StatusOK, "counter_form", svc.Title, s.newCounterView(dr.Service, a, dr), nil)
			return
		}
	}
	s.render(w, r, http.StatusOK, "counter_form", svc.Title, s.newCounterView(svc, a, workflow.CounterDraft{}), nil)
}

func (s *Server) counterPost(w http.ResponseWriter, r *http.Request, a desk.Actor) {
	ctx := r.Context()
	svc, err := s.store.Service(ctx, r.PathValue("code"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	post, ok := s.readApplication(w, r, svc, workflow.CounterSlots(svc, workflow.Application{ForOther: true}))
	if !ok {
		return
	}
	in := workflow.CounterInput{
		DraftID:     r.PostFormValue("draft"),
		ServiceCode: svc.Code,
		Channel:     desk.Channel(r.PostFormValue("channel")),
		App:         post.App,
		Uploads:     post.Uploads,
		Remove:      post.Remove,
		Originals:   r.PostForm["original"],
		NoMobile:    r.PostFormValue("no_mobile") == "1",
		UnitCode:    r.PostFormValue("unit"),
		Client:      s.flow.ClientKey(clientAddr(r)),
	}
	res, err := s.flow.RegisterAtCounter(ctx, a, in)
	switch {
	case err == nil && res.Request.ID != 0:
		http.Redirect(w, r, s.counterReceiptURL(res.Request.TrackingCode), http.StatusSeeOther)
		return
	case err == nil, desk.ErrorCode(err) == desk.ERATELIMIT && res.DraftID != "" && desk.ErrorFields(err) == nil:
		// Valid: on to the code the citizen reads out. A resend wait is
		// shown there, where the code already sent applies.
		http.Redirect(w, r, "/staff/counter/draft/"+res.DraftID, http.StatusSeeOther)
		return
	case res.DraftID == "" || desk.ErrorFields(err) == nil:
		s.fail(w, r, err)
		return
	}
	// Show the form again with everything typed, chosen and scanned.
	dr := workflow.CounterDraft{Draft: workflow.Draft{ID: res.DraftID, App: in.App},
		Channel: in.Channel, NoMobile: in.NoMobile, Originals: in.Originals, UnitCode: in.UnitCode}
	if saved, derr := s.flow.CounterDraft(ctx, a, res.DraftID); derr == nil {
		dr.Documents = saved.Documents
	}
	s.render(w, r, httpStatus(err), "counter_form", svc.Title, s.newCounterView(svc, a, dr), err)
}

// counterReceiptURL is the receipt in A5, the counter's paper size.
func (s *Server) counterReceiptURL(code string) string {
	return "/staff/counter" + s.receiptURL(code) + "&size=a5&from=counter"
}

// counterConfirmView is the code step: what will be registered, and the
// box for the code the citizen reads out.
type counterConfirmView struct {
	Draft    workflow.CounterDraft
	SlotName map[string]string
	Code     string
	Resent   bool
}

func (s *Server) counterConfirmPage(w http.ResponseWriter, r *http.Request, status int, dr workflow.CounterDraft, code string, resent bool, err error) {
	v := counterConfirmView{Draft: dr, Code: code, Resent: resent, SlotName: map[string]string{}}
	for _, slot := range workflow.CounterSlots(dr.Service, dr.App) {
		v.SlotName[slot.Key] = slot.Name
	}
	s.render(w, r, status, "counter_confirm", "تأیید با کد پیامکی", v, err)
}

func (s *Server) counterConfirmForm(w http.ResponseWriter, r *http.Request, a desk.Actor) {
	dr, err := s.flow.CounterDraft(r.Context(), a, r.PathValue("draft"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if dr.RequestID != 0 {
		s.counterRedirectReceipt(w, r, dr.RequestID)
		return
	}
	s.counterConfirmPage(w, r, http.StatusOK, dr, "", r.URL.Query().Get("resent") == "1", nil)
}

func (s *Server) counterConfirmPost(w http.ResponseWriter, r *http.Request, a desk.Actor) {
	ctx := r.Context()
	id, code := r.PathValue("draft"), r.PostFormValue("code")
	req, err := s.flow.ConfirmAtCounter(ctx, a, id, code, s.flow.ClientKey(clientAddr(r)))
	if err != nil {
		dr, derr := s.flow.CounterDraft(ctx, a, id)
		if derr != nil {
			s.fail(w, r, err)
			return
		}
		s.counterConfirmPage(w, r, httpStatus(err), dr, code, false, err)
		return
	}
	http.Redirect(w, r, s.counterReceiptURL(req.TrackingCode), http.StatusSeeOther)
}

func (s *Server) counterResend(w http.ResponseWriter, r *http.Request, a desk.Actor) {
	ctx := r.Context()
	id := r.PathValue("draft")
	err := s.flow.ResendCounterCode(ctx, a, id)
	if err == nil {
		http.Redirect(w, r, "/staff/counter/draft/"+id+"?resent=1", http.StatusSeeOther)
		return
	}
	dr, derr := s.flow.CounterDraft(ctx, a, id)
	if derr != nil {
		s.fail(w, r, err)
		return
	}
	if dr.RequestID != 0 {
		s.counterRedirectReceipt(w, r, dr.RequestID)
		return
	}
	s.counterConfirmPage(w, r, httpStatus(err), dr, "", false, err)
}

func (s *Server) counterRedirectReceipt(w http.ResponseWriter, r *http.Request, requestID int64) {
	req, err := s.store.Request(r.Context(), requestID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, s.counterReceiptURL(req.TrackingCode), http.StatusSeeOther)
}
