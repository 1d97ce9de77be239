package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"mizban/internal/desk"
	"mizban/internal/fa"
	"mizban/internal/jalali"
	"mizban/internal/workflow"
)

// maxDocuments bounds the documents of one application; with the per-file
// size it bounds the body. No service asks for more than a handful.
const maxDocuments = 10

// ApplicationRequest is the body of POST /applications.
type ApplicationRequest struct {
	ServiceCode    string            `json:"service_code"`
	Applicant      PersonInput       `json:"applicant"`
	ForOther       bool              `json:"for_other"`
	Representative *PersonInput      `json:"representative"`
	RepBasis       string            `json:"rep_basis"`
	Answers        map[string]answer `json:"answers"`
	Documents      []DocumentInput   `json:"documents"`
}

// PersonInput is an applicant or representative as typed; digits may be
// Persian, Arabic or ASCII.
type PersonInput struct {
	Name       string `json:"name"`
	NationalID string `json:"national_id"`
	Mobile     string `json:"mobile"`
}

// DocumentInput is one uploaded file.
type DocumentInput struct {
	Key     string  `json:"key"`
	Name    string  `json:"name"`
	Content content `json:"content_base64"`
}

// answer is a form answer: a string, or for convenience a number or a
// boolean (true is "yes", false "no"), kept as text for the workflow.
type answer string

func (v *answer) UnmarshalJSON(b []byte) error {
	var x any
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.UseNumber()
	if err := dec.Decode(&x); err != nil {
		return err
	}
	switch t := x.(type) {
	case nil:
		*v = ""
	case string:
		*v = answer(t)
	case json.Number:
		*v = answer(t.String())
	case bool:
		*v = "no"
		if t {
			*v = "yes"
		}
	default:
		return &contentError{msg: "پاسخ‌های «answers» باید متن، عدد یا true/false باشند، نه شیء یا آرایه."}
	}
	return nil
}

// ApplicationCreated is the answer of POST /applications and of a resend.
type ApplicationCreated struct {
	ApplicationID       string `json:"application_id"`
	OTPSentTo           string `json:"otp_sent_to"`
	OTPExpiresInSeconds int    `json:"otp_expires_in_seconds"`
}

// ConfirmRequest is the body of POST /applications/{id}/confirm.
type ConfirmRequest struct {
	Code string `json:"code"`
}

// Submitted is the answer of a confirmation: the registered request.
type Submitted struct {
	TrackingCode string  `json:"tracking_code"`
	ServiceCode  string  `json:"service_code"`
	ServiceTitle string  `json:"service_title"`
	Status       string  `json:"status"`
	StatusTitle  string  `json:"status_title"`
	DueDate      *string `json:"due_date"`
	DueDateISO   *string `json:"due_date_iso"`
	SubmittedAt  string  `json:"submitted_at"`
	ReceiptURL   string  `json:"receipt_url"`
	TrackURL     string  `json:"track_url"`
}

// applicationLimit bounds the body of POST /applications: every document
// at the largest size, base64 grows by 4/3, plus room for the answers.
func (a *API) applicationLimit() int64 {
	b64 := 4 * ((a.flow.Opt.MaxUpload + 2) / 3)
	return maxDocuments*(b64+1024) + smallBody
}

