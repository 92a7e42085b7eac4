package web

import (
	"net/http"
	"time"

	"github.com/kindredhq/kindred/internal/access"
	"github.com/kindredhq/kindred/internal/errs"
	"github.com/kindredhq/kindred/internal/programs"
)

// The program API: programs with their charters, their cycles, and the
// counts of people per cycle, role and status. The same checks as the
// pages: everyone signed in reads charters and cycles, admins change them,
// sponsors and admins read counts.

// programJSON is a program as the API shows it. The figures are set in
// lists only.
type programJSON struct {
	ID                 string     `json:"id"`
	Name               string     `json:"name"`
	Purpose            string     `json:"purpose"`
	Outcomes           string     `json:"outcomes"`
	Cadence            string     `json:"cadence"`
	SessionMinutes     int        `json:"session_minutes"`
	DecisionRights     string     `json:"decision_rights"`
	CodeOfConduct      string     `json:"code_of_conduct"`
	FacilitationMethod string     `json:"facilitation_method"`
	Engagements        []string   `json:"engagements"`
	Roles              []string   `json:"roles"`
	CreatedAt          time.Time  `json:"created_at"`
	UpdatedAt          time.Time  `json:"updated_at"`
	ArchivedAt         *time.Time `json:"archived_at,omitempty"`
	Cycles             *int       `json:"cycles,omitempty"`
	ActiveCycles       *int       `json:"active_cycles,omitempty"`
	Participants       *int       `json:"participants,omitempty"`
}

func toProgramJSON(p programs.Program) programJSON {
	return programJSON{ID: p.ID, Name: p.Name, Purpose: p.Purpose, Outcomes: p.Outcomes, Cadence: p.Cadence,
		SessionMinutes: p.SessionMinutes, DecisionRights: p.DecisionRights, CodeOfConduct: p.CodeOfConduct,
		FacilitationMethod: p.FacilitationMethod, Engagements: orEmpty(p.Engagements), Roles: orEmpty(p.Roles()),
		CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt, ArchivedAt: p.ArchivedAt}
}

// cycleJSON is a cycle with its status today.
type cycleJSON struct {
	ID         string     `json:"id"`
	ProgramID  string     `json:"program_id"`
	Name       string     `json:"name"`
	StartsOn   string     `json:"starts_on"`
	EndsOn     string     `json:"ends_on"`
	Status     string     `json:"status"` // upcoming, open or ended
	CreatedAt  time.Time  `json:"created_at"`
	ArchivedAt *time.Time `json:"archived_at,omitempty"`
}

func (s *Server) toCycleJSON(c programs.Cycle) cycleJSON {
	return cycleJSON{ID: c.ID, ProgramID: c.ProgramID, Name: c.Name, StartsOn: c.StartsOn, EndsOn: c.EndsOn,
		Status: c.Status(s.today()), CreatedAt: c.CreatedAt, ArchivedAt: c.ArchivedAt}
}

// countJSON is the number of people in one cycle with one role and status.
type countJSON struct {
	CycleID   string `json:"cycle_id"`
	CycleName string `json:"cycle_name"`
	Role      string `json:"role"`
	Status    string `json:"status"`
	People    int    `json:"people"`
}

// programIn is the body of POST /api/v1/programs and, with every field
// optional, of PATCH /api/v1/programs/{id}: only the fields sent change.
type programIn struct {
	Name               *string   `json:"name"`
	Purpose            *string   `json:"purpose"`
	Outcomes           *string   `json:"outcomes"`
	Cadence            *string   `json:"cadence"`
	SessionMinutes     *int      `json:"session_minutes"`
	DecisionRights     *string   `json:"decision_rights"`
	CodeOfConduct      *string   `json:"code_of_conduct"`
	FacilitationMethod *string   `json:"facilitation_method"`
	Engagements        *[]string `json:"engagements"`
}

