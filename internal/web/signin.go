package web

import (
	"errors"
	"net/http"

	"github.com/kindredhq/kindred/internal/auth"
	"github.com/kindredhq/kindred/internal/errs"
)

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) error {
	if err := s.db.Ping(r.Context()); err != nil {
		s.log.Error("health check", "err", err)
		return writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable", "database": "unreachable"})
	}
	return writeJSON(w, http.StatusOK, map[string]string{"status": "ok", "database": s.dbName})
}

func (s *Server) signinForm(w http.ResponseWriter, r *http.Request) error {
	if viewer(r).SignedIn() {
		return s.redirect(w, r, safeNext(r.URL.Query().Get("next")), "")
	}
	return s.render(w, r, http.StatusOK, "signin", map[string]any{"Title": "Sign in", "Next": safeNext(r.URL.Query().Get("next"))})
}

func (s *Server) signin(w http.ResponseWriter, r *http.Request) error {
	email, password := r.PostFormValue("email"), r.PostFormValue("password")
	next := safeNext(r.PostFormValue("next"))
	token, _, err := s.auth.SignIn(r.Context(), email, password, s.clientAddr(r))
	if errors.Is(err, auth.ErrBusy) {
		w.Header().Set("Retry-After", "1")
		return s.render(w, r, http.StatusServiceUnavailable, "signin", map[string]any{"Title": "Sign in", "Next": next, "Email": email,
			"Problem": "Signing in is busy just now: try again in a moment."})
	}
	if err != nil {
		kind := errs.KindOf(err)
		if kind != errs.Unauthorized && kind != errs.TooMany {
			return err
		}
		return s.render(w, r, status(kind), "signin", map[string]any{"Title": "Sign in", "Next": next, "Email": email,
			"Problem": errs.As(err).Message})
	}
	if err := s.endCookieSession(r); err != nil {
		return err
	}
	s.setSessionCookie(w, token)
	return s.redirect(w, r, next, "")
}

func (s *Server) signout(w http.ResponseWriter, r *http.Request) error {
	if err := s.endCookieSession(r); err != nil {
		return err
	}
	s.clearCookie(w, sessionCookie)
	return s.redirect(w, r, "/signin", "You are signed out.")
}

func (s *Server) inviteForm(w http.ResponseWriter, r *http.Request) error {
	id, err := s.auth.Invite(r.Context(), r.PathValue("token"))
	if err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "invite", map[string]any{"Title": "Welcome to Kindred", "Name": id.Name, "Token": r.PathValue("token")})
}

func (s *Server) acceptInvite(w http.ResponseWriter, r *http.Request) error {
	pw, confirm := r.PostFormValue("password"), r.PostFormValue("confirm")
	tok := r.PathValue("token")
	id, err := s.auth.Invite(r.Context(), tok)
	if err != nil {
		return err
	}
	if pw != confirm {
		return s.render(w, r, http.StatusUnprocessableEntity, "invite", map[string]any{"Title": "Welcome to Kindred", "Name": id.Name, "Token": tok,
			"Errors": map[string]string{"confirm": "the two passwords differ"}})
	}
	session, _, err := s.auth.AcceptInvite(r.Context(), tok, pw)
	if e := errs.As(err); e != nil && e.Kind == errs.Invalid {
		return s.render(w, r, http.StatusUnprocessableEntity, "invite", map[string]any{"Title": "Welcome to Kindred", "Name": id.Name, "Token": tok,
			"Errors": map[string]string{e.Field: e.Message}})
	}
	if err != nil {
		return err
	}
	s.setSessionCookie(w, session)
	return s.redirect(w, r, "/people/"+id.PersonID+"/edit", "Your password is set. Tell us about yourself so we can find you a good match.")
}
