package score

import (
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/kindredhq/kindred/internal/matching"
	"github.com/kindredhq/kindred/internal/person"
)

// CandidateSet is the allowed pairs of a cohort with their scores: the
// arcs of a matching.Problem whose mentors and mentees are numbered as in
// the lists given to NewScorer.
type CandidateSet struct {
	// Arcs are the candidate pairs, sorted by mentee, then mentor.
	Arcs []matching.Arc
	// Exhaustive is true when every pair was scored and every allowed pair
	// kept; otherwise each mentee kept its best K of the mentors scored.
	Exhaustive bool
	// K is the number of candidates kept per mentee (0 when exhaustive).
	K int
	// Scored counts the pairs that were looked at.
	Scored int64
	// Rejected counts the pairs looked at that broke a hard rule, by rule
	// name (see Rule.String).
	Rejected map[string]int64
	// BelowMinScore counts the allowed pairs looked at that scored below
	// Options.MinScore.
	BelowMinScore int64
}

// Candidates is NewScorer followed by Scorer.Candidates.
func Candidates(mentors, mentees []person.Person, org *Org, history *History, w Weights, opts Options) (CandidateSet, error) {
	s, err := NewScorer(mentors, mentees, org, history, w, opts)
	if err != nil {
		return CandidateSet{}, err
	}
	return s.Candidates(), nil
}

// Candidates returns the allowed pairs of the cohort and their scores.
//
// When mentees*mentors is at most Options.ExhaustiveLimit, every pair is
// checked and scored and every allowed pair at or above MinScore is kept.
// Above it, scoring every pair would take too long (100,000 mentees and
// 50,000 mentors are 5e9 pairs), so each mentee scores a budget of mentors
// (Options.Budget) and keeps the best K. The budget goes, in this order,
// to mentors who offer a skill the mentee wants (about 60%, shared among
// the wanted skills), nearest working hours first; to mentors whose
// working day is nearest the mentee's, whatever their skills (about 30%);
// and to a sample of everyone. Within a bucket of equal skill and hours
// each mentee starts at its own pseudo-random place, so that popular
// mentors do not end up on every list. Mentors who can take nobody (no
// capacity, no required language) are never looked at.
//
// The cost is O(mentees * Budget * (tags per person)) plus building the
// buckets; the result does not depend on Options.Workers. How much the
// pruning may cost the optimum is what Scorer.PruningLoss measures.
func (s *Scorer) Candidates() CandidateSet {
	n, m := len(s.es), len(s.ms)
	exhaustive := s.opts.ExhaustiveLimit >= 0 && int64(n)*int64(m) <= int64(s.opts.ExhaustiveLimit)
	return s.candidates(nil, s.opts.K, s.opts.Budget, exhaustive)
}

// candidates computes the candidate arcs of the given mentees (nil for
// all), keeping k per mentee within a budget unless exhaustive.
func (s *Scorer) candidates(subset []int32, k, budget int, exhaustive bool) CandidateSet {
	var ix *bucketIndex
	if !exhaustive {
		ix = s.index()
	}
	total := len(s.es)
	if subset != nil {
		total = len(subset)
	}
	const chunk = 256
	chunks := (total + chunk - 1) / chunk
	out := make([][]matching.Arc, chunks)
	stats := make([]workerStats, chunks)
	workers := s.opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = max(1, min(workers, chunks))
	var next, done atomic.Int64
	var progress sync.Mutex
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := s.newWorker(ix, k, budget)
			for {
				c := int(next.Add(1) - 1)
				if c >= chunks {
					return
				}
				lo, hi := c*chunk, min(total, (c+1)*chunk)
				var arcs []matching.Arc
				w.stats = workerStats{}
				for t := lo; t < hi; t++ {
					i := int32(t)
					if subset != nil {
						i = subset[t]
					}
					if exhaustive {
						arcs = w.all(i, arcs)
					} else {
						arcs = w.best(i, arcs)
					}
				}
				out[c], stats[c] = arcs, w.stats
				d := done.Add(int64(hi - lo))
				if s.opts.Progress != nil {
					progress.Lock()
					s.opts.Progress(int(d), total)
					progress.Unlock()
				}
			}
		}()
	}
	wg.Wait()

	set := CandidateSet{Exhaustive: exhaustive, Rejected: map[string]int64{}}
	if !exhaustive {
		set.K = k
	}
	size := 0
	for _, a := range out {
		size += len(a)
	}
	set.Arcs = make([]matching.Arc, 0, size)
	var sum workerStats
	for c := range out {
		set.Arcs = append(set.Arcs, out[c]...)
		sum.scored += stats[c].scored
		sum.belowMin += stats[c].belowMin
		for r := range sum.rejected {
			sum.rejected[r] += stats[c].rejected[r]
		}
	}
	set.Scored, set.BelowMinScore = sum.scored, sum.belowMin
	for _, r := range Rules() {
		if sum.rejected[r] > 0 {
			set.Rejected[r.String()] = sum.rejected[r]
		}
	}
	return set
}

