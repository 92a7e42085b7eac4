package main

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/kindredhq/kindred/internal/circles"
	"github.com/kindredhq/kindred/internal/person"
	"github.com/kindredhq/kindred/internal/rotation"
	"github.com/kindredhq/kindred/internal/schedule"
)

// arrange orders each circle, picks its first-session facilitator with the
// rotation roster and its meeting slot with the schedule.
func (res *circlesResult) arrange(cache *schedule.Cache, stderr io.Writer) error {
	in, a := res.in, res.a
	// Facilitations so far: the history file's, then each round's.
	counts := map[string]int{}
	for id, c := range in.historyFac {
		counts[id] = c
	}
	steps := schedule.StepsFor(a.sessionMinutes)
	var noSlot []circleNoSlotSummary
	res.rounds = make([][]circleOut, len(res.plan.Rounds))
	for r, round := range res.plan.Rounds {
		out := make([]circleOut, len(round.Circles))
		facThisRound := make([]string, 0, len(round.Circles))
		for c, circle := range round.Circles {
			co, err := res.arrangeCircle(circle, counts, cache, steps)
			if err != nil {
				return fmt.Errorf("circles: round %d, circle %d: %w", r+1, c+1, err)
			}
			if !co.hasSlot {
				ns := circleNoSlotSummary{Round: r + 1, Circle: c + 1}
				members := make([]schedule.Member, len(circle.Members))
				for i, p := range circle.Members {
					members[i] = res.member(p)
				}
				found := cache.Find(members, a.sessionMinutes, a.from, a.to)
				ns.BestUTC, ns.Blockers = found.Best.String(), found.Blockers
				noSlot = append(noSlot, ns)
			}
			facThisRound = append(facThisRound, in.people[co.facilitator].ID)
			out[c] = co
		}
		for _, id := range facThisRound {
			counts[id]++
		}
		res.rounds[r] = out
	}
	for i, ns := range noSlot {
		if i == 20 {
			fmt.Fprintf(stderr, "warning: and %d more circles without a meeting slot\n", len(noSlot)-i)
			break
		}
		fmt.Fprintf(stderr, "warning: round %d, circle %d has no %d-minute slot inside everyone's working hours; %s suits all but %s\n",
			ns.Round, ns.Circle, a.sessionMinutes, ns.BestUTC, strings.Join(ns.Blockers, ", "))
	}
	res.summary.WithoutSlot = noSlot
	if res.summary.WithoutSlot == nil {
		res.summary.WithoutSlot = []circleNoSlotSummary{}
	}
	return nil
}

// member is person p as the schedule sees them.
func (res *circlesResult) member(p int) schedule.Member {
	person := res.in.people[p]
	return schedule.Member{ID: person.ID, Zone: res.in.zones[p], Hours: schedule.Hours{Start: person.WorkStart, End: person.WorkEnd}}
}

// arrangeCircle picks the facilitator and the slot of one circle; counts
// holds earlier facilitations.
func (res *circlesResult) arrangeCircle(circle circles.Circle, counts map[string]int, cache *schedule.Cache, steps int) (circleOut, error) {
	in, a := res.in, res.a
	roster := make([]rotation.Member, len(circle.Members))
	for i, p := range circle.Members {
		pr := in.people[p]
		days := 0
		if pr.HireDate != "" {
			if hire, err := time.Parse(person.DateLayout, pr.HireDate); err == nil {
				days = max(int(a.from.Sub(hire).Hours()/24), 0)
			}
		}
		roster[i] = rotation.Member{ID: pr.ID, Level: pr.Level, TenureDays: days, OptedOut: in.anyMarked && !pr.Facilitator}
	}
	plan, err := rotation.Plan(roster, 1, counts)
	if err != nil {
		return circleOut{}, fmt.Errorf("facilitator roster: %w", err)
	}
	fac, ok := in.index[plan.Turns[0].Facilitator]
	if !ok {
		return circleOut{}, fmt.Errorf("facilitator roster named %q, not a member", plan.Turns[0].Facilitator)
	}
	co := circleOut{facilitator: fac, members: make([]int, 0, len(circle.Members))}
	co.members = append(co.members, fac)
	rest := slices.DeleteFunc(slices.Clone(circle.Members), func(p int) bool { return p == fac })
	slices.SortFunc(rest, func(x, y int) int { return strings.Compare(in.people[x].ID, in.people[y].ID) })
	co.members = append(co.members, rest...)

	if circle.Slot >= 0 {
		// Package circles proves a slot exists; the schedule picks the one
		// nearest the middle of the members' days.
		members := make([]schedule.Member, len(circle.Members))
		for i, p := range circle.Members {
			members[i] = res.member(p)
		}
		found := cache.Find(members, a.sessionMinutes, a.from, a.to)
		co.hasSlot = true
		co.slot = schedule.Slot{Start: circle.Slot, Steps: steps}
		if found.Found {
			co.slot = found.Best
		}
	}
	return co, nil
}

