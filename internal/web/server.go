// Package web is the only package that speaks HTTP. It serves the
// server-rendered pages (html/template, usable without JavaScript) and the
// JSON API under /api/v1 over the same domain calls, with one error
// function for both. routes.go lists every route.
//
// A request flows: CrossOriginProtection refuses cross-origin form posts;
// identify resolves the session cookie or Bearer token to a Viewer; the
// route's adapter (public, page or api, see adapters.go) insists on a
// viewer where the route needs one, and admin, inside it, on a program
// manager; the handler, of the shape func(w, r) error, checks access for
// the object and calls a domain store; the answer is rendered into a buffer
// and only then written, and an error the handler returns goes to s.fail,
// the one error function. The stores are built by the caller and handed to
// New.
package web

import (
	"context"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"net/netip"
	"time"

	"github.com/kindredhq/kindred/internal/auth"
	"github.com/kindredhq/kindred/internal/formations"
	"github.com/kindredhq/kindred/internal/mail"
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
	// MailSending says a mail worker sends the outbox (serve --smtp); the
	// Outbox page says where mail stays when it does not.
	MailSending bool
	// TrustedProxies are the reverse proxies whose X-Forwarded-For decides
	// the client address of sign-in limits (see ParseTrustedProxies).
	TrustedProxies []netip.Prefix
}

// Stores are what the handlers call, built and handed in by the caller
// (cmd/kindred), so the web layer never opens a database or builds a store.
type Stores struct {
	// DB is pinged by /healthz, whose answer names it DBName (its dialect).
	DB          Pinger
	DBName      string
	People      *people.Store
	Auth        *auth.Store
	Programs    *programs.Store
	Mentorships *mentorships.Store
	Formations  *formations.Store
	Mail        *mail.Store
	// Outbox writes the mails of changes made here (invitations); the
	// stores that mail write through the same one.
	Outbox *mail.Outbox
}

// Pinger is the database as /healthz sees it; *db.DB is one.
type Pinger interface {
	Ping(ctx context.Context) error
}

// check reports the first store missing.
func (st Stores) check() error {
	for _, f := range []struct {
		name string
		nil  bool
	}{{"DB", st.DB == nil}, {"People", st.People == nil}, {"Auth", st.Auth == nil}, {"Programs", st.Programs == nil},
		{"Mentorships", st.Mentorships == nil}, {"Formations", st.Formations == nil}, {"Mail", st.Mail == nil}, {"Outbox", st.Outbox == nil}} {
		if f.nil {
			return fmt.Errorf("web.New: Stores.%s is nil", f.name)
		}
	}
	return nil
}

// Server holds the stores the handlers call.
type Server struct {
	cfg      Config
	log      *slog.Logger
	db       Pinger
	dbName   string
	people   *people.Store
	auth     *auth.Store
	programs *programs.Store
	matches  *mentorships.Store
	circles  *formations.Store
	mail     *mail.Store
	outbox   *mail.Outbox
	pages    map[string]*template.Template
	now      func() time.Time
}

// New returns a Server over the stores st. now gives the current time;
// nil means time.Now.
func New(cfg Config, log *slog.Logger, st Stores, now func() time.Time) (*Server, error) {
	if err := st.check(); err != nil {
		return nil, err
	}
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
	return &Server{
		cfg:      cfg,
		log:      log,
		db:       st.DB,
		dbName:   st.DBName,
		people:   st.People,
		auth:     st.Auth,
		programs: st.Programs,
		matches:  st.Mentorships,
		circles:  st.Formations,
		mail:     st.Mail,
		outbox:   st.Outbox,
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