type workerStats struct {
	scored, belowMin int64
	rejected         [numRules]int64
}

// worker is one goroutine's scratch space.
type worker struct {
	s        *Scorer
	ix       *bucketIndex
	k        int
	budget   int
	minScore int32
	stamp    []int32 // stamp[j] == i+1: mentor j is already a candidate of mentee i
	cand     []cand
	heap     []entry
	cheap    sums // per candidate: the factors that are not costly
	sums     sums // per candidate: every factor
	stats    workerStats
}

// cand is a mentor to score, with their data (a copy, in bucket order,
// or the original).
type cand struct {
	j int32
	m *member
}

type entry struct {
	score  int32
	tie    uint32
	mentor int32
}

func (s *Scorer) newWorker(ix *bucketIndex, k, budget int) *worker {
	w := &worker{s: s, ix: ix, k: k, budget: budget, minScore: int32(s.opts.MinScore)}
	if ix != nil {
		w.stamp = make([]int32, len(s.ms))
		w.cand = make([]cand, 0, budget+64)
		w.heap = make([]entry, 0, k)
	}
	return w
}

// allowed keeps in w.cand the candidates of mentee i that break no rule,
// in order, and counts them all as scored and the others as rejected.
func (w *worker) allowed(i int32) {
	s, e := w.s, &w.s.es[i]
	ok := w.cand[:0]
	for _, c := range w.cand {
		w.stats.scored++
		if r := s.checkPair(c.j, i, c.m, e); r != Allowed {
			w.stats.rejected[r]++
			continue
		}
		ok = append(ok, c)
	}
	w.cand = ok
}

// all appends every allowed pair of mentee i at or above the minimum
// score, in mentor order.
func (w *worker) all(i int32, arcs []matching.Arc) []matching.Arc {
	s := w.s
	w.cand = w.cand[:0]
	for j := range s.ms {
		w.cand = append(w.cand, cand{int32(j), &s.ms[j]})
	}
	w.allowed(i)
	s.scoreAll(&w.sums, &s.es[i], w.cand)
	for k, c := range w.cand {
		sc := roundedAverage(w.sums.num[k], w.sums.den[k])
		if sc < w.minScore {
			w.stats.belowMin++
			continue
		}
		arcs = append(arcs, matching.Arc{Mentor: c.j, Mentee: i, Score: sc})
	}
	return arcs
}

