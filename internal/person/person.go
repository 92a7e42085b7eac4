// Package person holds what a person is, as every other package sees it:
// the Person record, the access and mentoring roles, tag kinds, and the
// rules a profile must follow (Validate). It links no database, so pure
// packages (matching/score, access) can take people as plain values; the
// people package stores them.
//
// A person's record has three parts with different audiences: the public
// profile (name, function, skills...) that every signed-in colleague sees;
// private fields (email, manager, working hours, accessibility needs) seen
// only by the person and admins; and self-reported demographic attributes,
// stored by people in a table of their own and only ever read in aggregate.
package person

import (
	"fmt"
	"strings"
	"time"

	"github.com/kindredhq/kindred/internal/schedule"
)

// Access roles: what a person may do in Kindred as a whole. Mentor, mentee
// and facilitator are relations to programs, not access roles.
const (
	RoleAdmin   = "admin"   // program manager: manages people and programs
	RoleSponsor = "sponsor" // sees aggregates only
	RoleMember  = "member"  // everyone else
)

// AccessRoles lists the valid access roles.
var AccessRoles = []string{RoleAdmin, RoleSponsor, RoleMember}

// AccessRoleLabel is an access role in words, as pages show it: "program
// manager" for admin. An unknown value is shown as it is.
func AccessRoleLabel(role string) string {
	if role == RoleAdmin {
		return "program manager"
	}
	return role
}

// Mentoring roles a person states in the HR import: whether they offer to
// mentor, want a mentor, both, or neither.
const (
	MentoringMentor = "mentor"
	MentoringMentee = "mentee"
	MentoringBoth   = "both"
	MentoringMember = "member"
)

// MentoringRoles lists the valid mentoring roles.
var MentoringRoles = []string{MentoringMentor, MentoringMentee, MentoringBoth, MentoringMember}

// Tag kinds: the list attributes of a person, stored one value a row.
const (
	TagLanguage     = "language"
	TagSkillOffered = "skill_offered"
	TagSkillWanted  = "skill_wanted"
	TagInterest     = "interest"
)

// DateLayout is the layout of dates in files and forms (YYYY-MM-DD).
const DateLayout = "2006-01-02"

// Person is one member of the organization.
type Person struct {
	ID                 string // the HR system's id, stable across imports
	Name               string
	Email              string // lower-case, unique
	Level              int    // career level 1 (entry) to 10 (executive)
	Function           string
	Department         string
	Location           string
	Timezone           string // IANA name
	WorkStart          int    // minutes after local midnight, Monday to Friday
	WorkEnd            int    // minutes after local midnight; > WorkStart
	HireDate           string // YYYY-MM-DD or empty
	ManagerID          string // empty for the top of the tree
	Languages          []string
	SkillsOffered      []string
	SkillsWanted       []string
	Interests          []string
	MentoringRole      string
	Capacity           int // mentees a mentor takes
	Facilitator        bool
	LearningStyle      string
	CommunicationStyle string
	AccessibilityNeeds string
	Bio                string
	AccessRole         string
	Active             bool
	CreatedAt          time.Time
	UpdatedAt          time.Time
}

// Defaults fills the fields a record may leave empty.
func (p *Person) Defaults() {
	if p.WorkStart == 0 && p.WorkEnd == 0 {
		p.WorkStart, p.WorkEnd = 9*60, 17*60
	}
	if p.MentoringRole == "" {
		p.MentoringRole = MentoringMember
	}
	if p.Capacity == 0 {
		p.Capacity = 1
	}
	if p.AccessRole == "" {
		p.AccessRole = RoleMember
	}
}

// IsMentor reports whether the person offers to mentor.
func (p Person) IsMentor() bool {
	return p.MentoringRole == MentoringMentor || p.MentoringRole == MentoringBoth
}

// IsMentee reports whether the person wants a mentor.
func (p Person) IsMentee() bool {
	return p.MentoringRole == MentoringMentee || p.MentoringRole == MentoringBoth
}

// WorkHours formats the working hours as HH:MM-HH:MM.
func (p Person) WorkHours() string { return FormatHours(p.WorkStart, p.WorkEnd) }

// Zone returns the person's time zone, or UTC if the name is unknown.
func (p Person) Zone() *time.Location {
	loc, err := time.LoadLocation(p.Timezone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// TenureYears returns whole years since hire on date asOf, or -1 if the
// hire date is unknown.
func (p Person) TenureYears(asOf time.Time) int {
	h, err := time.Parse(DateLayout, p.HireDate)
	if err != nil {
		return -1
	}
	y := asOf.Year() - h.Year()
	if asOf.YearDay() < h.YearDay() {
		y--
	}
	return max(y, 0)
}

// TenureBand returns the tenure band on date asOf: "<1y", "1-3y", "3-7y",
// "7y+", or "" if the hire date is unknown.
func (p Person) TenureBand(asOf time.Time) string {
	h, err := time.Parse(DateLayout, p.HireDate)
	if err != nil {
		return ""
	}
	switch {
	case asOf.Before(h.AddDate(1, 0, 0)):
		return "<1y"
	case asOf.Before(h.AddDate(3, 0, 0)):
		return "1-3y"
	case asOf.Before(h.AddDate(7, 0, 0)):
		return "3-7y"
	default:
		return "7y+"
	}
}

// FormatHours formats minutes after midnight as HH:MM-HH:MM.
func FormatHours(start, end int) string {
	return fmt.Sprintf("%02d:%02d-%02d:%02d", start/60, start%60, end/60, end%60)
}

// ParseHours parses local working hours "HH:MM-HH:MM" into minutes after
// midnight, with the rules of schedule.ParseHours (end after start, 24:00
// allowed).
func ParseHours(s string) (start, end int, err error) {
	h, err := schedule.ParseHours(s)
	if err != nil {
		return 0, 0, err
	}
	return h.Start, h.End, nil
}

// SplitList splits a `;`-separated list, trimming blanks and dropping empty
// and repeated items (case-insensitively), keeping the first spelling.
func SplitList(s string) []string {
	var out []string
	seen := map[string]bool{}
	for _, item := range strings.Split(s, ";") {
		item = strings.Join(strings.Fields(item), " ")
		k := strings.ToLower(item)
		if item == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, item)
	}
	return out
}

// List returns the list attribute of a tag kind.
func (p *Person) List(kind string) *[]string {
	switch kind {
	case TagLanguage:
		return &p.Languages
	case TagSkillOffered:
		return &p.SkillsOffered
	case TagSkillWanted:
		return &p.SkillsWanted
	case TagInterest:
		return &p.Interests
	}
	return nil
}
