package formations

import (
	"fmt"
	"time"

	"github.com/kindredhq/kindred/internal/circles"
	"github.com/kindredhq/kindred/internal/person"
	"github.com/kindredhq/kindred/internal/programs"
	"github.com/kindredhq/kindred/internal/rotation"
	"github.com/kindredhq/kindred/internal/schedule"
)

// scheduleOnly is the hint of place when no engine looked at the circle
// (after a move): the schedule alone decides whether it has a slot.
const scheduleOnly = -2

// place arranges one circle: its slot, diversity, roster for sessions
// sessions counting earlier facilitations by person ID, and the first
// session's facilitator. hint is the engine's slot (circles.Circle.Slot:
// -1 when the members share none) or scheduleOnly.
func (co *cohort) place(members []int, hint, sessions int, history map[string]int) (Placed, error) {
	pl := Placed{Members: members, Diversity: co.diversity(members)}
	pl.Slot, pl.HasSlot, pl.Blockers = co.slot(members, hint)
	roster, err := co.roster(members, sessions, history)
	if err != nil {
		return Placed{}, fmt.Errorf("facilitator roster: %w", err)
	}
	pl.Roster = roster
	fac, ok := co.index[roster.Turns[0].Facilitator]
	if !ok {
		return Placed{}, fmt.Errorf("facilitator roster named %q, not a member", roster.Turns[0].Facilitator)
	}
	pl.Facilitator = fac
	return pl, nil
}

// slot finds the weekly meeting of the members with schedule: the shared
// slot nearest mid-day for the most members, or, when there is none, the
// slot most members can make and who blocks it. When the engine proved a
// shared start (hint >= 0) the circle has a slot, that start should the
// schedule find none; when it proved there is none (hint -1), it has none.
func (co *cohort) slot(members []int, hint int) (slot schedule.Slot, ok bool, blockers []string) {
	group := make([]schedule.Member, len(members))
	for i, m := range members {
		group[i] = co.members[m]
	}
	res := co.cache.Find(group, co.sessionMinutes, co.from, co.to)
	switch {
	case hint >= 0 && !res.Found:
		return schedule.Slot{Start: hint, Steps: schedule.StepsFor(co.sessionMinutes)}, true, nil
	case hint >= 0 || (hint == scheduleOnly && res.Found):
		return res.Best, true, nil
	}
	return res.Best, false, res.Blockers
}

// roster plans the facilitator rotation of the members over sessions, with
// history counting earlier facilitation by person id. Who may lead is
// Input.OnlyMarkedLead's rule.
func (co *cohort) roster(members []int, sessions int, history map[string]int) (rotation.Roster, error) {
	rm := make([]rotation.Member, len(members))
	for i, m := range members {
		p := co.people[m]
		rm[i] = rotation.Member{ID: p.ID, Level: p.Level, TenureDays: tenureDays(p, co.from),
			OptedOut: co.onlyMarked && co.marked && !p.Facilitator}
	}
	return rotation.Plan(rm, sessions, history)
}

// diversity returns the weighted number of (pair of members, attribute)
// where the two differ, as circles.Form counts it.
func (co *cohort) diversity(members []int) int {
	w := co.weights
	if w == (circles.Weights{}) {
		w = circles.Weights{Level: 1, Function: 1, Location: 1, Tenure: 1}
	}
	d := 0
	for i, a := range members {
		pa := co.parts[a]
		for _, b := range members[i+1:] {
			pb := co.parts[b]
			for _, x := range [...]struct {
				differ bool
				weight int
			}{{pa.Level != pb.Level, w.Level}, {pa.Function != pb.Function, w.Function},
				{pa.Location != pb.Location, w.Location}, {pa.Tenure != pb.Tenure, w.Tenure}} {
				if x.differ {
					d += x.weight
				}
			}
		}
	}
	return d
}

// attributes is the number of attributes diversity counts (level,
// function, location, tenure band); the product weighs each 1.
const attributes = 4

// TenureBandAt returns circles.TenureBand of the person's hire date as of
// asOf, or -1 when the hire date is unknown.
func TenureBandAt(p person.Person, asOf time.Time) int {
	hire, err := time.Parse(person.DateLayout, p.HireDate)
	if err != nil {
		return -1
	}
	return circles.TenureBand(hire, asOf)
}

// TenureBandLabel names a band of circles.TenureBand ("<1y", "1-3y",
// "3-7y", "7y+"), or "unknown".
func TenureBandLabel(band int) string {
	switch band {
	case 0:
		return "<1y"
	case 1:
		return "1-3y"
	case 2:
		return "3-7y"
	case 3:
		return "7y+"
	}
	return "unknown"
}

// TenureBandOf returns the tenure band of a person on a cycle's first day,
// as the formation counts it (-1 when the hire date is unknown).
func TenureBandOf(p person.Person, c programs.Cycle) int {
	from, _ := cycleDates(c)
	return TenureBandAt(p, from)
}

// tenureDays returns the days from hire to asOf; an unknown hire date
// counts as neither newcomer nor seasoned.
func tenureDays(p person.Person, asOf time.Time) int {
	hire, err := time.Parse(person.DateLayout, p.HireDate)
	if err != nil {
		return rotation.NewcomerDays
	}
	return max(int(asOf.Sub(hire).Hours()/24), 0)
}
