package circles

import "context"

// Budgets of the relabelling search, per unit of Options.Effort.
const (
	relabelPasses   = 20          // passes over the people at most
	relabelPartners = 16          // partners sampled per person and pass
	relabelWork     = 200_000_000 // work at most: per round of an exchange tried, the two circle sizes
)

// relabel improves a multi-round plan by exchanging two people in every
// round at once. Such an exchange renames two points of the design without
// changing its shape: how often each pair of places meets stays the same,
// so the plan's own repeats stay the same (only pairs met in the history can
// change). It is how the seeded, repeat-free rounds are fitted to the hard
// rules, slots and diversity before any single round is touched: a manager
// and their report, for instance, can be given two places that never meet.
func (s *search) relabel(ctx context.Context) error {
	if s.R < 2 || len(s.sizes) < 2 {
		return nil
	}
	idle, evals := 0, 0
	for pass := 0; pass < relabelPasses*s.effort && idle < 2 && evals < relabelWork*s.effort; pass++ {
		if err := ctx.Err(); err != nil {
			return wrapCtx(err)
		}
		gained := int64(0)
		for _, p := range s.rng.Perm(s.n) {
			if !s.breaksAnywhere(int32(p)) {
				continue
			}
			best, bq, ties := int64(1), int32(-1), 0
			for range relabelPartners {
				q := int32(s.rng.IntN(s.n - 1))
				if q >= int32(p) {
					q++
				}
				d := s.relabelCost(int32(p), q)
				evals += s.R * 2 * s.maxS
				switch {
				case d < best:
					best, bq, ties = d, q, 1
				case d == best:
					ties++
					if s.rng.IntN(ties) == 0 {
						bq = q
					}
				}
			}
			if bq >= 0 && best <= 0 {
				for r := range s.R {
					if s.circ[p*s.R+r] != s.circ[int(bq)*s.R+r] {
						s.swap(r, int32(p), bq)
					}
				}
				gained -= best
			}
		}
		if gained == 0 {
			idle++
		} else {
			idle = 0
		}
	}
	return nil
}

// breaksAnywhere reports whether p's circle breaks a rule or lacks a slot
// in some round.
func (s *search) breaksAnywhere(p int32) bool {
	for r := range s.R {
		rs := &s.rs[r]
		c := s.circ[int(p)*s.R+r]
		if !rs.slot[c] || rs.facN[c] == 0 || s.rec(r, p).cm > 0 {
			return true
		}
	}
	return false
}

// relabelCost returns the change of cost if p and q exchange places in
// every round.
func (s *search) relabelCost(p, q int32) int64 {
	var d int64
	for r := range s.R {
		if s.circ[int(p)*s.R+r] == s.circ[int(q)*s.R+r] {
			continue
		}
		dr, _ := s.swapCost(r, p, q, 1<<62, false)
		d += dr
	}
	if s.hist == nil {
		return d
	}
	// Pairs with p and q trade their plan co-memberships: count them.
	kp, kq := map[int32]int{}, map[int32]int{}
	for r := range s.R {
		rs := &s.rs[r]
		for _, m := range rs.members(s.circ[int(p)*s.R+r], s.maxS) {
			kp[m.id]++
		}
		for _, m := range rs.members(s.circ[int(q)*s.R+r], s.maxS) {
			kq[m.id]++
		}
	}
	f := func(h bool, k int) int {
		if h {
			return k
		}
		return max(k-1, 0)
	}
	rep := 0
	seen := map[int32]bool{p: true, q: true}
	for _, ks := range [2]map[int32]int{kp, kq} {
		for y := range ks {
			if seen[y] {
				continue
			}
			seen[y] = true
			hp, hq := s.metInHistory(p, y), s.metInHistory(q, y)
			rep += f(hp, kq[y]) + f(hq, kp[y]) - f(hp, kp[y]) - f(hq, kq[y])
		}
	}
	return d + s.wRep*int64(rep)
}
