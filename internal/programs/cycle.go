package programs

import (
	"strings"
	"time"

	"github.com/kindredhq/kindred/internal/errs"
	"github.com/kindredhq/kindred/internal/person"
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
	// ArchivedAt is when an admin archived the cycle, nil while it is in
	// use. An archived cycle is read-only: nobody joins it and no matching
	// or circles are made in it.
	ArchivedAt *time.Time
}

// Archived reports whether the cycle is archived.
func (c Cycle) Archived() bool { return c.ArchivedAt != nil }

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

// CycleYears is how far from today a cycle's dates may lie, either way.
const CycleYears = 10

// ValidateCycle normalizes c (trims text) and returns every problem found,
// keyed by form field name: name, starts_on, ends_on. Both dates must be
// days that exist, within CycleYears years of today (so 1900-01-01 or
// 9999-12-31 is refused, saying so), and the end must be after the start.
// It does not check the program; the store does.
func ValidateCycle(c *Cycle, today time.Time) errs.Fields {
	f := errs.Fields{}
	c.Name = strings.Join(strings.Fields(c.Name), " ")
	c.StartsOn = strings.TrimSpace(c.StartsOn)
	c.EndsOn = strings.TrimSpace(c.EndsOn)
	f.Required("name", c.Name, maxName)
	first := today.AddDate(-CycleYears, 0, 0).Format(DateLayout)
	last := today.AddDate(CycleYears, 0, 0).Format(DateLayout)
	start, okStart := date(f, "starts_on", c.StartsOn, first, last)
	end, okEnd := date(f, "ends_on", c.EndsOn, first, last)
	if okStart && okEnd && !end.After(start) {
		f.Add("ends_on", "must be after the start (%s)", c.StartsOn)
	}
	return f
}

// date parses a required YYYY-MM-DD field between first and last.
func date(f errs.Fields, field, v, first, last string) (time.Time, bool) {
	if v == "" {
		f.Add(field, "is required")
		return time.Time{}, false
	}
	t, err := person.ParseDate(v)
	if err != nil {
		f.Add(field, "%s", err.Error())
		return time.Time{}, false
	}
	if v < first || v > last {
		f.Add(field, "%s is more than %d years from today: a cycle runs between %s and %s", v, CycleYears, first, last)
		return time.Time{}, false
	}
	return t, true
}