// best appends the best k allowed pairs of mentee i among the mentors its
// budget reaches, in mentor order.
func (w *worker) best(i int32, arcs []matching.Arc) []matching.Arc {
	s := w.s
	if r := s.es[i].rule; r != Allowed {
		w.stats.rejected[r] += int64(len(s.ms))
		return arcs
	}
	w.gather(i)
	w.allowed(i)
	w.heap = w.heap[:0]
	e := &s.es[i]
	cheap, all := &w.cheap, &w.sums
	cheap.reset(len(w.cand))
	s.add(cheap, s.cheap, e, w.cand)
	all.reset(len(w.cand))
	copy(all.num, cheap.num)
	copy(all.den, cheap.den)
	s.add(all, s.costly, e, w.cand)
	for k, c := range w.cand {
		sc := roundedAverage(all.num[k], all.den[k])
		if sc < w.minScore {
			// Counted below the minimum unless even full points on the
			// costly factors keep it below the heap (see bound).
			if b := bound(cheap.num[k], cheap.den[k], all.den[k]); b < w.minScore || len(w.heap) < w.k || b >= w.heap[0].score {
				w.stats.belowMin++
			}
			continue
		}
		// A score below the heap's lowest leaves the heap as it is.
		w.push(entry{score: sc, tie: uint32(mix(uint64(i)<<32|uint64(uint32(c.j)), 0x5ca1ab1e)), mentor: c.j})
	}
	start := len(arcs)
	for _, e := range w.heap {
		arcs = append(arcs, matching.Arc{Mentor: e.mentor, Mentee: i, Score: e.score})
	}
	slices.SortFunc(arcs[start:], func(a, b matching.Arc) int { return int(a.Mentor - b.Mentor) })
	return arcs
}

// worse orders entries: a lower score, then a higher tie, then a higher
// mentor index is worse.
func worse(a, b entry) bool {
	if a.score != b.score {
		return a.score < b.score
	}
	if a.tie != b.tie {
		return a.tie > b.tie
	}
	return a.mentor > b.mentor
}

// push keeps the best k entries in a heap with the worst on top.
func (w *worker) push(e entry) {
	h := w.heap
	if len(h) < w.k {
		h = append(h, e)
		for c := len(h) - 1; c > 0; {
			p := (c - 1) / 2
			if !worse(h[c], h[p]) {
				break
			}
			h[c], h[p] = h[p], h[c]
			c = p
		}
		w.heap = h
		return
	}
	if !worse(h[0], e) {
		return
	}
	h[0] = e
	for p := 0; ; {
		c := 2*p + 1
		if c >= len(h) {
			break
		}
		if c+1 < len(h) && worse(h[c+1], h[c]) {
			c++
		}
		if !worse(h[c], h[p]) {
			break
		}
		h[c], h[p] = h[p], h[c]
		p = c
	}
}

// groups is the number of working-day buckets: the UTC hour of the middle
// of the day.
const groups = 24

// bucketIndex lists the mentors who can take someone, by the skills they
// offer and by the UTC hour of the middle of their working day. Each
// bucket holds copies of its mentors' data in order, so that a mentee
// scoring a run of a bucket reads memory in sequence: at 50,000 mentors
// the data do not fit in cache, and a random read per pair would cost
// more than the scoring.
type bucketIndex struct {
	eligible   []int32
	numSkills  int32
	skillFirst []int32 // bucket (skill, group) is entries skillFirst[b]:skillFirst[b+1], b = skill*groups+group
	skillJ     []int32
	skillM     []member
	groupFirst [groups + 1]int32
	groupJ     []int32
	groupM     []member
}

// index builds the bucket index once.
func (s *Scorer) index() *bucketIndex {
	s.ixOnce.Do(func() {
		ix := &bucketIndex{numSkills: int32(len(s.skills.names)) + 1}
		for j := range s.ms {
			if s.ms[j].rule == Allowed {
				ix.eligible = append(ix.eligible, int32(j))
			}
		}
		nb := int(ix.numSkills) * groups
		ix.skillFirst = make([]int32, nb+1)
		for _, j := range ix.eligible {
			m := &s.ms[j]
			g := int32(s.classes[m.class].group)
			ix.groupFirst[g+1]++
			for _, sk := range m.skills() {
				ix.skillFirst[sk*groups+g+1]++
			}
		}
		for b := range nb {
			ix.skillFirst[b+1] += ix.skillFirst[b]
		}
		for g := range groups {
			ix.groupFirst[g+1] += ix.groupFirst[g]
		}
		ix.skillJ = make([]int32, ix.skillFirst[nb])
		ix.skillM = make([]member, ix.skillFirst[nb])
		ix.groupJ = make([]int32, len(ix.eligible))
		ix.groupM = make([]member, len(ix.eligible))
		sf := slices.Clone(ix.skillFirst[:nb])
		gf := ix.groupFirst
		for _, j := range ix.eligible {
			m := &s.ms[j]
			g := int32(s.classes[m.class].group)
			ix.groupJ[gf[g]], ix.groupM[gf[g]] = j, *m
			gf[g]++
			for _, sk := range m.skills() {
				b := sk*groups + g
				ix.skillJ[sf[b]], ix.skillM[sf[b]] = j, *m
				sf[b]++
			}
		}
		s.ix = ix
	})
	return s.ix
}

