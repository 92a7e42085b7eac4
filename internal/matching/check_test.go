package matching

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// This file holds test helpers written independently of the solver: a
// certificate checker that re-derives everything from the Problem with
// maps, a brute-force optimum, and a random problem generator with locks,
// exclusions and a minimum score.

type pairKey struct{ mentor, mentee int32 }

// independentCheck verifies that r is feasible for p and that its
// certificate proves it optimal: dual feasibility on every allowed arc of
// a free mentee, non-negative prices, and primal objective == dual
// objective (weak duality then makes both optimal).
func independentCheck(p Problem, r Result) error {
	return independent(p, r, true)
}

// independentFeasible verifies only that r is a feasible matching of p.
func independentFeasible(p Problem, r Result) error {
	return independent(p, r, false)
}

func independent(p Problem, r Result, optimal bool) error {
	excluded := map[pairKey]bool{}
	for _, x := range p.Exclusions {
		excluded[pairKey{x.Mentor, x.Mentee}] = true
	}
	allowed := map[pairKey]int32{}
	for _, a := range p.Arcs {
		if a.Score >= p.MinScore && !excluded[pairKey{a.Mentor, a.Mentee}] {
			allowed[pairKey{a.Mentor, a.Mentee}] = a.Score
		}
	}
	lockedTo := map[int32]int32{}
	capLeft := append([]int32(nil), p.MentorCapacity...)
	for _, l := range p.Locks {
		lockedTo[l.Mentee] = l.Mentor
		capLeft[l.Mentor]--
	}
	free := int64(p.NumMentees - len(p.Locks))

	// Primal feasibility.
	matched := map[int32]bool{}
	load := make([]int32, len(p.MentorCapacity))
	var total, primal int64
	for _, q := range r.Pairs {
		if matched[q.Mentee] {
			return fmt.Errorf("mentee %d matched twice", q.Mentee)
		}
		matched[q.Mentee] = true
		s, ok := allowed[pairKey{q.Mentor, q.Mentee}]
		if !ok || s != q.Score {
			return fmt.Errorf("pair %+v not allowed", q)
		}
		load[q.Mentor]++
		if load[q.Mentor] > p.MentorCapacity[q.Mentor] {
			return fmt.Errorf("mentor %d over capacity", q.Mentor)
		}
		total += int64(q.Score)
		if l, ok := lockedTo[q.Mentee]; ok {
			if l != q.Mentor {
				return fmt.Errorf("lock of mentee %d broken", q.Mentee)
			}
		} else {
			primal += int64(q.Score) + r.Certificate.Bonus
		}
	}
	for i, j := range lockedTo {
		if !matched[i] {
			return fmt.Errorf("lock (mentor %d, mentee %d) missing", j, i)
		}
	}
	if total != r.Total || r.Matched != len(r.Pairs) {
		return fmt.Errorf("totals %d/%d, pairs say %d/%d", r.Total, r.Matched, total, len(r.Pairs))
	}

	if !optimal {
		return nil
	}

	// Dual feasibility and objective.
	c := r.Certificate
	switch {
	case len(c.MenteePrice) != p.NumMentees || len(c.MentorPrice) != len(p.MentorCapacity):
		return fmt.Errorf("certificate has the wrong size")
	case p.Objective == Score && c.Bonus != 0:
		return fmt.Errorf("bonus %d under Score", c.Bonus)
	case c.Bonus < 0:
		return fmt.Errorf("negative bonus")
	case p.Objective == Participation && c.Bonus <= 1000*free:
		// The bonus alone does not force the most pairs: a König cover
		// must show that no matching has more.
		coverI := map[int32]bool{}
		coverJ := map[int32]bool{}
		size := int64(0)
		for _, i := range c.CoverMentees {
			if _, locked := lockedTo[i]; locked || coverI[i] {
				return fmt.Errorf("bad cover mentee %d", i)
			}
			coverI[i] = true
			size++
		}
		for _, j := range c.CoverMentors {
			if coverJ[j] {
				return fmt.Errorf("cover mentor %d twice", j)
			}
			coverJ[j] = true
			size += int64(capLeft[j])
		}
		for k := range allowed {
			if _, locked := lockedTo[k.mentee]; !locked && !coverI[k.mentee] && !coverJ[k.mentor] {
				return fmt.Errorf("cover misses %+v", k)
			}
		}
		if size != int64(len(r.Pairs)-len(p.Locks)) {
			return fmt.Errorf("cover size %d, free pairs %d", size, len(r.Pairs)-len(p.Locks))
		}
	}
	var dual int64
	for j, v := range c.MentorPrice {
		if v < 0 {
			return fmt.Errorf("negative mentor price")
		}
		dual += v * int64(capLeft[j])
	}
	for i, u := range c.MenteePrice {
		if u < 0 {
			return fmt.Errorf("negative mentee price")
		}
		if _, ok := lockedTo[int32(i)]; !ok {
			dual += u
		}
	}
	for k, s := range allowed {
		if _, ok := lockedTo[k.mentee]; ok {
			continue
		}
		if c.MenteePrice[k.mentee]+c.MentorPrice[k.mentor] < int64(s)+c.Bonus {
			return fmt.Errorf("dual violated on %+v", k)
		}
	}
	if primal != dual {
		return fmt.Errorf("primal %d != dual %d", primal, dual)
	}
	return nil
}

