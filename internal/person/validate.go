package person

import (
	"net/mail"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/kindredhq/kindred/internal/errs"
)

// Field limits, generous for real data and small enough to keep pages sane.
const (
	maxName     = 200
	maxText     = 2000
	maxListItem = 80
	maxList     = 40
	// MaxCapacity is the most mentees a mentor may take.
	MaxCapacity = 50
)

// Validate normalizes p (trims text, lower-cases the email, fills defaults)
// and returns every problem found, keyed by field name. It does not check
// references to other people; the store does.
func Validate(p *Person) errs.Fields {
	f := errs.Fields{}
	p.Defaults()
	p.ID = strings.TrimSpace(p.ID)
	p.Name = strings.Join(strings.Fields(p.Name), " ")
	p.Email = strings.ToLower(strings.TrimSpace(p.Email))
	p.Function = strings.TrimSpace(p.Function)
	p.Department = strings.TrimSpace(p.Department)
	p.Location = strings.TrimSpace(p.Location)
	p.Timezone = strings.TrimSpace(p.Timezone)
	p.ManagerID = strings.TrimSpace(p.ManagerID)
	p.HireDate = strings.TrimSpace(p.HireDate)

	switch {
	case p.ID == "":
		f.Add("id", "is required")
	case len(p.ID) > 64 || strings.ContainsAny(p.ID, "/?#% \t"):
		f.Add("id", "%q must be at most 64 characters with no spaces or /?#%%", p.ID)
	}
	f.Required("name", p.Name, maxName)
	if p.Email == "" {
		f.Add("email", "is required")
	} else if a, err := mail.ParseAddress(p.Email); err != nil || a.Address != p.Email {
		f.Add("email", "%q is not an email address", p.Email)
	}
	if p.Level < 1 || p.Level > 10 {
		f.Add("level", "must be a whole number from 1 to 10")
	}
	f.Required("function", p.Function, maxName)
	f.Required("location", p.Location, maxName)
	f.Optional("department", p.Department, maxName)
	if p.Timezone == "" {
		f.Add("timezone", "is required (an IANA name such as Europe/Berlin)")
	} else if !ValidZone(p.Timezone) {
		f.Add("timezone", "%q is not a known IANA time zone (such as Europe/Berlin or Asia/Kolkata)", p.Timezone)
	}
	if p.WorkStart < 0 || p.WorkEnd > 24*60 || p.WorkEnd <= p.WorkStart {
		f.Add("work_hours", "must be HH:MM-HH:MM with the end after the start")
	}
	if p.HireDate != "" {
		if _, err := DateBetween(p.HireDate, EarliestHireDate, LatestHireDate); err != nil {
			f.Add("hire_date", "%s", err.Error())
		}
	}
	if p.ManagerID != "" && p.ManagerID == p.ID {
		f.Add("manager_id", "a person cannot be their own manager")
	}
	if !slices.Contains(MentoringRoles, p.MentoringRole) {
		f.Add("role", "%q must be one of mentor, mentee, both, member", p.MentoringRole)
	}
	if p.Capacity < 1 || p.Capacity > MaxCapacity {
		f.Add("capacity", "must be a whole number from 1 to %d", MaxCapacity)
	}
	if !slices.Contains(AccessRoles, p.AccessRole) {
		f.Add("access_role", "%q must be one of admin, sponsor, member", p.AccessRole)
	}
	f.Optional("learning_style", p.LearningStyle, maxName)
	f.Optional("communication_style", p.CommunicationStyle, maxName)
	f.Optional("accessibility_needs", p.AccessibilityNeeds, maxText)
	f.Optional("bio", p.Bio, maxText)
	list(f, "languages", &p.Languages)
	list(f, "skills_offered", &p.SkillsOffered)
	list(f, "skills_wanted", &p.SkillsWanted)
	list(f, "interests", &p.Interests)
	return f
}

// ValidZone reports whether name is an IANA time zone Kindred accepts.
// "Local" is refused: it means the server's zone, not the person's.
func ValidZone(name string) bool {
	if name == "" || name == "Local" {
		return false
	}
	if ok, seen := zoneCache.Load(name); seen {
		return ok.(bool)
	}
	_, err := time.LoadLocation(name)
	zoneCache.Store(name, err == nil)
	return err == nil
}

// zoneCache remembers which names are zones: loading a zone reads and
// parses its rules, and an import asks about the same few zones 100,000
// times. The zone database does not change while the process runs.
var zoneCache sync.Map

func list(f errs.Fields, field string, items *[]string) {
	*items = SplitList(strings.Join(*items, ";"))
	if len(*items) > maxList {
		f.Add(field, "has more than %d items", maxList)
	}
	for _, it := range *items {
		if len(it) > maxListItem {
			f.Add(field, "item %q is longer than %d characters", it[:20]+"...", maxListItem)
		}
	}
}
