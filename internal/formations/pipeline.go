package formations

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/kindredhq/kindred/internal/circles"
	"github.com/kindredhq/kindred/internal/person"
	"github.com/kindredhq/kindred/internal/rotation"
	"github.com/kindredhq/kindred/internal/schedule"
)

// Input is everything forming circles takes, as plain values: the one
// pipeline that both the product (Store.Form) and kindred circles run.
// Nothing here reads a database or a file.
type Input struct {
	// People are the people to place; participant i of the engine is
	// People[i], so the order is part of the input (the product sorts by
	// ID, kindred circles keeps the file's order).
	People []person.Person
	// From and To are the first and last day of the cycle (00:00 UTC):
	// availability is the working hours in every week between them.
	From, To       time.Time
	SessionMinutes int
	// Sessions is how many sessions each circle's roster plans (at least 1).
	Sessions int
	// Sizes and rounds as circles.Options takes them.
	Size, MinSize, MaxSize, Rounds int
	// Weights weighs the attributes (the zero value: 1 each).
	Weights circles.Weights
	// History lists earlier circles as person IDs; IDs not in People are
	// left out, and circles with fewer than two known people dropped.
	History [][]string
	// Facilitated counts the sessions each person facilitated before, by
	// person ID, so the rotation goes on from there.
	Facilitated map[string]int
	// OnlyMarkedLead, when someone is marked as a facilitator, lets only
	// marked people lead sessions (kindred circles names one facilitator
	// per circle). Otherwise everyone takes a turn: the mark decides who
	// may anchor a circle, not who may lead a session, so emerging
	// leaders get practice (the product's rosters).
	OnlyMarkedLead bool
	// Seed seeds the search: the same input and seed give the same circles.
	Seed uint64
	// Cache is shared by the schedule look-ups; nil means a new one.
	Cache *schedule.Cache
}

// Arrangement is the result of Arrange: the engine's plan, and each
// circle placed with its slot, facilitator and roster.
type Arrangement struct {
	Plan   *circles.Plan
	Rounds [][]Placed // [round][circle], in the plan's order
	// History is Input.History as participant indices: the earlier
	// circles with two or more people taking part.
	History [][]int
	// Marked reports that someone is marked as a facilitator;
	// Facilitators is how many may facilitate (everyone when nobody is
	// marked).
	Marked       bool
	Facilitators int
}

// Placed is one circle, arranged.
type Placed struct {
	Members []int // participant indices (of Input.People), ascending
	// Facilitator is the participant who leads the first session.
	Facilitator int
	// Slot is the weekly meeting in UTC when HasSlot: the shared slot
	// nearest mid-day for the most members. Otherwise it is the slot most
	// members can make, and Blockers (person IDs) cannot.
	Slot      schedule.Slot
	HasSlot   bool
	Blockers  []string
	Diversity int // weighted, as circles.Form counts it
	Roster    rotation.Roster
}

