package api

import (
	"net/http"

	"mizban/internal/desk"
)

// TrackRequest is the body of POST /track. The tracking code travels in the
// body, never in a URL, so it stays out of logs and histories.
type TrackRequest struct {
	TrackingCode string `json:"tracking_code"`
	Mobile       string `json:"mobile"`
}

// Tracking is a request's stage as its applicant sees it.
type Tracking struct {
	TrackingCode string          `json:"tracking_code"`
	ServiceCode  string          `json:"service_code"`
	ServiceTitle string          `json:"service_title"`
	Status       string          `json:"status"`
	StatusTitle  string          `json:"status_title"`
	Unit         Unit            `json:"unit"`
	Holder       *Holder         `json:"holder"`
	Since        *string         `json:"since"`
	DueDate      *string         `json:"due_date"`
	DueDateISO   *string         `json:"due_date_iso"`
	SubmittedAt  string          `json:"submitted_at"`
	Events       []TrackingEvent `json:"events"`
}

// Holder is the person holding the file, by name and post.
type Holder struct {
	Name  string `json:"name"`
	Title string `json:"title"`
}

// TrackingEvent is one citizen-visible entry of the timeline.
type TrackingEvent struct {
	At          string `json:"at"`
	Type        string `json:"type"`
	Status      string `json:"status"`
	StatusTitle string `json:"status_title"`
	UnitName    string `json:"unit_name"`
	StaffName   string `json:"staff_name"`
	StaffTitle  string `json:"staff_title"`
	Note        string `json:"note"`
}

// trackFields renames the workflow's form keys to this body's names.
var trackFields = map[string]string{"code": "tracking_code"}

func (a *API) track(w http.ResponseWriter, r *http.Request) {
	var req TrackRequest
	if !readJSON(w, r, smallBody, &req) {
		return
	}
	t, err := a.flow.Lookup(r.Context(), req.TrackingCode, req.Mobile, a.clientKey(r))
	if err != nil {
		WriteError(w, r, a.log, err, trackFields)
		return
	}
	rq := t.Request
	due, dueISO := dueDates(rq.DueAt)
	out := Tracking{
		TrackingCode: rq.TrackingCode, ServiceCode: rq.ServiceCode, ServiceTitle: rq.ServiceTitle,
		Status: string(rq.Status), StatusTitle: desk.StatusTitle[rq.Status],
		Unit:    Unit{Code: rq.UnitCode, Name: t.Unit},
		DueDate: due, DueDateISO: dueISO, SubmittedAt: rfc3339(rq.SubmittedAt),
		Events: make([]TrackingEvent, 0, len(t.Events)),
	}
	if t.Holder.ID != 0 {
		out.Holder = &Holder{Name: t.Holder.Name, Title: t.Holder.Title}
	}
	if !t.Since.IsZero() {
		s := rfc3339(t.Since)
		out.Since = &s
	}
	for _, e := range t.Events {
		out.Events = append(out.Events, TrackingEvent{
			At: rfc3339(e.At), Type: e.Type, Status: string(e.Status), StatusTitle: desk.StatusTitle[e.Status],
			UnitName: e.UnitName, StaffName: e.StaffName, StaffTitle: e.StaffTitle, Note: e.Note,
		})
	}
	writeJSON(w, http.StatusOK, out)
}
