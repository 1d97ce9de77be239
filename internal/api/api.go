// Package api serves Mizban's JSON API under /api/v1 for mobile apps and the
// national services window. It calls the same workflow and store functions
// as the HTML pages; only the encoding differs. The contract is the
// hand-written openapi.json beside this file, checked against the routes by
// the tests.
package api

import (
	"hash/fnv"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	"strings"
	"sync"

	"mizban/internal/store"
	"mizban/internal/workflow"
)

// Prefix is where the API is mounted.
const Prefix = "/api/v1"

// API holds what the handlers need.
type API struct {
	flow    *workflow.Flow
	store   *store.Store
	log     *slog.Logger
	baseURL string
	// keyLocks serialise requests carrying the same Idempotency-Key within
	// this process, so two retries racing each other cannot both send a
	// code. Striped to keep memory fixed whatever the number of keys.
	keyLocks [64]sync.Mutex
}

// New returns the API. baseURL is the public URL printed in receipt and
// tracking links (no trailing slash).
func New(flow *workflow.Flow, st *store.Store, log *slog.Logger, baseURL string) *API {
	if log == nil {
		log = slog.Default()
	}
	return &API{flow: flow, store: st, log: log, baseURL: strings.TrimRight(baseURL, "/")}
}

// Handler serves every path under /api/v1.
func (a *API) Handler() http.Handler {
	mux := http.NewServeMux()
	for _, rt := range a.routes() {
		mux.HandleFunc(rt.Method+" "+Prefix+rt.Path, rt.Handle)
	}
	return a.recoverer(headers(jsonRoutingErrors(mux)))
}

// lockKey locks the stripe of an idempotency key and returns its unlock.
func (a *API) lockKey(key string) func() {
	h := fnv.New32a()
	h.Write([]byte(key))
	m := &a.keyLocks[h.Sum32()%uint32(len(a.keyLocks))]
	m.Lock()
	return m.Unlock
}

func (a *API) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				a.log.Error("api panic", "err", v, "route", r.Pattern, "stack", string(debug.Stack()))
				writeProblem(w, http.StatusInternalServerError, codeInternal, msgInternal, nil)
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// headers marks every answer private: most carry personal data.
func headers(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Cache-Control", "no-store")
		h.Set("X-Content-Type-Options", "nosniff")
		next.ServeHTTP(w, r)
	})
}

// jsonRoutingErrors answers unknown paths and wrong methods in JSON,
// where ServeMux would answer in plain text.
func jsonRoutingErrors(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h, pattern := mux.Handler(r)
		if pattern != "" {
			mux.ServeHTTP(w, r)
			return
		}
		// Let the mux's own handler tell 404 from 405 and compute the
		// Allow header, then replace its plain-text body with ours.
		cw := &headerOnly{header: http.Header{}}
		h.ServeHTTP(cw, r)
		if cw.status == http.StatusMethodNotAllowed {
			w.Header().Set("Allow", cw.header.Get("Allow"))
			writeProblem(w, http.StatusMethodNotAllowed, codeMethodNotAllowed, "این نشانی با این روش (method) پاسخ نمی‌دهد؛ روش‌های پذیرفته در سرآیند Allow آمده است.", nil)
			return
		}
		writeProblem(w, http.StatusNotFound, codeNotFound, "این نشانی در API وجود ندارد؛ فهرست نشانی‌ها در /api/v1/openapi.json آمده است.", nil)
	})
}

// headerOnly records a handler's header and status and drops its body.
type headerOnly struct {
	header http.Header
	status int
}

func (h *headerOnly) Header() http.Header         { return h.header }
func (h *headerOnly) Write(b []byte) (int, error) { return len(b), nil }
func (h *headerOnly) WriteHeader(code int) {
	if h.status == 0 {
		h.status = code
	}
}

// clientKey is the rate-limit key of the caller, as the pages compute it.
func (a *API) clientKey(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	return a.flow.ClientKey(host)
}
