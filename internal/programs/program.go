// Package programs holds mentoring programs and their charters, the cycles
// a program runs in, and the enrollments of people in a cycle as mentor,
// mentee or circle member, with the rules that govern them and their storage.
//
// A program's charter states its purpose, intended outcomes, cadence,
// session length, decision rights, code of conduct, facilitation method and
// the kinds of engagement it offers; the kinds of engagement decide which
// roles a person may take in it. People join a cycle by application, on
// potential and curiosity rather than seniority: mentee and circle-member
// applications are approved at once, mentor applications wait for an
// admin's decision. An admin may also enroll a person directly; that person
// accepts the code of conduct on their next visit.
//
// Authorization is not checked here: the caller (web) decides who may call
// what. The Store only enforces who owns an enrollment where the person is
// named (Withdraw, AcceptConduct), answering NotFound for someone else's.
package programs

import (
	"slices"
	"strings"
	"time"

	"github.com/kindredhq/kindred/internal/errs"
)

// Cadences: how often a program's sessions happen.
const (
	CadenceWeekly    = "weekly"
	CadenceBiweekly  = "biweekly"
	CadenceMonthly   = "monthly"
	CadenceQuarterly = "quarterly"
)

// Cadences lists the valid cadences, most frequent first, for forms.
var Cadences = []string{CadenceWeekly, CadenceBiweekly, CadenceMonthly, CadenceQuarterly}

// Facilitation methods: how a program's group sessions are run.
const (
	FacilitationOpenDiscussion = "open_discussion"
	FacilitationOpenSpace      = "open_space"
	FacilitationCaseClinic     = "case_clinic"
)

// FacilitationMethods lists the valid facilitation methods, for forms.
var FacilitationMethods = []string{FacilitationOpenDiscussion, FacilitationOpenSpace, FacilitationCaseClinic}

// Engagement kinds: the forms of mentoring a program offers.
const (
	EngagementOneOnOne       = "one_on_one"      // 1:1 mentor and mentee pairs
	EngagementCircles        = "circles"         // cross-level circles of 5 to 8
	EngagementPeerGroups     = "peer_groups"     // groups of peers
	EngagementMicroMentoring = "micro_mentoring" // short, focused windows
	EngagementOfficeHours    = "office_hours"    // mentor pockets open to anyone
)

// EngagementKinds lists the valid engagement kinds in their canonical order,
// for forms; a program's Engagements are kept in this order.
var EngagementKinds = []string{EngagementOneOnOne, EngagementCircles, EngagementPeerGroups, EngagementMicroMentoring, EngagementOfficeHours}

// Session length bounds, in minutes.
const (
	MinSessionMinutes = 15
	MaxSessionMinutes = 240
)

// Field limits, in characters: generous for real charters, small enough to
// keep pages sane.
const (
	maxName    = 120
	maxText    = 4000  // purpose, outcomes, decision rights, motivation, goals
	maxConduct = 20000 // a code of conduct may be long
)

// DateLayout is the layout of cycle dates (YYYY-MM-DD).
const DateLayout = "2006-01-02"

// Program is a mentoring program with its charter.
type Program struct {
	ID                 string
	Name               string // unique, whatever the case
	Purpose            string
	Outcomes           string // intended outcomes
	Cadence            string // one of Cadences
	SessionMinutes     int    // MinSessionMinutes..MaxSessionMinutes
	DecisionRights     string // who decides what in the program
	CodeOfConduct      string // accepted by every participant on joining
	FacilitationMethod string // one of FacilitationMethods
	Engagements        []string
	CreatedBy          string // the admin who created it; empty if unknown
	CreatedAt          time.Time
	UpdatedAt          time.Time
	// ArchivedAt is when an admin archived the program, nil while it is in
	// use. An archived program and its cycles are read-only and hidden
	// from the lists people join from.
	ArchivedAt *time.Time
}

// Archived reports whether the program is archived.
func (p Program) Archived() bool { return p.ArchivedAt != nil }

// Offers reports whether the program's kinds of engagement admit role.
func (p Program) Offers(role string) bool {
	return slices.Contains(RolesFor(p.Engagements), role)
}

// Roles returns the roles a person may take in the program, in the order of
// Roles, for forms.
func (p Program) Roles() []string { return RolesFor(p.Engagements) }

// RolesFor returns the roles that engagement kinds admit, in the order of
// Roles: mentor and mentee need 1:1 mentoring, micro-mentoring or office
// hours; circle member needs circles or peer groups.
func RolesFor(engagements []string) []string {
	var out []string
	pairs := slices.ContainsFunc(engagements, func(e string) bool {
		return e == EngagementOneOnOne || e == EngagementMicroMentoring || e == EngagementOfficeHours
	})
	groups := slices.ContainsFunc(engagements, func(e string) bool {
		return e == EngagementCircles || e == EngagementPeerGroups
	})
	if pairs {
		out = append(out, RoleMentor, RoleMentee)
	}
	if groups {
		out = append(out, RoleCircleMember)
	}
	return out
}

