package web

import (
	"net/http"
	"strings"

	"github.com/kindredhq/kindred/internal/auth"
	"github.com/kindredhq/kindred/internal/errs"
)

// setupForm shows the first-run form behind a one-time setup link; a
// link that is unknown, used, expired, or comes after an admin exists is
// a 404.
func (s *Server) setupForm(w http.ResponseWriter, r *http.Request) error {
	tok := r.PathValue("token")
	if err := s.auth.SetupLink(r.Context(), tok); err != nil {
		return err
	}
	return s.renderSetup(w, r, http.StatusOK, tok, map[string]string{"timezone": "UTC"}, nil)
}

// completeSetup makes the first admin and signs them in; bad input
// re-renders the form with 422 and leaves the link usable.
func (s *Server) completeSetup(w http.ResponseWriter, r *http.Request) error {
	tok := r.PathValue("token")
	form := map[string]string{}
	for _, k := range []string{"name", "email", "id", "timezone"} {
		form[k] = strings.TrimSpace(r.PostFormValue(k))
	}
	pw := r.PostFormValue("password")
	if pw != r.PostFormValue("confirm") {
		if err := s.auth.SetupLink(r.Context(), tok); err != nil {
			return err
		}
		return s.renderSetup(w, r, http.StatusUnprocessableEntity, tok, form, errs.Fields{"confirm": "the two passwords differ"})
	}
	session, id, err := s.auth.CompleteSetup(r.Context(), tok,
		auth.NewAdmin{ID: form["id"], Name: form["name"], Email: form["email"], Timezone: form["timezone"]}, pw)
	if bad := fieldErrors(err); bad != nil {
		return s.renderSetup(w, r, http.StatusUnprocessableEntity, tok, form, bad)
	}
	if err != nil {
		return err
	}
	s.log.Info("first admin created", "person_id", id.PersonID)
	s.setSessionCookie(w, session)
	return s.redirect(w, r, "/import", "Welcome, "+id.Name+": you are Kindred's first program manager. Import your people to begin.")
}

func (s *Server) renderSetup(w http.ResponseWriter, r *http.Request, code int, tok string, form map[string]string, bad errs.Fields) error {
	return s.render(w, r, code, "setup", map[string]any{"Title": "Set up Kindred", "Token": tok, "Form": form,
		"Errors": map[string]string(bad), "Zones": commonZones})
}
