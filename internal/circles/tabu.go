package circles

import (
	"context"
	"math"
	"slices"
)

// Budgets and parameters of the tabu search; iteration budgets are per unit
// of Options.Effort.
const (
	tabuWork       = 200_000_000 // work at most: per partner tried, its circle size plus 4
	tabuStall      = 500         // iterations without a new best before a perturbation
	tabuRestarts   = 10          // perturbations in a row without a new best before giving up
	tabuKicks      = 4           // random swaps of a perturbation
	tabuTenureMin  = 2           // a swapped pair stays tabu in its round for
	tabuTenureSpan = 10          // tabuTenureMin + [0, tabuTenureSpan) iterations
	tabuSample     = 64          // conflicted (person, round) entries looked at per iteration, at most
	tabuCircles    = 16          // partner circles per entry when a round has more than 64
)

// repeatLowerBound returns a proven lower bound on RepeatPairs; see
// Plan.RepeatLowerBound.
func (s *search) repeatLowerBound() int {
	if !s.trackRep {
		return 0
	}
	// Transfers (see transferSlots) may take a circle down to the smallest
	// size allowed and another up to the largest, so the bound counts
	// those sizes, not the even ones Form starts with, whenever a transfer
	// can happen.
	smin, smax := slices.Min(s.sizes), slices.Max(s.sizes)
	if s.sizesMayChange() {
		smin, smax = s.minSize, s.maxSize
	}
	excess := 0
	for p := range s.n {
		met := 0
		if s.histPeer != nil {
			met = s.histPeer[p]
		}
		// Person p has at least R*(smin-1) co-memberships, and at most
		// n-1-met of them can be with people p has not met.
		if k, fresh := s.R*(smin-1), s.n-1-met; k > fresh {
			excess += k - fresh
		}
	}
	lb := (excess + 1) / 2 // each repeat is a co-membership of two people
	if s.hist == nil && s.n == 36 && s.R >= 4 && smin == 6 && smax == 6 {
		lb = max(lb, tarryBound)
	}
	return lb
}

// tarryBound documents the bound for 36 people in circles of 6: four
// rounds have at least 2 repeats.
//
// Two repeat-free rounds of 6 circles of 6 form a 6x6 grid (each circle of
// the second meets each circle of the first exactly once), and a third round
// repeat-free with both is a Latin square on it (each circle takes one cell
// per row and per column). Suppose four rounds had at most one repeat. With
// one, the repeated pair meets in two rounds a and b, and rounds a, c, d are
// repeat-free: a grid and a Latin square L. Round b then has five circles
// with no repeat against a, c and d, each a transversal of L (one cell per
// row, column and symbol), so its sixth circle, the cells left, has one cell
// per row, column and symbol too and is a transversal as well, and b has no
// repeat after all. Either way the cells split into six disjoint
// transversals of L, which would give L an orthogonal mate, and no Latin
// square of order 6 has one (Tarry 1900; checked by exhaustion in
// TestNoOrthogonalLatinSquaresOfOrder6). So four rounds need at least two
// repeats, and the search finds plans with exactly two.
const tarryBound = 2

// conflicted reports whether person p is in conflict in round r: p's circle
// breaks a rule or has no slot, or p has met a circle-mate before.
func (s *search) conflicted(r int, p int32) bool {
	rs := &s.rs[r]
	c := s.circ[int(p)*s.R+r]
	x := s.rec(r, p)
	return !rs.slot[c] || rs.facN[c] == 0 || x.cm > 0 || x.rp > 0
}

// conflictSet keeps the conflicted (person, round) entries, updated after
// each swap only where a swap can change them.
type conflictSet struct {
	on   []bool  // person*R + r
	list []int32 // entries with on set, plus stale ones until the next compaction
}

func (s *search) newConflictSet() *conflictSet {
	cs := &conflictSet{on: make([]bool, s.n*s.R)}
	for p := range int32(s.n) {
		for r := range s.R {
			s.recheck(cs, r, p)
		}
	}
	return cs
}

func (s *search) recheck(cs *conflictSet, r int, p int32) {
	i := int(p)*s.R + r
	on := s.conflicted(r, p)
	if on && !cs.on[i] {
		cs.list = append(cs.list, int32(i))
	}
	cs.on[i] = on
}

// compact drops stale and duplicate entries.
func (cs *conflictSet) compact() {
	cs.list = slices.DeleteFunc(cs.list, func(i int32) bool { return !cs.on[i] })
	slices.Sort(cs.list)
	cs.list = slices.Compact(cs.list)
}

// afterSwap rechecks everyone whose conflicts a swap of p and q can change:
// in every round, the circles of p and of q (in round r these are the two
// circles that changed; elsewhere, pairs with p and q changed status).
func (s *search) afterSwap(cs *conflictSet, p, q int32) {
	for rr := range s.R {
		for _, x := range [2]int32{p, q} {
			for _, m := range s.rs[rr].members(s.circ[int(x)*s.R+rr], s.maxS) {
				s.recheck(cs, rr, m.id)
			}
		}
	}
}

// tabuMove is a swap of p and q in round r.
type tabuMove struct {
	r    int
	p, q int32
}

