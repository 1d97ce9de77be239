package web

import (
	"net/http"
	"net/url"

	"mizban/internal/desk"
	"mizban/internal/fa"
)

// subscribeView is the subscription form of a service: a mobile number,
// kept as typed when it is refused.
type subscribeView struct {
	Service desk.Service
	Mobile  string
}

// subscribeCodeView is the one-time code page of a pending subscription,
// and its done state once confirmed. Everything but Code and Resent comes
// from the stored subscription, never from the URL.
type subscribeCodeView struct {
	Service desk.Service
	ID      string
	Masked  string // 0912***4567
	Code    string // as typed, kept on error
	Resent  bool
	Done    bool // the citizen confirmed it with the code
}

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
	http.Redirect(w, r, subscribeCodeURL(start.ID, ""), http.StatusSeeOther)
}

// subscribeCodeURL is the code page of pending subscription id; state
// ("resent") only picks a notice, the page reads the rest from the store.
func subscribeCodeURL(id, state string) string {
	u := "/subscribe/" + url.PathEscape(id)
	if state != "" {
		u += "?" + state + "=1"
	}
	return u
}

// subscribeCodeViewOf loads the pending subscription the URL names.
func (s *Server) subscribeCodeViewOf(r *http.Request) (subscribeCodeView, error) {
	ctx, id := r.Context(), r.PathValue("id")
	code, _, masked, confirmed, err := s.flow.PendingSubscription(ctx, id)
	if err != nil {
		return subscribeCodeView{}, err
	}
	// The whole card, for its English title on English pages.
	svc, err := s.store.Service(ctx, code)
	if err != nil {
		return subscribeCodeView{}, err
	}
	return subscribeCodeView{Service: svc, ID: id, Masked: masked, Done: confirmed}, nil
}

func (s *Server) subscribeCodeForm(w http.ResponseWriter, r *http.Request) {
	v, err := s.subscribeCodeViewOf(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v.Resent = !v.Done && r.URL.Query().Get("resent") == "1"
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
	if !v.Done {
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
	}
	http.Redirect(w, r, subscribeCodeURL(v.ID, ""), http.StatusSeeOther)
}

func (s *Server) subscribeResend(w http.ResponseWriter, r *http.Request) {
	v, err := s.subscribeCodeViewOf(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if v.Done { // nothing to send: show that it is done
		http.Redirect(w, r, subscribeCodeURL(v.ID, ""), http.StatusSeeOther)
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
	http.Redirect(w, r, subscribeCodeURL(v.ID, "resent"), http.StatusSeeOther)
}

// unsubscribeView is the page of the link in every change SMS: GET shows
// the service and a button, only POST unsubscribes, so a link previewer
// fetching the page changes nothing.
type unsubscribeView struct {
	Token   string
	Title   string
	Service *desk.Service // the subscription's service: a link to its changes
	Done    bool
	Unknown bool
}

// linkToken is the token of an unsubscribe link, with any Persian or
// Arabic digits a phone or a copy from the demo inbox put in it folded back.
func linkToken(r *http.Request) string { return fa.ASCIIDigits(r.PathValue("token")) }

func (s *Server) unsubscribeForm(w http.ResponseWriter, r *http.Request) {
	code, title, err := s.flow.SubscriptionByToken(r.Context(), linkToken(r))
	s.unsubscribePage(w, r, unsubscribeView{Token: linkToken(r), Title: title}, code, err)
}

func (s *Server) unsubscribePost(w http.ResponseWriter, r *http.Request) {
	code, title, err := s.flow.Unsubscribe(r.Context(), linkToken(r), s.client(r))
	s.unsubscribePage(w, r, unsubscribeView{Token: linkToken(r), Title: title, Done: err == nil}, code, err)
}

// unsubscribePage shows v; code is the subscription's service, whose
// change history the page links.
func (s *Server) unsubscribePage(w http.ResponseWriter, r *http.Request, v unsubscribeView, code string, err error) {
	noStore(w)
	w.Header().Set("X-Robots-Tag", "noindex")
	status := http.StatusOK
	if err != nil {
		if desk.ErrorCode(err) != desk.ENOTFOUND {
			s.fail(w, r, err)
			return
		}
		v.Unknown, status = true, http.StatusNotFound
	} else if code != "" {
		v.Service = &desk.Service{Code: code, Title: v.Title}
	}
	s.render(w, r, status, "unsubscribe", "لغو اشتراک", v, nil)
}
