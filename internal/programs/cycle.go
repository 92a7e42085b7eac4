package programs

import (
	"strings"
	"time"

	"github.com/kindredhq/kindred/internal/errs"
)

// Cycle statuses, relative to a given day.
const (
	CycleUpcoming = "upcoming" // before the first day
	CycleOpen     = "open"     // from the first to the last day, both included
	CycleEnded    = "ended"    // after the last day
)

// Cycle is one run of a program, from a first to a last day (for example a
// quarter). Cycles repeat; enrollments belong to a cycle.
type Cycle struct {
	ID        string
	ProgramID string
	Name      string // unique within the program, whatever the case
	StartsOn  string // YYYY-MM-DD, the first day
	EndsOn    string // YYYY-MM-DD, the last day, after StartsOn
	CreatedAt time.Time
}

// Status returns CycleUpcoming, CycleOpen or CycleEnded on the calendar day
// of today (in today's own location).
func (c Cycle) Status(today time.Time) string {
	return cycleStatus(c.StartsOn, c.EndsOn, today.Format(DateLayout))
}

// cycleStatus compares YYYY-MM-DD strings, which sort as the dates do.
func cycleStatus(startsOn, endsOn, day string) string {
	switch {
	case day < startsOn:
		return CycleUpcoming
	case day > endsOn:
		return CycleEnded
	default:
		return CycleOpen
	}
}

// CycleStatusLabel returns the human label of a cycle status ("Open"), or
// the value itself if it is not known.
func CycleStatusLabel(s string) string { return label(s, cycleStatusLabels) }

var cycleStatusLabels = map[string]string{
	CycleUpcoming: "Upcoming",
	CycleOpen:     "Open",
	CycleEnded:    "Ended",
}

// ValidateCycle normalizes c (trims text) and returns every problem found,
// keyed by form field name: name, starts_on, ends_on. The end must be after
// the start. It does not check the program; the store does.
func ValidateCycle(c *Cycle) errs.Fields {
	f := errs.Fields{}
	c.Name = strings.Join(strings.Fields(c.Name), " ")
	c.StartsOn = strings.TrimSpace(c.StartsOn)
	c.EndsOn = strings.TrimSpace(c.EndsOn)
	required(f, "name", c.Name, maxName)
	start, okStart := date(f, "starts_on", c.StartsOn)
	end, okEnd := date(f, "ends_on", c.EndsOn)
	if okStart && okEnd && !end.After(start) {
		f.Add("ends_on", "must be after the start (%s)", c.StartsOn)
	}
	return f
}

// date parses a required YYYY-MM-DD field.
func date(f errs.Fields, field, v string) (time.Time, bool) {
	if v == "" {
		f.Add(field, "is required")
		return time.Time{}, false
	}
	t, err := time.Parse(DateLayout, v)
	if err != nil {
		f.Add(field, "%q is not a date in the form YYYY-MM-DD", v)
		return time.Time{}, false
	}
	return t, true
}