// apply sets the fields sent on p.
func (in programIn) apply(p *programs.Program) {
	setIf(&p.Name, in.Name)
	setIf(&p.Purpose, in.Purpose)
	setIf(&p.Outcomes, in.Outcomes)
	setIf(&p.Cadence, in.Cadence)
	setIf(&p.DecisionRights, in.DecisionRights)
	setIf(&p.CodeOfConduct, in.CodeOfConduct)
	setIf(&p.FacilitationMethod, in.FacilitationMethod)
	setIf(&p.SessionMinutes, in.SessionMinutes)
	setIf(&p.Engagements, in.Engagements)
}

func (s *Server) apiListPrograms(w http.ResponseWriter, r *http.Request) error {
	list, err := s.programs.ListPrograms(r.Context())
	if err != nil {
		return err
	}
	out := make([]programJSON, len(list))
	for i, ps := range list {
		out[i] = toProgramJSON(ps.Program)
		out[i].Cycles, out[i].ActiveCycles, out[i].Participants = &ps.Cycles, &ps.ActiveCycles, &ps.Participants
	}
	return writeJSON(w, http.StatusOK, map[string]any{"programs": out})
}

func (s *Server) apiCreateProgram(w http.ResponseWriter, r *http.Request) error {
	v := viewer(r)
	var in programIn
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	p := programs.Program{CreatedBy: v.PersonID}
	in.apply(&p)
	p, err := s.programs.CreateProgram(r.Context(), p)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/programs/"+p.ID)
	return writeJSON(w, http.StatusCreated, toProgramJSON(p))
}

func (s *Server) apiGetProgram(w http.ResponseWriter, r *http.Request) error {
	p, err := s.programs.GetProgram(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	w.Header().Set("ETag", etag(programs.ProgramVersion(p)))
	return writeJSON(w, http.StatusOK, toProgramJSON(p))
}

func (s *Server) apiUpdateProgram(w http.ResponseWriter, r *http.Request) error {
	var in programIn
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	p, err := s.programs.EditProgram(r.Context(), r.PathValue("id"), ifMatch(r), in.apply)
	if err != nil {
		return err
	}
	w.Header().Set("ETag", etag(programs.ProgramVersion(p)))
	return writeJSON(w, http.StatusOK, toProgramJSON(p))
}

func (s *Server) apiListCycles(w http.ResponseWriter, r *http.Request) error {
	cs, err := s.programs.ListCycles(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	out := make([]cycleJSON, len(cs))
	for i, c := range cs {
		out[i] = s.toCycleJSON(c)
	}
	return writeJSON(w, http.StatusOK, map[string]any{"cycles": out})
}

// cycleIn is the body of POST /api/v1/programs/{id}/cycles.
type cycleIn struct {
	Name     string `json:"name"`
	StartsOn string `json:"starts_on"`
	EndsOn   string `json:"ends_on"`
}

func (s *Server) apiCreateCycle(w http.ResponseWriter, r *http.Request) error {
	var in cycleIn
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	c, err := s.programs.CreateCycle(r.Context(), programs.Cycle{ProgramID: r.PathValue("id"), Name: in.Name,
		StartsOn: in.StartsOn, EndsOn: in.EndsOn})
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/programs/"+c.ProgramID+"/cycles/"+c.ID)
	return writeJSON(w, http.StatusCreated, s.toCycleJSON(c))
}

func (s *Server) apiGetCycle(w http.ResponseWriter, r *http.Request) error {
	c, err := s.programs.GetCycle(r.Context(), r.PathValue("id"), r.PathValue("cid"))
	if err != nil {
		return err
	}
	w.Header().Set("ETag", etag(programs.CycleVersion(c)))
	return writeJSON(w, http.StatusOK, s.toCycleJSON(c))
}

func (s *Server) apiProgramCounts(w http.ResponseWriter, r *http.Request) error {
	if !access.CanSeeAggregates(viewer(r)) {
		return errs.E(errs.Forbidden, "only sponsors and program managers see program figures")
	}
	id := r.PathValue("id")
	counts, err := s.programs.Counts(r.Context(), id)
	if err != nil {
		return err
	}
	out := make([]countJSON, len(counts))
	for i, c := range counts {
		out[i] = countJSON{CycleID: c.CycleID, CycleName: c.CycleName, Role: c.Role, Status: c.Status, People: c.People}
	}
	return writeJSON(w, http.StatusOK, map[string]any{"program_id": id, "counts": out})
}
