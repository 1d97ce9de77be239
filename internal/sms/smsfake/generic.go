package smsfake

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
)

// Request is one request the generic fake received.
type Request struct {
	Method string
	Path   string
	Query  string
	Header http.Header
	Body   string
}

// GenericServer records every request and answers a configurable reply,
// by default 200 {"ok":true,"data":{"id":"g-N"}} for the Nth request.
type GenericServer struct {
	*httptest.Server
	Faults

	mu          sync.Mutex
	requests    []Request
	replyStatus int
	replyBody   string
}

// NewGenericServer starts a fake; Close it when done.
func NewGenericServer() *GenericServer {
	s := &GenericServer{}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// Close stops hanging requests, then the server.
func (s *GenericServer) Close() {
	s.stop()
	s.Server.Close()
}

// SetReply fixes the reply to every later request; status 0 restores the
// default.
func (s *GenericServer) SetReply(status int, body string) {
	s.mu.Lock()
	s.replyStatus, s.replyBody = status, body
	s.mu.Unlock()
}

// Requests returns the requests received, oldest first; faulty ones
// included.
func (s *GenericServer) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

func (s *GenericServer) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	s.mu.Lock()
	s.requests = append(s.requests, Request{
		Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery, Header: r.Header.Clone(), Body: string(body),
	})
	n := len(s.requests)
	status, reply := s.replyStatus, s.replyBody
	s.mu.Unlock()

	answered, down := s.intercept(w, r)
	if answered {
		return
	}
	fail, lose := s.sendFault()
	switch {
	case down != 0:
		fail = down
	case lose:
		fail = http.StatusBadGateway
	}
	if fail != 0 {
		outage(w, fail)
		return
	}
	if status == 0 {
		status, reply = http.StatusOK, `{"ok":true,"data":{"id":"g-`+strconv.Itoa(n)+`"}}`
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	io.WriteString(w, reply)
}
