package web

import (
	"net/http"

	"github.com/kindredhq/kindred/internal/mentorships"
	"github.com/kindredhq/kindred/internal/programs"
)

// The locks and exclusions of a cycle's matching, as forms on the matching
// page and as API calls: each change is declared once, below, and served by
// both.

// pairChange is one change to the pairs that every run keeps (locks) or
// avoids (exclusions). It returns the words the page shows afterwards and,
// for a lock or an exclusion, what was made: the API's answer (nil for a
// removal, answered 204).
type pairChange func(s *Server, r *http.Request, programID, cycleID string, pair mentorships.IDPair) (done string, made *mentorships.Lock, err error)

func lockPair(s *Server, r *http.Request, programID, cycleID string, pair mentorships.IDPair) (string, *mentorships.Lock, error) {
	l, err := s.matches.Lock(r.Context(), programID, cycleID, pair, viewer(r).PersonID)
	return "Locked " + l.MentorName + " with " + l.MenteeName + ": every run keeps them together.", &l, err
}

func unlockPair(s *Server, r *http.Request, programID, cycleID string, pair mentorships.IDPair) (string, *mentorships.Lock, error) {
	return "Unlocked the pair; run again to let matching reconsider it.", nil, s.matches.Unlock(r.Context(), programID, cycleID, pair)
}

func excludePair(s *Server, r *http.Request, programID, cycleID string, pair mentorships.IDPair) (string, *mentorships.Lock, error) {
	x, err := s.matches.Exclude(r.Context(), programID, cycleID, pair, viewer(r).PersonID)
	return "Excluded " + x.MentorName + " with " + x.MenteeName + ". Run again to apply it.", &x, err
}

func unexcludePair(s *Server, r *http.Request, programID, cycleID string, pair mentorships.IDPair) (string, *mentorships.Lock, error) {
	return "Removed the exclusion; run again to let matching consider the pair.", nil, s.matches.Unexclude(r.Context(), programID, cycleID, pair)
}

// changePairForm serves change as a form of the matching page: the pair
// comes from mentor_id and mentee_id; after the change the browser goes
// back to the page with its words, and a problem shows the page again
// with 422.
func (s *Server) changePairForm(change pairChange) cycleHandler {
	return func(w http.ResponseWriter, r *http.Request, p programs.Program, c programs.Cycle) error {
		pair := mentorships.IDPair{MentorID: r.PostFormValue("mentor_id"), MenteeID: r.PostFormValue("mentee_id")}
		done, _, err := change(s, r, p.ID, c.ID, pair)
		if err != nil {
			return s.rerenderMatching(w, r, p, c, "ActionErrors", err)
		}
		return s.redirect(w, r, backTo(r, matchingPath(p.ID, c.ID)), done)
	}
}

// pairIn is the body of the lock and exclusion calls.
type pairIn struct {
	MentorID string `json:"mentor_id"`
	MenteeID string `json:"mentee_id"`
}

// changePairAPI serves change as an API call: 201 with the lock or
// exclusion made, or 204 for a removal.
func (s *Server) changePairAPI(change pairChange) handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		var in pairIn
		if err := decodeJSON(w, r, &in); err != nil {
			return err
		}
		_, made, err := change(s, r, r.PathValue("id"), r.PathValue("cid"), mentorships.IDPair{MentorID: in.MentorID, MenteeID: in.MenteeID})
		if err != nil {
			return err
		}
		if made == nil {
			w.WriteHeader(http.StatusNoContent)
			return nil
		}
		return writeJSON(w, http.StatusCreated, toIDPairsJSON([]mentorships.Lock{*made})[0])
	}
}
