package workflow

import (
	"context"
	"encoding/json"
	"time"

	"mizban/internal/desk"
	"mizban/internal/jalali"
	"mizban/internal/letters"
	"mizban/internal/store"
	"mizban/internal/webhook"
)

// requestData is the data object of every request.* event: thin, so a
// receiver fetches details through the Integration API (and personal data
// never travels in a webhook). The tracking code is what the API's paths
// take; alone it opens nothing for anyone (the citizen's pages also ask
// for the mobile, and the API for a token).
type requestData struct {
	RequestID      int64  `json:"request_id"`
	TrackingCode   string `json:"tracking_code"`
	EventID        int64  `json:"event_id"`
	Service        string `json:"service"`
	Status         string `json:"status"`
	PreviousStatus string `json:"previous_status,omitempty"` // request.status_changed only
	Unit           string `json:"unit,omitempty"`
}

// letterData is the data object of letter.registered: the request and
// timeline event as for request.* events, then the letter's own record.
// Like those it carries no personal data.
type letterData struct {
	RequestID    int64     `json:"request_id"`
	TrackingCode string    `json:"tracking_code"`
	EventID      int64     `json:"event_id"`
	LetterID     int64     `json:"letter_id"`
	Direction    string    `json:"direction"` // incoming, outgoing
	Secretariat  string    `json:"secretariat"`
	Number       string    `json:"number"`
	Date         string    `json:"date"` // Jalali yyyy/mm/dd of registered_at in Tehran
	RegisteredAt time.Time `json:"registered_at"`
	InReplyTo    int64     `json:"in_reply_to,omitempty"` // the incoming letter an outgoing one answers
	ShamsID      string    `json:"shams_id,omitempty"`
}

// webhookLetter queues letter.registered for letter l of request r, raised
// by timeline event ev, in the registration's own transaction.
func (f *Flow) webhookLetter(ctx context.Context, tx *store.Tx, r desk.Request, ev desk.Event, l letters.Letter) error {
	data, err := json.Marshal(letterData{RequestID: r.ID, TrackingCode: r.TrackingCode, EventID: ev.ID, LetterID: l.ID,
		Direction: string(l.Direction), Secretariat: l.Secretariat, Number: l.Number,
		Date: jalali.FromTime(l.RegisteredAt).String(), RegisteredAt: l.RegisteredAt.UTC(),
		InReplyTo: l.InReplyTo, ShamsID: l.ShamsID})
	if err != nil {
		return err
	}
	e := webhook.Event{ID: webhook.NewID(), Type: webhook.LetterRegistered, Timestamp: ev.At, Data: data}
	body, err := json.Marshal(e)
	if err != nil {
		return err
	}
	_, err = tx.EnqueueWebhook(ctx, e.ID, e.Type, r.ID, body, ev.At)
	return err
}

// actionEvents maps a staff action to the webhook event it raises (besides
// request.status_changed when the status moves).
var actionEvents = map[desk.Action]string{
	desk.ActRefer:       webhook.RequestReferred,
	desk.ActRequestDocs: webhook.RequestDocumentsRequested,
	desk.ActAnswer:      webhook.RequestAnswered,
	desk.ActReject:      webhook.RequestAnswered,
	desk.ActClose:       webhook.RequestClosed,
}

// webhookRequest queues event typ about r (after timeline event ev) for
// every subscribed endpoint, in the transaction of the change itself: a
// rolled-back change sends nothing, a committed one is never lost.
func (f *Flow) webhookRequest(ctx context.Context, tx *store.Tx, typ string, r desk.Request, ev desk.Event, previous desk.Status) error {
	data, err := json.Marshal(requestData{RequestID: r.ID, TrackingCode: r.TrackingCode, EventID: ev.ID, Service: r.ServiceCode,
		Status: string(r.Status), PreviousStatus: string(previous), Unit: r.UnitCode})
	if err != nil {
		return err
	}
	e := webhook.Event{ID: webhook.NewID(), Type: typ, Timestamp: ev.At, Data: data}
	body, err := json.Marshal(e)
	if err != nil {
		return err
	}
	_, err = tx.EnqueueWebhook(ctx, e.ID, typ, r.ID, body, ev.At)
	return err
}

// webhookAction queues the events of staff action act, which moved r from
// status from: the action's own event first, then the status change.
func (f *Flow) webhookAction(ctx context.Context, tx *store.Tx, act desk.Action, from desk.Status, r desk.Request, ev desk.Event) error {
	if typ, ok := actionEvents[act]; ok {
		if err := f.webhookRequest(ctx, tx, typ, r, ev, ""); err != nil {
			return err
		}
	}
	if from == r.Status {
		return nil
	}
	return f.webhookRequest(ctx, tx, webhook.RequestStatusChanged, r, ev, from)
}