// gather fills w.cand with the mentors mentee i will score.
func (w *worker) gather(i int32) {
	s, ix := w.s, w.ix
	w.cand = w.cand[:0]
	if len(ix.eligible) <= w.budget {
		for _, j := range ix.eligible {
			w.cand = append(w.cand, cand{j, &s.ms[j]})
		}
		return
	}
	e := &s.es[i]
	tag := i + 1
	g0 := int32(s.classes[e.class].group)
	// take adds up to quota new mentors from a bucket, starting at a place
	// of the mentee's own, and returns how many it added.
	take := func(js []int32, ms []member, seed uint64, quota int) int {
		if len(js) == 0 || quota <= 0 {
			return 0
		}
		got := 0
		start := int(mix(uint64(i)<<32|seed, 0x9e3779b9) % uint64(len(js)))
		for k, steps := start, 0; steps < len(js) && steps < 2*quota+8 && got < quota; steps++ {
			if j := js[k]; w.stamp[j] != tag {
				w.stamp[j] = tag
				w.cand = append(w.cand, cand{j, &ms[k]})
				got++
			}
			if k++; k == len(js) {
				k = 0
			}
		}
		return got
	}
	// Nearest working days first: the mentee's hour, then one hour either
	// side, and so on round the clock.
	ring := func(d int32) (int32, int32, bool) {
		a, b := (g0+d)%groups, (g0-d+groups)%groups
		return a, b, d != 0 && a != b
	}
	skillBucket := func(sk, g int32, quota int) int {
		b := sk*groups + g
		lo, hi := ix.skillFirst[b], ix.skillFirst[b+1]
		return take(ix.skillJ[lo:hi], ix.skillM[lo:hi], uint64(sk)<<8|uint64(g), quota)
	}
	groupBucket := func(g int32, quota int) int {
		lo, hi := ix.groupFirst[g], ix.groupFirst[g+1]
		return take(ix.groupJ[lo:hi], ix.groupM[lo:hi], uint64(1)<<40|uint64(g), quota)
	}
	if want := e.skills(); len(want) > 0 {
		per := max(1, w.budget*6/10/len(want))
		for _, sk := range want {
			if sk >= ix.numSkills {
				continue
			}
			got := 0
			for d := int32(0); d <= groups/2 && got < per; d++ {
				a, b, two := ring(d)
				got += skillBucket(sk, a, per-got)
				if two {
					got += skillBucket(sk, b, per-got)
				}
			}
		}
	}
	quota := w.budget*9/10 - len(w.cand)
	for d := int32(0); d <= groups/2 && quota > 0; d++ {
		a, b, two := ring(d)
		quota -= groupBucket(a, quota)
		if two {
			quota -= groupBucket(b, quota)
		}
	}
	n := uint64(len(ix.eligible))
	for t := uint64(0); len(w.cand) < w.budget && t < uint64(2*w.budget); t++ {
		j := ix.eligible[mix(uint64(i)<<32|t, 0x2545f491)%n]
		if w.stamp[j] != tag {
			w.stamp[j] = tag
			w.cand = append(w.cand, cand{j, &s.ms[j]})
		}
	}
}

// mix is splitmix64 of x with a salt: a fixed, well-spread hash.
func mix(x, salt uint64) uint64 {
	z := x + salt*0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}