func (a *API) createApplication(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	var req ApplicationRequest
	if !readJSON(w, r, a.applicationLimit(), &req) {
		return
	}
	key := r.Header.Get("Idempotency-Key")
	if _, present := r.Header["Idempotency-Key"]; present {
		if msg := checkIdempotencyKey(key); msg != "" {
			writeProblem(w, http.StatusUnprocessableEntity, codeInvalid, msg, map[string]string{"idempotency_key": msg})
			return
		}
	}
	in, errs := a.applyInput(r, req)
	if err := errs.Err(); err != nil {
		WriteError(w, r, a.log, err, nil)
		return
	}
	if key == "" {
		id, err := a.flow.SaveDraft(ctx, in)
		if err != nil {
			WriteError(w, r, a.log, err, nil)
			return
		}
		a.writeCreated(w, r, id, http.StatusCreated)
		return
	}

	defer a.lockKey(key)()
	id := a.flow.IdempotentDraftID(key)
	fresh, err := a.flow.ReserveDraft(ctx, id, in.ServiceCode, in.Client)
	if err != nil {
		WriteError(w, r, a.log, err, nil)
		return
	}
	if !fresh {
		same, err := a.flow.SameApplication(ctx, id, in)
		if err != nil {
			WriteError(w, r, a.log, err, nil)
			return
		}
		if !same {
			msg := "این کلید Idempotency-Key پیش‌تر با درخواست دیگری به کار رفته است؛ برای درخواست تازه کلید تازه بسازید."
			writeProblem(w, http.StatusConflict, codeIdempotencyMismatch, msg, nil)
			return
		}
		if a.codeAlreadySent(r, id) {
			w.Header().Set("Idempotent-Replayed", "true")
			a.writeCreated(w, r, id, http.StatusCreated)
			return
		}
		// The first try failed (invalid, rate-limited) or its draft
		// expired: running it again is safe and gives the current answer.
	}
	in.DraftID = id
	if _, err := a.flow.SaveDraft(ctx, in); err != nil {
		WriteError(w, r, a.log, err, nil)
		return
	}
	a.writeCreated(w, r, id, http.StatusCreated)
}

// checkIdempotencyKey returns a Persian message when key is unusable.
func checkIdempotencyKey(key string) string {
	if len(key) < 8 || len(key) > 255 {
		return "سرآیند Idempotency-Key باید ۸ تا ۲۵۵ نویسه باشد؛ یک UUID تازه برای هر درخواست بسازید."
	}
	for i := 0; i < len(key); i++ {
		if key[i] < 0x21 || key[i] > 0x7e {
			return "سرآیند Idempotency-Key فقط نویسه‌های لاتین و رقم و نشانه‌های چاپی (بدون فاصله) می‌پذیرد."
		}
	}
	return ""
}

// codeAlreadySent reports whether the draft id is live and a code for it
// went out (or it already became a request), so a repeat must not send one.
func (a *API) codeAlreadySent(r *http.Request, id string) bool {
	dr, err := a.flow.LoadDraft(r.Context(), id)
	if err != nil {
		return false
	}
	if dr.RequestID != 0 {
		return true
	}
	_, err = a.store.LatestOTP(r.Context(), workflow.PurposeApply, id)
	return err == nil
}

// application is the part of an application body every route reads the
// same way: the service code, the applicant's answers, and the number of
// documents (their keys and contents are the caller's to check).
func (req ApplicationRequest) application() (string, workflow.Application, *desk.FieldErrors) {
	errs := &desk.FieldErrors{}
	code := fa.ASCIIDigits(strings.TrimSpace(req.ServiceCode))
	if code == "" {
		errs.Add("service_code", "شناسه خدمت (service_code) را بنویسید.")
	}
	app := workflow.Application{Applicant: desk.Person(req.Applicant), ForOther: req.ForOther,
		RepBasis: req.RepBasis, Answers: make(map[string]string, len(req.Answers))}
	if req.Representative != nil {
		app.Representative = desk.Person(*req.Representative)
	}
	for k, v := range req.Answers {
		app.Answers[k] = string(v)
	}
	if len(req.Documents) > maxDocuments {
		errs.Add("documents", fmt.Sprintf("در هر درخواست حداکثر %s مدرک پذیرفته می‌شود.", fa.PersianDigits(strconv.Itoa(maxDocuments))))
	}
	return code, app, errs
}

