package web

import (
	"net/http"
	"time"

	"github.com/kindredhq/kindred/internal/access"
	"github.com/kindredhq/kindred/internal/errs"
	"github.com/kindredhq/kindred/internal/programs"
)

// The enrollment API. A member sees and acts on their own enrollments
// only; another person's answers 404, so its existence does not leak. An
// admin sees every enrollment, enrolls people and decides applications. A
// sponsor reads counts (GET /api/v1/programs/{id}/counts), never
// enrollments.

// enrollmentJSON is an enrollment as its own person or an admin sees it.
type enrollmentJSON struct {
	ID                string     `json:"id"`
	ProgramID         string     `json:"program_id"`
	ProgramName       string     `json:"program_name"`
	CycleID           string     `json:"cycle_id"`
	CycleName         string     `json:"cycle_name"`
	PersonID          string     `json:"person_id"`
	PersonName        string     `json:"person_name"`
	Role              string     `json:"role"`
	Status            string     `json:"status"`
	Motivation        string     `json:"motivation"`
	Goals             string     `json:"goals"`
	NeedsConduct      bool       `json:"needs_conduct"`
	ConductAcceptedAt *time.Time `json:"conduct_accepted_at"`
	DecidedBy         string     `json:"decided_by,omitempty"`
	DecidedAt         *time.Time `json:"decided_at"`
	CreatedAt         time.Time  `json:"created_at"`
	UpdatedAt         time.Time  `json:"updated_at"`
}

func toEnrollmentJSON(e programs.Enrollment) enrollmentJSON {
	return enrollmentJSON{ID: e.ID, ProgramID: e.ProgramID, ProgramName: e.ProgramName, CycleID: e.CycleID,
		CycleName: e.CycleName, PersonID: e.PersonID, PersonName: e.PersonName, Role: e.Role, Status: e.Status,
		Motivation: e.Motivation, Goals: e.Goals, NeedsConduct: e.NeedsConduct(), ConductAcceptedAt: e.ConductAcceptedAt,
		DecidedBy: e.DecidedBy, DecidedAt: e.DecidedAt, CreatedAt: e.CreatedAt, UpdatedAt: e.UpdatedAt}
}

func writeEnrollments(w http.ResponseWriter, es []programs.Enrollment) error {
	out := make([]enrollmentJSON, len(es))
	for i, e := range es {
		out[i] = toEnrollmentJSON(e)
	}
	return writeJSON(w, http.StatusOK, map[string]any{"enrollments": out})
}

// ownEnrollments returns the viewer's enrollments that match f and, if
// programID is set, belong to that program and cycle.
func (s *Server) ownEnrollments(r *http.Request, f programs.EnrollmentFilter, programID, cycleID string) ([]programs.Enrollment, error) {
	all, err := s.programs.PersonEnrollments(r.Context(), viewer(r).PersonID)
	if err != nil {
		return nil, err
	}
	if programID != "" {
		all = ownIn(all, programID, cycleID)
	}
	out := []programs.Enrollment{}
	for _, e := range all {
		if matches(f, e) {
			out = append(out, e)
		}
	}
	return out, nil
}

// apiCycleEnrollments lists a cycle's enrollments: all of them for admins,
// the viewer's own for members; ?status= and ?role= narrow the list.
func (s *Server) apiCycleEnrollments(w http.ResponseWriter, r *http.Request) error {
	v := viewer(r)
	pid, cid := r.PathValue("id"), r.PathValue("cid")
	if _, err := s.programs.GetCycle(r.Context(), pid, cid); err != nil {
		return err
	}
	f, bad := enrollmentFilter(r.URL.Query())
	if err := bad.Err(); err != nil {
		return err
	}
	var list []programs.Enrollment
	var err error
	if access.CanManagePrograms(v) {
		list, err = s.programs.CycleEnrollments(r.Context(), pid, cid, f)
	} else {
		list, err = s.ownEnrollments(r, f, pid, cid)
	}
	if err != nil {
		return err
	}
	return writeEnrollments(w, list)
}

