package api

import (
	"errors"
	"net/http"
	"strings"
	"time"

	"mizban/internal/desk"
	"mizban/internal/jalali"
	"mizban/internal/letters"
	"mizban/internal/workflow"
)

// An automation product that registers the agency's letters reports them
// here: the request registered as an incoming letter, and the signed reply
// (which answers the request). Both go through the tray's own workflow,
// so the stage, SMS, audit and webhooks are the same.

// LetterInput is the body of POST …/letters.
type LetterInput struct {
	Number      string `json:"number"`
	Date        string `json:"date"`
	Secretariat string `json:"secretariat"`
	ShamsID     string `json:"shams_id"`
	Version     *int   `json:"version"`
}

// ReplyInput is the body of POST …/replies.
type ReplyInput struct {
	Number      string           `json:"number"`
	Date        string           `json:"date"`
	Signer      string           `json:"signer"`
	Text        string           `json:"text"`
	LegalBasis  string           `json:"legal_basis"`
	ShamsID     string           `json:"shams_id"`
	Secretariat string           `json:"secretariat"`
	Attachment  *AttachmentInput `json:"attachment"`
	Version     *int             `json:"version"`
}

// AttachmentInput is a file sent with a reply. Its content is decoded by
// the handler, so bad base64 is a field error (422), not bad JSON.
type AttachmentInput struct {
	Name          string `json:"name"`
	ContentBase64 string `json:"content_base64"`
}

// LetterResult is the answer of both: the request's stage and the letter.
type LetterResult struct {
	ActResult
	Letter LetterOut `json:"letter"`
}

// LetterOut is a letter as the API shows it.
type LetterOut struct {
	Direction   string  `json:"direction"`
	Number      string  `json:"number"`
	Date        string  `json:"date"`     // Jalali yyyy/mm/dd, ASCII digits
	DateISO     string  `json:"date_iso"` // RFC 3339, Tehran time
	Secretariat string  `json:"secretariat"`
	ShamsID     *string `json:"shams_id"`
}

const msgBadAttachment = "پیوست پاسخ base64 درستی نیست؛ فایل را دوباره کدگذاری کنید و در attachment.content_base64 بفرستید."

func letterOut(l letters.Letter) LetterOut {
	out := LetterOut{Direction: string(l.Direction), Number: l.Number,
		Date: jalali.FromTime(l.RegisteredAt).String(), DateISO: l.RegisteredAt.In(jalali.Tehran).Format(time.RFC3339),
		Secretariat: l.Secretariat}
	if l.ShamsID != "" {
		out.ShamsID = &l.ShamsID
	}
	return out
}

// letterTarget loads what both handlers need: the request (in the
// client's units), the client's actor and the version to act on.
func (a *API) letterTarget(w http.ResponseWriter, r *http.Request, version *int) (desk.Request, desk.Actor, int, bool) {
	ctx := r.Context()
	c := apiClient(ctx)
	id, err := a.integrationRequestID(r, c)
	if err != nil {
		WriteError(w, r, a.log, err, nil)
		return desk.Request{}, desk.Actor{}, 0, false
	}
	actor, err := a.flow.APIActor(ctx, c)
	if err != nil {
		WriteError(w, r, a.log, err, nil)
		return desk.Request{}, desk.Actor{}, 0, false
	}
	rq, err := a.store.Request(ctx, id)
	if err != nil {
		WriteError(w, r, a.log, err, nil)
		return desk.Request{}, desk.Actor{}, 0, false
	}
	v := rq.Version
	if version != nil {
		v = *version
	}
	return rq, actor, v, true
}

func (a *API) registerIntegrationLetter(w http.ResponseWriter, r *http.Request) {
	var in LetterInput
	if !readJSON(w, r, smallBody, &in) {
		return
	}
	ctx := r.Context()
	rq, actor, version, ok := a.letterTarget(w, r, in.Version)
	if !ok {
		return
	}
	fe := &desk.FieldErrors{}
	if strings.TrimSpace(in.Number) == "" {
		fe.Add("number", "شماره نامه را همان‌طور که سامانه اتوماسیون داده است بفرستید.")
	}
	at, err := workflow.ParseLetterDate(in.Date, a.flow.Now())
	if err != nil {
		fe.Add("date", desk.ErrorFields(err)["date"])
	}
	if err := workflow.CheckShamsID(in.ShamsID); err != nil {
		fe.Add("shams_id", desk.ErrorFields(err)["shams_id"])
	}
	sec, err := a.flow.LetterSecretariat(ctx, in.Secretariat)
	if err != nil {
		fe.Add("secretariat", desk.ErrorFields(err)["secretariat"])
	}
	if err := fe.Err(); err != nil {
		WriteError(w, r, a.log, err, nil)
		return
	}
	l, err := a.flow.RegisterIncoming(ctx, actor, workflow.RegisterInput{RequestID: rq.ID, Version: version,
		Secretariat: sec, Client: a.clientKey(r), Number: in.Number, At: at, Shams: in.ShamsID})
	if err != nil {
		a.letterError(w, r, err)
		return
	}
	a.writeLetterResult(w, r, rq.ID, l)
}

