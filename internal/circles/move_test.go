package circles

import (
	"context"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/kindredhq/kindred/internal/errs"
	"github.com/kindredhq/kindred/internal/schedule"
)

// slotOfMembers is the slot chooseSlot gives the members, recomputed.
func slotOfMembers(people []Participant, members []int, steps int) int {
	w := fullWeek()
	for _, m := range members {
		w = w.And(people[m].Avail)
	}
	return chooseSlot(startsOf(w, steps))
}

func TestMoveEffect(t *testing.T) {
	people := Generate(60, rand.NewPCG(5, 5))
	history := [][]int{{0, 1, 2, 3, 4, 5}, {10, 11, 12}}
	opts := Options{Size: 6, History: history, Weights: Weights{Level: 2, Function: 1, Location: 1, Tenure: 3}, Rand: rand.NewPCG(1, 1)}
	plan, err := Form(context.Background(), people, opts)
	if err != nil {
		t.Fatal(err)
	}
	round := plan.Rounds[0]
	for person := range people {
		from := slices.IndexFunc(round.Circles, func(c Circle) bool { return slices.Contains(c.Members, person) })
		to := (from + 1 + person%(len(round.Circles)-1)) % len(round.Circles)
		e, err := MoveEffect(people, round, person, to, opts)
		if err != nil {
			t.Fatal(err)
		}
		// Make the move and recompute everything.
		after := Round{Circles: slices.Clone(round.Circles)}
		after.Circles[from].Members = slices.DeleteFunc(slices.Clone(round.Circles[from].Members), func(m int) bool { return m == person })
		after.Circles[to].Members = append(slices.Clone(round.Circles[to].Members), person)
		if got, want := e.Diversity, diversityOf(people, after, opts.Weights)-diversityOf(people, round, opts.Weights); got != want {
			t.Errorf("person %d: diversity change %d, want %d", person, got, want)
		}
		if e.From != from || e.To != to {
			t.Errorf("person %d: from %d to %d, want %d to %d", person, e.From, e.To, from, to)
		}
		if e.FromSlotBefore != round.Circles[from].Slot || e.ToSlotBefore != round.Circles[to].Slot {
			t.Errorf("person %d: slots before %d, %d; the plan says %d, %d", person, e.FromSlotBefore, e.ToSlotBefore, round.Circles[from].Slot, round.Circles[to].Slot)
		}
		if e.FromSlotAfter != slotOfMembers(people, after.Circles[from].Members, 4) || e.ToSlotAfter != slotOfMembers(people, after.Circles[to].Members, 4) {
			t.Errorf("person %d: slots after %d, %d", person, e.FromSlotAfter, e.ToSlotAfter)
		}
		conflict := false
		for _, m := range round.Circles[to].Members {
			conflict = conflict || people[m].ManagedBy == person+1 || people[person].ManagedBy == m+1
		}
		if e.ManagerConflict != conflict {
			t.Errorf("person %d: manager conflict %v, want %v", person, e.ManagerConflict, conflict)
		}
		facLeft := slices.ContainsFunc(after.Circles[from].Members, func(m int) bool { return people[m].Facilitator })
		if e.FromLosesFacilitator != !facLeft {
			t.Errorf("person %d: loses facilitator %v, want %v", person, e.FromLosesFacilitator, !facLeft)
		}
		if e.SizesOK {
			t.Errorf("person %d: sizes 5 and 7 reported as fitting circles of exactly 6", person)
		}
	}
}

func TestMoveEffectRepeatsAndSizes(t *testing.T) {
	people := golfers(9)
	round := Round{Circles: []Circle{{Members: []int{0, 1, 2}}, {Members: []int{3, 4, 5}}, {Members: []int{6, 7, 8}}}}
	history := [][]int{{0, 3, 4}, {0, 1}}
	// Moving 0 from {0,1,2} to {3,4,5}: leaves 1 (met), meets 3 and 4 (met).
	e, err := MoveEffect(people, round, 0, 1, Options{MinSize: 2, MaxSize: 4, History: history})
	if err != nil {
		t.Fatal(err)
	}
	if e.Repeats != 1 || !e.SizesOK || e.Diversity != 0 {
		t.Errorf("effect %+v: want repeats +1, sizes fitting, diversity 0", e)
	}
	if e.FromSlotAfter != schedule.StepsPerWeek/2 || e.ToSlotAfter != schedule.StepsPerWeek/2 {
		t.Errorf("always-available circles: slots %d, %d", e.FromSlotAfter, e.ToSlotAfter)
	}
	e, err = MoveEffect(people, round, 0, 1, Options{Size: 3})
	if err != nil {
		t.Fatal(err)
	}
	if e.SizesOK {
		t.Error("circles of 2 and 4 reported as fitting circles of exactly 3")
	}
	people[6].Avail = schedule.Week{}
	e, err = MoveEffect(people, round, 6, 0, Options{Size: 3})
	if err != nil {
		t.Fatal(err)
	}
	if e.FromSlotBefore != -1 || e.FromSlotAfter < 0 || e.ToSlotAfter != -1 {
		t.Errorf("moving the unavailable person: %+v", e)
	}
}

func TestMoveEffectErrors(t *testing.T) {
	people := golfers(6)
	round := Round{Circles: []Circle{{Members: []int{0, 1, 2}}, {Members: []int{3, 4, 5}}}}
	for _, tc := range []struct {
		name       string
		round      Round
		person, to int
	}{
		{"no such person", round, 6, 0},
		{"no such circle", round, 0, 2},
		{"already there", round, 0, 0},
		{"not placed", Round{Circles: []Circle{{Members: []int{1, 2}}, {Members: []int{3}}}}, 0, 1},
		{"placed twice", Round{Circles: []Circle{{Members: []int{0, 1}}, {Members: []int{0, 3}}}}, 0, 1},
		{"unknown member", Round{Circles: []Circle{{Members: []int{0, 9}}, {Members: []int{3}}}}, 0, 1},
	} {
		if _, err := MoveEffect(people, tc.round, tc.person, tc.to, Options{}); !errs.Is(err, errs.Invalid) {
			t.Errorf("%s: error %v, want an invalid-input error", tc.name, err)
		}
	}
}