// Arrange forms the circles of in with circles.Form, then places each one:
// its meeting slot with schedule (package circles proves one exists; the
// schedule picks the one nearest the middle of the members' days), its
// facilitator roster for in.Sessions sessions with rotation (counting the
// facilitations before and those of earlier rounds), and its diversity.
// Errors are the engine's (Invalid for requests it cannot meet) or, for a
// circle that cannot be arranged, a *CircleError.
func Arrange(ctx context.Context, in Input) (*Arrangement, error) {
	cache := in.Cache
	if cache == nil {
		cache = &schedule.Cache{}
	}
	co := newCohort(in.People, in.From, in.To, in.SessionMinutes, cache)
	co.weights, co.onlyMarked = in.Weights, in.OnlyMarkedLead
	ar := &Arrangement{Marked: co.marked, Facilitators: len(in.People)}
	if co.marked {
		ar.Facilitators = 0
		for _, p := range in.People {
			if p.Facilitator {
				ar.Facilitators++
			}
		}
	}
	for _, circle := range in.History {
		var idx []int
		for _, id := range circle {
			if i, ok := co.index[id]; ok {
				idx = append(idx, i)
			}
		}
		if len(idx) > 1 {
			ar.History = append(ar.History, idx)
		}
	}
	opts := circles.Options{
		Size: in.Size, MinSize: in.MinSize, MaxSize: in.MaxSize, Rounds: in.Rounds,
		History: ar.History, Weights: in.Weights,
		SessionSteps: schedule.StepsFor(in.SessionMinutes),
		Rand:         rand.NewPCG(in.Seed, in.Seed),
	}
	plan, err := circles.Form(ctx, co.parts, opts)
	if err != nil {
		return nil, err
	}
	ar.Plan = plan
	counts := make(map[string]int, len(in.Facilitated))
	for id, n := range in.Facilitated {
		counts[id] = n
	}
	ar.Rounds = make([][]Placed, len(plan.Rounds))
	for r, round := range plan.Rounds {
		out := make([]Placed, len(round.Circles))
		for c, circle := range round.Circles {
			if out[c], err = co.place(circle.Members, circle.Slot, in.Sessions, counts); err != nil {
				return nil, &CircleError{Round: r + 1, Circle: c + 1, Err: err}
			}
		}
		// Later rounds count this round's facilitations.
		for _, pl := range out {
			for _, t := range pl.Roster.Turns {
				counts[t.Facilitator]++
			}
		}
		ar.Rounds[r] = out
	}
	return ar, nil
}

// CircleError is a circle Arrange could not arrange (its roster failed).
type CircleError struct {
	Round, Circle int // from 1
	Err           error
}

// Error names the circle and the cause.
func (e *CircleError) Error() string {
	return fmt.Sprintf("round %d, circle %d: %v", e.Round, e.Circle, e.Err)
}

// Unwrap returns the cause.
func (e *CircleError) Unwrap() error { return e.Err }

// cohort is a set of people as the engines see them: for each the
// circles.Participant and the schedule.Member at the same index.
type cohort struct {
	people  []person.Person
	index   map[string]int
	parts   []circles.Participant
	members []schedule.Member
	marked  bool // someone is marked as a facilitator

	from, to       time.Time // the cycle's first and last day
	sessionMinutes int
	cache          *schedule.Cache
	weights        circles.Weights
	onlyMarked     bool // see Input.OnlyMarkedLead
}

// newCohort builds the cohort of ps, in their order, for the days from to
// to: function and location become codes (compared for equality only),
// tenure bands are taken on the first day (an unknown hire date is a band
// of its own), managers become indices (when taking part), and
// availability is the working hours in every week of the range.
func newCohort(ps []person.Person, from, to time.Time, sessionMinutes int, cache *schedule.Cache) *cohort {
	co := &cohort{people: ps, index: make(map[string]int, len(ps)), parts: make([]circles.Participant, len(ps)),
		members: make([]schedule.Member, len(ps)), from: from, to: to, sessionMinutes: sessionMinutes, cache: cache}
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
		tenure := TenureBandAt(p, from)
		if tenure < 0 {
			tenure = tenureUnknown
		}
		co.parts[i] = circles.Participant{
			Level: p.Level, Function: code(functions, p.Function), Location: code(locations, p.Location),
			Tenure: tenure, Facilitator: p.Facilitator,
			Avail: cache.Availability(zone, hours, from, to),
		}
		if j, ok := co.index[p.ManagerID]; ok && p.ManagerID != "" {
			co.parts[i].SetManager(j)
		}
		co.members[i] = schedule.Member{ID: p.ID, Zone: zone, Hours: hours}
		co.marked = co.marked || p.Facilitator
	}
	return co
}

// tenureUnknown is the engine's tenure code for people without a hire
// date: a band of its own, after the four of circles.TenureBand.
const tenureUnknown = 4
