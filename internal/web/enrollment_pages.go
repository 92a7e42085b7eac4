package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/kindredhq/kindred/internal/access"
	"github.com/kindredhq/kindred/internal/errs"
	"github.com/kindredhq/kindred/internal/programs"
)

// Cycle pages and the enrollment actions: applying, an admin enrolling
// someone or deciding an application, a person withdrawing or accepting
// the code of conduct. A member sees only their own enrollments; an admin
// sees everyone's; a sponsor sees counts, never names.

func cyclePath(programID, cycleID string) string {
	return "/programs/" + programID + "/cycles/" + cycleID
}

// backTo returns the form's "back" field rebuilt as a path on this site
// (see sitePath), else fallback.
func backTo(r *http.Request, fallback string) string {
	if b, ok := sitePath(r.PostFormValue("back")); ok {
		return b
	}
	return fallback
}

// programAndCycle reads the program and the cycle of the path; a cycle of
// another program is NotFound.
func (s *Server) programAndCycle(r *http.Request) (programs.Program, programs.Cycle, error) {
	p, err := s.programs.GetProgram(r.Context(), r.PathValue("id"))
	if err != nil {
		return programs.Program{}, programs.Cycle{}, err
	}
	c, err := s.programs.GetCycle(r.Context(), p.ID, r.PathValue("cid"))
	if err != nil {
		return programs.Program{}, programs.Cycle{}, err
	}
	return p, c, nil
}

// partUses names what each part of a cycle is for.
var partUses = map[string]string{"matching": programs.UseMatching, "circles": programs.UseCircles}

// showPart renders page, a part of a cycle (its matching, its circles),
// with the data build gives for the cycle. A part the program does not
// offer (matching in a circles-only program) is NotFound, saying why.
func (s *Server) showPart(page string, build func(*http.Request, programs.Program, programs.Cycle) (map[string]any, error)) cycleHandler {
	return func(w http.ResponseWriter, r *http.Request, p programs.Program, c programs.Cycle) error {
		if err := programs.CheckOffers(p, partUses[page]); err != nil {
			return errs.E(errs.NotFound, "%s", errs.As(err).Message)
		}
		data, err := build(r, p, c)
		if err != nil {
			return err
		}
		return s.render(w, r, http.StatusOK, page, data)
	}
}

func (s *Server) showCycle(w http.ResponseWriter, r *http.Request, p programs.Program, c programs.Cycle) error {
	data, code, err := s.cyclePage(r, p, c)
	if err != nil {
		return err
	}
	return s.render(w, r, code, "cycle", data)
}

// cyclePage is the data of a cycle's page and its status: 422 when the
// admin's filter of the enrollments (?status=, ?role=) is not valid; the
// page then shows the problem in the filter form. Members' pages have no
// filter and ignore the query string.
func (s *Server) cyclePage(r *http.Request, p programs.Program, c programs.Cycle) (map[string]any, int, error) {
	v := viewer(r)
	ctx := r.Context()
	code := http.StatusOK
	all, err := s.programs.PersonEnrollments(ctx, v.PersonID)
	if err != nil {
		return nil, 0, err
	}
	mine := ownIn(all, p.ID, c.ID)
	// Roles the viewer may still apply for: those the program offers and
	// the viewer does not hold already.
	var open []string
	for _, role := range p.Roles() {
		if !slices.ContainsFunc(mine, func(e programs.Enrollment) bool { return e.Active() && e.Role == role }) {
			open = append(open, role)
		}
	}
	state := c.Status(s.today())
	data := map[string]any{"Title": c.Name + " · " + p.Name, "Section": "programs", "Program": p,
		"Cycle": cycleRow{Cycle: c, State: state}, "Mine": mine, "OpenRoles": open, "L": labels{},
		"Ended": state == programs.CycleEnded, "MayApply": !v.IsSponsor(),
		"ApplyForm": programs.Application{}, "Back": cyclePath(p.ID, c.ID), "CanManage": access.CanManagePrograms(v),
		// Absent form errors are typed nil maps, so templates can index them.
		"ApplyErrors": map[string]string(nil), "EnrollErrors": map[string]string(nil), "FilterErrors": map[string]string(nil)}
	if len(open) > 0 {
		data["ApplyForm"] = programs.Application{Role: open[0]}
	}
	closed := s.closedReason(p, c, programs.UseEnrollment)
	data["Joinable"], data["Closed"] = closed == "", closed
	data["EditCycle"] = editCycleForm(p, c, c, programs.CycleVersion(c), nil)
	switch {
	case access.CanManagePrograms(v):
		f, bad := enrollmentFilter(r.URL.Query())
		data["Filter"], data["Statuses"], data["AllRoles"] = f, programs.Statuses, programs.Roles
		// ?person_id= fills the form: the person picker's search page comes back so.
		data["EnrollForm"] = programs.EnrollRequest{PersonID: strings.TrimSpace(r.URL.Query().Get("person_id"))}
		q := url.Values{}
		if len(bad) > 0 {
			data["FilterErrors"] = map[string]string(bad)
			code = http.StatusUnprocessableEntity
			break
		}
		if f.Status != "" {
			q.Set("status", f.Status)
		}
		if f.Role != "" {
			q.Set("role", f.Role)
		}
		page := pageOf(r.URL.Query())
		f.Limit, f.Offset = enrollmentPageSize, (page-1)*enrollmentPageSize
		total, err := s.programs.CountCycleEnrollments(ctx, p.ID, c.ID, f)
		if err != nil {
			return nil, 0, err
		}
		data["FilterQuery"] = q.Encode()
		if page > 1 {
			q.Set("page", strconv.Itoa(page))
		}
		if len(q) > 0 {
			data["Back"] = cyclePath(p.ID, c.ID) + "?" + q.Encode()
		}
		list, err := s.programs.CycleEnrollments(ctx, p.ID, c.ID, f)
		if err != nil {
			return nil, 0, err
		}
		data["Enrollments"] = list
		data["Total"], data["Page"], data["Pages"] = total, page, (total+enrollmentPageSize-1)/enrollmentPageSize
	case access.CanSeeAggregates(v):
		counts, err := s.programs.Counts(ctx, p.ID)
		if err != nil {
			return nil, 0, err
		}
		data["Counts"] = newCountTable([]programs.Cycle{c}, counts)
	}
	return data, code, nil
}