// Defaults fills the charter fields a form may leave empty: a monthly
// cadence, one-hour sessions and open discussion.
func (p *Program) Defaults() {
	if p.Cadence == "" {
		p.Cadence = CadenceMonthly
	}
	if p.SessionMinutes == 0 {
		p.SessionMinutes = 60
	}
	if p.FacilitationMethod == "" {
		p.FacilitationMethod = FacilitationOpenDiscussion
	}
}

// Validate normalizes p (trims text, fills defaults, puts engagements in
// canonical order without repeats) and returns every problem found, keyed by
// form field name: name, purpose, outcomes, cadence, session_minutes,
// decision_rights, code_of_conduct, facilitation_method, engagements. It
// cannot see other programs; the store reports a taken name as a Conflict
// on field "name".
func Validate(p *Program) errs.Fields {
	f := errs.Fields{}
	p.Defaults()
	p.Name = strings.Join(strings.Fields(p.Name), " ")
	p.Purpose = strings.TrimSpace(p.Purpose)
	p.Outcomes = strings.TrimSpace(p.Outcomes)
	p.DecisionRights = strings.TrimSpace(p.DecisionRights)
	p.CodeOfConduct = strings.TrimSpace(p.CodeOfConduct)
	p.Cadence = strings.TrimSpace(p.Cadence)
	p.FacilitationMethod = strings.TrimSpace(p.FacilitationMethod)

	f.Required("name", p.Name, maxName)
	f.Optional("purpose", p.Purpose, maxText)
	f.Optional("outcomes", p.Outcomes, maxText)
	f.Optional("decision_rights", p.DecisionRights, maxText)
	f.Optional("code_of_conduct", p.CodeOfConduct, maxConduct)
	oneOf(f, "cadence", p.Cadence, Cadences, CadenceLabel)
	if p.SessionMinutes < MinSessionMinutes || p.SessionMinutes > MaxSessionMinutes {
		f.Add("session_minutes", "must be from %d to %d minutes", MinSessionMinutes, MaxSessionMinutes)
	}
	oneOf(f, "facilitation_method", p.FacilitationMethod, FacilitationMethods, FacilitationLabel)

	var kinds []string
	for _, e := range p.Engagements {
		e = strings.TrimSpace(e)
		if e != "" && !slices.Contains(EngagementKinds, e) {
			f.Add("engagements", "%q is not a kind of engagement", e)
		}
	}
	for _, k := range EngagementKinds {
		if slices.ContainsFunc(p.Engagements, func(e string) bool { return strings.TrimSpace(e) == k }) {
			kinds = append(kinds, k)
		}
	}
	p.Engagements = kinds
	if len(kinds) == 0 {
		f.Add("engagements", "choose at least one kind of engagement")
	}
	return f
}

func oneOf(f errs.Fields, field, v string, valid []string, label func(string) string) {
	if slices.Contains(valid, v) {
		return
	}
	names := make([]string, len(valid))
	for i, x := range valid {
		names[i] = label(x)
	}
	f.Add(field, "%q must be one of: %s", v, strings.Join(names, ", "))
}

// CadenceLabel returns the human label of a cadence ("Every two weeks"),
// or the value itself if it is not a known cadence.
func CadenceLabel(c string) string { return label(c, cadenceLabels) }

// FacilitationLabel returns the human label of a facilitation method
// ("Open Space"), or the value itself if it is not known.
func FacilitationLabel(m string) string { return label(m, facilitationLabels) }

// EngagementLabel returns the human label of an engagement kind
// ("1:1 mentoring"), or the value itself if it is not known.
func EngagementLabel(e string) string { return label(e, engagementLabels) }

var (
	cadenceLabels = map[string]string{
		CadenceWeekly:    "Weekly",
		CadenceBiweekly:  "Every two weeks",
		CadenceMonthly:   "Monthly",
		CadenceQuarterly: "Quarterly",
	}
	facilitationLabels = map[string]string{
		FacilitationOpenDiscussion: "Open discussion",
		FacilitationOpenSpace:      "Open Space",
		FacilitationCaseClinic:     "Case clinic",
	}
	engagementLabels = map[string]string{
		EngagementOneOnOne:       "1:1 mentoring",
		EngagementCircles:        "Cross-level circles",
		EngagementPeerGroups:     "Peer groups",
		EngagementMicroMentoring: "Micro-mentoring",
		EngagementOfficeHours:    "Mentor office hours",
	}
)

func label(v string, labels map[string]string) string {
	if l, ok := labels[v]; ok {
		return l
	}
	return v
}
