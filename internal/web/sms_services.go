package web

import (
	"net/http"
	"net/url"
	"slices"

	"mizban/internal/desk"
	"mizban/internal/notice"
	"mizban/internal/store"
	"mizban/internal/workflow"
)

// smsServiceRow is one service in the list, with how many notices it has
// switched off.
type smsServiceRow struct {
	Service  desk.Service
	Off      int
	Selected bool
}

// smsKindSwitch is one notice kind for the selected service.
type smsKindSwitch struct {
	Kind          string // the slug: the page shows it through t
	Essential     bool   // always sent: shown ticked and disabled
	On            bool   // sent for this service
	OffEverywhere bool   // switched off for every service on the template page
}

// smsServicesView is the page of per-service notices.
type smsServicesView struct {
	Admin    bool // the breadcrumbs link the admin area only for those it opens to
	Services []smsServiceRow
	Code     string       // the selected service, "" when none
	Service  desk.Service // its card
	Kinds    []smsKindSwitch
	Done     bool
}

// smsServicesView lists every service and, for the one selected (code
// may be ""), a switch per notice kind. The switches show what is stored,
// so a kind switched off everywhere keeps its per-service choice.
func (s *Server) smsServicesView(r *http.Request, a desk.Actor, code string) (smsServicesView, error) {
	ctx := r.Context()
	v := smsServicesView{Admin: a.Has(desk.RoleAdmin)}
	if code != "" {
		svc, err := s.store.Service(ctx, code)
		if err != nil {
			return v, err
		}
		v.Code, v.Service = svc.Code, svc
	}
	services, err := s.store.Services(ctx, store.ServiceFilter{})
	if err != nil {
		return v, err
	}
	optouts, err := s.store.SMSOptOuts(ctx)
	if err != nil {
		return v, err
	}
	for _, svc := range services {
		row := smsServiceRow{Service: svc, Selected: svc.Code == v.Code}
		for _, k := range optouts[svc.Code] {
			if k.Valid() && !k.Essential() {
				row.Off++
			}
		}
		v.Services = append(v.Services, row)
	}
	if v.Code == "" {
		return v, nil
	}
	for _, k := range notice.Kinds() {
		sw := smsKindSwitch{Kind: string(k), Essential: k.Essential(), On: true}
		if !sw.Essential {
			sw.On = !slices.Contains(optouts[v.Code], k)
			sw.OffEverywhere = !s.flow.Notices.Template(k).Enabled
		}
		v.Kinds = append(v.Kinds, sw)
	}
	return v, nil
}

func (s *Server) smsServices(w http.ResponseWriter, r *http.Request, a desk.Actor) {
	v, err := s.smsServicesView(r, a, r.URL.Query().Get("service"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v.Done = v.Code != "" && r.URL.Query().Get("done") != ""
	s.render(w, r, http.StatusOK, "sms_services", "پیامک‌های هر خدمت", v, nil)
}

// smsServiceSave stores one service's switches: every non-essential kind
// left unticked is switched off for it.
func (s *Server) smsServiceSave(w http.ResponseWriter, r *http.Request, a desk.Actor) {
	code := r.PathValue("code")
	if err := r.ParseForm(); err != nil || r.PostForm.Get("switches") == "" {
		// Only the page's form carries the marker: a bare POST must not
		// switch every notice off.
		s.renderError(w, r, http.StatusBadRequest, "")
		return
	}
	on := r.PostForm["on"]
	in := workflow.ServiceSMSInput{Service: code, Client: s.flow.ClientKey(clientAddr(r))}
	for _, k := range notice.Kinds() {
		if !k.Essential() && !slices.Contains(on, string(k)) {
			in.Off = append(in.Off, k)
		}
	}
	// The form never offers an essential kind, so any refusal is a
	// crafted request or a vanished service: an error page, not the form.
	if err := s.flow.SaveServiceSMS(r.Context(), a, in); err != nil {
		s.fail(w, r, err)
		return
	}
	q := url.Values{"service": {code}, "done": {"1"}}
	http.Redirect(w, r, "/staff/admin/sms/services?"+q.Encode()+"#switches", http.StatusSeeOther)
}
