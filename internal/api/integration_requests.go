package api

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"mizban/internal/desk"
	"mizban/internal/fa"
	"mizban/internal/store"
	"mizban/internal/workflow"
)

// Paging of the changes feed.
const (
	defaultChanges = 100
	maxChanges     = 500
)

// Changes is the answer of GET /integration/requests: events after the
// cursor, oldest first, and the cursor to ask with next.
type Changes struct {
	Changes []Change `json:"changes"`
	Next    string   `json:"next"`
	More    bool     `json:"more"`
}

// Change is one timeline event of a request the client may see.
type Change struct {
	Cursor       string `json:"cursor"`
	TrackingCode string `json:"tracking_code"`
	Event        string `json:"event"`
	Status       string `json:"status"`
	StatusTitle  string `json:"status_title"`
	UnitCode     string `json:"unit_code"`
	At           string `json:"at"`
}

// IntegrationRequest is a request as an automation product sees it:
// personal data left out, the whole timeline (staff-only notes marked)
// and the referrals with their instructions.
type IntegrationRequest struct {
	TrackingCode string                `json:"tracking_code"`
	ServiceCode  string                `json:"service_code"`
	ServiceTitle string                `json:"service_title"`
	Status       string                `json:"status"`
	StatusTitle  string                `json:"status_title"`
	Version      int                   `json:"version"`
	Unit         Unit                  `json:"unit"`
	Holder       *Holder               `json:"holder"`
	DueDate      *string               `json:"due_date"`
	DueDateISO   *string               `json:"due_date_iso"`
	SubmittedAt  string                `json:"submitted_at"`
	Events       []IntegrationEvent    `json:"events"`
	Referrals    []IntegrationReferral `json:"referrals"`
}

// IntegrationEvent is one timeline entry; ID is its change cursor.
type IntegrationEvent struct {
	ID          string `json:"id"`
	At          string `json:"at"`
	Type        string `json:"type"`
	Status      string `json:"status"`
	StatusTitle string `json:"status_title"`
	UnitName    string `json:"unit_name"`
	StaffName   string `json:"staff_name"`
	Note        string `json:"note"`
	Internal    bool   `json:"internal"`
}

// IntegrationReferral is one referral with its instruction (هامش).
type IntegrationReferral struct {
	At          string `json:"at"`
	FromUnit    string `json:"from_unit"`
	ToUnit      string `json:"to_unit"`
	ToStaff     string `json:"to_staff"`
	Instruction string `json:"instruction"`
}

// ReferralInput is the body of POST …/referrals.
type ReferralInput struct {
	Unit        string `json:"unit"`
	Person      string `json:"person"` // optional: username of an officer or manager of that unit
	Instruction string `json:"instruction"`
	Message     string `json:"message"`
	Version     *int   `json:"version"`
}

// CloseInput is the body of POST …/close.
type CloseInput struct {
	Message string `json:"message"`
	Version *int   `json:"version"`
}

// ActResult is the answer of an action: the request's stage after it.
type ActResult struct {
	TrackingCode string `json:"tracking_code"`
	Status       string `json:"status"`
	StatusTitle  string `json:"status_title"`
	Version      int    `json:"version"`
	UnitCode     string `json:"unit_code"`
}

// actFields renames the workflow's form keys to these bodies' names.
var actFields = map[string]string{"to_unit": "unit", "to_staff": "person"}

const msgNoPerson = "کارمندی با این نام کاربری پیدا نشد؛ نام کاربری یکی از کارشناسان یا مدیران واحد مقصد را بفرستید، یا person را نفرستید تا درخواست به صف واحد برود."

var errNoIntegrationRequest = desk.Errorf(desk.ENOTFOUND, "درخواستی با این کد رهگیری پیدا نشد یا در واحدهای این کلاینت نیست.")

func (a *API) listChanges(w http.ResponseWriter, r *http.Request) {
	c := apiClient(r.Context())
	errs := &desk.FieldErrors{}
	var since int64
	if s := fa.ASCIIDigits(strings.TrimSpace(r.URL.Query().Get("since"))); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n < 0 {
			errs.Add("since", "نشانگر since باید مقدار next پاسخ پیشین (یک عدد) باشد؛ برای آغاز آن را نفرستید.")
		}
		since = n
	}
	limit := defaultChanges
	if s := fa.ASCIIDigits(strings.TrimSpace(r.URL.Query().Get("limit"))); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > maxChanges {
			errs.Add("limit", "limit باید عددی از ۱ تا ۵۰۰ باشد.")
		}
		limit = n
	}
	if err := errs.Err(); err != nil {
		WriteError(w, r, a.log, err, nil)
		return
	}
	rows, err := a.store.Changes(r.Context(), since, c.Units, limit+1)
	if err != nil {
		WriteError(w, r, a.log, err, nil)
		return
	}
	out := Changes{Changes: make([]Change, 0, len(rows)), Next: strconv.FormatInt(since, 10)}
	if len(rows) > limit {
		rows, out.More = rows[:limit], true
	}
	for _, ch := range rows {
		out.Changes = append(out.Changes, Change{Cursor: strconv.FormatInt(ch.EventID, 10),
			TrackingCode: ch.TrackingCode, Event: ch.EventType, Status: string(ch.Status),
			StatusTitle: desk.StatusTitle[ch.Status], UnitCode: ch.UnitCode, At: rfc3339(ch.At)})
		out.Next = strconv.FormatInt(ch.EventID, 10)
	}
	writeJSON(w, http.StatusOK, out)
}