// rerenderCycle shows the cycle page again with a form's problems, under
// key (ApplyErrors or EnrollErrors), and what was typed, under formKey.
func (s *Server) rerenderCycle(w http.ResponseWriter, r *http.Request, p programs.Program, c programs.Cycle,
	key string, bad errs.Fields, formKey string, form any) error {
	data, _, err := s.cyclePage(r, p, c)
	if err != nil {
		return err
	}
	data[key], data[formKey] = map[string]string(bad), form
	return s.render(w, r, http.StatusUnprocessableEntity, "cycle", data)
}

func (s *Server) applyToCycle(w http.ResponseWriter, r *http.Request, p programs.Program, c programs.Cycle) error {
	v := viewer(r)
	a := programs.Application{ProgramID: p.ID, CycleID: c.ID, PersonID: v.PersonID, Role: r.PostFormValue("role"),
		Motivation: r.PostFormValue("motivation"), Goals: r.PostFormValue("goals"),
		AcceptConduct: r.PostFormValue("accept_conduct") != ""}
	e, err := s.programs.Apply(r.Context(), a)
	if err != nil {
		if bad := fieldErrors(err); bad != nil {
			return s.rerenderCycle(w, r, p, c, "ApplyErrors", bad, "ApplyForm", a)
		}
		return err
	}
	msg := "Welcome to " + c.Name + " as " + programs.RoleLabel(e.Role) + "."
	if e.Status == programs.StatusApplied {
		msg = "Thank you for applying as " + programs.RoleLabel(e.Role) + ". A program manager will decide soon."
	}
	return s.redirect(w, r, cyclePath(p.ID, c.ID), msg)
}

func (s *Server) enrollPerson(w http.ResponseWriter, r *http.Request, p programs.Program, c programs.Cycle) error {
	v := viewer(r)
	req := programs.EnrollRequest{ProgramID: p.ID, CycleID: c.ID, PersonID: r.PostFormValue("person_id"),
		Role: r.PostFormValue("role"), AdminID: v.PersonID}
	e, err := s.programs.Enroll(r.Context(), req)
	if err != nil {
		if bad := fieldErrors(err); bad != nil {
			return s.rerenderCycle(w, r, p, c, "EnrollErrors", bad, "EnrollForm", req)
		}
		return err
	}
	return s.redirect(w, r, cyclePath(p.ID, c.ID), e.PersonName+" is enrolled as "+programs.RoleLabel(e.Role)+
		"; they accept the code of conduct on their next visit.")
}

func (s *Server) decideEnrollment(w http.ResponseWriter, r *http.Request) error {
	v := viewer(r)
	approve, err := formChoice(r, "decision", "approve", "decline", "a decision")
	if err != nil {
		return err
	}
	e, err := s.programs.Decide(r.Context(), r.PathValue("eid"), approve, v.PersonID)
	if err != nil {
		return err
	}
	verb := "Declined"
	if approve {
		verb = "Approved"
	}
	return s.redirect(w, r, backTo(r, cyclePath(e.ProgramID, e.CycleID)),
		verb+" "+e.PersonName+" as "+programs.RoleLabel(e.Role)+" in "+e.ProgramName+" · "+e.CycleName+".")
}

func (s *Server) withdrawEnrollment(w http.ResponseWriter, r *http.Request) error {
	e, err := s.programs.Withdraw(r.Context(), r.PathValue("eid"), viewer(r).PersonID)
	if err != nil {
		return err
	}
	return s.redirect(w, r, backTo(r, cyclePath(e.ProgramID, e.CycleID)),
		"You withdrew from "+e.ProgramName+" · "+e.CycleName+" as "+programs.RoleLabel(e.Role)+".")
}

func (s *Server) acceptConduct(w http.ResponseWriter, r *http.Request) error {
	e, err := s.programs.AcceptConduct(r.Context(), r.PathValue("eid"), viewer(r).PersonID)
	if err != nil {
		return err
	}
	return s.redirect(w, r, backTo(r, cyclePath(e.ProgramID, e.CycleID)),
		"Thank you for accepting the code of conduct of "+e.ProgramName+".")
}
