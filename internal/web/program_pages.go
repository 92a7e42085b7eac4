package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/kindredhq/kindred/internal/access"
	"github.com/kindredhq/kindred/internal/errs"
	"github.com/kindredhq/kindred/internal/programs"
)

// Program pages: the list, the charter form (new and edit), a program's
// page with its cycles, and opening a cycle. Every signed-in person reads
// charters; only admins change them; sponsors and admins see figures.

func (s *Server) listPrograms(w http.ResponseWriter, r *http.Request) error {
	list, err := s.programs.ListPrograms(r.Context())
	if err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "programs", map[string]any{"Title": "Programs", "Section": "programs",
		"Programs": list, "CanManage": access.CanManagePrograms(viewer(r)), "L": labels{}})
}

// programForm is the charter form as typed, so a rejected form shows what
// was sent.
type programForm struct {
	programs.Program
	Minutes string // session length as typed
	Version string // the charter's ProgramVersion when the form was shown; empty for a new program
}

// programFromForm reads the charter form. A session length that is not a
// number is reported here; everything else is checked by programs.Validate.
func programFromForm(r *http.Request) (programForm, errs.Fields) {
	bad := errs.Fields{}
	f := programForm{Minutes: strings.TrimSpace(r.PostFormValue("session_minutes"))}
	f.Name = r.PostFormValue("name")
	f.Purpose = r.PostFormValue("purpose")
	f.Outcomes = r.PostFormValue("outcomes")
	f.Cadence = r.PostFormValue("cadence")
	f.DecisionRights = r.PostFormValue("decision_rights")
	f.CodeOfConduct = r.PostFormValue("code_of_conduct")
	f.FacilitationMethod = r.PostFormValue("facilitation_method")
	f.Engagements = r.PostForm["engagements"]
	if f.Minutes != "" {
		n, err := strconv.Atoi(f.Minutes)
		if err != nil {
			bad.Add("session_minutes", "%q is not a whole number of minutes", f.Minutes)
		}
		f.SessionMinutes = n
	}
	// Validate a copy for every remaining problem at once; the store
	// validates again when saving.
	p := f.Program
	bad = merge(bad, programs.Validate(&p))
	// Show the defaults the store fills in for what was left empty.
	f.Defaults()
	if f.Minutes == "" {
		f.Minutes = strconv.Itoa(f.SessionMinutes)
	}
	return f, bad
}

func (s *Server) programFormData(title string, f programForm, bad errs.Fields) map[string]any {
	return map[string]any{"Title": title, "Section": "programs", "Form": f, "Errors": map[string]string(bad),
		"Cadences": programs.Cadences, "Methods": programs.FacilitationMethods, "Kinds": programs.EngagementKinds,
		"MinMinutes": programs.MinSessionMinutes, "MaxMinutes": programs.MaxSessionMinutes, "L": labels{}}
}

func (s *Server) newProgramForm(w http.ResponseWriter, r *http.Request) error {
	var f programForm
	f.Defaults()
	f.Engagements = []string{programs.EngagementOneOnOne}
	f.Minutes = strconv.Itoa(f.SessionMinutes)
	return s.render(w, r, http.StatusOK, "program_form", s.programFormData("New program", f, nil))
}

func (s *Server) createProgram(w http.ResponseWriter, r *http.Request) error {
	v := viewer(r)
	f, bad := programFromForm(r)
	if len(bad) == 0 {
		p := f.Program
		p.CreatedBy = v.PersonID
		created, err := s.programs.CreateProgram(r.Context(), p)
		if bad = fieldErrors(err); err != nil && bad == nil {
			return err
		}
		if err == nil {
			return s.redirect(w, r, "/programs/"+created.ID, created.Name+" was created. Open a cycle so people can apply.")
		}
	}
	return s.render(w, r, http.StatusUnprocessableEntity, "program_form", s.programFormData("New program", f, bad))
}

