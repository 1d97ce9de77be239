package api

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"mizban/internal/desk"
	"mizban/internal/workflow"
)

// IntegrationCreateInput is the body of POST /integration/requests: a
// request a portal or counter office files for a citizen it identified.
// Its names are those of the public application body where they exist.
type IntegrationCreateInput struct {
	ApplicationRequest
	Channel     string `json:"channel"`
	Unit        string `json:"unit"`
	ExternalRef string `json:"external_ref"`
}

// IntegrationCreated is the answer of POST /integration/requests.
type IntegrationCreated struct {
	TrackingCode string  `json:"tracking_code"`
	Status       string  `json:"status"`
	StatusTitle  string  `json:"status_title"`
	ServiceCode  string  `json:"service_code"`
	UnitCode     string  `json:"unit_code"`
	DueDate      *string `json:"due_date"`
	DueDateISO   *string `json:"due_date_iso"`
	Link         string  `json:"link"`
	ExternalRef  string  `json:"external_ref"`
}

// integrationChannels maps the body's channel names to the desk's; a
// portal is the desk's electronic services channel.
var integrationChannels = map[string]desk.Channel{
	"portal":    desk.ChannelAPI,
	"in_person": desk.ChannelInPerson,
	"letter":    desk.ChannelLetter,
	"phone":     desk.ChannelPhone,
}

type createKeyType struct{}

// createKey is the Idempotency-Key of a create call, if one was sent.
type createKey struct{ value string }

// ownIdempotency takes the Idempotency-Key off a create call before the
// integration middleware sees it: that middleware keeps only bodies of
// 64 KiB, too small for documents, and the workflow makes the key durable
// itself (a draft id derived from client and key), so a repeat finds the
// request even when the first answer was never stored.
func ownIdempotency(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if v, ok := r.Header["Idempotency-Key"]; ok {
			key := ""
			if len(v) > 0 {
				key = v[0]
			}
			r = r.Clone(context.WithValue(r.Context(), createKeyType{}, createKey{key}))
			r.Header.Del("Idempotency-Key")
		}
		h(w, r)
	}
}

func (a *API) createIntegrationRequest(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	c := apiClient(ctx)
	key, hasKey := ctx.Value(createKeyType{}).(createKey)
	if hasKey {
		if msg := checkIdempotencyKey(key.value); msg != "" {
			writeProblem(w, http.StatusUnprocessableEntity, codeInvalid, msg, map[string]string{"idempotency_key": msg})
			return
		}
	}
	var body IntegrationCreateInput
	if !readJSON(w, r, a.applicationLimit(), &body) {
		return
	}
	in, errs := a.integrationInput(r, body)
	if err := errs.Err(); err != nil {
		WriteError(w, r, a.log, err, nil)
		return
	}
	if hasKey {
		in.Key = key.value
		// One call per key at a time in this process; across processes the
		// request's unique idempotency key is the guard.
		defer a.lockKey("create:" + strconv.FormatInt(c.ID, 10) + ":" + key.value)()
	}
	res, err := a.flow.CreateForClient(ctx, c, in)
	if errors.Is(err, workflow.ErrIdempotencyReused) {
		writeProblem(w, http.StatusConflict, codeIdempotencyMismatch, desk.ErrorMessage(err), nil)
		return
	}
	if err != nil {
		WriteError(w, r, a.log, err, nil)
		return
	}
	if res.Replayed {
		w.Header().Set("Idempotent-Replayed", "true")
	}
	rq := res.Request
	due, dueISO := dueDates(rq.DueAt)
	writeJSON(w, http.StatusCreated, IntegrationCreated{
		TrackingCode: rq.TrackingCode, Status: string(rq.Status), StatusTitle: desk.StatusTitle[rq.Status],
		ServiceCode: rq.ServiceCode, UnitCode: rq.UnitCode, DueDate: due, DueDateISO: dueISO,
		Link: a.withScheme(res.Link), ExternalRef: res.ExternalRef,
	})
}

// withScheme puts the desk's scheme back on a short link, which SMS carry
// without one; a program wants a URL it can open as is.
func (a *API) withScheme(link string) string {
	if scheme, _, ok := strings.Cut(a.baseURL, "://"); ok {
		return scheme + "://" + link
	}
	return link
}

// integrationInput turns the body into the workflow's input, reporting
// what the workflow cannot see (missing service code, unknown channel).
func (a *API) integrationInput(r *http.Request, body IntegrationCreateInput) (workflow.IntegrationInput, *desk.FieldErrors) {
	code, app, errs := body.application()
	in := workflow.IntegrationInput{ServiceCode: code, App: app, UnitCode: body.Unit,
		ExternalRef: body.ExternalRef, Client: a.clientKey(r)}
	if ch := strings.TrimSpace(body.Channel); ch != "" {
		dc, ok := integrationChannels[ch]
		if !ok {
			errs.Add("channel", "راه رسیدن درخواست (channel) باید یکی از portal، in_person، letter یا phone باشد.")
		}
		in.Channel = dc
	}
	// Keys and contents are checked by the workflow, which names each by
	// its place in the body (documents[i]).
	for _, d := range body.Documents {
		in.Uploads = append(in.Uploads, workflow.Upload{Key: d.Key, Name: d.Name, Data: d.Content.data})
	}
	return in, errs
}
