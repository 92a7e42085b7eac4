// Package web is the only package that speaks HTTP. It serves the
// server-rendered pages (html/template, usable without JavaScript) and the
// JSON API under /api/v1 over the same domain calls, with one error
// function for both. routes.go lists every route.
//
// A request flows: CrossOriginProtection refuses cross-origin form posts;
// identify resolves the session cookie or Bearer token to a Viewer; the
// route's wrapper (page, api, admin) insists on a viewer; the handler
// checks access for the object and calls a domain store; the response is
// rendered into a buffer and only then written.
package web

import (
	"html/template"
	"log/slog"
	"net/http"
	"time"

	"github.com/kindredhq/kindred/internal/auth"
	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/formations"
	"github.com/kindredhq/kindred/internal/mentorships"
	"github.com/kindredhq/kindred/internal/people"
	"github.com/kindredhq/kindred/internal/programs"
)

// Config is what the web server needs to know about its deployment.
type Config struct {
	// SecureCookies marks cookies Secure; set it when served over HTTPS.
	SecureCookies bool
	// BaseURL is the external address, used in invitation links.
	BaseURL string
	// MaxUploadBytes bounds an import upload (default 64 MiB).
	MaxUploadBytes int64
}

// Server holds the stores the handlers call.
type Server struct {
	cfg      Config
	log      *slog.Logger
	db       *db.DB
	people   *people.Store
	auth     *auth.Store
	programs *programs.Store
	matches  *mentorships.Store
	circles  *formations.Store
	pages    map[string]*template.Template
	now      func() time.Time
}

// New returns a Server over d. now gives the current time; nil means
// time.Now.
func New(cfg Config, log *slog.Logger, d *db.DB, now func() time.Time) (*Server, error) {
	if now == nil {
		now = time.Now
	}
	if cfg.MaxUploadBytes == 0 {
		cfg.MaxUploadBytes = 64 << 20
	}
	pages, err := parseTemplates()
	if err != nil {
		return nil, err
	}
	ps := people.NewStore(d, now)
	gs := programs.NewStore(d, ps, now)
	return &Server{
		cfg:      cfg,
		log:      log,
		db:       d,
		people:   ps,
		auth:     auth.NewStore(d, ps, now),
		programs: gs,
		matches:  mentorships.NewStore(d, ps, gs, now),
		circles:  formations.NewStore(d, ps, gs, now),
		pages:    pages,
		now:      now,
	}, nil
}

// Handler returns the server's HTTP handler with every route and the
// middleware around them.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	s.routes(mux)
	cop := http.NewCrossOriginProtection()
	var h http.Handler = mux
	h = s.identify(h)
	h = cop.Handler(h)
	h = s.recover(h)
	h = securityHeaders(h)
	h = s.logRequests(h)
	return h
}
