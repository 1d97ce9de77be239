package web

import (
	"net/http"
	"net/url"
	"regexp"

	"mizban/internal/desk"
	"mizban/internal/fa"
	"mizban/internal/store"
)

// subscribeView is the subscription form of a service: a mobile number,
// kept as typed when it is refused.
type subscribeView struct {
	Service desk.Service
	Mobile  string
}

// subscribeCodeView is the one-time code page of a pending subscription,
// and its done state once confirmed.
type subscribeCodeView struct {
	Service desk.Service
	ID      string
	Masked  string // 0912***4567, empty when the link did not carry it
	Code    string // as typed, kept on error
	Resent  bool
	Done    bool
}

// maskedMobile is the only shape of the masked number the code page
// accepts from its URL, so the page cannot be made to print other text.
var maskedMobile = regexp.MustCompile(`^09[0-9]{2}\*{3}[0-9]{4}$`)

func (s *Server) subscribeForm(w http.ResponseWriter, r *http.Request) {
	svc, err := s.store.Service(r.Context(), r.PathValue("code"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "subscribe", "اشتراک تغییرات خدمت", subscribeView{Service: svc}, nil)
}

func (s *Server) subscribePost(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	svc, err := s.store.Service(ctx, r.PathValue("code"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	mobile := r.PostFormValue("mobile")
	start, err := s.flow.StartSubscription(ctx, svc.Code, mobile, s.client(r))
	if err != nil {
		if st := httpStatus(err); st == http.StatusInternalServerError || desk.ErrorCode(err) == desk.ENOTFOUND {
			s.fail(w, r, err)
			return
		}
		s.render(w, r, httpStatus(err), "subscribe", "اشتراک تغییرات خدمت", subscribeView{Service: svc, Mobile: mobile}, err)
		return
	}
	http.Redirect(w, r, subscribeCodeURL(start.ID, svc.Code, start.MaskedMobile, ""), http.StatusSeeOther)
}

// subscribeCodeURL is the code page of pending subscription id. The
// service and the masked number travel in the query: the pending
// subscription is opaque to the pages.
func subscribeCodeURL(id, service, masked, state string) string {
	q := url.Values{"s": {service}}
	if m := fa.ASCIIDigits(masked); maskedMobile.MatchString(m) {
		q.Set("m", m)
	}
	if state != "" {
		q.Set(state, "1")
	}
	return "/subscribe/" + url.PathEscape(id) + "?" + q.Encode()
}

// subscribeCodeView reads the code page's URL: the service must exist.
func (s *Server) subscribeCodeViewOf(r *http.Request) (subscribeCodeView, error) {
	q := r.URL.Query()
	svc, err := s.store.Service(r.Context(), q.Get("s"))
	if err != nil {
		return subscribeCodeView{}, err
	}
	v := subscribeCodeView{Service: svc, ID: r.PathValue("id")}
	if m := fa.ASCIIDigits(q.Get("m")); maskedMobile.MatchString(m) {
		v.Masked = m
	}
	return v, nil
}

func (s *Server) subscribeCodeForm(w http.ResponseWriter, r *http.Request) {
	v, err := s.subscribeCodeViewOf(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	q := r.URL.Query()
	v.Resent, v.Done = q.Get("resent") == "1", q.Get("done") == "1"
	noStore(w)
	title := "تأیید اشتراک"
	if v.Done {
		title = "اشتراک ثبت شد"
	}
	s.render(w, r, http.StatusOK, "subscribe_code", title, v, nil)
}

func (s *Server) subscribeCodePost(w http.ResponseWriter, r *http.Request) {
	v, err := s.subscribeCodeViewOf(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v.Code = r.PostFormValue("code")
	if _, err := s.flow.ConfirmSubscription(r.Context(), v.ID, v.Code, s.client(r)); err != nil {
		if desk.ErrorCode(err) == desk.ENOTFOUND || httpStatus(err) == http.StatusInternalServerError {
			s.fail(w, r, err)
			return
		}
		noStore(w)
		s.render(w, r, httpStatus(err), "subscribe_code", "تأیید اشتراک", v, err)
		return
	}
	http.Redirect(w, r, subscribeCodeURL(v.ID, v.Service.Code, v.Masked, "done"), http.StatusSeeOther)
}

func (s *Server) subscribeResend(w http.ResponseWriter, r *http.Request) {
	v, err := s.subscribeCodeViewOf(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.flow.ResendSubscriptionCode(r.Context(), v.ID, s.client(r)); err != nil {
		if desk.ErrorCode(err) == desk.ENOTFOUND || httpStatus(err) == http.StatusInternalServerError {
			s.fail(w, r, err)
			return
		}
		noStore(w)
		s.render(w, r, httpStatus(err), "subscribe_code", "تأیید اشتراک", v, err)
		return
	}
	http.Redirect(w, r, subscribeCodeURL(v.ID, v.Service.Code, v.Masked, "resent"), http.StatusSeeOther)
}

// unsubscribeView is the page of the link in every change SMS: GET shows
// the service and a button, only POST unsubscribes, so a link previewer
// fetching the page changes nothing.
type unsubscribeView struct {
	Token   string
	Title   string
	Service *desk.Service // the service, when its title finds it: a link to its changes
	Done    bool
	Unknown bool
}

// linkToken is the token of an unsubscribe link, with any Persian or
// Arabic digits a phone or a copy from the demo inbox put in it folded back.
func linkToken(r *http.Request) string { return fa.ASCIIDigits(r.PathValue("token")) }

func (s *Server) unsubscribeForm(w http.ResponseWriter, r *http.Request) {
	title, err := s.flow.SubscriptionByToken(r.Context(), linkToken(r))
	s.unsubscribePage(w, r, unsubscribeView{Token: linkToken(r), Title: title}, err)
}

func (s *Server) unsubscribePost(w http.ResponseWriter, r *http.Request) {
	title, err := s.flow.Unsubscribe(r.Context(), linkToken(r), s.client(r))
	s.unsubscribePage(w, r, unsubscribeView{Token: linkToken(r), Title: title, Done: err == nil}, err)
}

func (s *Server) unsubscribePage(w http.ResponseWriter, r *http.Request, v unsubscribeView, err error) {
	noStore(w)
	w.Header().Set("X-Robots-Tag", "noindex")
	status := http.StatusOK
	if err != nil {
		if desk.ErrorCode(err) != desk.ENOTFOUND {
			s.fail(w, r, err)
			return
		}
		v.Unknown, status = true, http.StatusNotFound
	} else {
		v.Service = s.serviceTitled(r, v.Title)
	}
	s.render(w, r, status, "unsubscribe", "لغو اشتراک", v, nil)
}

// serviceTitled finds the current card titled title (the unsubscribe link
// knows the subscription's service by title only), or nil.
func (s *Server) serviceTitled(r *http.Request, title string) *desk.Service {
	if title == "" {
		return nil
	}
	list, err := s.store.Services(r.Context(), store.ServiceFilter{Query: title})
	if err != nil {
		s.log.Error("unsubscribe: service", "err", err)
		return nil
	}
	for i := range list {
		if list[i].Title == title {
			return &list[i]
		}
	}
	return nil
}
