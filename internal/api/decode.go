package api

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"mizban/internal/fa"
)

// smallBody bounds the bodies that carry no documents.
const smallBody = 64 << 10

// badRequest is a problem found while reading a body, answered as is.
type badRequest struct {
	status int
	code   string
	msg    string
	fields map[string]string
}

func (e *badRequest) Error() string { return e.code + ": " + e.msg }

// readJSON reads the body of r (at most limit bytes) into v strictly: JSON
// media type, one object, no unknown fields. A problem is written to w and
// false returned when it cannot.
func readJSON(w http.ResponseWriter, r *http.Request, limit int64, v any) bool {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || (mt != "application/json" && !strings.HasSuffix(mt, "+json")) {
			writeProblem(w, http.StatusUnsupportedMediaType, codeMediaType,
				"بدنه درخواست باید JSON باشد؛ سرآیند Content-Type را application/json بگذارید.", nil)
			return false
		}
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			writeProblem(w, http.StatusRequestEntityTooLarge, codeTooLarge,
				"حجم درخواست بیش از حد مجاز است؛ فایل‌ها را کوچک‌تر کنید و دوباره بفرستید.", nil)
			return false
		}
		writeProblem(w, http.StatusBadRequest, codeBadJSON, "بدنه درخواست کامل نرسید؛ لطفاً دوباره بفرستید.", nil)
		return false
	}
	if err := decodeStrict(body, v); err != nil {
		var br *badRequest
		if errors.As(err, &br) {
			writeProblem(w, br.status, br.code, br.msg, br.fields)
		} else {
			writeProblem(w, http.StatusBadRequest, codeBadJSON, "بدنه درخواست JSON درست نیست.", nil)
		}
		return false
	}
	return true
}

// decodeStrict decodes one JSON object from body into v, rejecting unknown
// fields and trailing data, and turns decoder errors into Persian problems
// that name the field and the place.
func decodeStrict(body []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil {
		if _, terr := dec.Token(); terr != io.EOF {
			return badJSON("پس از شیء JSON داده اضافه آمده است؛ فقط یک شیء بفرستید.", nil)
		}
		return nil
	}
	var (
		syntax   *json.SyntaxError
		typeErr  *json.UnmarshalTypeError
		contentE *contentError
	)
	switch {
	case errors.Is(err, io.EOF):
		return badJSON("بدنه درخواست خالی است؛ یک شیء JSON بفرستید.", nil)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return badJSON("بدنه درخواست JSON ناقص است؛ آن را کامل بفرستید.", nil)
	case errors.As(err, &syntax):
		return badJSON(fmt.Sprintf("بدنه درخواست JSON درست نیست (نزدیک نویسه %s).",
			fa.PersianDigits(strconv.FormatInt(syntax.Offset, 10))), nil)
	case errors.As(err, &contentE):
		return badJSON(contentE.msg, nil)
	case errors.As(err, &typeErr):
		field := typeErr.Field
		if field == "" {
			return badJSON("بدنه درخواست باید یک شیء JSON باشد.", nil)
		}
		msg := fmt.Sprintf("مقدار «%s» از نوع درست نیست؛ باید %s باشد.", field, jsonKindFa(typeErr.Type.Kind().String()))
		return badJSON(msg, map[string]string{field: msg})
	}
	const unknown = "json: unknown field "
	if s := err.Error(); strings.HasPrefix(s, unknown) {
		name, uerr := strconv.Unquote(strings.TrimPrefix(s, unknown))
		if uerr != nil {
			name = strings.TrimPrefix(s, unknown)
		}
		msg := fmt.Sprintf("فیلد «%s» شناخته نیست؛ نام فیلدها را با مستند API (openapi.json) مقایسه کنید.", name)
		return badJSON(msg, map[string]string{name: msg})
	}
	return badJSON("بدنه درخواست JSON درست نیست.", nil)
}

func badJSON(msg string, fields map[string]string) error {
	return &badRequest{status: http.StatusBadRequest, code: codeBadJSON, msg: msg, fields: fields}
}

// jsonKindFa names a Go kind as the JSON type a client should send.
func jsonKindFa(kind string) string {
	switch kind {
	case "string":
		return "متن (رشته)"
	case "bool":
		return "true یا false"
	case "map", "struct":
		return "شیء"
	case "slice", "array":
		return "آرایه"
	}
	if strings.HasPrefix(kind, "int") || strings.HasPrefix(kind, "uint") || strings.HasPrefix(kind, "float") {
		return "عدد"
	}
	return "از نوع دیگری"
}

// content is a document's bytes sent as base64. It is decoded while the
// body is read, so the base64 text is not kept beside the bytes.
type content struct {
	data []byte
}

// contentError is a base64 problem, reported as bad JSON.
type contentError struct{ msg string }

func (e *contentError) Error() string { return e.msg }

// UnmarshalJSON accepts standard base64 with or without padding, and
// ignores line breaks some encoders add.
func (c *content) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		c.data = nil
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return &contentError{msg: "«content_base64» باید متن base64 باشد."}
	}
	s = strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, s)
	data, err := base64Decode(s)
	if err != nil {
		return &contentError{msg: "«content_base64» base64 درستی نیست؛ فایل را دوباره کدگذاری کنید."}
	}
	c.data = data
	return nil
}

// MarshalJSON writes the bytes back as base64 (used by tests and examples).
func (c content) MarshalJSON() ([]byte, error) {
	return json.Marshal(c.data)
}

func base64Decode(s string) ([]byte, error) {
	if strings.HasSuffix(s, "=") {
		return base64.StdEncoding.DecodeString(s)
	}
	return base64.RawStdEncoding.DecodeString(s)
}
