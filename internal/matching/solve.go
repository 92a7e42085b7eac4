package matching

import "fmt"

// Solve returns an optimal matching of p with its certificate: locked
// pairs are kept, the rest is solved exactly by cost scaling (see the
// package documentation). The result is deterministic: the same Problem
// gives the same Result.
func Solve(p Problem) (Result, error) {
	in, err := prepare(p)
	if err != nil {
		return Result{}, fmt.Errorf("matching: solve: %w", err)
	}
	in.bonus = min(smallBonus, in.needBonus)
	s := newSSP(in)
	steps := 0
	if scale := auctionScale(in); scale > 0 {
		a := newAuction(in, scale)
		price := a.run()
		steps = a.bids
		s.into = a.into
		copy(s.price, price)
		for i, k := range a.matchArcs() {
			if k >= 0 {
				s.assign(int32(i), k)
			}
		}
	}
	return s.finish(steps), nil
}

// finish makes the state of s optimal: it releases and re-places what
// breaks the invariant (nothing, after an exact auction), and under
// Participation checks that the matching has the most pairs, raising the
// bonus to needBonus if it has not. It returns the result.
func (s *ssp) finish(steps int) Result {
	in := s.in
	for {
		pending := s.repair()
		for i, ok := range pending {
			if ok {
				s.place(int32(i))
			}
		}
		if in.bonus >= in.needBonus {
			return buildResult(in, s.matchArc, s.price, nil, nil, steps+s.augments)
		}
		if mentees, mentors, ok := s.cover(); ok {
			return buildResult(in, s.matchArc, s.price, mentees, mentors, steps+s.augments)
		}
		in.bonus = in.needBonus
	}
}
