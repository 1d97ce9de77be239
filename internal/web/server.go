// Package web serves Mizban's HTML pages: the citizens' portal first. Pages
// are rendered on the server with html/template and work without
// JavaScript; routes live in routes.go, one file per action.
package web

import (
	"time"

	"html/template"
	"log/slog"
	"mizban/internal/auth"
	"net/http"

	"mizban/internal/i18n"
	"mizban/internal/store"
	"mizban/internal/workflow"
)

// Agency is what pages say about the agency running the desk.
type Agency struct {
	Name, NameEn, Address, Phone, Hours string
}

// Options configure the web server.
type Options struct {
	Demo    bool
	BaseURL string
	Agency  Agency
	// API, when set, is served under /api/v1/ behind the same middleware.
	API http.Handler
}

// Server holds what handlers need.
type Server struct {
	flow   *workflow.Flow
	store  *store.Store
	opt    Options
	log    *slog.Logger
	pages  map[i18n.Lang]map[string]*template.Template
	assets *assets
	ready  func(r *http.Request) error
	auth   *auth.Service // staff sign-in
}

// New parses the templates (failing fast on any error) and returns the
// server. ready is called by /readyz.
func New(flow *workflow.Flow, st *store.Store, opt Options, log *slog.Logger) (*Server, error) {
	a, err := loadAssets()
	if err != nil {
		return nil, err
	}
	s := &Server{flow: flow, store: st, opt: opt, log: log, assets: a}
	s.ready = func(r *http.Request) error { return st.Ping(r.Context()) }
	// Authenticator apps show the issuer: a Latin name keeps the QR code
	// small enough to scan from a monitor.
	issuer := opt.Agency.NameEn
	if issuer == "" {
		issuer = "Mizban"
	}
	s.auth = auth.New(st, issuer)
	s.auth.Now = func() time.Time { return flow.Now() }
	if err := s.parseTemplates(); err != nil {
		return nil, err
	}
	return s, nil
}
