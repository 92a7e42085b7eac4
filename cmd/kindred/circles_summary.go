package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/kindredhq/kindred/internal/formations"
	"github.com/kindredhq/kindred/internal/person"
	"github.com/kindredhq/kindred/internal/schedule"
)

// warnNoSlot lists the circles without a meeting slot in the summary and,
// up to 20 of them, on stderr: the slot most members could make and who
// cannot.
func (res *circlesResult) warnNoSlot(stderr io.Writer) {
	noSlot := []circleNoSlotSummary{}
	for r, round := range res.ar.Rounds {
		for c, pl := range round {
			if !pl.HasSlot {
				noSlot = append(noSlot, circleNoSlotSummary{Round: r + 1, Circle: c + 1, BestUTC: pl.Slot.String(), Blockers: pl.Blockers})
			}
		}
	}
	for i, ns := range noSlot {
		if i == 20 {
			fmt.Fprintf(stderr, "warning: and %d more circles without a meeting slot\n", len(noSlot)-i)
			break
		}
		fmt.Fprintf(stderr, "warning: round %d, circle %d has no %d-minute slot inside everyone's working hours; %s suits all but %s\n",
			ns.Round, ns.Circle, res.a.sessionMinutes, ns.BestUTC, strings.Join(ns.Blockers, ", "))
	}
	res.summary.WithoutSlot = noSlot
}

// circleOrder returns a circle's members as circles.csv lists them: the
// facilitator first, then by person ID.
func (res *circlesResult) circleOrder(pl formations.Placed) []int {
	rest := slices.DeleteFunc(slices.Clone(pl.Members), func(p int) bool { return p == pl.Facilitator })
	slices.SortFunc(rest, func(x, y int) int { return strings.Compare(res.in.people[x].ID, res.in.people[y].ID) })
	return append([]int{pl.Facilitator}, rest...)
}

// summarize fills the summary from the plan and the arranged circles.
func (res *circlesResult) summarize() {
	in, a, plan := res.in, res.a, res.ar.Plan
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
	s.Facilitators = res.ar.Facilitators
	s.SessionMinutes = a.sessionMinutes
	s.From, s.To = a.from.Format(person.DateLayout), a.to.Format(person.DateLayout)
	s.Weeks = int(schedule.WeekStart(a.to).Sub(schedule.WeekStart(a.from)).Hours()/(24*7)) + 1
	s.Seed = a.seed
	s.Weights = in.weights
	if a.historyPath != "" {
		left := in.historyLeft
		if left == nil {
			left = []string{}
		}
		s.History = &circleHistorySummary{Rows: in.historyRows, Circles: len(res.ar.History), IgnoredPeople: left}
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
	for _, g := range res.ar.History {
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
