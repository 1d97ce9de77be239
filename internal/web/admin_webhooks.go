package web

import (
	"net/http"
	"strconv"

	"mizban/internal/desk"
	"mizban/internal/store"
	"mizban/internal/webhook"
	"mizban/internal/workflow"
)

// webhookEventLabels names the event types on the pages.
var webhookEventLabels = map[string]string{
	webhook.RequestCreated:            "ثبت درخواست",
	webhook.RequestStatusChanged:      "تغییر وضعیت درخواست",
	webhook.RequestReferred:           "ارجاع درخواست",
	webhook.RequestDocumentsRequested: "درخواست مدارک بیشتر",
	webhook.RequestAnswered:           "پاسخ یا رد درخواست",
	webhook.RequestClosed:             "مختومه شدن درخواست",
	webhook.LetterRegistered:          "ثبت نامه در دبیرخانه",
}

var webhookStatusLabels = map[string]string{
	store.WebhookPending:   "در صف",
	store.WebhookDelivered: "رسید",
	store.WebhookFailed:    "ناموفق؛ دیگر فرستاده نمی‌شود",
}

// maxDeliveriesShown bounds the delivery log page.
const maxDeliveriesShown = 100

type webhookEventOption struct {
	Type, Label string
	Checked     bool
}

type webhookRow struct {
	store.WebhookEndpoint
	Labels []string
}

type webhooksView struct {
	Rows   []webhookRow
	Events []webhookEventOption
	// The add form as typed.
	URL          string
	AllowPrivate bool
	// A secret just made, shown this once, and the endpoint it belongs to.
	Secret    string
	SecretFor string
	Rotated   bool
	Done      string
}

func (s *Server) webhooksPage(w http.ResponseWriter, r *http.Request, status int, v webhooksView, formErr error) {
	list, err := s.store.WebhookEndpoints(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for _, e := range list {
		row := webhookRow{WebhookEndpoint: e}
		row.Secrets = nil // the page never needs them
		for _, t := range e.Events {
			row.Labels = append(row.Labels, webhookEventLabels[t])
		}
		v.Rows = append(v.Rows, row)
	}
	checked := map[string]bool{}
	for _, o := range v.Events {
		checked[o.Type] = o.Checked
	}
	v.Events = nil
	for _, t := range webhook.EventTypes {
		v.Events = append(v.Events, webhookEventOption{Type: t, Label: webhookEventLabels[t], Checked: checked[t]})
	}
	s.render(w, r, status, "admin_webhooks", "وب‌هوک‌ها", v, formErr)
}

var webhooksDone = map[string]bool{"enabled": true, "disabled": true}

func (s *Server) webhooksList(w http.ResponseWriter, r *http.Request, a desk.Actor) {
	v := webhooksView{}
	if d := r.URL.Query().Get("done"); webhooksDone[d] {
		v.Done = d
	}
	s.webhooksPage(w, r, http.StatusOK, v, nil)
}

// webhookAdd saves an endpoint and answers with the page itself, not a
// redirect, so the new secret is shown once and never lands in a URL.
func (s *Server) webhookAdd(w http.ResponseWriter, r *http.Request, a desk.Actor) {
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, err)
		return
	}
	in := workflow.WebhookInput{URL: r.PostForm.Get("url"), Events: r.PostForm["events"],
		AllowPrivate: r.PostForm.Get("allow_private") == "on", Client: s.flow.ClientKey(clientAddr(r))}
	e, secret, err := s.flow.AddWebhook(r.Context(), a, in)
	if err != nil {
		if desk.ErrorCode(err) != desk.EINVALID {
			s.fail(w, r, err)
			return
		}
		v := webhooksView{URL: in.URL, AllowPrivate: in.AllowPrivate}
		for _, t := range in.Events {
			v.Events = append(v.Events, webhookEventOption{Type: t, Checked: true})
		}
		s.webhooksPage(w, r, httpStatus(err), v, err)
		return
	}
	s.webhooksPage(w, r, http.StatusOK, webhooksView{Secret: secret, SecretFor: e.URL}, nil)
}

