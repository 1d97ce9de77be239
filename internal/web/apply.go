package web

import (
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"

	"mizban/internal/desk"
	"mizban/internal/workflow"
)

// applyView is the application form, filled with what was typed so far.
type applyView struct {
	Service  desk.Service
	DraftID  string
	App      workflow.Application
	Dates    map[string][3]string // date answers as day, month, year parts
	Docs     map[string]desk.Document
	Slots    []desk.RequiredDoc
	RepBases []string
	MaxMB    int64
}

func (s *Server) newApplyView(svc desk.Service, draftID string, app workflow.Application, docs []desk.Document) applyView {
	v := applyView{
		Service: svc, DraftID: draftID, App: app, Dates: map[string][3]string{},
		Docs: map[string]desk.Document{}, RepBases: workflow.RepBases,
		Slots: workflow.UploadSlots(svc, workflow.Application{ForOther: true}),
		MaxMB: s.flow.Opt.MaxUpload >> 20,
	}
	for _, d := range docs {
		v.Docs[d.DocKey] = d
	}
	for _, f := range svc.Form {
		if f.Type == desk.FieldDate {
			parts := strings.SplitN(app.Answers[f.Key], "/", 3)
			if len(parts) == 3 {
				v.Dates[f.Key] = [3]string{parts[2], parts[1], parts[0]}
			}
		}
	}
	return v
}

func (s *Server) applyForm(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	svc, err := s.store.Service(ctx, r.PathValue("code"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !svc.Online {
		http.Redirect(w, r, "/services/"+svc.Code, http.StatusSeeOther)
		return
	}
	// ?draft= comes back from "change" links on the confirmation page.
	if id := r.URL.Query().Get("draft"); id != "" {
		if dr, err := s.flow.LoadDraft(ctx, id); err == nil && dr.RequestID == 0 && dr.Service.Code == svc.Code {
			s.render(w, r, http.StatusOK, "apply", svc.Title, s.newApplyView(dr.Service, dr.ID, dr.App, dr.Documents), nil)
			return
		}
	}
	s.render(w, r, http.StatusOK, "apply", svc.Title, s.newApplyView(svc, "", workflow.Application{}, nil), nil)
}

func (s *Server) applyPost(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	svc, err := s.store.Service(ctx, r.PathValue("code"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	post, ok := s.readApplication(w, r, svc, workflow.UploadSlots(svc, workflow.Application{ForOther: true}))
	if !ok {
		return
	}
	in := workflow.ApplyInput{
		DraftID:     r.PostFormValue("draft"),
		ServiceCode: svc.Code,
		Client:      s.flow.ClientKey(clientAddr(r)),
		App:         post.App,
		Uploads:     post.Uploads,
		Remove:      post.Remove,
	}
	draftID, err := s.flow.SaveDraft(ctx, in)
	if err == nil || desk.ErrorCode(err) == desk.ERATELIMIT && draftID != "" && desk.ErrorFields(err) == nil {
		// Valid: on to checking the answers and the one-time code. A
		// resend wait is shown there, where the code already sent applies.
		http.Redirect(w, r, "/apply/"+draftID, http.StatusSeeOther)
		return
	}
	if draftID == "" || desk.ErrorFields(err) == nil && desk.ErrorCode(err) != desk.ERATELIMIT {
		if desk.ErrorCode(err) != desk.EINVALID {
			s.fail(w, r, err)
			return
		}
	}
	// Show the form again with everything typed and uploaded.
	app := in.App
	var docs []desk.Document
	if draftID != "" {
		if dr, derr := s.flow.LoadDraft(ctx, draftID); derr == nil {
			docs = dr.Documents
		}
	}
	s.render(w, r, httpStatus(err), "apply", svc.Title, s.newApplyView(svc, draftID, app, docs), err)
}

// applicationFromForm reads the identity and answers of the form as typed.
func applicationFromForm(r *http.Request, svc desk.Service) workflow.Application {
	v := r.PostFormValue
	a := workflow.Application{
		Applicant:      desk.Person{Name: v("applicant_name"), NationalID: v("applicant_nid"), Mobile: v("applicant_mobile")},
		ForOther:       v("for_other") == "other",
		Representative: desk.Person{Name: v("rep_name"), NationalID: v("rep_nid"), Mobile: v("rep_mobile")},
		RepBasis:       v("rep_basis"),
		Answers:        map[string]string{},
	}
	for _, f := range svc.Form {
		switch f.Type {
		case desk.FieldFile:
		case desk.FieldDate:
			d, m, y := strings.TrimSpace(v("a_"+f.Key+"_d")), strings.TrimSpace(v("a_"+f.Key+"_m")), strings.TrimSpace(v("a_"+f.Key+"_y"))
			if d+m+y != "" {
				a.Answers[f.Key] = y + "/" + m + "/" + d
			}
		default:
			a.Answers[f.Key] = v("a_" + f.Key)
		}
	}
	return a
}

// applicationPost is what an application form post carries, read the same
// way for the citizen's page and the counter.
type applicationPost struct {
	App     workflow.Application
	Uploads []workflow.Upload
	Remove  []int64
}

// readApplication parses a multipart application post with a body limit
// sized for one file per slot; ok is false when it already answered (a
// body too large or malformed).
func (s *Server) readApplication(w http.ResponseWriter, r *http.Request, svc desk.Service, slots []desk.RequiredDoc) (applicationPost, bool) {
	r.Body = http.MaxBytesReader(w, r.Body, s.flow.Opt.MaxUpload*int64(len(slots)+1)+1<<20)
	if err := r.ParseMultipartForm(8 << 20); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			s.renderError(w, r, http.StatusRequestEntityTooLarge, "حجم فایل‌های فرستاده‌شده بیش از حد مجاز است؛ فایل‌ها را کوچک‌تر کنید و دوباره بفرستید.")
			return applicationPost{}, false
		}
		s.renderError(w, r, http.StatusBadRequest, "فرم به‌درستی فرستاده نشد؛ لطفاً دوباره تلاش کنید.")
		return applicationPost{}, false
	}
	p := applicationPost{App: applicationFromForm(r, svc)}
	for _, id := range r.PostForm["remove"] {
		if n, err := strconv.ParseInt(id, 10, 64); err == nil {
			p.Remove = append(p.Remove, n)
		}
	}
	if r.MultipartForm == nil {
		return p, true
	}
	for _, slot := range slots {
		for _, fh := range r.MultipartForm.File["doc_"+slot.Key] {
			f, err := fh.Open()
			if err != nil {
				continue
			}
			data, err := io.ReadAll(io.LimitReader(f, s.flow.Opt.MaxUpload+1))
			f.Close()
			if err == nil {
				p.Uploads = append(p.Uploads, workflow.Upload{Key: slot.Key, Name: fh.Filename, Data: data})
			}
		}
	}
	return p, true
}