// applyInput turns the body into the workflow's input, reporting what the
// workflow cannot (missing service code, empty or keyless documents).
func (a *API) applyInput(r *http.Request, req ApplicationRequest) (workflow.ApplyInput, *desk.FieldErrors) {
	code, app, errs := req.application()
	in := workflow.ApplyInput{ServiceCode: code, Client: a.clientKey(r), App: app}
	for i, d := range req.Documents {
		key := strings.TrimSpace(d.Key)
		if key == "" {
			errs.Add(fmt.Sprintf("documents[%d].key", i), "کلید مدرک (key) را بنویسید؛ کلیدهای پذیرفته در شناسنامه خدمت، بخش uploads آمده است.")
			continue
		}
		if len(d.Content.data) == 0 {
			errs.Add("doc_"+key, "فایل این مدرک خالی است؛ محتوای فایل را در content_base64 بفرستید.")
			continue
		}
		in.Uploads = append(in.Uploads, workflow.Upload{Key: key, Name: d.Name, Data: d.Content.data})
	}
	return in, errs
}

func (a *API) writeCreated(w http.ResponseWriter, r *http.Request, id string, status int) {
	ctx := r.Context()
	dr, err := a.flow.LoadDraft(ctx, id)
	if err != nil {
		WriteError(w, r, a.log, err, nil)
		return
	}
	out := ApplicationCreated{ApplicationID: id, OTPSentTo: fa.MaskMobile(dr.Mobile)}
	if o, err := a.store.LatestOTP(ctx, workflow.PurposeApply, id); err == nil && o.UsedAt.IsZero() {
		out.OTPExpiresInSeconds = max(0, int(o.ExpiresAt.Sub(a.flow.Now()).Seconds()))
	}
	writeJSON(w, status, out)
}

func (a *API) resendCode(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id := r.PathValue("id")
	if err := a.flow.ResendApplyCode(ctx, id, a.clientKey(r)); err != nil {
		if desk.ErrorCode(err) == desk.ERATELIMIT {
			a.setRetryAfter(w, r, id)
		}
		WriteError(w, r, a.log, err, nil)
		return
	}
	a.writeCreated(w, r, id, http.StatusOK)
}

// setRetryAfter tells how long until the resend wait of the last code ends;
// the hourly limits have no header, their message says an hour.
func (a *API) setRetryAfter(w http.ResponseWriter, r *http.Request, id string) {
	o, err := a.store.LatestOTP(r.Context(), workflow.PurposeApply, id)
	if err != nil {
		return
	}
	if wait := o.CreatedAt.Add(a.flow.Opt.OTPResend).Sub(a.flow.Now()); wait > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(int(wait.Seconds())+1))
	}
}

func (a *API) confirm(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	var req ConfirmRequest
	if !readJSON(w, r, smallBody, &req) {
		return
	}
	id := r.PathValue("id")
	dr, err := a.flow.LoadDraft(ctx, id)
	if err != nil {
		WriteError(w, r, a.log, err, nil)
		return
	}
	status := http.StatusCreated
	if dr.RequestID != 0 {
		status = http.StatusOK // a repeat: the request exists already
	}
	req2, err := a.flow.ConfirmVia(ctx, id, req.Code, desk.ChannelAPI)
	if err != nil {
		WriteError(w, r, a.log, err, nil)
		return
	}
	writeJSON(w, status, a.submitted(req2))
}

func (a *API) submitted(r desk.Request) Submitted {
	due, dueISO := dueDates(r.DueAt)
	return Submitted{
		TrackingCode: r.TrackingCode, ServiceCode: r.ServiceCode, ServiceTitle: r.ServiceTitle,
		Status: string(r.Status), StatusTitle: desk.StatusTitle[r.Status],
		DueDate: due, DueDateISO: dueISO, SubmittedAt: rfc3339(r.SubmittedAt),
		ReceiptURL: a.baseURL + "/receipt/" + r.TrackingCode + "?k=" + a.flow.ReceiptToken(r.TrackingCode),
		TrackURL:   a.baseURL + "/track",
	}
}

// dueDates returns the promised date as Jalali (1405/09/18) and ISO
// (2026-12-09) strings, both nil when there is no promise.
func dueDates(t time.Time) (*string, *string) {
	if t.IsZero() {
		return nil, nil
	}
	d := jalali.FromTime(t)
	y, m, day := d.Gregorian()
	j, iso := d.String(), fmt.Sprintf("%04d-%02d-%02d", y, m, day)
	return &j, &iso
}