func (s *Server) webhookID(r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	return id, err == nil && id > 0
}

func (s *Server) webhookRotate(w http.ResponseWriter, r *http.Request, a desk.Actor) {
	id, ok := s.webhookID(r)
	if !ok {
		http.NotFound(w, r)
		return
	}
	secret, err := s.flow.RotateWebhookSecret(r.Context(), a, id, s.flow.ClientKey(clientAddr(r)))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	e, err := s.store.WebhookEndpoint(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.webhooksPage(w, r, http.StatusOK, webhooksView{Secret: secret, SecretFor: e.URL, Rotated: true}, nil)
}

func (s *Server) webhookEnable(w http.ResponseWriter, r *http.Request, a desk.Actor) {
	s.webhookSetActive(w, r, a, true)
}

func (s *Server) webhookDisable(w http.ResponseWriter, r *http.Request, a desk.Actor) {
	s.webhookSetActive(w, r, a, false)
}

func (s *Server) webhookSetActive(w http.ResponseWriter, r *http.Request, a desk.Actor, active bool) {
	id, ok := s.webhookID(r)
	if !ok {
		http.NotFound(w, r)
		return
	}
	if err := s.flow.SetWebhookActive(r.Context(), a, id, active, s.flow.ClientKey(clientAddr(r))); err != nil {
		s.fail(w, r, err)
		return
	}
	done := "disabled"
	if active {
		done = "enabled"
	}
	http.Redirect(w, r, "/staff/admin/webhooks?done="+done, http.StatusSeeOther)
}

type deliveryRow struct {
	store.WebhookDelivery
	Label, StatusLabel string
	Attempts           []store.WebhookAttempt
}

type webhookLogView struct {
	Endpoint    webhookRow
	Rows        []deliveryRow
	Redelivered bool
	Truncate    bool
}

func (s *Server) webhookLog(w http.ResponseWriter, r *http.Request, a desk.Actor) {
	id, ok := s.webhookID(r)
	if !ok {
		http.NotFound(w, r)
		return
	}
	s.webhookLogPage(w, r, id, http.StatusOK, r.URL.Query().Get("done") == "redelivered", nil)
}

func (s *Server) webhookLogPage(w http.ResponseWriter, r *http.Request, id int64, status int, redelivered bool, formErr error) {
	ctx := r.Context()
	e, err := s.store.WebhookEndpoint(ctx, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	e.Secrets = nil
	v := webhookLogView{Endpoint: webhookRow{WebhookEndpoint: e}, Redelivered: redelivered}
	ds, err := s.store.WebhookDeliveries(ctx, id, maxDeliveriesShown+1)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if len(ds) > maxDeliveriesShown {
		ds, v.Truncate = ds[:maxDeliveriesShown], true
	}
	for _, d := range ds {
		row := deliveryRow{WebhookDelivery: d, Label: webhookEventLabels[d.EventType], StatusLabel: webhookStatusLabels[d.Status]}
		if row.Attempts, err = s.store.WebhookAttempts(ctx, d.Seq); err != nil {
			s.fail(w, r, err)
			return
		}
		v.Rows = append(v.Rows, row)
	}
	s.render(w, r, status, "admin_webhook_log", "گزارش ارسال وب‌هوک", v, formErr)
}

func (s *Server) webhookRedeliver(w http.ResponseWriter, r *http.Request, a desk.Actor) {
	seq, err := strconv.ParseInt(r.PathValue("seq"), 10, 64)
	if err != nil || seq <= 0 {
		http.NotFound(w, r)
		return
	}
	d, err := s.flow.RedeliverWebhook(r.Context(), a, seq, s.flow.ClientKey(clientAddr(r)))
	if err != nil {
		if desk.ErrorCode(err) == desk.ECONFLICT && d.EndpointID != 0 {
			s.webhookLogPage(w, r, d.EndpointID, httpStatus(err), false, err)
			return
		}
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/staff/admin/webhooks/"+strconv.FormatInt(d.EndpointID, 10)+"?done=redelivered", http.StatusSeeOther)
}
