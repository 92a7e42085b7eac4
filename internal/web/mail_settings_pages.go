package web

import (
	"net/http"

	"github.com/kindredhq/kindred/internal/mail"
)

// mailSettingsPage shows which mails the viewer gets, one choice per kind.
func (s *Server) mailSettingsPage(w http.ResponseWriter, r *http.Request) error {
	cs, err := s.mail.Choices(r.Context(), viewer(r).PersonID)
	if err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "mail_settings", map[string]any{"Title": "Mail", "Section": "settings", "Choices": cs})
}

// chooseMails saves the viewer's choices: a ticked box per kind they want.
func (s *Server) chooseMails(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return err
	}
	on := map[mail.Kind]bool{}
	for _, k := range r.PostForm["kind"] {
		on[mail.Kind(k)] = true
	}
	if err := s.mail.Choose(r.Context(), viewer(r).PersonID, on, s.now()); err != nil {
		return err
	}
	return s.redirect(w, r, "/settings/mail", "Your mail choices are saved.")
}

// unsubscribeForm asks to confirm an unsubscribe link opened in a
// browser; it needs no sign-in.
func (s *Server) unsubscribeForm(w http.ResponseWriter, r *http.Request) error {
	u, err := s.mail.UnsubscribeLink(r.Context(), r.PathValue("token"))
	if err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "unsubscribe", map[string]any{"Title": "Unsubscribe",
		"Label": u.Kind.Label(), "Token": r.PathValue("token")})
}

// unsubscribe stops the mails an unsubscribe link names: the confirm
// page's button, or a mail client's one-click POST (RFC 8058), without
// signing in.
func (s *Server) unsubscribe(w http.ResponseWriter, r *http.Request) error {
	u, err := s.mail.Unsubscribe(r.Context(), r.PathValue("token"), s.now())
	if err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "unsubscribe", map[string]any{"Title": "Unsubscribed", "Label": u.Kind.Label(), "Done": true})
}
