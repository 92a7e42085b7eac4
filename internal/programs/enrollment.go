package programs

import (
	"slices"
	"strings"
	"time"

	"github.com/kindredhq/kindred/internal/errs"
)

// Roles a person takes in a cycle.
const (
	RoleMentor       = "mentor"
	RoleMentee       = "mentee"
	RoleCircleMember = "circle_member"
)

// Roles lists the valid roles, for forms and filters.
var Roles = []string{RoleMentor, RoleMentee, RoleCircleMember}

// Enrollment statuses. Applied and approved enrollments are active: a person
// has at most one active enrollment per cycle and role.
const (
	StatusApplied   = "applied"   // a mentor application waiting for an admin
	StatusApproved  = "approved"  // taking part
	StatusDeclined  = "declined"  // an admin declined the application
	StatusWithdrawn = "withdrawn" // the person withdrew
)

// Statuses lists the valid enrollment statuses, for forms and filters.
var Statuses = []string{StatusApplied, StatusApproved, StatusDeclined, StatusWithdrawn}

// Enrollment is a person's place, or application for one, in a cycle.
type Enrollment struct {
	ID        string
	CycleID   string
	ProgramID string
	PersonID  string
	Role      string // one of Roles
	Status    string // one of Statuses
	// Motivation says why this person and what they are curious about:
	// enrollment is on potential and curiosity, not seniority.
	Motivation        string
	Goals             string
	ConductAcceptedAt *time.Time // nil until the person accepts the code of conduct
	DecidedBy         string     // the admin who approved, declined or enrolled; empty if automatic
	DecidedAt         *time.Time // when it was approved or declined; nil while applied
	CreatedAt         time.Time
	UpdatedAt         time.Time // last change of status or conduct acceptance

	// Joined for lists and pages; not stored with the enrollment.
	PersonName    string
	ProgramName   string
	CycleName     string
	CycleStartsOn string
	CycleEndsOn   string
}

// Active reports whether the enrollment is applied or approved.
func (e Enrollment) Active() bool { return e.Status == StatusApplied || e.Status == StatusApproved }

// NeedsConduct reports whether the person still has to accept the code of
// conduct: the enrollment is active and it has not been accepted (as after
// an admin enrolled them directly).
func (e Enrollment) NeedsConduct() bool { return e.Active() && e.ConductAcceptedAt == nil }

// CycleStatus returns the status of the enrollment's cycle on today.
func (e Enrollment) CycleStatus(today time.Time) string {
	return cycleStatus(e.CycleStartsOn, e.CycleEndsOn, today.Format(DateLayout))
}

// Application is a person's request to join a cycle in a role.
type Application struct {
	ProgramID     string
	CycleID       string
	PersonID      string // the applicant
	Role          string // form field "role"
	Motivation    string // form field "motivation": required
	Goals         string // form field "goals": optional
	AcceptConduct bool   // form field "accept_conduct": must be true
}

// EnrollRequest is an admin's direct enrollment of a person in a cycle.
type EnrollRequest struct {
	ProgramID string
	CycleID   string
	PersonID  string // form field "person_id"
	Role      string // form field "role"
	AdminID   string // the admin enrolling them, recorded as DecidedBy
}

// EnrollmentFilter narrows a cycle's enrollments; empty fields match all.
type EnrollmentFilter struct {
	Status string // one of Statuses, or empty
	Role   string // one of Roles, or empty
	Limit  int    // at most this many (0 for all, else up to MaxPage)
	Offset int    // skip this many first
}

// MaxPage is the largest page of enrollments one read returns.
const MaxPage = 1000

// validate checks the filter values, which come from query strings.
func (f EnrollmentFilter) validate() error {
	fs := errs.Fields{}
	if f.Status != "" && !slices.Contains(Statuses, f.Status) {
		fs.Add("status", "%q is not an enrollment status", f.Status)
	}
	if f.Role != "" && !slices.Contains(Roles, f.Role) {
		fs.Add("role", "%q is not a role", f.Role)
	}
	if f.Limit < 0 || f.Limit > MaxPage {
		fs.Add("limit", "must be from 1 to %d", MaxPage)
	}
	if f.Offset < 0 {
		fs.Add("offset", "must not be negative")
	}
	return fs.Err()
}

// RoleLabel returns the human label of a role ("Circle member"), or the
// value itself if it is not known.
func RoleLabel(r string) string { return label(r, roleLabels) }

// StatusLabel returns the human label of an enrollment status ("Awaiting
// approval"), or the value itself if it is not known.
func StatusLabel(s string) string { return label(s, statusLabels) }

var (
	roleLabels = map[string]string{
		RoleMentor:       "Mentor",
		RoleMentee:       "Mentee",
		RoleCircleMember: "Circle member",
	}
	statusLabels = map[string]string{
		StatusApplied:   "Awaiting approval",
		StatusApproved:  "Approved",
		StatusDeclined:  "Declined",
		StatusWithdrawn: "Withdrawn",
	}
)

// initialStatus is the status a new application starts in: mentors wait for
// an admin's approval, everyone else is approved at once.
func initialStatus(role string) string {
	if role == RoleMentor {
		return StatusApplied
	}
	return StatusApproved
}

// validateApplication normalizes a and checks it against its program and
// cycle on day today, returning every problem keyed by form field name.
func validateApplication(a *Application, p Program, c Cycle, today time.Time) errs.Fields {
	f := errs.Fields{}
	a.Role = strings.TrimSpace(a.Role)
	a.Motivation = strings.TrimSpace(a.Motivation)
	a.Goals = strings.TrimSpace(a.Goals)
	switch {
	case p.Archived() || c.Archived():
		f.Add("cycle_id", "%s", errs.As(CheckActive(p, c, UseEnrollment, today)).Message)
	case c.Status(today) == CycleEnded:
		f.Add("cycle_id", "cycle %s has ended and takes no more applications", c.Name)
	}
	checkRole(f, a.Role, p)
	if a.Motivation == "" {
		f.Add("motivation", "tell us why you and what you are curious about")
	} else {
		f.Optional("motivation", a.Motivation, maxText)
	}
	f.Optional("goals", a.Goals, maxText)
	if !a.AcceptConduct {
		f.Add("accept_conduct", "accept the program's code of conduct to join")
	}
	return f
}

// checkRole checks that role is a role and that program p offers it.
func checkRole(f errs.Fields, role string, p Program) {
	switch {
	case role == "":
		f.Add("role", "is required")
	case !slices.Contains(Roles, role):
		f.Add("role", "%q is not a role", role)
	case !p.Offers(role):
		f.Add("role", "%s does not offer the role %s", p.Name, RoleLabel(role))
	}
}
