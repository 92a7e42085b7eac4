package score

import "sync"

// A pair's score is built from two sums over the factors counted for it:
// num = sum(weight*points) and den = sum(weight). The factors score a
// mentee against a batch of candidate mentors at once (factorSpec.points),
// so that a batch costs one call per factor, not one per pair.

// roundedAverage is num/den rounded to the nearest integer, 0 when den is.
func roundedAverage(num, den int64) int32 {
	if den == 0 {
		return 0
	}
	return int32((2*num + den) / (2 * den))
}

// sums is scratch space for scoring one mentee against a batch of
// candidates: per candidate the two sums, and one factor's points.
type sums struct {
	num, den []int64
	pts      []int32
}

// reset makes room for n candidates with both sums at 0.
func (b *sums) reset(n int) {
	if cap(b.num) < n {
		b.num, b.den, b.pts = make([]int64, n), make([]int64, n), make([]int32, n)
	}
	b.num, b.den, b.pts = b.num[:n], b.den[:n], b.pts[:n]
	clear(b.num)
	clear(b.den)
}

// add adds the factors fs (indices into factors) of mentee e with the
// candidates cs to the sums.
func (s *Scorer) add(b *sums, fs []int8, e *member, cs []cand) {
	num, den, pts := b.num[:len(cs)], b.den[:len(cs)], b.pts[:len(cs)]
	for _, f := range fs {
		factors[f].points(s, e, cs, pts)
		w := s.fw[f]
		for k, p := range pts {
			if p >= 0 {
				num[k] += w * int64(p)
				den[k] += w
			}
		}
	}
}

// scoreAll sets b's sums to the scores' sums of mentee e with every
// candidate of cs; roundedAverage of them is the score.
func (s *Scorer) scoreAll(b *sums, e *member, cs []cand) {
	b.reset(len(cs))
	s.add(b, s.cheap, e, cs)
	s.add(b, s.costly, e, cs)
}

// bound is the highest score a pair can reach with full points on its
// costly factors, from the sums of its other factors (num, den) and the
// den of all its factors (full): those count 1000 points each.
func bound(num, den, full int64) int32 {
	return roundedAverage(num+1000*(full-den), full)
}

// pairPoints returns the points of each factor of mentor j and mentee i
// that has a weight, or -1 for one nobody in the cohort filled in (factors without
// a weight are left at 0).
func (s *Scorer) pairPoints(j, i int32) (pts [maxFactors]int32) {
	p := pairPool.Get().(*pairScratch)
	p.c[0] = cand{j, &s.ms[j]}
	for f := range numFactors {
		if s.fw[f] > 0 {
			factors[f].points(s, &s.es[i], p.c[:], p.pts[:])
			pts[f] = p.pts[0]
		}
	}
	p.c[0] = cand{}
	pairPool.Put(p)
	return pts
}

// pairScratch is what pairPoints hands the factors, pooled so that
// scoring one pair does not allocate.
type pairScratch struct {
	c   [1]cand
	pts [1]int32
}

var pairPool = sync.Pool{New: func() any { return new(pairScratch) }}

// score returns the score of mentor j and mentee i, rules aside.
func (s *Scorer) score(j, i int32) int32 { return s.average(s.pairPoints(j, i)) }

// average is the score of a pair from pairPoints.
func (s *Scorer) average(pts [maxFactors]int32) int32 {
	var num, den int64
	for f := range numFactors {
		if w := s.fw[f]; w > 0 && pts[f] >= 0 {
			num, den = num+w*int64(pts[f]), den+w
		}
	}
	return roundedAverage(num, den)
}

// Scores returns the scores of mentee i with each of the mentors js
// (indices as in Score), whether or not the pairs break a hard rule. It
// scores them as one batch: for many mentors it is faster than Score in a
// loop.
func (s *Scorer) Scores(i int, js []int) []int {
	cs := make([]cand, len(js))
	for k, j := range js {
		cs[k] = cand{int32(j), &s.ms[j]}
	}
	var b sums
	s.scoreAll(&b, &s.es[i], cs)
	out := make([]int, len(js))
	for k := range out {
		out[k] = int(roundedAverage(b.num[k], b.den[k]))
	}
	return out
}

// Score returns the score of mentor j and mentee i, 0..1000, whether or not
// the pair breaks a hard rule (see Check).
func (s *Scorer) Score(j, i int) int { return int(s.score(int32(j), int32(i))) }
