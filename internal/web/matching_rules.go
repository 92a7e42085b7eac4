package web

import (
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/kindredhq/kindred/internal/programs"
)

// A program's matching rules: program managers set the minimum of shared
// working hours a week on the matching page of any of its cycles (it
// applies to all of them), and every setting through the API, in the form
// of kindred match's weights.json.

// saveMatchingRules serves the matching page's rules form: min_shared_hours.
func (s *Server) saveMatchingRules(w http.ResponseWriter, r *http.Request, p programs.Program, c programs.Cycle) error {
	st, err := s.matches.SetMinSharedHours(r.Context(), p.ID, r.PostFormValue("min_shared_hours"), viewer(r).PersonID)
	if err != nil {
		return s.rerenderMatching(w, r, p, c, "RulesErrors", err)
	}
	msg := fmt.Sprintf("Saved: mentors and mentees of %s must share at least %s of working time a week. Run matching again to apply it.",
		p.Name, hoursWords(st.MinSharedHours))
	if st.MinSharedHours == 0 {
		msg = "Saved: " + p.Name + " has no minimum of shared working time. Run matching again to apply it."
	}
	return s.redirect(w, r, matchingPath(p.ID, c.ID), msg)
}

// hoursWords words a number of hours: "2 hours", "1 hour", "1.5 hours".
func hoursWords(h float64) string {
	if h == 1 {
		return "1 hour"
	}
	return fmt.Sprintf("%g hours", h)
}

// apiMatchingRules answers GET /api/v1/programs/{id}/matching-rules: the
// program's matching settings as weights.json.
func (s *Server) apiMatchingRules(w http.ResponseWriter, r *http.Request) error {
	st, err := s.matches.Settings(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, st)
}

// apiChangeMatchingRules answers PUT /api/v1/programs/{id}/matching-rules:
// the keys sent change, the others stay; the answer is every setting.
func (s *Server) apiChangeMatchingRules(w http.ResponseWriter, r *http.Request) error {
	var change json.RawMessage
	if err := decodeJSON(w, r, &change); err != nil {
		return err
	}
	st, err := s.matches.ChangeSettings(r.Context(), r.PathValue("id"), change, viewer(r).PersonID)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, st)
}
