package web

import (
	"net/http"

	"github.com/kindredhq/kindred/internal/errs"
)

// resetAskForm asks for the email to mail a password reset link to.
func (s *Server) resetAskForm(w http.ResponseWriter, r *http.Request) error {
	return s.render(w, r, http.StatusOK, "reset_ask", map[string]any{"Title": "Forgot your password?"})
}

// askReset mails a reset link if the email is someone's, and answers the
// same either way, so the page never tells whether an email exists.
func (s *Server) askReset(w http.ResponseWriter, r *http.Request) error {
	email := r.PostFormValue("email")
	err := s.auth.RequestReset(r.Context(), s.outbox, email)
	if e := errs.As(err); e != nil && e.Kind == errs.Invalid {
		return s.render(w, r, http.StatusUnprocessableEntity, "reset_ask", map[string]any{"Title": "Forgot your password?",
			"Email": email, "Errors": map[string]string{e.Field: e.Message}})
	}
	if err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "reset_ask", map[string]any{"Title": "Forgot your password?", "Sent": true, "Email": email})
}

// resetForm asks for a new password behind a reset link, on the
// invitation's page.
func (s *Server) resetForm(w http.ResponseWriter, r *http.Request) error {
	id, err := s.auth.Reset(r.Context(), r.PathValue("token"))
	if err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "invite", map[string]any{"Title": "Set a new password", "Name": id.Name, "Token": r.PathValue("token"), "Reset": true})
}

// resetPassword sets the new password, ends every other session and signs
// the person in.
func (s *Server) resetPassword(w http.ResponseWriter, r *http.Request) error {
	pw, confirm := r.PostFormValue("password"), r.PostFormValue("confirm")
	tok := r.PathValue("token")
	id, err := s.auth.Reset(r.Context(), tok)
	if err != nil {
		return err
	}
	again := func(field, msg string) error {
		return s.render(w, r, http.StatusUnprocessableEntity, "invite", map[string]any{"Title": "Set a new password", "Name": id.Name, "Token": tok,
			"Reset": true, "Errors": map[string]string{field: msg}})
	}
	if pw != confirm {
		return again("confirm", "the two passwords differ")
	}
	session, _, err := s.auth.ResetPassword(r.Context(), tok, pw)
	if e := errs.As(err); e != nil && e.Kind == errs.Invalid {
		return again(e.Field, e.Message)
	}
	if err != nil {
		return err
	}
	s.setSessionCookie(w, session)
	return s.redirect(w, r, "/", "Your new password is set, and you are signed out everywhere else.")
}
