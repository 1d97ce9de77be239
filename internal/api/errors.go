package api

import (
	"encoding/json"
	"log/slog"
	"net/http"

	"mizban/internal/desk"
)

// Error codes of the API. The desk codes pass through unchanged; the rest
// belong to HTTP itself. They are stable: clients branch on them.
const (
	codeInvalid             = desk.EINVALID
	codeNotFound            = desk.ENOTFOUND
	codeInternal            = desk.EINTERNAL
	codeBadJSON             = "bad_json"
	codeIdempotencyMismatch = "idempotency_mismatch"
	codeTooLarge            = "too_large"
	codeMediaType           = "unsupported_media_type"
	codeMethodNotAllowed    = "method_not_allowed"
)

const msgInternal = "خطای داخلی رخ داد. لطفاً چند لحظه بعد دوباره تلاش کنید."

// Problem is the body of every error answer.
type Problem struct {
	Error ProblemDetail `json:"error"`
}

// ProblemDetail says what went wrong: a stable code, a Persian message to
// show as is, and per-field Persian messages keyed by field name.
type ProblemDetail struct {
	Code    string            `json:"code"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields,omitempty"`
}

// HTTPStatus maps a desk error code to its HTTP status.
func HTTPStatus(code string) int { return desk.HTTPStatus(code) }

// WriteError answers err as a problem. Internal errors are logged with
// their cause and answered with a generic message, so nothing leaks.
// rename maps workflow field keys to this endpoint's JSON names.
func WriteError(w http.ResponseWriter, r *http.Request, log *slog.Logger, err error, rename map[string]string) {
	code := desk.ErrorCode(err)
	status := HTTPStatus(code)
	if status == http.StatusInternalServerError {
		log.Error("api request failed", "route", r.Pattern, "err", err)
		writeProblem(w, status, codeInternal, msgInternal, nil)
		return
	}
	var fields map[string]string
	if fs := desk.ErrorFields(err); len(fs) > 0 {
		fields = make(map[string]string, len(fs))
		for k, v := range fs {
			if n, ok := rename[k]; ok {
				k = n
			}
			fields[k] = v
		}
	}
	writeProblem(w, status, code, desk.ErrorMessage(err), fields)
}

func writeProblem(w http.ResponseWriter, status int, code, msg string, fields map[string]string) {
	writeJSON(w, status, Problem{Error: ProblemDetail{Code: code, Message: msg, Fields: fields}})
}

// writeJSON writes v with status. Encoding our own types cannot fail
// except on a broken connection, where nothing more can be said.
func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		b = []byte(`{"error":{"code":"internal","message":"` + msgInternal + `"}}`)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}
