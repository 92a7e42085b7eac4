package matching

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// change applies one random edit of the kind an admin makes between runs
// and returns the edited copy.
func change(r *rand.Rand, p Problem) (Problem, string) {
	q := p
	q.MentorCapacity = slices.Clone(p.MentorCapacity)
	q.Arcs = slices.Clone(p.Arcs)
	q.Locks = slices.Clone(p.Locks)
	q.Exclusions = slices.Clone(p.Exclusions)
	m := len(q.MentorCapacity)
	switch r.IntN(9) {
	case 0: // a late mentee
		i := int32(q.NumMentees)
		q.NumMentees++
		for j := range m {
			if r.IntN(3) == 0 {
				q.Arcs = append(q.Arcs, Arc{Mentor: int32(j), Mentee: i, Score: r.Int32N(1001)})
			}
		}
		return q, "mentee added"
	case 1: // a mentee leaves: no arcs, no locks
		i := r.Int32N(int32(max(q.NumMentees, 1)))
		q.Arcs = slices.DeleteFunc(q.Arcs, func(a Arc) bool { return a.Mentee == i })
		q.Locks = slices.DeleteFunc(q.Locks, func(l Pair) bool { return l.Mentee == i })
		return q, "mentee removed"
	case 2: // a mentor leaves
		j := r.Int32N(int32(m))
		q.MentorCapacity[j] = 0
		q.Locks = slices.DeleteFunc(q.Locks, func(l Pair) bool { return l.Mentor == j })
		return q, "mentor removed"
	case 3: // capacity up or down
		j := r.IntN(m)
		q.MentorCapacity[j] = r.Int32N(5)
		q.Locks = dropOverCapacity(q)
		return q, "capacity changed"
	case 4: // a new lock on an allowed arc
		for range 10 {
			a := q.Arcs[r.IntN(max(len(q.Arcs), 1))%max(len(q.Arcs), 1)]
			if len(q.Arcs) == 0 || a.Score < q.MinScore || containsPair(q.Exclusions, Pair{a.Mentor, a.Mentee}) || slices.ContainsFunc(q.Locks, func(l Pair) bool { return l.Mentee == a.Mentee }) {
				continue
			}
			q.Locks = append(q.Locks, Pair{a.Mentor, a.Mentee})
			if len(dropOverCapacity(q)) < len(q.Locks) {
				q.Locks = q.Locks[:len(q.Locks)-1]
			}
			break
		}
		return q, "lock added"
	case 5: // a lock removed
		if len(q.Locks) > 0 {
			q.Locks = slices.Delete(q.Locks, 0, 1)
		}
		return q, "lock removed"
	case 6: // an exclusion
		if len(q.Arcs) > 0 {
			a := q.Arcs[r.IntN(len(q.Arcs))]
			x := Pair{a.Mentor, a.Mentee}
			if !containsPair(q.Locks, x) {
				q.Exclusions = append(q.Exclusions, x)
			}
		}
		return q, "exclusion added"
	case 7: // a score changes
		if len(q.Arcs) > 0 {
			k := r.IntN(len(q.Arcs))
			q.Arcs[k].Score = r.Int32N(1001)
			if q.Arcs[k].Score < q.MinScore {
				q.Locks = slices.DeleteFunc(q.Locks, func(l Pair) bool { return l == Pair{q.Arcs[k].Mentor, q.Arcs[k].Mentee} })
			}
		}
		return q, "score changed"
	default: // the objective flips
		q.Objective = 1 - q.Objective
		return q, "objective changed"
	}
}

// sameOptimum reports whether a and b have the same objective value; under
// Score the number of pairs may differ (pairs of score 0).
func sameOptimum(p Problem, a, b Result) bool {
	return a.Total == b.Total && (p.Objective == Score || a.Matched == b.Matched)
}

