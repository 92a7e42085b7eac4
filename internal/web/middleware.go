package web

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/kindredhq/kindred/internal/access"
	"github.com/kindredhq/kindred/internal/auth"
	"github.com/kindredhq/kindred/internal/errs"
)

const sessionCookie = "kindred_session"

type viewerKey struct{}

// viewer returns who is asking; the zero Viewer when nobody is signed in.
func viewer(r *http.Request) access.Viewer {
	v, _ := r.Context().Value(viewerKey{}).(access.Viewer)
	return v
}

// identify resolves the session cookie, or for the API a Bearer token, to
// a viewer. A bad Bearer token is refused outright; a stale cookie is
// cleared and the request goes on as anonymous.
func (s *Server) identify(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := s.identity(w, r)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		if id.PersonID != "" {
			v := access.Viewer{PersonID: id.PersonID, Name: id.Name, Role: id.Role}
			r = r.WithContext(context.WithValue(r.Context(), viewerKey{}, v))
		}
		next.ServeHTTP(w, r)
	})
}

// identity is who the request's Bearer token or session cookie names; the
// zero Identity for nobody.
func (s *Server) identity(w http.ResponseWriter, r *http.Request) (auth.Identity, error) {
	if h := r.Header.Get("Authorization"); h != "" {
		scheme, token, _ := strings.Cut(h, " ")
		if !strings.EqualFold(scheme, "Bearer") || token == "" {
			return auth.Identity{}, errs.E(errs.Unauthorized, "the Authorization header must be \"Bearer <token>\"")
		}
		return s.auth.TokenIdentity(r.Context(), strings.TrimSpace(token))
	}
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" {
		return auth.Identity{}, nil
	}
	id, err := s.auth.Session(r.Context(), c.Value)
	if errs.Is(err, errs.Unauthorized) {
		s.clearCookie(w, sessionCookie)
		return auth.Identity{}, nil
	}
	return id, err
}

// recover turns a panic into a logged 500 instead of a dropped connection.
func (s *Server) recover(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				s.log.Error("panic", "method", r.Method, "path", r.URL.Path, "panic", p)
				http.Error(w, "Something went wrong on our side.", http.StatusInternalServerError)
			}
		}()
		next.ServeHTTP(w, r)
	})
}

func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY")
		next.ServeHTTP(w, r)
	})
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		// Paths only: query strings may carry search words about people.
		s.log.LogAttrs(r.Context(), slog.LevelDebug, "request", slog.String("method", r.Method),
			slog.String("path", r.URL.Path), slog.Int("status", rec.status), slog.Duration("took", time.Since(start)))
	})
}

func (s *Server) setSessionCookie(w http.ResponseWriter, token string) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: token, Path: "/", HttpOnly: true,
		Secure: s.cfg.SecureCookies, SameSite: http.SameSiteLaxMode, MaxAge: int(auth.SessionLifetime.Seconds())})
}

func (s *Server) clearCookie(w http.ResponseWriter, name string) {
	http.SetCookie(w, &http.Cookie{Name: name, Value: "", Path: "/", HttpOnly: true, Secure: s.cfg.SecureCookies, MaxAge: -1})
}
