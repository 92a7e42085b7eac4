package circles

import (
	"cmp"
	"context"
	"slices"
)

// Budgets of the exchange search, per unit of Options.Effort.
const (
	maxPasses   = 40        // passes over the people per round, at most
	passStop    = 5e-5      // stop once a pass gains less than this share of the bound
	partners    = 6         // circles sampled per person and pass
	annealPer   = 1000      // annealing swaps per person, when that is at most
	annealMax   = 2_000_000 // this many per round (fewer swaps per person only churn)
	annealStart = 0.5       // temperatures, in units of the mean weight (see tempUnit)
	annealEnd   = 0.05
)

// run deals every round from the seed, fits the people to the places of
// the design (relabel), polishes each round in turn (with repeats counted
// against all the others), then, if repeats or broken
// rules remain, runs the tabu search over all rounds and polishes every
// round once more.
func (s *search) run(ctx context.Context) error {
	order := s.stratifiedOrder()
	for r := range s.R {
		if s.randomStart {
			s.rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		}
		s.deal(r, order)
	}
	s.repeats = s.countRepeats()
	if err := s.relabel(ctx); err != nil {
		return err
	}
	for r := range s.R {
		if err := s.repairSlots(ctx, r); err != nil {
			return err
		}
		if err := s.polish(ctx, r); err != nil {
			return err
		}
		if err := s.repair(ctx, r); err != nil {
			return err
		}
	}
	if s.trackRep && len(s.sizes) > 1 && (s.repeats > s.repeatLowerBound() || s.hardViolations() > 0) {
		if err := s.tabu(ctx); err != nil {
			return err
		}
		for r := range s.R {
			if err := s.repair(ctx, r); err != nil {
				return err
			}
			if err := s.improve(ctx, r); err != nil {
				return err
			}
		}
	}
	return nil
}

// repair gives circles of round r without a slot one where it can, by
// swaps (repairSlots) and then, where sizes may vary, by transfers
// (transferSlots), and lets the exchange search win back diversity.
func (s *search) repair(ctx context.Context, r int) error {
	if s.rs[r].noSlot == 0 {
		return nil
	}
	before := s.rs[r].noSlot
	if err := s.repairSlots(ctx, r); err != nil {
		return err
	}
	if s.rs[r].noSlot > 0 {
		if err := s.transferSlots(ctx, r); err != nil {
			return err
		}
	}
	if s.rs[r].noSlot == before {
		return nil
	}
	return s.improve(ctx, r)
}

// polish improves round r: exchange search, then, for up to 2,000 people,
// annealing and the exchange search again.
func (s *search) polish(ctx context.Context, r int) error {
	if err := s.improve(ctx, r); err != nil {
		return err
	}
	if s.rs[r].div == s.bound || annealPer*s.n > annealMax {
		return nil // annealing only serves the diversity, and needs time
	}
	iters := annealPer * s.n * s.effort
	if err := s.anneal(ctx, r, iters, annealStart, annealEnd); err != nil {
		return err
	}
	return s.improve(ctx, r)
}

// stratifiedOrder sorts people by facilitator flag (so the first row of the
// deal gives every circle a facilitator) and then by the attributes, ties
// broken at random.
func (s *search) stratifiedOrder() []int32 {
	order := make([]int32, s.n)
	for i := range order {
		order[i] = int32(i)
	}
	s.rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	slices.SortStableFunc(order, func(x, y int32) int {
		if s.fac[x] != s.fac[y] {
			if s.fac[x] {
				return -1
			}
			return 1
		}
		for a := range nAttr {
			if c := cmp.Compare(s.attr[x][a], s.attr[y][a]); c != 0 {
				return c
			}
		}
		return 0
	})
	return order
}

// deal places round r by the affine-plane construction: with m circles,
// the person at row i, column j of the order joins circle j + r*i, in
// GF(m) when m is a prime power (so the first m rounds are repeat-free, and
// for m*m people round m takes the rows themselves), else modulo m (which is
// repeat-free as long as rounds*size <= m). Each row, m consecutive people
// of the sorted order, is spread over all circles, so every round starts
// stratified.
func (s *search) deal(r int, order []int32) {
	m := len(s.sizes)
	rows := (s.n + m - 1) / m
	var f *field
	if rows <= m {
		f = newField(m)
	}
	circles := make([][]int32, m)
	for c := range m {
		circles[c] = make([]int32, 0, rows)
	}
	for i, p := range order {
		row, col := i/m, i%m
		var c int
		switch {
		case s.randomStart:
			c = col
		case f != nil && r < m:
			c = f.add(col, f.mul(r, row))
		case f != nil && r == m && s.n == m*m:
			c = row
		default:
			c = (col + r*row) % m
		}
		circles[c] = append(circles[c], p)
	}
	s.place(r, circles)
}

// candidate reports whether p could gain from a swap in round r: p shares a
// weighted category, a manager link or a repeat with a circle-mate, or p's
// circle lacks a facilitator or a slot.
func (s *search) candidate(r int, p int32) bool {
	rs := &s.rs[r]
	c := s.circ[int(p)*s.R+r]
	x := s.rec(r, p)
	return !rs.slot[c] || rs.facN[c] == 0 || x.cm > 0 || x.rp > 0 ||
		int(x.tot) < int(rs.size[c]-1)*s.sumW
}

// roundOptimal reports whether round r cannot be improved: bound reached,
// all rules kept, no repeats anywhere.
func (s *search) roundOptimal(r int) bool {
	rs := &s.rs[r]
	return rs.div == s.bound && rs.mgrSum == 0 && rs.noFac == 0 && rs.noSlot == 0 && s.repeats == 0
}

// improve runs the exchange search on round r: passes over the people in
// random order; for each candidate, every member of a few random other
// circles is tried as a swap partner, and the best swap is made if it does
// not worsen the cost (equal moves let the search drift across plateaus).
// It stops when a pass gains too little, or three passes gain nothing.
func (s *search) improve(ctx context.Context, r int) error {
	rs := &s.rs[r]
	m := len(rs.size)
	if m < 2 {
		return nil
	}
	out := make([]int64, s.maxS)
	order := make([]int32, s.n)
	for i := range order {
		order[i] = int32(i)
	}
	k := min(m-1, partners)
	idle := 0
	for pass := 0; pass < maxPasses*s.effort && idle < 3 && !s.roundOptimal(r); pass++ {
		if err := ctx.Err(); err != nil {
			return wrapCtx(err)
		}
		s.rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		gained := int64(0)
		for _, p := range order {
			if !s.candidate(r, p) {
				continue
			}
			a := s.circ[int(p)*s.R+r]
			// Only swaps that lose nothing qualify: best starts one
			// diversity step above zero, so the search, ties and all,
			// is the same whatever unit the weights are in.
			best, bq, ties := s.step, int32(-1), 0
			for range k {
				b := int32(s.rng.IntN(m - 1))
				if b >= a {
					b++
				}
				for j, d := range s.partnerDeltas(r, p, b, best+1, out) {
					switch {
					case d < best:
						best, bq, ties = d, rs.slab[int(b)*s.maxS+j].id, 1
					case d == best:
						// Keep one of the equal moves uniformly at random.
						ties++
						if s.rng.IntN(ties) == 0 {
							bq = rs.slab[int(b)*s.maxS+j].id
						}
					}
				}
			}
			if bq >= 0 && best <= 0 {
				s.swap(r, p, bq)
				gained -= best
			}
		}
		switch {
		case gained == 0:
			idle++
		case float64(gained) < passStop*float64(max(s.bound, 1)):
			return nil
		default:
			idle = 0
		}
	}
	return nil
}
