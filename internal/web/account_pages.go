package web

import (
	"net/http"

	"github.com/kindredhq/kindred/internal/errs"
)

// passwordForm shows the form to change one's own password.
func (s *Server) passwordForm(w http.ResponseWriter, r *http.Request) error {
	return s.renderPassword(w, r, http.StatusOK, nil)
}

func (s *Server) renderPassword(w http.ResponseWriter, r *http.Request, code int, bad errs.Fields) error {
	return s.render(w, r, code, "password", map[string]any{"Title": "Password", "Section": "settings", "Errors": map[string]string(bad)})
}

// changePassword changes the viewer's password after checking the current
// one; every other session of theirs ends, this one stays.
func (s *Server) changePassword(w http.ResponseWriter, r *http.Request) error {
	next := r.PostFormValue("password")
	if next != r.PostFormValue("confirm") {
		return s.renderPassword(w, r, http.StatusUnprocessableEntity, errs.Fields{"confirm": "the two new passwords differ"})
	}
	var keep string
	if c, err := r.Cookie(sessionCookie); err == nil {
		keep = c.Value
	}
	err := s.auth.ChangePassword(r.Context(), viewer(r).PersonID, keep, r.PostFormValue("current"), next)
	if bad := fieldErrors(err); bad != nil {
		return s.renderPassword(w, r, http.StatusUnprocessableEntity, bad)
	}
	if errs.Is(err, errs.TooMany) {
		return s.renderPassword(w, r, http.StatusTooManyRequests, errs.Fields{"current": errs.As(err).Message})
	}
	if err != nil {
		return err
	}
	return s.redirect(w, r, "/settings/password", "Your password is changed. You were signed out on every other device.")
}

// deactivatePerson stops a person who left (admins only; not oneself).
func (s *Server) deactivatePerson(w http.ResponseWriter, r *http.Request) error {
	name, err := s.setActive(r, false)
	if err != nil {
		return err
	}
	return s.redirect(w, r, "/people/"+r.PathValue("id"), name+" is deactivated: they are signed out everywhere, their API tokens no longer work, and new matching runs and circles leave them out. Their history stays.")
}

// reactivatePerson lets a deactivated person back in (admins only).
func (s *Server) reactivatePerson(w http.ResponseWriter, r *http.Request) error {
	name, err := s.setActive(r, true)
	if err != nil {
		return err
	}
	return s.redirect(w, r, "/people/"+r.PathValue("id"), name+" is active again: they can sign in with their password, or with a new invitation.")
}

func (s *Server) apiDeactivatePerson(w http.ResponseWriter, r *http.Request) error {
	return s.apiSetActive(w, r, false)
}

func (s *Server) apiReactivatePerson(w http.ResponseWriter, r *http.Request) error {
	return s.apiSetActive(w, r, true)
}

func (s *Server) apiSetActive(w http.ResponseWriter, r *http.Request, active bool) error {
	if _, err := s.setActive(r, active); err != nil {
		return err
	}
	p, err := s.people.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, toPersonJSON(viewer(r), p))
}

// setActive deactivates or reactivates the person of the path and returns
// their name; a missing person is NotFound, oneself Forbidden.
func (s *Server) setActive(r *http.Request, active bool) (string, error) {
	id := r.PathValue("id")
	p, err := s.people.Get(r.Context(), id)
	if err != nil {
		return "", err
	}
	if active {
		err = s.auth.Reactivate(r.Context(), id)
	} else {
		err = s.auth.Deactivate(r.Context(), viewer(r).PersonID, id)
	}
	return p.Name, err
}
