package formations

import (
	"slices"
	"strings"
	"time"

	"github.com/kindredhq/kindred/internal/circles"
	"github.com/kindredhq/kindred/internal/person"
	"github.com/kindredhq/kindred/internal/programs"
	"github.com/kindredhq/kindred/internal/rotation"
	"github.com/kindredhq/kindred/internal/schedule"
)

// cohort is a set of circle members as the engines see them: people in ID
// order, and for each the circles.Participant and the schedule.Member at
// the same index.
type cohort struct {
	people  []person.Person
	index   map[string]int
	parts   []circles.Participant
	members []schedule.Member
	marked  bool // someone is marked as a facilitator

	cycle          programs.Cycle
	from, to       time.Time // the cycle's first and last day
	sessionMinutes int
	cache          *schedule.Cache
}

// newCohort builds the cohort of ps for cycle c: function and location
// become codes (compared for equality only), tenure bands are taken on the
// cycle's first day (an unknown hire date is a band of its own), managers
// become indices (or -1 when not taking part), and availability is the
// working hours in every week of the cycle. The cache is shared across the
// cohort's schedule look-ups.
func newCohort(ps []person.Person, c programs.Cycle, sessionMinutes int, cache *schedule.Cache) *cohort {
	ps = slices.Clone(ps)
	slices.SortFunc(ps, func(a, b person.Person) int { return strings.Compare(a.ID, b.ID) })
	from, until := cycleDates(c)
	co := &cohort{people: ps, index: make(map[string]int, len(ps)), parts: make([]circles.Participant, len(ps)),
		members: make([]schedule.Member, len(ps)), cycle: c, from: from, to: until.AddDate(0, 0, -1),
		sessionMinutes: sessionMinutes, cache: cache}
	for i, p := range ps {
		co.index[p.ID] = i
	}
	functions, locations := map[string]int{}, map[string]int{}
	code := func(m map[string]int, v string) int {
		k := strings.ToLower(v)
		n, ok := m[k]
		if !ok {
			n = len(m)
			m[k] = n
		}
		return n
	}
	for i, p := range ps {
		zone := p.Zone()
		hours := schedule.Hours{Start: p.WorkStart, End: p.WorkEnd}
		co.parts[i] = circles.Participant{
			Level: p.Level, Function: code(functions, p.Function), Location: code(locations, p.Location),
			Tenure: tenureBand(p, from), Facilitator: p.Facilitator,
			Avail: cache.Availability(zone, hours, co.from, co.to),
		}
		if j, ok := co.index[p.ManagerID]; ok && p.ManagerID != "" {
			co.parts[i].SetManager(j)
		}
		co.members[i] = schedule.Member{ID: p.ID, Zone: zone, Hours: hours}
		co.marked = co.marked || p.Facilitator
	}
	return co
}

// tenureBand returns circles.TenureBand of the person's hire date as of
// asOf, or -1 when the hire date is unknown.
func tenureBand(p person.Person, asOf time.Time) int {
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
	return tenureBand(p, from)
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

// attributes is the number of attributes diversity counts (level,
// function, location, tenure band), each weighing 1.
const attributes = 4

// diversity returns the number of (pair of members, attribute) where the
// two differ, each attribute weighing 1, as circles.Form counts it.
func (co *cohort) diversity(members []int) int {
	d := 0
	for i, a := range members {
		pa := co.parts[a]
		for _, b := range members[i+1:] {
			pb := co.parts[b]
			for _, differ := range []bool{pa.Level != pb.Level, pa.Function != pb.Function,
				pa.Location != pb.Location, pa.Tenure != pb.Tenure} {
				if differ {
					d++
				}
			}
		}
	}
	return d
}

// slot finds the weekly meeting of the members with schedule: the shared
// slot nearest mid-day for the most members, or, when there is none, the
// slot most members can make and who blocks it.
func (co *cohort) slot(members []int) (slot schedule.Slot, ok bool, blockers []string) {
	group := make([]schedule.Member, len(members))
	for i, m := range members {
		group[i] = co.members[m]
	}
	res := co.cache.Find(group, co.sessionMinutes, co.from, co.to)
	return res.Best, res.Found, res.Blockers
}

// roster plans the facilitator rotation of the members over sessions, with
// history counting earlier facilitation by person id. Everyone takes a
// turn: the facilitator mark decides who may anchor a circle, not who may
// lead a session, so emerging leaders get practice.
func (co *cohort) roster(members []int, sessions int, history map[string]int) (rotation.Roster, error) {
	rm := make([]rotation.Member, len(members))
	for i, m := range members {
		p := co.people[m]
		rm[i] = rotation.Member{ID: p.ID, Level: p.Level, TenureDays: tenureDays(p, co.from)}
	}
	return rotation.Plan(rm, sessions, history)
}

// placed is one circle as the cohort sees it, ready to store.
type placed struct {
	members   []int // cohort indices
	slot      schedule.Slot
	hasSlot   bool
	blockers  []string
	diversity int
	roster    rotation.Roster
}

// place computes a circle's slot, diversity and roster.
func (co *cohort) place(members []int, sessions int, history map[string]int) (placed, error) {
	pl := placed{members: members, diversity: co.diversity(members)}
	pl.slot, pl.hasSlot, pl.blockers = co.slot(members)
	var err error
	pl.roster, err = co.roster(members, sessions, history)
	return pl, err
}