func (s *Server) editProgramForm(w http.ResponseWriter, r *http.Request) error {
	p, err := s.programs.GetProgram(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	f := programForm{Program: p, Minutes: strconv.Itoa(p.SessionMinutes), Version: programs.ProgramVersion(p)}
	return s.render(w, r, http.StatusOK, "program_form", s.programFormData("Edit "+p.Name, f, nil))
}

func (s *Server) updateProgram(w http.ResponseWriter, r *http.Request) error {
	old, err := s.programs.GetProgram(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	f, bad := programFromForm(r)
	f.ID, f.Version = old.ID, r.PostFormValue("version")
	if len(bad) == 0 {
		var p programs.Program
		p, err = s.programs.EditProgram(r.Context(), old.ID, r.PostFormValue("version"), func(dst *programs.Program) { *dst = f.Program })
		if errs.Is(err, errs.Stale) {
			return s.staleProgramForm(w, r, old.ID)
		}
		if bad = fieldErrors(err); err != nil && bad == nil {
			return err
		}
		if err == nil {
			return s.redirect(w, r, "/programs/"+p.ID, "Charter saved.")
		}
	}
	return s.render(w, r, http.StatusUnprocessableEntity, "program_form", s.programFormData("Edit "+old.Name, f, bad))
}

// staleProgramForm answers a charter form sent against a version that is
// no longer stored: 409 with the form showing the stored charter, its
// version and a message saying why nothing was saved.
func (s *Server) staleProgramForm(w http.ResponseWriter, r *http.Request, id string) error {
	p, err := s.programs.GetProgram(r.Context(), id)
	if err != nil {
		return err
	}
	f := programForm{Program: p, Minutes: strconv.Itoa(p.SessionMinutes), Version: programs.ProgramVersion(p)}
	data := s.programFormData("Edit "+p.Name, f, nil)
	data["Stale"] = true
	return s.render(w, r, http.StatusConflict, "program_form", data)
}

func (s *Server) showProgram(w http.ResponseWriter, r *http.Request) error {
	p, err := s.programs.GetProgram(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	data, err := s.programPage(r, p)
	if err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "program", data)
}

// programPage is the data of a program's page: the charter and cycles for
// everyone, the viewer's own enrollments, the figures for sponsors and
// admins, and the cycle form for admins.
func (s *Server) programPage(r *http.Request, p programs.Program) (map[string]any, error) {
	v := viewer(r)
	ctx := r.Context()
	cycles, err := s.programs.ListCycles(ctx, p.ID)
	if err != nil {
		return nil, err
	}
	mine, err := s.programs.PersonEnrollments(ctx, v.PersonID)
	if err != nil {
		return nil, err
	}
	data := map[string]any{"Title": p.Name, "Section": "programs", "Program": p, "Cycles": s.cycleRows(cycles),
		"Mine": ownIn(mine, p.ID, ""), "CanManage": access.CanManagePrograms(v), "L": labels{},
		"NewCycle": newCycleForm(p, programs.Cycle{}, nil)}
	if access.CanSeeAggregates(v) {
		counts, err := s.programs.Counts(ctx, p.ID)
		if err != nil {
			return nil, err
		}
		data["Counts"] = newCountTable(cycles, counts)
	}
	return data, nil
}

func (s *Server) createCycle(w http.ResponseWriter, r *http.Request) error {
	p, err := s.programs.GetProgram(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	in := programs.Cycle{ProgramID: p.ID, Name: r.PostFormValue("name"),
		StartsOn: r.PostFormValue("starts_on"), EndsOn: r.PostFormValue("ends_on")}
	c, err := s.programs.CreateCycle(r.Context(), in)
	if err == nil {
		msg := "Cycle " + c.Name + " takes applications until it ends."
		if c.Status(s.today()) == programs.CycleEnded {
			msg = "Cycle " + c.Name + " is recorded; it has ended, so enroll people directly."
		}
		return s.redirect(w, r, "/programs/"+p.ID+"/cycles/"+c.ID, msg)
	}
	bad := fieldErrors(err)
	if bad == nil {
		return err
	}
	data, err := s.programPage(r, p)
	if err != nil {
		return err
	}
	data["NewCycle"] = newCycleForm(p, in, bad)
	return s.render(w, r, http.StatusUnprocessableEntity, "program", data)
}
