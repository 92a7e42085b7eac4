package programs

import (
	"time"

	"github.com/kindredhq/kindred/internal/errs"
)

// What a caller wants to do in a cycle, for CheckActive.
const (
	UseEnrollment = "enrollment" // apply, enroll, approve
	UseMatching   = "matching"   // run matching (1:1 pairs)
	UseCircles    = "circles"    // form circles
)

// CheckActive says whether use may happen in cycle c of program p on the
// day of today: nothing happens in an archived program or cycle, or in a
// cycle that has ended (Conflict); matching needs a program that offers
// pairs and circles one that offers circles (Invalid). The message says
// why, in words an admin can act on. It is the one rule the enrollment,
// matching and circles stores and the pages all read.
func CheckActive(p Program, c Cycle, use string, today time.Time) error {
	switch {
	case p.Archived():
		return errs.E(errs.Conflict, "%s is archived: it is read-only until an admin unarchives it", p.Name)
	case c.Archived():
		return errs.E(errs.Conflict, "cycle %s is archived: it is read-only until an admin unarchives it", c.Name)
	case c.Status(today) == CycleEnded:
		return errs.E(errs.Conflict, "cycle %s ended on %s: it takes no more %s", c.Name, c.EndsOn, useWords[use])
	}
	return CheckOffers(p, use)
}

// CheckOffers says whether the engagements of program p have use at all:
// matching needs 1:1 mentoring (or another pairs engagement), circles need
// circles or peer groups (Invalid, saying so). The pages of a cycle show
// only the parts its program offers.
func CheckOffers(p Program, use string) error {
	switch {
	case use == UseMatching && !p.Offers(RoleMentor):
		return errs.E(errs.Invalid, "%s does not offer 1:1 mentoring, so its cycles have no matching", p.Name)
	case use == UseCircles && !p.Offers(RoleCircleMember):
		return errs.E(errs.Invalid, "%s does not offer circles, so its cycles form none", p.Name)
	}
	return nil
}

// Active reports whether CheckActive allows use: for pages deciding which
// buttons to offer.
func Active(p Program, c Cycle, use string, today time.Time) bool {
	return CheckActive(p, c, use, today) == nil
}

var useWords = map[string]string{
	UseEnrollment: "enrollments",
	UseMatching:   "matching runs",
	UseCircles:    "circle formations",
}