// enrollmentIn is the body of POST .../cycles/{cid}/enrollments: an
// application by the viewer (role, motivation, goals, accept_conduct), or
// an admin's direct enrollment of someone (person_id, role).
type enrollmentIn struct {
	PersonID      string  `json:"person_id"`
	Role          string  `json:"role"`
	Motivation    *string `json:"motivation"`
	Goals         *string `json:"goals"`
	AcceptConduct *bool   `json:"accept_conduct"`
}

func (s *Server) apiCreateEnrollment(w http.ResponseWriter, r *http.Request) error {
	v := viewer(r)
	var in enrollmentIn
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	pid, cid := r.PathValue("id"), r.PathValue("cid")
	var e programs.Enrollment
	var err error
	switch {
	case in.PersonID != "" && (in.PersonID != v.PersonID || access.CanManagePrograms(v)):
		// An admin's direct enrollment; a member may name only themselves.
		if !access.CanManagePrograms(v) {
			return errs.E(errs.Forbidden, "only program managers enroll other people; leave out person_id to apply yourself")
		}
		for _, f := range []struct {
			name string
			sent bool
		}{{"motivation", in.Motivation != nil}, {"goals", in.Goals != nil}, {"accept_conduct", in.AcceptConduct != nil}} {
			if f.sent {
				return errs.Field(f.name, "belongs to one's own application; leave it out when enrolling someone")
			}
		}
		e, err = s.programs.Enroll(r.Context(), programs.EnrollRequest{ProgramID: pid, CycleID: cid,
			PersonID: in.PersonID, Role: in.Role, AdminID: v.PersonID})
	case v.IsSponsor():
		return errs.E(errs.Forbidden, "sponsors follow programs through their figures and do not apply")
	default:
		a := programs.Application{ProgramID: pid, CycleID: cid, PersonID: v.PersonID, Role: in.Role}
		if in.Motivation != nil {
			a.Motivation = *in.Motivation
		}
		if in.Goals != nil {
			a.Goals = *in.Goals
		}
		if in.AcceptConduct != nil {
			a.AcceptConduct = *in.AcceptConduct
		}
		e, err = s.programs.Apply(r.Context(), a)
	}
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/enrollments/"+e.ID)
	return writeJSON(w, http.StatusCreated, toEnrollmentJSON(e))
}

func (s *Server) apiMyEnrollments(w http.ResponseWriter, r *http.Request) error {
	f, bad := enrollmentFilter(r.URL.Query())
	if err := bad.Err(); err != nil {
		return err
	}
	list, err := s.ownEnrollments(r, f, "", "")
	if err != nil {
		return err
	}
	return writeEnrollments(w, list)
}

func (s *Server) apiGetEnrollment(w http.ResponseWriter, r *http.Request) error {
	e, err := s.programs.GetEnrollment(r.Context(), r.PathValue("eid"))
	if errs.Is(err, errs.NotFound) || err == nil && !access.CanSeeEnrollment(viewer(r), e.PersonID) {
		// Someone else's enrollment answers exactly as a missing one.
		return errs.E(errs.NotFound, "no such enrollment")
	}
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, toEnrollmentJSON(e))
}

func (s *Server) apiDecideEnrollment(w http.ResponseWriter, r *http.Request) error {
	v := viewer(r)
	approve, err := decodeChoice(w, r, "approve", "is required: true to approve, false to decline")
	if err != nil {
		return err
	}
	e, err := s.programs.Decide(r.Context(), r.PathValue("eid"), approve, v.PersonID)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, toEnrollmentJSON(e))
}

func (s *Server) apiWithdrawEnrollment(w http.ResponseWriter, r *http.Request) error {
	e, err := s.programs.Withdraw(r.Context(), r.PathValue("eid"), viewer(r).PersonID)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, toEnrollmentJSON(e))
}

func (s *Server) apiAcceptConduct(w http.ResponseWriter, r *http.Request) error {
	e, err := s.programs.AcceptConduct(r.Context(), r.PathValue("eid"), viewer(r).PersonID)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, toEnrollmentJSON(e))
}
