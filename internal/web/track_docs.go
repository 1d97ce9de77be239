package web

import (
	"errors"
	"io"
	"net/http"
	"strconv"

	"mizban/internal/desk"
	"mizban/internal/files"
	"mizban/internal/store"
	"mizban/internal/workflow"
)

// maxDocsFiles is how many files one documents post may carry; the
// workflow refuses more with a clear message, the body limit follows it.
const maxDocsFiles = 10

// trackDocsPost takes the documents the officer asked for, from the page
// after the one-time code. The session is checked before the body is read,
// and again by the workflow inside its transaction.
func (s *Server) trackDocsPost(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	t, err := s.trackSession(r)
	if err != nil {
		s.render(w, r, http.StatusUnauthorized, "track", "پیگیری درخواست", trackView{}, err)
		return
	}
	token, _ := r.Cookie(trackCookie) // present: trackSession read it
	r.Body = http.MaxBytesReader(w, r.Body, s.flow.Opt.MaxUpload*maxDocsFiles+1<<20)
	if err := r.ParseMultipartForm(8 << 20); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			s.renderDetails(w, r, http.StatusRequestEntityTooLarge, t, false,
				docsError("حجم فایل‌های فرستاده‌شده بیش از حد مجاز است؛ فایل‌ها را کوچک‌تر کنید و دوباره بفرستید."))
			return
		}
		s.renderDetails(w, r, http.StatusBadRequest, t, false, docsError("فرم به‌درستی فرستاده نشد؛ لطفاً دوباره تلاش کنید."))
		return
	}
	defer r.MultipartForm.RemoveAll()
	var uploads []workflow.Upload
	for _, fh := range r.MultipartForm.File["documents"] {
		f, err := fh.Open()
		if err != nil {
			continue
		}
		// One byte over the limit is enough for the size check to refuse it.
		data, err := io.ReadAll(io.LimitReader(f, s.flow.Opt.MaxUpload+1))
		f.Close()
		if err == nil {
			uploads = append(uploads, workflow.Upload{Name: fh.Filename, Data: data})
		}
	}
	_, err = s.flow.CitizenDocs(ctx, token.Value, uploads, s.flow.ClientKey(clientAddr(r)))
	switch {
	case err == nil:
		http.Redirect(w, r, "/track/details?sent=1", http.StatusSeeOther)
	case desk.ErrorCode(err) == desk.EUNAUTHORIZED:
		s.render(w, r, http.StatusUnauthorized, "track", "پیگیری درخواست", trackView{}, err)
	case desk.ErrorCode(err) == desk.EINVALID || desk.ErrorCode(err) == desk.ECONFLICT:
		// Read the request again: a conflict means it changed meanwhile.
		if fresh, serr := s.trackSession(r); serr == nil {
			t = fresh
		}
		s.renderDetails(w, r, httpStatus(err), t, false, err)
	default:
		s.fail(w, r, err)
	}
}

// docsError is msg as the documents field's error.
func docsError(msg string) error {
	errs := &desk.FieldErrors{}
	errs.Add("documents", msg)
	return errs.Err()
}

// trackAnswer sends the attachment of the request's own answer, after the
// one-time code; the stored hash is checked again before it leaves.
func (s *Server) trackAnswer(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	t, err := s.trackSession(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	id, _ := strconv.ParseInt(r.PathValue("doc"), 10, 64)
	decisions, err := s.store.Decisions(ctx, t.Request.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ours := false
	for _, d := range decisions {
		ours = ours || d.Kind == store.DecisionAnswer && d.DocumentID != 0 && d.DocumentID == id
	}
	if !ours {
		s.renderError(w, r, http.StatusNotFound, "پیوست پاسخ پیدا نشد.")
		return
	}
	doc, data, err := s.flow.Document(ctx, t.Request, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", doc.MIME)
	w.Header().Set("Content-Disposition", "attachment; filename=\"answer-"+strconv.FormatInt(doc.ID, 10)+files.Ext(doc.MIME)+"\"")
	w.Header().Set("Cache-Control", "no-store")
	w.Write(data)
}