// tabu drives repeats (and any broken rule) down over all rounds at once,
// after Dotú and Van Hentenryck: at each step it makes the best swap, within
// one round, of a person in conflict there with anyone in another circle,
// unless the same two people swapped in that round within the tenure and
// the swap does not beat the best cost so far. After tabuStall steps without
// a new best it returns to the best schedule and perturbs it with a few
// random swaps. It stops at the repeat lower bound, after tabuRestarts
// perturbations in a row that found nothing better, or after its budget.
func (s *search) tabu(ctx context.Context) error {
	lb := s.repeatLowerBound()
	m := len(s.sizes)
	cs := s.newConflictSet()
	until := map[uint64]int{} // pair and round -> first iteration it is free again
	cur := s.cost()
	best, bestCirc := cur, slices.Clone(s.circ)
	bestMain := s.mainCost()
	stall, restarts, evals := 0, 0, 0
	out := make([]int64, s.maxS)
	var sample []int32
	for it := 0; evals < tabuWork*s.effort && restarts < tabuRestarts*s.effort; it++ {
		if s.repeats <= lb && s.hardViolations() == 0 && s.noSlot() == 0 {
			break
		}
		if it%256 == 0 {
			if err := ctx.Err(); err != nil {
				return wrapCtx(err)
			}
		}
		cs.compact()
		sample = append(sample[:0], cs.list...)
		if len(sample) > tabuSample {
			s.rng.Shuffle(len(sample), func(i, j int) { sample[i], sample[j] = sample[j], sample[i] })
			sample = sample[:tabuSample]
		}
		bestD, chosen, ties := int64(math.MaxInt64), tabuMove{r: -1}, 0
		for _, e := range sample {
			p, r := e/int32(s.R), int(e%int32(s.R))
			rs := &s.rs[r]
			a := s.circ[int(p)*s.R+r]
			try := func(b int32) {
				limit := bestD
				if limit < math.MaxInt64 {
					limit++
				}
				evals += int(rs.size[b]) * (int(rs.size[a]) + 4)
				for j, d := range s.partnerDeltas(r, p, b, limit, out) {
					if d > bestD {
						continue
					}
					q := rs.slab[int(b)*s.maxS+j].id
					if until[pairKey(r, p, q)] > it && cur+d >= best {
						continue // tabu, and no new best
					}
					if d < bestD {
						bestD, chosen, ties = d, tabuMove{r, p, q}, 1
					} else {
						ties++
						if s.rng.IntN(ties) == 0 {
							chosen = tabuMove{r, p, q}
						}
					}
				}
			}
			if m <= 64 {
				for b := range int32(m) {
					if b != a {
						try(b)
					}
				}
			} else {
				for range tabuCircles {
					b := int32(s.rng.IntN(m - 1))
					if b >= a {
						b++
					}
					try(b)
				}
			}
		}
		stall++
		if chosen.r >= 0 {
			s.swap(chosen.r, chosen.p, chosen.q)
			s.afterSwap(cs, chosen.p, chosen.q)
			cur += bestD
			until[pairKey(chosen.r, chosen.p, chosen.q)] = it + tabuTenureMin + s.rng.IntN(tabuTenureSpan)
			if cur < best {
				best = cur
				copy(bestCirc, s.circ)
			}
			// Progress is judged on rules, slots and repeats only; the
			// diversity is polished afterwards.
			if main := s.mainCost(); main < bestMain {
				bestMain, stall, restarts = main, 0, 0
			}
		}
		if len(until) > 1<<14 {
			for k, v := range until {
				if v <= it {
					delete(until, k)
				}
			}
		}
		if stall > tabuStall {
			s.restore(bestCirc)
			s.perturb(tabuKicks)
			cs = s.newConflictSet()
			cur, stall = s.cost(), 0
			restarts++
			clear(until)
		}
	}
	s.restore(bestCirc)
	return nil
}

// mainCost is the cost without the diversity term.
func (s *search) mainCost() int64 {
	var c int64
	for r := range s.built {
		rs := &s.rs[r]
		c += s.wHard*int64(rs.mgrSum+rs.noFac) + s.wSlot*int64(rs.noSlot)
	}
	return c + s.wRep*int64(s.repeats)
}

// pairKey identifies the swap of p and q in round r (people below 2^21).
func pairKey(r int, p, q int32) uint64 {
	if p > q {
		p, q = q, p
	}
	return uint64(r)<<42 | uint64(p)<<21 | uint64(q)
}

// perturb makes k random swaps in random rounds.
func (s *search) perturb(k int) {
	m := len(s.sizes)
	for range k {
		r := s.rng.IntN(s.built)
		p := int32(s.rng.IntN(s.n))
		a := s.circ[int(p)*s.R+r]
		b := int32(s.rng.IntN(m - 1))
		if b >= a {
			b++
		}
		mem := s.rs[r].members(b, s.maxS)
		s.swap(r, p, mem[s.rng.IntN(len(mem))].id)
	}
}

// restore puts every placed round back to the circles in circ (a copy of
// s.circ) and rebuilds the cached facts.
func (s *search) restore(circ []int32) {
	for r := range s.built {
		circles := make([][]int32, len(s.sizes))
		for p := range s.n {
			c := circ[p*s.R+r]
			circles[c] = append(circles[c], int32(p))
		}
		s.place(r, circles)
	}
	s.repeats = s.countRepeats()
}
