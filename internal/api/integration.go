package api

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"mizban/internal/desk"
	"mizban/internal/store"
)

// The integration API (/integration/…) is for automation products and
// other portals: every call carries a client's bearer token, is checked
// for the scope it needs, and is audited with the client, route and
// result. Its writes go through the same workflow as the tray.

const (
	msgNoToken = "توکن API فرستاده نشده است؛ توکن را در سرآیند Authorization به شکل «Bearer <توکن>» بفرستید."
	msgNoScope = "این کلاینت اجازه این کار را ندارد؛ از مدیر سامانه بخواهید دسترسی «%s» را به آن بدهد."
)

type clientKeyType struct{}

// apiClient returns the client the integration middleware put in ctx.
func apiClient(ctx context.Context) store.APIClient {
	c, _ := ctx.Value(clientKeyType{}).(store.APIClient)
	return c
}

// integration guards h: a valid bearer token with scope, every call
// audited, and for POST the Idempotency-Key honoured.
func (a *API) integration(scope string, h http.HandlerFunc) http.HandlerFunc {
	return a.integrationUpTo(scope, func() int64 { return smallBody }, h)
}

// integrationUpTo is integration for a route whose bodies may reach limit
// bytes (a reply with its attachment): the Idempotency-Key check reads the
// whole body to hash it.
func (a *API) integrationUpTo(scope string, limit func() int64, h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		rec := &statusWriter{ResponseWriter: w}
		var clientID int64
		defer func() {
			status := rec.status
			if status == 0 {
				status = http.StatusInternalServerError // a panic, answered by the recoverer
			}
			a.flow.AuditAPICall(r.Context(), clientID, r.Pattern, status, a.clientKey(r))
		}()

		token, ok := bearer(r)
		if !ok {
			w.Header().Set("WWW-Authenticate", `Bearer realm="mizban"`)
			writeProblem(rec, http.StatusUnauthorized, desk.EUNAUTHORIZED, msgNoToken, nil)
			return
		}
		c, err := a.flow.AuthenticateAPI(r.Context(), token)
		if err != nil {
			if desk.ErrorCode(err) == desk.EUNAUTHORIZED {
				w.Header().Set("WWW-Authenticate", `Bearer realm="mizban", error="invalid_token"`)
			}
			WriteError(rec, r, a.log, err, nil)
			return
		}
		clientID = c.ID
		if !slices.Contains(c.Scopes, scope) {
			writeProblem(rec, http.StatusForbidden, desk.EFORBIDDEN, strings.Replace(msgNoScope, "%s", scope, 1), nil)
			return
		}
		r = r.WithContext(context.WithValue(r.Context(), clientKeyType{}, c))
		if r.Method == http.MethodPost {
			a.idempotent(rec, r, c, limit(), h)
			return
		}
		h(rec, r)
	}
}

// bearer returns the token of an "Authorization: Bearer <token>" header.
func bearer(r *http.Request) (string, bool) {
	scheme, token, ok := strings.Cut(strings.TrimSpace(r.Header.Get("Authorization")), " ")
	token = strings.TrimSpace(token)
	if !ok || !strings.EqualFold(scheme, "Bearer") || token == "" {
		return "", false
	}
	return token, true
}

// idempotent runs h once per client and Idempotency-Key: a repeat with the
// same route and body gets the first answer again (Idempotent-Replayed:
// true), one with another body a 409. Answers of our own failures (5xx)
// are not kept, so a retry runs again.
func (a *API) idempotent(w http.ResponseWriter, r *http.Request, c store.APIClient, limit int64, h http.HandlerFunc) {
	key := r.Header.Get("Idempotency-Key")
	if _, present := r.Header["Idempotency-Key"]; !present {
		h(w, r)
		return
	}
	if msg := checkIdempotencyKey(key); msg != "" {
		writeProblem(w, http.StatusUnprocessableEntity, codeInvalid, msg, map[string]string{"idempotency_key": msg})
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	if err != nil {
		writeProblem(w, http.StatusRequestEntityTooLarge, codeTooLarge,
			"حجم درخواست بیش از حد مجاز است؛ متن‌ها را کوتاه‌تر کنید.", nil)
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	sum := sha256.Sum256(body)
	route, bodyHash := r.Method+" "+r.URL.Path, hex.EncodeToString(sum[:])

	defer a.lockKey("client:" + strconv.FormatInt(c.ID, 10) + ":" + key)()
	prev, err := a.store.IdempotentReply(r.Context(), c.ID, key)
	switch {
	case err == nil:
		if prev.Route != route || prev.BodyHash != bodyHash {
			writeProblem(w, http.StatusConflict, codeIdempotencyMismatch,
				"این کلید Idempotency-Key پیش‌تر با درخواست دیگری به کار رفته است؛ برای درخواست تازه کلید تازه بسازید.", nil)
			return
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Header().Set("Idempotent-Replayed", "true")
		w.WriteHeader(prev.Status)
		w.Write(prev.Response)
		return
	case desk.ErrorCode(err) != desk.ENOTFOUND:
		WriteError(w, r, a.log, err, nil)
		return
	}
	buf := &bufferWriter{header: w.Header()}
	h(buf, r)
	if buf.status < 500 {
		reply := store.IdempotentReply{Route: route, BodyHash: bodyHash, Status: buf.status, Response: buf.body.Bytes()}
		if err := a.store.SaveIdempotentReply(r.Context(), c.ID, key, reply, a.flow.Now()); err != nil {
			a.log.Error("idempotent reply not kept", "err", err)
		}
	}
	w.WriteHeader(buf.status)
	w.Write(buf.body.Bytes())
}

// statusWriter remembers the status written, for the audit record.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (s *statusWriter) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusWriter) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	return s.ResponseWriter.Write(b)
}

// bufferWriter keeps an answer to store it before it is sent.
type bufferWriter struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (b *bufferWriter) Header() http.Header { return b.header }
func (b *bufferWriter) Write(p []byte) (int, error) {
	if b.status == 0 {
		b.status = http.StatusOK
	}
	return b.body.Write(p)
}
func (b *bufferWriter) WriteHeader(code int) {
	if b.status == 0 {
		b.status = code
	}
}
