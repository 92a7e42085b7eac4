package mentorships

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/kindredhq/kindred/internal/errs"
	"github.com/kindredhq/kindred/internal/matching"
	"github.com/kindredhq/kindred/internal/matching/score"
)

// outcome is a solved run before it is stored.
type outcome struct {
	co        *cohort
	objective matching.Objective
	minScore  int
	result    matching.Result
	locked    []bool // per mentee: held by a lock or kept
	factors   [][]score.Factor
	unmatched []Unmatched
	totals    Totals
}

// prevRun is the cycle's latest run as a warm start for the next.
type prevRun struct {
	pairs  []IDPair
	prices map[string]int64 // by mentor id
	bonus  int64
}

// checkOptions validates what a program manager chose for a run.
func checkOptions(o RunOptions) (matching.Objective, error) {
	f := errs.Fields{}
	obj, err := matching.ParseObjective(strings.TrimSpace(o.Objective))
	if err != nil {
		f.Add("objective", "%q must be participation or score", o.Objective)
	}
	if o.MinScore < 0 || o.MinScore > matching.MaxScore {
		f.Add("min_score", "must be from 0 to %d", matching.MaxScore)
	}
	return obj, f.Err()
}

// solve scores the cohort's candidate pairs and finds an optimal
// assignment, warm-started from prev when there is one, then explains
// every pair and every unmatched mentee.
func (s *Store) solve(co *cohort, o RunOptions, prev *prevRun) (*outcome, error) {
	start := time.Now()
	obj, err := checkOptions(o)
	if err != nil {
		return nil, err
	}
	sc := co.scorer
	n := len(co.mentees)
	// Candidates: every allowed pair of a small cohort, each mentee's best
	// few of a large one (score.Scorer.Candidates says how they are chosen).
	set := sc.Candidates()
	arcs, pruned := set.Arcs, !set.Exhaustive

	// Locks first (an admin's lock that cannot hold is an error naming
	// it), then the pairs kept for this run only (quietly dropped if they
	// no longer hold).
	out := &outcome{co: co, objective: obj, minScore: o.MinScore, locked: make([]bool, n)}
	var locks []matching.Pair
	held := make([]int32, len(co.mentors))
	for _, l := range co.rules.locks {
		j, i, ok := co.index(l)
		if !ok || out.locked[i] {
			continue
		}
		if r := sc.Check(int(j), int(i)); r != score.Allowed {
			return nil, errs.E(errs.Invalid, "the lock of %s cannot hold: %s; remove the lock and run again",
				co.pairName(j, i), PairRuleWords(r.String()))
		}
		out.locked[i] = true
		held[j]++
		locks = append(locks, matching.Pair{Mentor: j, Mentee: i})
	}
	for _, k := range co.keep {
		j, i, ok := co.index(k)
		if !ok || out.locked[i] || held[j] >= co.capacity[j] || sc.Check(int(j), int(i)) != score.Allowed || sc.Score(int(j), int(i)) < o.MinScore {
			continue
		}
		out.locked[i] = true
		held[j]++
		locks = append(locks, matching.Pair{Mentor: j, Mentee: i})
	}
	arcs = withLockArcs(arcs, locks, sc)

	p := matching.Problem{MentorCapacity: co.capacity, NumMentees: n, Arcs: arcs, Objective: obj,
		MinScore: int32(o.MinScore), Locks: locks}
	res, err := solveWarm(p, co, prev)
	if err != nil {
		var ie *matching.InputError
		if errors.As(err, &ie) {
			return nil, errs.E(errs.Invalid, "%s cannot be matched as asked: %s", co.pairName(ie.Mentor, ie.Mentee), ie.Reason)
		}
		return nil, fmt.Errorf("solve: %w", err)
	}
	out.result = res

	out.factors = make([][]score.Factor, len(res.Pairs))
	parallel(len(res.Pairs), s.Workers, func(k int) {
		a := res.Pairs[k]
		out.factors[k] = sc.Explain(int(a.Mentor), int(a.Mentee)).Factors
	})
	out.unmatched = explainUnmatched(co, res, o.MinScore, obj, pruned, s.Workers)
	seats := 0
	for _, c := range co.capacity {
		seats += int(c)
	}
	out.totals = Totals{Mentees: n, Mentors: len(co.mentors), Seats: seats, Matched: res.Matched, TotalScore: res.Total,
		Optimal: res.Verify(p) == nil, Pruned: pruned, Candidates: len(arcs), Millis: int(time.Since(start).Milliseconds())}
	return out, nil
}

