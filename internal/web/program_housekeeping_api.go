package web

import (
	"net/http"

	"github.com/kindredhq/kindred/internal/errs"
	"github.com/kindredhq/kindred/internal/programs"
)

// cyclePatch is the body of PATCH /api/v1/programs/{id}/cycles/{cid}:
// only the fields sent change.
type cyclePatch struct {
	Name     *string `json:"name"`
	StartsOn *string `json:"starts_on"`
	EndsOn   *string `json:"ends_on"`
}

// apply sets the fields sent on c.
func (in cyclePatch) apply(c *programs.Cycle) {
	setIf(&c.Name, in.Name)
	setIf(&c.StartsOn, in.StartsOn)
	setIf(&c.EndsOn, in.EndsOn)
}

func (s *Server) apiUpdateCycle(w http.ResponseWriter, r *http.Request) error {
	var in cyclePatch
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	c, err := s.programs.EditCycle(r.Context(), r.PathValue("id"), r.PathValue("cid"), ifMatch(r), in.apply)
	if err != nil {
		return err
	}
	w.Header().Set("ETag", etag(programs.CycleVersion(c)))
	return writeJSON(w, http.StatusOK, s.toCycleJSON(c))
}

// decodeArchived reads the body of the archive routes: {"archived": true}
// archives, false brings back.
func decodeArchived(w http.ResponseWriter, r *http.Request) (bool, error) {
	var in struct {
		Archived *bool `json:"archived"`
	}
	if err := decodeJSON(w, r, &in); err != nil {
		return false, err
	}
	if in.Archived == nil {
		return false, errs.Field("archived", "is required: true to archive, false to bring back")
	}
	return *in.Archived, nil
}

func (s *Server) apiArchiveProgram(w http.ResponseWriter, r *http.Request) error {
	archived, err := decodeArchived(w, r)
	if err != nil {
		return err
	}
	p, err := s.programs.SetProgramArchived(r.Context(), r.PathValue("id"), archived)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, toProgramJSON(p))
}

func (s *Server) apiArchiveCycle(w http.ResponseWriter, r *http.Request) error {
	archived, err := decodeArchived(w, r)
	if err != nil {
		return err
	}
	c, err := s.programs.SetCycleArchived(r.Context(), r.PathValue("id"), r.PathValue("cid"), archived)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, s.toCycleJSON(c))
}