// integrationRequestID finds the request of the path's tracking code, as
// not found when the client's units do not hold it.
func (a *API) integrationRequestID(r *http.Request, c store.APIClient) (int64, error) {
	rq, err := a.store.RequestByTracking(r.Context(), fa.ASCIIDigits(strings.TrimSpace(r.PathValue("tracking"))))
	if desk.ErrorCode(err) == desk.ENOTFOUND || (err == nil && len(c.Units) > 0 && !slices.Contains(c.Units, rq.UnitCode)) {
		return 0, errNoIntegrationRequest
	}
	return rq.ID, err
}

func (a *API) getIntegrationRequest(w http.ResponseWriter, r *http.Request) {
	c := apiClient(r.Context())
	id, err := a.integrationRequestID(r, c)
	if err != nil {
		WriteError(w, r, a.log, err, nil)
		return
	}
	a.writeIntegrationRequest(w, r, c, id)
}

func (a *API) writeIntegrationRequest(w http.ResponseWriter, r *http.Request, c store.APIClient, id int64) {
	actor, err := a.flow.APIActor(r.Context(), c)
	if err != nil {
		WriteError(w, r, a.log, err, nil)
		return
	}
	v, err := a.flow.StaffView(r.Context(), actor, id)
	if err != nil {
		if desk.ErrorCode(err) == desk.ENOTFOUND {
			err = errNoIntegrationRequest
		}
		WriteError(w, r, a.log, err, nil)
		return
	}
	rq := v.Request
	due, dueISO := dueDates(rq.DueAt)
	out := IntegrationRequest{
		TrackingCode: rq.TrackingCode, ServiceCode: rq.ServiceCode, ServiceTitle: rq.ServiceTitle,
		Status: string(rq.Status), StatusTitle: desk.StatusTitle[rq.Status], Version: rq.Version,
		Unit: Unit{Code: rq.UnitCode, Name: v.UnitName}, DueDate: due, DueDateISO: dueISO,
		SubmittedAt: rfc3339(rq.SubmittedAt),
		Events:      make([]IntegrationEvent, 0, len(v.Events)),
		Referrals:   make([]IntegrationReferral, 0, len(v.Referrals)),
	}
	if v.Holder.ID != 0 {
		out.Holder = &Holder{Name: v.Holder.Name, Title: v.Holder.Title}
	}
	for _, e := range v.Events {
		out.Events = append(out.Events, IntegrationEvent{ID: strconv.FormatInt(e.ID, 10), At: rfc3339(e.At),
			Type: e.Type, Status: string(e.Status), StatusTitle: desk.StatusTitle[e.Status],
			UnitName: e.UnitName, StaffName: e.StaffName, Note: e.Note, Internal: e.Internal})
	}
	for _, f := range v.Referrals {
		out.Referrals = append(out.Referrals, IntegrationReferral{At: rfc3339(f.At), FromUnit: f.FromUnit,
			ToUnit: f.ToUnit, ToStaff: f.ToStaffName, Instruction: f.Instruction})
	}
	writeJSON(w, http.StatusOK, out)
}

func (a *API) referIntegrationRequest(w http.ResponseWriter, r *http.Request) {
	var in ReferralInput
	if !readJSON(w, r, smallBody, &in) {
		return
	}
	var to int64
	if p := strings.TrimSpace(in.Person); p != "" {
		s, err := a.store.StaffByUsername(r.Context(), p)
		if err != nil && desk.ErrorCode(err) != desk.ENOTFOUND {
			WriteError(w, r, a.log, err, nil)
			return
		}
		if err != nil || !s.Active {
			errs := &desk.FieldErrors{}
			errs.Add("person", msgNoPerson)
			WriteError(w, r, a.log, errs.Err(), nil)
			return
		}
		to = s.ID
	}
	a.integrationAct(w, r, in.Version, http.StatusCreated, workflow.ActInput{Action: desk.ActRefer,
		ToUnit: in.Unit, ToStaff: to, Instruction: in.Instruction, Message: in.Message})
}

func (a *API) closeIntegrationRequest(w http.ResponseWriter, r *http.Request) {
	var in CloseInput
	if !readJSON(w, r, smallBody, &in) {
		return
	}
	a.integrationAct(w, r, in.Version, http.StatusOK, workflow.ActInput{Action: desk.ActClose, Message: in.Message})
}

// integrationAct runs one action through workflow.Act as the client's
// actor, exactly as the tray does: same checks, stage and SMS. Without a
// version the request's current one is used.
func (a *API) integrationAct(w http.ResponseWriter, r *http.Request, version *int, status int, in workflow.ActInput) {
	ctx := r.Context()
	c := apiClient(ctx)
	id, err := a.integrationRequestID(r, c)
	if err != nil {
		WriteError(w, r, a.log, err, nil)
		return
	}
	actor, err := a.flow.APIActor(ctx, c)
	if err != nil {
		WriteError(w, r, a.log, err, nil)
		return
	}
	in.RequestID, in.Client = id, a.clientKey(r)
	if version != nil {
		in.Version = *version
	} else {
		cur, err := a.store.Request(ctx, id)
		if err != nil {
			WriteError(w, r, a.log, err, nil)
			return
		}
		in.Version = cur.Version
	}
	rq, err := a.flow.Act(ctx, actor, in)
	if err != nil {
		if desk.ErrorCode(err) == desk.ENOTFOUND {
			err = errNoIntegrationRequest
		}
		WriteError(w, r, a.log, err, actFields)
		return
	}
	// The answer is the request's new stage only: after a referral out of
	// the client's units it may no longer read the request.
	writeJSON(w, status, ActResult{TrackingCode: rq.TrackingCode, Status: string(rq.Status),
		StatusTitle: desk.StatusTitle[rq.Status], Version: rq.Version, UnitCode: rq.UnitCode})
}