// summarize fills the summary from the plan and the arranged circles.
func (res *circlesResult) summarize() {
	in, a, plan := res.in, res.a, res.plan
	s := &res.summary
	s.Summary = plan.Summary()
	switch {
	case plan.RepeatPairs == 0:
		s.RepeatFree = "found"
	case plan.RepeatLowerBound > 0:
		s.RepeatFree = "impossible"
	default:
		s.RepeatFree = "not found"
	}
	s.Facilitators = in.facilitators
	s.SessionMinutes = a.sessionMinutes
	s.From, s.To = a.from.Format(person.DateLayout), a.to.Format(person.DateLayout)
	s.Weeks = int(schedule.WeekStart(a.to).Sub(schedule.WeekStart(a.from)).Hours()/(24*7)) + 1
	s.Seed = a.seed
	s.Weights = circleWeightsJSON{in.weights.Level, in.weights.Function, in.weights.Location, in.weights.Tenure}
	if a.historyPath != "" {
		left := in.historyLeft
		if left == nil {
			left = []string{}
		}
		s.History = &circleHistorySummary{Rows: in.historyRows, Circles: len(in.history), IgnoredPeople: left}
	}
	s.MinCircleSize, s.MaxCircleSize = 0, 0
	for _, round := range plan.Rounds {
		for _, c := range round.Circles {
			k := len(c.Members)
			if s.MinCircleSize == 0 || k < s.MinCircleSize {
				s.MinCircleSize = k
			}
			s.MaxCircleSize = max(s.MaxCircleSize, k)
		}
	}

	// Repeats per round: a pair counts in a round when it met before, in
	// the history or an earlier round; the sum is plan.RepeatPairs.
	met := map[uint64]bool{}
	pair := func(x, y int) uint64 {
		if x > y {
			x, y = y, x
		}
		return uint64(x)<<32 | uint64(y)
	}
	for _, g := range in.history {
		for i, x := range g {
			for _, y := range g[i+1:] {
				met[pair(x, y)] = true
			}
		}
	}
	s.PerRound = make([]circleRoundSummary, len(plan.Rounds))
	for r, round := range plan.Rounds {
		rs := circleRoundSummary{Round: r + 1, Circles: len(round.Circles), Diversity: round.Diversity,
			UpperBound: round.UpperBound, CirclesWithoutSlot: round.CirclesWithoutSlot}
		if round.UpperBound > 0 {
			rs.Gap = float64(round.UpperBound-round.Diversity) / float64(round.UpperBound)
		}
		var added []uint64
		for _, c := range round.Circles {
			for i, x := range c.Members {
				for _, y := range c.Members[i+1:] {
					k := pair(x, y)
					if met[k] {
						rs.RepeatPairs++
					} else {
						added = append(added, k)
					}
				}
			}
		}
		for _, k := range added {
			met[k] = true
		}
		s.PerRound[r] = rs
	}
}