// bruteForce returns the best (matched, total) over all assignments,
// ordered by the objective, by enumerating each free mentee's choices.
func bruteForce(p Problem) (matched int, total int64) {
	excluded := map[pairKey]bool{}
	for _, x := range p.Exclusions {
		excluded[pairKey{x.Mentor, x.Mentee}] = true
	}
	capLeft := append([]int32(nil), p.MentorCapacity...)
	locked := map[int32]bool{}
	lockMatched, lockTotal := 0, int64(0)
	score := map[pairKey]int32{}
	for _, a := range p.Arcs {
		score[pairKey{a.Mentor, a.Mentee}] = a.Score
	}
	for _, l := range p.Locks {
		locked[l.Mentee] = true
		capLeft[l.Mentor]--
		lockMatched++
		lockTotal += int64(score[pairKey{l.Mentor, l.Mentee}])
	}
	options := make([][]Arc, p.NumMentees)
	for _, a := range p.Arcs {
		if !locked[a.Mentee] && a.Score >= p.MinScore && !excluded[pairKey{a.Mentor, a.Mentee}] {
			options[a.Mentee] = append(options[a.Mentee], a)
		}
	}
	better := func(m int, t int64) bool {
		if p.Objective == Participation && m != matched {
			return m > matched
		}
		return t > total
	}
	matched, total = -1, -1
	var rec func(i, m int, t int64)
	rec = func(i, m int, t int64) {
		if i == p.NumMentees {
			if matched < 0 || better(m, t) {
				matched, total = m, t
			}
			return
		}
		rec(i+1, m, t)
		for _, a := range options[i] {
			if capLeft[a.Mentor] > 0 {
				capLeft[a.Mentor]--
				rec(i+1, m+1, t+int64(a.Score))
				capLeft[a.Mentor]++
			}
		}
	}
	rec(0, 0, 0)
	return matched + lockMatched, total + lockTotal
}

// randomProblem draws a small problem with every feature: sparse arcs,
// capacities 0..3, a minimum score, exclusions and feasible locks.
func randomProblem(r *rand.Rand, n, m int) Problem {
	p := Problem{NumMentees: n, MentorCapacity: make([]int32, m)}
	for j := range m {
		p.MentorCapacity[j] = r.Int32N(4)
	}
	if r.IntN(2) == 0 {
		p.Objective = Score
	}
	density := 0.2 + 0.8*r.Float64()
	scores := []int32{0, 1, 500, 999, 1000}
	for i := range n {
		for j := range m {
			if r.Float64() < density {
				s := r.Int32N(1001)
				if r.IntN(4) == 0 {
					s = scores[r.IntN(len(scores))] // ties and extremes
				}
				p.Arcs = append(p.Arcs, Arc{Mentor: int32(j), Mentee: int32(i), Score: s})
			}
		}
	}
	r.Shuffle(len(p.Arcs), func(a, b int) { p.Arcs[a], p.Arcs[b] = p.Arcs[b], p.Arcs[a] })
	if r.IntN(3) == 0 {
		p.MinScore = r.Int32N(600)
	}
	lockedMentee := map[int32]bool{}
	lockLoad := make([]int32, m)
	for _, a := range p.Arcs {
		switch x := r.IntN(20); {
		case x == 0:
			p.Exclusions = append(p.Exclusions, Pair{a.Mentor, a.Mentee})
		case x == 1 && a.Score >= p.MinScore && !lockedMentee[a.Mentee] && lockLoad[a.Mentor] < p.MentorCapacity[a.Mentor]:
			p.Locks = append(p.Locks, Pair{a.Mentor, a.Mentee})
			lockedMentee[a.Mentee] = true
			lockLoad[a.Mentor]++
		}
	}
	// An exclusion must not hit a lock.
	ex := p.Exclusions[:0]
	for _, x := range p.Exclusions {
		if !lockedMentee[x.Mentee] || !containsPair(p.Locks, x) {
			ex = append(ex, x)
		}
	}
	p.Exclusions = ex
	return p
}

func containsPair(ps []Pair, q Pair) bool {
	for _, x := range ps {
		if x == q {
			return true
		}
	}
	return false
}

func mustSolve(t testing.TB, p Problem) Result {
	t.Helper()
	r, err := Solve(p)
	if err != nil {
		t.Fatalf("Solve: %v", err)
	}
	return r
}

// solveChecked solves p and fails the test unless the independent checker
// and Verify both accept the result; what names the case.
func solveChecked(t testing.TB, p Problem, what string) Result {
	t.Helper()
	res := mustSolve(t, p)
	if err := independentCheck(p, res); err != nil {
		t.Fatalf("%s: certificate: %v\n%+v\n%+v", what, err, p, res)
	}
	if err := res.Verify(p); err != nil {
		t.Fatalf("%s: Verify: %v", what, err)
	}
	return res
}

// rejectCase is a way to break a good result that Verify must refuse,
// and, when independent, the independent checker too.
type rejectCase struct {
	name        string
	independent bool
	edit        func(*Result)
}

// checkRejects applies each case to a copy of good and checks that it is
// refused as a result of p.
func checkRejects(t *testing.T, p Problem, good Result, cases []rejectCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			r := good
			r.Pairs = slices.Clone(good.Pairs)
			r.Certificate.MenteePrice = slices.Clone(good.Certificate.MenteePrice)
			r.Certificate.MentorPrice = slices.Clone(good.Certificate.MentorPrice)
			tt.edit(&r)
			if err := r.Verify(p); err == nil {
				t.Error("Verify accepted a broken result")
			}
			if err := independentCheck(p, r); tt.independent && err == nil {
				t.Error("independent check accepted a broken result")
			}
		})
	}
}
