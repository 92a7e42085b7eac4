package web

import (
	"net/http"

	"github.com/kindredhq/kindred/internal/errs"
	"github.com/kindredhq/kindred/internal/programs"
)

// Housekeeping pages: an admin edits a cycle's name and dates, and
// archives (or unarchives) a program or a cycle. An archived one is
// read-only and hidden from the lists people join from.

// updateCycle saves the cycle form of the cycle page; problems re-render
// the page with 422 and the form as typed.
func (s *Server) updateCycle(w http.ResponseWriter, r *http.Request, p programs.Program, c programs.Cycle) error {
	in := programs.Cycle{ID: c.ID, ProgramID: p.ID, Name: r.PostFormValue("name"),
		StartsOn: r.PostFormValue("starts_on"), EndsOn: r.PostFormValue("ends_on")}
	version := r.PostFormValue("version")
	saved, err := s.programs.EditCycle(r.Context(), p.ID, c.ID, version, func(dst *programs.Cycle) {
		dst.Name, dst.StartsOn, dst.EndsOn = in.Name, in.StartsOn, in.EndsOn
	})
	if err == nil {
		return s.redirect(w, r, cyclePath(p.ID, c.ID), "Cycle "+saved.Name+" saved: "+
			labels{}.Day(saved.StartsOn)+" to "+labels{}.Day(saved.EndsOn)+".")
	}
	code, form := http.StatusUnprocessableEntity, cycleForm{}
	switch bad := fieldErrors(err); {
	case errs.Is(err, errs.Stale):
		// Show what is stored now, with its version, and say why nothing
		// was saved.
		if c, err = s.programs.GetCycle(r.Context(), p.ID, c.ID); err != nil {
			return err
		}
		code, form = http.StatusConflict, editCycleForm(p, c, c, programs.CycleVersion(c), nil)
		form.Stale = true
	case bad == nil:
		return err
	default:
		form = editCycleForm(p, c, in, version, bad)
	}
	data, _, err := s.cyclePage(r, p, c)
	if err != nil {
		return err
	}
	data["EditCycle"] = form
	return s.render(w, r, code, "cycle", data)
}

// cycleForm is the "cycleform" template's data: a cycle's name and dates
// as typed, their problems, where the form goes and what its button says.
type cycleForm struct {
	Action, Button, LabelledBy, Placeholder string
	Form                                    programs.Cycle
	Errors                                  map[string]string
	Version                                 string // the cycle's CycleVersion the form is based on; empty for a new cycle
	Stale                                   bool   // the form was sent against a version no longer stored
}

// newCycleForm is the form that opens a cycle of p.
func newCycleForm(p programs.Program, in programs.Cycle, bad errs.Fields) cycleForm {
	return cycleForm{Action: "/programs/" + p.ID + "/cycles", Button: "Open cycle", LabelledBy: "newcycle-h",
		Placeholder: "e.g. Q1 2027", Form: in, Errors: bad}
}

// editCycleForm is the form that changes cycle c of p, showing in, based
// on the stored version.
func editCycleForm(p programs.Program, c, in programs.Cycle, version string, bad errs.Fields) cycleForm {
	return cycleForm{Action: cyclePath(p.ID, c.ID) + "/edit", Button: "Save cycle", LabelledBy: "settings-h", Form: in, Errors: bad,
		Version: version}
}

// archiveCycle archives the cycle, or brings it back with archived=no.
func (s *Server) archiveCycle(w http.ResponseWriter, r *http.Request, p programs.Program, c programs.Cycle) error {
	archived, err := archivedFlag(r)
	if err != nil {
		return err
	}
	c, err = s.programs.SetCycleArchived(r.Context(), p.ID, c.ID, archived)
	if err != nil {
		return err
	}
	msg := "Cycle " + c.Name + " is archived: it is read-only and nobody can join it."
	if !archived {
		msg = "Cycle " + c.Name + " is back in use."
	}
	return s.redirect(w, r, cyclePath(p.ID, c.ID), msg)
}

// archiveProgram archives the program, or brings it back with archived=no.
func (s *Server) archiveProgram(w http.ResponseWriter, r *http.Request) error {
	archived, err := archivedFlag(r)
	if err != nil {
		return err
	}
	p, err := s.programs.SetProgramArchived(r.Context(), r.PathValue("id"), archived)
	if err != nil {
		return err
	}
	msg := p.Name + " is archived: it and its cycles are read-only and hidden from the programs people can join."
	if !archived {
		msg = p.Name + " is back in use."
	}
	return s.redirect(w, r, "/programs/"+p.ID, msg)
}

// archivedFlag reads the archive forms' field "archived": yes or no.
func archivedFlag(r *http.Request) (bool, error) {
	switch r.PostFormValue("archived") {
	case "yes":
		return true, nil
	case "no":
		return false, nil
	}
	return false, errs.Field("archived", "must be yes or no")
}