func (a *API) registerIntegrationReply(w http.ResponseWriter, r *http.Request) {
	var in ReplyInput
	if !readJSON(w, r, a.replyLimit(), &in) {
		return
	}
	ctx := r.Context()
	rq, actor, version, ok := a.letterTarget(w, r, in.Version)
	if !ok {
		return
	}
	rep := &workflow.ExternalReply{Number: in.Number, Date: in.Date, Signer: in.Signer, Shams: in.ShamsID,
		Secretariat: in.Secretariat}
	fe := &desk.FieldErrors{}
	if err := a.flow.CheckExternalReply(rep); err != nil {
		for k, v := range desk.ErrorFields(err) {
			fe.Add(k, v)
		}
	}
	if strings.TrimSpace(in.Text) == "" {
		fe.Add("text", "متن پاسخ را همان‌طور که متقاضی می‌خواند بفرستید.")
	}
	var attach *workflow.Upload
	if in.Attachment != nil {
		data, err := base64Decode(strings.NewReplacer("\n", "", "\r", "").Replace(in.Attachment.ContentBase64))
		if err != nil || len(data) == 0 {
			fe.Add("attachment", msgBadAttachment)
		}
		attach = &workflow.Upload{Key: "answer", Name: in.Attachment.Name, Data: data}
	}
	if err := fe.Err(); err != nil {
		WriteError(w, r, a.log, err, nil)
		return
	}
	out, err := a.flow.Act(ctx, actor, workflow.ActInput{RequestID: rq.ID, Version: version, Action: desk.ActAnswer,
		Text: in.Text, LegalBasis: in.LegalBasis, Attachment: attach, Reply: rep, Client: a.clientKey(r)})
	if err != nil {
		a.letterError(w, r, err)
		return
	}
	ls, err := a.store.LettersOfRequest(ctx, out.ID)
	if err != nil {
		WriteError(w, r, a.log, err, nil)
		return
	}
	var reply letters.Letter
	for _, l := range ls {
		if l.Direction == letters.Outgoing {
			reply = l // the latest: this answer's
		}
	}
	if reply.ID == 0 {
		WriteError(w, r, a.log, errors.New("api: reply recorded but not found"), nil)
		return
	}
	a.writeLetterResultOf(w, out, reply)
}

// replyLimit bounds a reply's body: one attachment at the largest size in
// base64, plus room for the texts.
func (a *API) replyLimit() int64 {
	return 4*((a.flow.Opt.MaxUpload+2)/3) + smallBody
}

// letterError answers a workflow error; the request's own letter already
// registered is a 409 with a field saying so, told apart from a stale
// version.
func (a *API) letterError(w http.ResponseWriter, r *http.Request, err error) {
	switch {
	case desk.ErrorCode(err) == desk.ENOTFOUND:
		err = errNoIntegrationRequest
	case errors.Is(err, workflow.ErrLetterTaken):
		writeProblem(w, http.StatusConflict, desk.ECONFLICT, desk.ErrorMessage(err),
			map[string]string{"tracking_code": desk.ErrorMessage(err)})
		return
	}
	WriteError(w, r, a.log, err, nil)
}

func (a *API) writeLetterResult(w http.ResponseWriter, r *http.Request, id int64, l letters.Letter) {
	rq, err := a.store.Request(r.Context(), id)
	if err != nil {
		WriteError(w, r, a.log, err, nil)
		return
	}
	a.writeLetterResultOf(w, rq, l)
}

func (a *API) writeLetterResultOf(w http.ResponseWriter, rq desk.Request, l letters.Letter) {
	writeJSON(w, http.StatusCreated, LetterResult{
		ActResult: ActResult{TrackingCode: rq.TrackingCode, Status: string(rq.Status),
			StatusTitle: desk.StatusTitle[rq.Status], Version: rq.Version, UnitCode: rq.UnitCode},
		Letter: letterOut(l)})
}
