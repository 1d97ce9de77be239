package web

import (
	"errors"
	"io"
	"net/http"
	"strconv"

	"mizban/internal/desk"
	"mizban/internal/fa"
	"mizban/internal/files"
	"mizban/internal/workflow"
)

// staffRequestView is a request as staff see it, with the forms of the
// actions the viewer may take now.
type staffRequestView struct {
	workflow.StaffRequest
	Revealed *workflow.PersonalData
	Units    []desk.Unit
	Officers []desk.Staff // of the request's unit, for assignment
	Done     string       // the action just taken, for the confirmation line
	Form     map[string]string
	Failed   string // the action whose form has the errors
	// CanDo is StaffRequest.Can keyed by plain strings, which templates can
	// look up as .CanDo.refer.
	CanDo   map[string]bool
	Letters requestLetters // letters_request.go

	Reply workflow.ReplyState // reply draft and signature (reply_draft.go)
}

func (s *Server) requestID(r *http.Request) int64 {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	return id
}

func (s *Server) staffRequestPage(w http.ResponseWriter, r *http.Request, status int, v staffRequestView, err error) {
	actor, _ := s.staffActor(r)
	ctx := r.Context()
	sr, verr := s.flow.StaffView(ctx, actor, s.requestID(r))
	if verr != nil {
		s.fail(w, r, verr)
		return
	}
	// On a letter only managers answer (sign); officers draft.
	if v.Reply, verr = s.flow.ReplyView(ctx, &sr); verr != nil {
		s.fail(w, r, verr)
		return
	}
	v.StaffRequest = sr
	v.CanDo = map[string]bool{}
	for a, ok := range sr.Can {
		v.CanDo[string(a)] = ok
	}
	v.Units, _ = s.store.Units(ctx)
	v.Officers, _ = s.store.StaffByUnit(ctx, sr.Request.UnitCode)
	v.Letters = s.staffLetters(ctx, actor, sr.Request)
	if v.Form == nil {
		v.Form = map[string]string{}
	}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, status, "staff_request", "درخواست", v, err)
}

func (s *Server) staffRequest(w http.ResponseWriter, r *http.Request) {
	s.staffRequestPage(w, r, http.StatusOK, staffRequestView{Done: r.URL.Query().Get("done")}, nil)
}

// staffReveal shows the personal data in clear; the workflow records the
// reveal in the audit log before returning it.
func (s *Server) staffReveal(w http.ResponseWriter, r *http.Request) {
	actor, _ := s.staffActor(r)
	pd, err := s.flow.RevealPersonalData(r.Context(), actor, s.requestID(r), s.flow.ClientKey(clientAddr(r)))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.staffRequestPage(w, r, http.StatusOK, staffRequestView{Revealed: &pd}, nil)
}

// staffAct takes one action from the request page's forms.
func (s *Server) staffAct(w http.ResponseWriter, r *http.Request) {
	actor, _ := s.staffActor(r)
	r.Body = http.MaxBytesReader(w, r.Body, s.flow.Opt.MaxUpload+1<<20)
	if err := r.ParseMultipartForm(4 << 20); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		s.renderError(w, r, http.StatusBadRequest, "فرم به‌درستی فرستاده نشد؛ اگر فایلی پیوست کرده‌اید، حجم آن را بررسی کنید.")
		return
	}
	v := r.PostFormValue
	in := workflow.ActInput{
		RequestID: s.requestID(r), Action: desk.Action(v("action")),
		ToUnit: v("to_unit"), Instruction: v("instruction"), Message: v("message"), Reason: v("reason"),
		LegalBasis: v("legal_basis"), Text: v("text"), Client: s.flow.ClientKey(clientAddr(r)),
	}
	in.Version, _ = strconv.Atoi(v("version"))
	in.ToStaff, _ = strconv.ParseInt(v("to_staff"), 10, 64)
	if d := v("days"); d != "" {
		n, err := strconv.Atoi(fa.ASCIIDigits(d))
		if err != nil {
			n = -1 // the workflow refuses it with its own message
		}
		in.Days = n
	}
	if r.MultipartForm != nil {
		if fhs := r.MultipartForm.File["attachment"]; len(fhs) > 0 {
			if f, err := fhs[0].Open(); err == nil {
				data, _ := io.ReadAll(io.LimitReader(f, s.flow.Opt.MaxUpload+1))
				f.Close()
				if len(data) > 0 {
					in.Attachment = &workflow.Upload{Key: "answer", Name: fhs[0].Filename, Data: data}
				}
			}
		}
	}
	_, err := s.flow.Act(r.Context(), actor, in)
	if err == nil {
		// After a referral out of the person's reach the file is no longer
		// theirs to open: back to the tray, which says it was done.
		if _, verr := s.flow.StaffView(r.Context(), actor, in.RequestID); desk.ErrorCode(verr) == desk.ENOTFOUND {
			http.Redirect(w, r, "/staff/tray?done="+string(in.Action), http.StatusSeeOther)
			return
		}
		http.Redirect(w, r, "/staff/requests/"+r.PathValue("id")+"?done="+string(in.Action), http.StatusSeeOther)
		return
	}
	form := map[string]string{}
	for k := range r.PostForm {
		form[k] = r.PostFormValue(k)
	}
	s.staffRequestPage(w, r, httpStatus(err), staffRequestView{Form: form, Failed: string(in.Action)}, err)
}

// staffDocument downloads a document after the workflow's access check
// and hash re-check.
func (s *Server) staffDocument(w http.ResponseWriter, r *http.Request) {
	actor, _ := s.staffActor(r)
	doc, _ := strconv.ParseInt(r.PathValue("doc"), 10, 64)
	d, data, err := s.flow.StaffDocument(r.Context(), actor, s.requestID(r), doc, s.flow.ClientKey(clientAddr(r)))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", d.MIME)
	w.Header().Set("Content-Disposition", "attachment; filename=\"document-"+strconv.FormatInt(d.ID, 10)+files.Ext(d.MIME)+"\"")
	w.Header().Set("Cache-Control", "no-store")
	w.Write(data)
}
