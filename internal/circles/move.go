package circles

import (
	"github.com/kindredhq/kindred/internal/errs"
	"github.com/kindredhq/kindred/internal/schedule"
)

// Effect is what moving one person from their circle to another circle of
// the same round does, for an admin deciding on the move.
type Effect struct {
	From, To int // circle indices in the round

	// Diversity is the change of the round's weighted diversity (positive
	// when the round becomes more diverse).
	Diversity int

	// Slots of the two circles before and after the move, as in
	// Circle.Slot (-1 when the members share no slot).
	FromSlotBefore, FromSlotAfter int
	ToSlotBefore, ToSlotAfter     int

	// Repeats is the change in the number of circle-mates the person has
	// already met in Options.History.
	Repeats int

	// ManagerConflict is set when the destination holds the person's
	// manager or one of their direct reports.
	ManagerConflict bool
	// FromLosesFacilitator is set when the person is the last
	// facilitator-eligible member of their circle.
	FromLosesFacilitator bool
	// SizesOK is set when both circles stay within the sizes opts allows
	// (Size exactly, or MinSize..MaxSize when those are set).
	SizesOK bool
}

// MoveEffect reports what moving person to circle to of round would do,
// with the weights, session length, sizes and history of opts. Everyone in
// the round is taken as participating; people and round are not changed.
func MoveEffect(people []Participant, round Round, person, to int, opts Options) (Effect, error) {
	if person < 0 || person >= len(people) {
		return Effect{}, errs.E(errs.Invalid, "move effect: no participant %d", person)
	}
	if to < 0 || to >= len(round.Circles) {
		return Effect{}, errs.E(errs.Invalid, "move effect: no circle %d in the round", to)
	}
	from := -1
	for c, circle := range round.Circles {
		for _, m := range circle.Members {
			if m < 0 || m >= len(people) {
				return Effect{}, errs.E(errs.Invalid, "move effect: circle %d names participant %d, not in 0..%d", c, m, len(people)-1)
			}
			if m == person {
				if from >= 0 {
					return Effect{}, errs.E(errs.Invalid, "move effect: participant %d is in circles %d and %d", person, from, c)
				}
				from = c
			}
		}
	}
	if from < 0 {
		return Effect{}, errs.E(errs.Invalid, "move effect: participant %d is in no circle of the round", person)
	}
	if from == to {
		return Effect{}, errs.E(errs.Invalid, "move effect: participant %d is already in circle %d", person, to)
	}
	w := opts.Weights
	if w == (Weights{}) {
		w = Weights{1, 1, 1, 1}
	}
	steps := opts.SessionSteps
	if steps <= 0 {
		steps = 4
	}
	if steps > schedule.StepsPerWeek {
		return Effect{}, errs.E(errs.Invalid, "move effect: a session of %d steps is longer than a week", steps)
	}
	met := map[int]bool{}
	for _, c := range opts.History {
		for _, m := range c {
			if m == person {
				for _, x := range c {
					met[x] = true
				}
			}
		}
	}
	p := people[person]
	e := Effect{From: from, To: to}
	fromRest := make([]int, 0, len(round.Circles[from].Members))
	facLeft := false
	for _, m := range round.Circles[from].Members {
		if m == person {
			continue
		}
		fromRest = append(fromRest, m)
		e.Diversity -= distance(p, people[m], w)
		if met[m] {
			e.Repeats--
		}
		facLeft = facLeft || people[m].Facilitator
	}
	anyFac := false
	for _, q := range people {
		anyFac = anyFac || q.Facilitator
	}
	e.FromLosesFacilitator = (anyFac && p.Facilitator && !facLeft) || (!anyFac && len(fromRest) == 0)
	toMembers := round.Circles[to].Members
	for _, m := range toMembers {
		e.Diversity += distance(p, people[m], w)
		if met[m] {
			e.Repeats++
		}
		e.ManagerConflict = e.ManagerConflict || p.ManagedBy == m+1 || people[m].ManagedBy == person+1
	}
	slotOf := func(members []int, extra int) int {
		av := fullWeek()
		for _, m := range members {
			av = av.And(people[m].Avail)
		}
		if extra >= 0 {
			av = av.And(people[extra].Avail)
		}
		return chooseSlot(startsOf(av, steps))
	}
	e.FromSlotBefore = slotOf(round.Circles[from].Members, -1)
	e.FromSlotAfter = slotOf(fromRest, -1)
	e.ToSlotBefore = slotOf(toMembers, -1)
	e.ToSlotAfter = slotOf(toMembers, person)
	fits := func(size int) bool {
		switch {
		case opts.MinSize > 0 || opts.MaxSize > 0:
			return size >= opts.MinSize && (opts.MaxSize == 0 || size <= opts.MaxSize)
		case opts.Size > 0:
			return size == opts.Size
		}
		return size > 0
	}
	e.SizesOK = fits(len(fromRest)) && fits(len(toMembers)+1)
	return e, nil
}

// distance returns the weighted number of attributes on which a and b
// differ.
func distance(a, b Participant, w Weights) int {
	d := 0
	if a.Level != b.Level {
		d += w.Level
	}
	if a.Function != b.Function {
		d += w.Function
	}
	if a.Location != b.Location {
		d += w.Location
	}
	if a.Tenure != b.Tenure {
		d += w.Tenure
	}
	return d
}