// dropOverCapacity returns the locks that fit the mentors' capacities.
func dropOverCapacity(p Problem) []Pair {
	load := make([]int32, len(p.MentorCapacity))
	var keep []Pair
	for _, l := range p.Locks {
		if load[l.Mentor] < p.MentorCapacity[l.Mentor] {
			load[l.Mentor]++
			keep = append(keep, l)
		}
	}
	return keep
}

func TestResolveEqualsCold(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for k := range 300 {
		p := randomProblem(r, 2+r.IntN(40), 1+r.IntN(15))
		prev := mustSolve(t, p)
		for step := range 4 { // a chain of changes, each re-solved warm
			q, what := change(r, p)
			warm, err := Resolve(q, prev)
			if err != nil {
				t.Fatalf("case %d step %d (%s): %v", k, step, what, err)
			}
			cold := mustSolve(t, q)
			if !sameOptimum(q, warm, cold) {
				t.Fatalf("case %d step %d (%s): warm %d/%d, cold %d/%d (%v)\nprev %+v\n%+v", k, step, what, warm.Matched, warm.Total, cold.Matched, cold.Total, independentCheck(q, warm), prev, q)
			}
			if err := independentCheck(q, warm); err != nil {
				t.Fatalf("case %d step %d (%s): %v", k, step, what, err)
			}
			p, prev = q, warm
		}
	}
}

func TestResolveFromNothing(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	for k := range 100 {
		p := randomProblem(r, 1+r.IntN(50), 1+r.IntN(20))
		res, err := Resolve(p, Result{})
		if err != nil {
			t.Fatal(err)
		}
		if err := independentCheck(p, res); err != nil {
			t.Fatalf("case %d: %v", k, err)
		}
		if cold := mustSolve(t, p); !sameOptimum(p, res, cold) {
			t.Fatalf("case %d: SSP %d/%d, Solve %d/%d", k, res.Matched, res.Total, cold.Matched, cold.Total)
		}
	}
}

func TestResolveLarge(t *testing.T) {
	p := Generate(20_000, 8_000, 12, rand.NewPCG(11, 12))
	prev := mustSolve(t, p)
	r := rand.New(rand.NewPCG(13, 14))
	for step := range 5 {
		q, what := change(r, p)
		warm, err := Resolve(q, prev)
		if err != nil {
			t.Fatal(err)
		}
		cold := mustSolve(t, q)
		if !sameOptimum(q, warm, cold) {
			t.Fatalf("step %d (%s): warm %d/%d, cold %d/%d", step, what, warm.Matched, warm.Total, cold.Matched, cold.Total)
		}
		if err := warm.Verify(q); err != nil {
			t.Fatalf("step %d (%s): %v", step, what, err)
		}
		p, prev = q, warm
	}
}

func TestResolveBadInput(t *testing.T) {
	p := Generate(50, 20, 5, rand.NewPCG(1, 1))
	prev := mustSolve(t, p)
	// A previous result from another problem: out-of-range and duplicate
	// pairs, nonsense prices. Resolve must still be exact.
	prev.Pairs = append(prev.Pairs, Arc{Mentor: 99, Mentee: 3}, Arc{Mentor: -1, Mentee: 500}, prev.Pairs[0])
	prev.Certificate.MentorPrice[0] = -7
	prev.Certificate.Bonus = 1 << 60
	q := p
	q.MentorCapacity = p.MentorCapacity[:10]
	q.Arcs = slices.DeleteFunc(slices.Clone(p.Arcs), func(a Arc) bool { return a.Mentor >= 10 })
	res, err := Resolve(q, prev)
	if err != nil {
		t.Fatal(err)
	}
	if err := independentCheck(q, res); err != nil {
		t.Fatal(err)
	}
	if cold := mustSolve(t, q); !sameOptimum(q, res, cold) {
		t.Fatalf("resolve %d/%d, solve %d/%d", res.Matched, res.Total, cold.Matched, cold.Total)
	}
	if _, err := Resolve(Problem{NumMentees: -1}, prev); err == nil {
		t.Error("no error for a bad problem")
	}
}
