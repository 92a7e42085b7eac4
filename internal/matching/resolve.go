package matching

import "fmt"

// Resolve re-solves p after a change, starting from prev, an earlier
// result whose indices mean the same people: mentee i and mentor j in prev
// are mentee i and mentor j in p. Indices beyond prev's are new people; to
// take someone out, give a mentee no arcs or a mentor capacity 0 (or drop
// the last indices). Scores, capacities, locks, exclusions, the minimum
// score and the objective may all change.
//
// Resolve keeps prev's pairs and mentor prices where they are still
// consistent, lets go of the mentees they no longer suit, and mends the
// rest by shortest augmenting paths, so a small change costs a few
// searches. The result is optimal for p, with the same Total as Solve(p)
// (and, under Participation, the same Matched; the pairs may differ among
// equal optima), and carries its certificate. Resolve(p, Result{}) is a
// cold solve by successive shortest paths.
func Resolve(p Problem, prev Result) (Result, error) {
	in, err := prepare(p)
	if err != nil {
		return Result{}, fmt.Errorf("matching: resolve: %w", err)
	}
	// Keep prev's bonus if it is usable, so that its prices keep their
	// meaning; a changed bonus only releases some mentees.
	if in.needBonus > 0 {
		in.bonus = min(max(prev.Certificate.Bonus, smallBonus), in.needBonus)
	}
	s := newSSP(in)
	s.loadPrev(prev)
	return s.finish(0), nil
}

// loadPrev loads prev's pairs (those still allowed and within capacity) and
// its non-negative prices.
func (s *ssp) loadPrev(prev Result) {
	in := s.in
	n, m := in.numMentees, len(in.capLeft)
	for j := range min(m, len(prev.Certificate.MentorPrice)) {
		s.price[j] = max(0, prev.Certificate.MentorPrice[j])
	}
	for _, q := range prev.Pairs {
		i, j := q.Mentee, q.Mentor
		if i < 0 || int(i) >= n || j < 0 || int(j) >= m || s.matchArc[i] >= 0 || s.load[j] >= in.capLeft[j] {
			continue
		}
		for a := in.first[i]; a < in.first[i+1]; a++ {
			if in.mentor[a] == j {
				s.assign(i, a)
				break
			}
		}
	}
}

// repair releases every mentee that does not hold a best offer, then
// fills or cheapens every mentor with room and a positive price, and
// returns the pending mentees, which place will seat. Any assignment
// within capacity and any non-negative prices are a valid start.
func (s *ssp) repair() []bool {
	in := s.in
	n, m := in.numMentees, len(in.capLeft)
	for j, c := range in.capLeft {
		if c == 0 { // out of reach: no offer from it is positive
			s.price[j] = MaxScore + in.bonus
		}
	}
	pending := make([]bool, n)
	for i := range int32(n) {
		best := s.bestOffer(i)
		s.util[i] = best
		switch a := s.matchArc[i]; {
		case a >= 0 && in.weight(a)-s.price[in.mentor[a]] == best:
		case a >= 0:
			s.unassign(i)
			pending[i] = true
		default:
			pending[i] = best > 0
		}
	}
	for j := range int32(m) {
		for s.load[j] < in.capLeft[j] && s.price[j] > 0 {
			s.fill(j, pending)
		}
	}
	return pending
}
