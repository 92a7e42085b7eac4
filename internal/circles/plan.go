package circles

import (
	"cmp"
	"slices"
)

// plan turns the search state into a Plan.
func (s *search) plan() *Plan {
	p := &Plan{People: s.n, Rounds: make([]Round, s.R)}
	counts := s.categoryCounts()
	for r := range s.R {
		rs := &s.rs[r]
		// The bound of the sizes the round has: transfers may have made
		// them uneven, which allows more pairs.
		sizes := make([]int, len(rs.size))
		for c, k := range rs.size {
			sizes[c] = int(k)
		}
		round := Round{Circles: make([]Circle, len(rs.size)), Diversity: rs.div, UpperBound: roundBound(counts, sizes, s.w)}
		for c := range rs.size {
			mem := rs.members(int32(c), s.maxS)
			members := make([]int, len(mem))
			for i, x := range mem {
				members[i] = int(x.id)
			}
			slices.Sort(members)
			w := fullWeek()
			for _, x := range mem {
				w = w.And(s.starts[x.pat])
			}
			slot := chooseSlot(w)
			if slot < 0 {
				round.CirclesWithoutSlot++
			}
			round.Circles[c] = Circle{Members: members, Slot: slot}
		}
		slices.SortFunc(round.Circles, func(a, b Circle) int { return cmp.Compare(a.Members[0], b.Members[0]) })
		p.Rounds[r] = round
		p.Diversity += round.Diversity
		p.UpperBound += round.UpperBound
		p.CirclesWithoutSlot += round.CirclesWithoutSlot
	}
	if p.UpperBound > 0 {
		p.Gap = float64(p.UpperBound-p.Diversity) / float64(p.UpperBound)
	}
	p.RepeatPairs = s.countRepeats()
	p.RepeatLowerBound = s.repeatLowerBound()
	return p
}