// withLockArcs adds the arcs of locked pairs that candidate generation
// left out, keeping arcs sorted by mentee and mentor.
func withLockArcs(arcs []matching.Arc, locks []matching.Pair, sc *score.Scorer) []matching.Arc {
	if len(locks) == 0 {
		return arcs
	}
	want := make(map[matching.Pair]bool, len(locks))
	for _, l := range locks {
		want[l] = true
	}
	for _, a := range arcs {
		delete(want, matching.Pair{Mentor: a.Mentor, Mentee: a.Mentee})
	}
	if len(want) == 0 {
		return arcs
	}
	for _, l := range slices.SortedFunc(maps.Keys(want), func(a, b matching.Pair) int {
		return cmp.Or(cmp.Compare(a.Mentee, b.Mentee), cmp.Compare(a.Mentor, b.Mentor))
	}) {
		arcs = append(arcs, matching.Arc{Mentor: l.Mentor, Mentee: l.Mentee, Score: int32(sc.Score(int(l.Mentor), int(l.Mentee)))})
	}
	slices.SortFunc(arcs, func(a, b matching.Arc) int {
		return cmp.Or(cmp.Compare(a.Mentee, b.Mentee), cmp.Compare(a.Mentor, b.Mentor))
	})
	return arcs
}

// solveWarm re-solves from the cycle's previous run when there is one
// (matching.Resolve keeps its pairs and prices where they still hold), and
// solves from scratch otherwise or if the warm result cannot be verified.
func solveWarm(p matching.Problem, co *cohort, prev *prevRun) (matching.Result, error) {
	if prev != nil && len(prev.pairs) > 0 {
		start := matching.Result{Certificate: matching.Certificate{Bonus: prev.bonus, MentorPrice: make([]int64, len(co.mentors))}}
		for j, m := range co.mentors {
			start.Certificate.MentorPrice[j] = prev.prices[m.ID]
		}
		for _, q := range prev.pairs {
			if j, i, ok := co.index(q); ok {
				start.Pairs = append(start.Pairs, matching.Arc{Mentor: j, Mentee: i})
			}
		}
		res, err := matching.Resolve(p, start)
		if err == nil && res.Verify(p) == nil {
			return res, nil
		}
		var ie *matching.InputError
		if errors.As(err, &ie) {
			return matching.Result{}, err
		}
	}
	return matching.Solve(p)
}

// explainUnmatched says for each mentee left without a mentor why: the
// hard rules that ruled out each mentor, and what stopped the rest.
func explainUnmatched(co *cohort, res matching.Result, minScore int, obj matching.Objective, pruned bool, workers int) []Unmatched {
	n, m := len(co.mentees), len(co.mentors)
	matched := make([]bool, n)
	taken := make([]int32, m)
	for _, a := range res.Pairs {
		matched[a.Mentee] = true
		taken[a.Mentor]++
	}
	var todo []int
	for i := range n {
		if !matched[i] {
			todo = append(todo, i)
		}
	}
	out := make([]Unmatched, len(todo))
	parallel(len(todo), workers, func(k int) {
		i := todo[k]
		u := Unmatched{MenteeID: co.mentees[i].ID, MenteeName: co.mentees[i].Name, Rules: map[string]int{}}
		allowed, room, low := 0, 0, 0
		for j := range m {
			if r := co.scorer.Check(j, i); r != score.Allowed {
				u.Rules[r.String()]++
				continue
			}
			allowed++
			if taken[j] < co.capacity[j] {
				room++
				if co.scorer.Score(j, i) < minScore {
					low++
				}
			}
		}
		switch {
		case m == 0:
			u.Reason = "No mentor is approved in this cycle yet."
		case allowed == 0:
			u.Reason = "No mentor passes the rules."
		case room == 0:
			u.Reason = fmt.Sprintf("No mentor with capacity who passes the rules: the %d who pass are full.", allowed)
		case low == room:
			u.Reason = fmt.Sprintf("The mentors with room who pass the rules score below the minimum of %d.", minScore)
		case pruned:
			u.Reason = "No mentor with capacity who passes the rules was among this mentee's best candidates."
		case obj == matching.Score:
			u.Reason = "Matching this mentee would not raise the total score (the run maximizes score, not participation)."
		default:
			u.Reason = "No mentor with capacity who passes the rules."
		}
		out[k] = u
	})
	return out
}

// parallel calls fn(0..n-1) on workers goroutines (0: GOMAXPROCS), in
// chunks; fn must write only to its own index's results.
func parallel(n, workers int, fn func(i int)) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	chunk := max(64, n/(workers*8)+1)
	var wg sync.WaitGroup
	next := make(chan int)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for start := range next {
				for i := start; i < min(start+chunk, n); i++ {
					fn(i)
				}
			}
		}()
	}
	for start := 0; start < n; start += chunk {
		next <- start
	}
	close(next)
	wg.Wait()
}
