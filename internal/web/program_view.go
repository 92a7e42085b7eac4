package web

import (
	"errors"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/kindredhq/kindred/internal/errs"
	"github.com/kindredhq/kindred/internal/programs"
)

// This file holds what the program pages and the program API share: the
// labels templates show, the figures sponsors and admins see, the parsing
// of the enrollment filter, and the reading of field errors.

// labels gives templates the human names of program values, as
// {{$.Data.L.Role .Role}}; the shared template functions know nothing of
// programs.
type labels struct{}

func (labels) Cadence(v string) string      { return programs.CadenceLabel(v) }
func (labels) Facilitation(v string) string { return programs.FacilitationLabel(v) }
func (labels) Engagement(v string) string   { return programs.EngagementLabel(v) }
func (labels) Role(v string) string         { return programs.RoleLabel(v) }
func (labels) Status(v string) string       { return programs.StatusLabel(v) }
func (labels) CycleStatus(v string) string  { return programs.CycleStatusLabel(v) }

// RoleHint says in a few words what a role means, for the application
// form.
func (labels) RoleHint(v string) string {
	switch v {
	case programs.RoleMentor:
		return "share what you know; a program manager approves mentors"
	case programs.RoleMentee:
		return "grow with a mentor; you join at once"
	case programs.RoleCircleMember:
		return "learn in a small cross-level group; you join at once"
	}
	return ""
}

// Day formats a YYYY-MM-DD date as "1 Oct 2026"; anything else is shown
// as it is.
func (labels) Day(v string) string {
	t, err := time.Parse(programs.DateLayout, v)
	if err != nil {
		return v
	}
	return t.Format("2 Jan 2006")
}

// today is the current day for cycle statuses: the UTC date, as the
// programs store counts it.
func (s *Server) today() time.Time { return s.now().UTC() }

// cycleRow is a cycle with its status today.
type cycleRow struct {
	programs.Cycle
	State string // programs.CycleUpcoming, CycleOpen or CycleEnded
}

func (s *Server) cycleRows(cs []programs.Cycle) []cycleRow {
	out := make([]cycleRow, len(cs))
	for i, c := range cs {
		out[i] = cycleRow{Cycle: c, State: c.Status(s.today())}
	}
	return out
}

// countTable is the number of people per cycle, role and status: the
// aggregate view of a program, with no names. It has no totals: one person
// may count under two statuses (withdrawn, then approved again).
type countTable struct {
	Statuses []string // the columns, in programs.Statuses order
	Cycles   []countCycle
	L        labels // for the "counts" template
}

type countCycle struct {
	ID, Name string
	Rows     []countRow // one per role with anybody in it
}

type countRow struct {
	Role     string
	ByStatus []int // in Statuses order
}

// newCountTable arranges counts by the cycles given, in their order; a
// cycle nobody joined has no rows.
func newCountTable(cycles []programs.Cycle, counts []programs.Count) countTable {
	t := countTable{Statuses: programs.Statuses}
	for _, c := range cycles {
		cc := countCycle{ID: c.ID, Name: c.Name}
		for _, role := range programs.Roles {
			row := countRow{Role: role, ByStatus: make([]int, len(programs.Statuses))}
			anybody := false
			for _, n := range counts {
				if n.CycleID != c.ID || n.Role != role {
					continue
				}
				if i := slices.Index(programs.Statuses, n.Status); i >= 0 {
					row.ByStatus[i] += n.People
					anybody = anybody || n.People > 0
				}
			}
			if anybody {
				cc.Rows = append(cc.Rows, row)
			}
		}
		t.Cycles = append(t.Cycles, cc)
	}
	return t
}

// enrollmentFilter reads ?status= and ?role= with a clear message for
// values that are not statuses or roles.
func enrollmentFilter(q url.Values) (programs.EnrollmentFilter, errs.Fields) {
	f := programs.EnrollmentFilter{Status: strings.TrimSpace(q.Get("status")), Role: strings.TrimSpace(q.Get("role"))}
	bad := errs.Fields{}
	if f.Status != "" && !slices.Contains(programs.Statuses, f.Status) {
		bad.Add("status", "%q is not an enrollment status; use one of: %s", f.Status, strings.Join(programs.Statuses, ", "))
	}
	if f.Role != "" && !slices.Contains(programs.Roles, f.Role) {
		bad.Add("role", "%q is not a role; use one of: %s", f.Role, strings.Join(programs.Roles, ", "))
	}
	readInts(q, bad, intParam{name: "limit", dst: &f.Limit, min: 1, max: programs.MaxPage},
		intParam{name: "offset", dst: &f.Offset, max: 1 << 30}, intParam{name: "page", dst: new(int), min: 1, max: 1 << 20})
	return f, bad
}

// enrollmentPageSize is how many enrollments the cycle page lists at once.
const enrollmentPageSize = 50

// matches reports whether e passes the filter.
func matches(f programs.EnrollmentFilter, e programs.Enrollment) bool {
	return (f.Status == "" || e.Status == f.Status) && (f.Role == "" || e.Role == f.Role)
}

// fieldErrors returns the problems of err that concern form fields (an
// Invalid or Conflict error naming a field), or nil if err is another kind
// of error, to be handled by s.fail.
func fieldErrors(err error) errs.Fields {
	var fe *errs.FieldsError
	if errors.As(err, &fe) {
		return fe.Fields
	}
	if e := errs.As(err); e != nil && e.Field != "" && (e.Kind == errs.Invalid || e.Kind == errs.Conflict) {
		return errs.Fields{e.Field: e.Message}
	}
	return nil
}

// merge adds the problems of more to f, keeping those f already has.
func merge(f, more errs.Fields) errs.Fields {
	for k, v := range more {
		if _, ok := f[k]; !ok {
			f[k] = v
		}
	}
	return f
}

// ownIn returns the enrollments of es in the program and, if cycleID is
// set, the cycle.
func ownIn(es []programs.Enrollment, programID, cycleID string) []programs.Enrollment {
	var out []programs.Enrollment
	for _, e := range es {
		if e.ProgramID == programID && (cycleID == "" || e.CycleID == cycleID) {
			out = append(out, e)
		}
	}
	return out
}

// closedReason says why cycle c of program p takes no more use
// (enrollments, matching runs, circle formations) today, in words for the
// page that would offer it, or "" when it does: pages hide the button the
// store would refuse.
func (s *Server) closedReason(p programs.Program, c programs.Cycle, use string) string {
	if err := programs.CheckActive(p, c, use, s.today()); err != nil {
		return errs.As(err).Message
	}
	return ""
}
