package circles

import (
	"context"
	"math"
)

// anneal runs simulated annealing on round r: random swaps, a worsening
// of the diversity by d accepted with probability exp(-d/(T*unit)) as T
// falls geometrically from t0 to t1 over iters swaps; never a move that
// breaks a rule, loses a slot or adds a repeat. The temperatures are in
// units of the mean weight (tempUnit), so scaling every weight by the same
// factor scales d and the temperature alike and changes no decision.
func (s *search) anneal(ctx context.Context, r int, iters int, t0, t1 float64) error {
	rs := &s.rs[r]
	m := len(rs.size)
	if m < 2 {
		return nil
	}
	const chunk = 4096
	alpha := math.Pow(t1/t0, 1/float64(iters/chunk+1))
	t, unit := t0, s.tempUnit()
	for it := 0; it < iters; it += chunk {
		if err := ctx.Err(); err != nil {
			return wrapCtx(err)
		}
		// Accept up to a worsening of maxD: exp(-maxD/(t*unit)) < 1e-4.
		maxD := int64(math.Ceil(float64(int64(9.3*t)+1) * unit))
		for range chunk {
			p := int32(s.rng.IntN(s.n))
			a := s.circ[int(p)*s.R+r]
			b := int32(s.rng.IntN(m - 1))
			if b >= a {
				b++
			}
			mem := rs.members(b, s.maxS)
			q := mem[s.rng.IntN(len(mem))].id
			d, ok := s.swapCost(r, p, q, maxD, true)
			if !ok || d >= maxD {
				continue
			}
			if d <= 0 || s.rng.Float64() < math.Exp(-float64(d)/unit/t) {
				s.swap(r, p, q)
			}
		}
		t *= alpha
	}
	return nil
}

// tempUnit is the unit of the annealing temperatures: the mean attribute
// weight, 1 for the default weights. A swap's diversity change is a sum of
// weights, so it grows with them; temperatures fixed in the units of
// weight 1 would make the annealing greedy under heavy weights and a random
// walk under light ones.
func (s *search) tempUnit() float64 {
	return float64(s.sumW) / nAttr
}
