package mentorships

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"time"

	"github.com/kindredhq/kindred/internal/matching"
	"github.com/kindredhq/kindred/internal/matching/score"
)

// Problem is one matching run as the pipeline takes it, from the store
// (a cycle's cohort) or from files (kindred match). Mentors and mentees
// are indices; names and ids stay with the caller.
//
// The pairs come either from Scorer (people: every allowed pair of a small
// cohort, each mentee's best few of a large one) or, when Scorer is nil,
// from Arcs (scores given by the caller; only those pairs are allowed).
type Problem struct {
	Capacity   []int32 // seats per mentor in this run
	NumMentees int
	Scorer     *score.Scorer
	Arcs       []matching.Arc
	// Locks must hold: a lock that breaks a rule, scores below MinScore or
	// is not an allowed pair stops the run with a *LockError.
	Locks []matching.Pair
	// Keep are held in place for this run only when they still hold
	// (within capacity, allowed, at or above MinScore); others are dropped.
	Keep []matching.Pair
	// Exclusions are pairs that must not be. With a Scorer they must also
	// be in its options (the scorer rules them out); with Arcs they are
	// honored by the solver.
	Exclusions []matching.Pair
	Objective  matching.Objective
	MinScore   int
	// Stable asks for a stable matching instead of the optimal one; the
	// optimal one is still found, for the price of stability.
	Stable bool
	// Warm is the previous run's pairs and prices: a warm start, kept
	// only when its result verifies.
	Warm *matching.Result
	// Blocking asks for the number of blocking pairs of the result
	// (one pass over the arcs), and the first BlockingExamples of them.
	Blocking         bool
	BlockingExamples int
	// Pruning asks for score.Scorer.PruningLoss (people only).
	Pruning bool
	// WhyAll checks every unmatched mentee against every mentor (the
	// product); otherwise only mentees without candidates are, at most
	// MaxWhyChecks of them (kindred match on large cohorts).
	WhyAll  bool
	Workers int // for explanations; 0: GOMAXPROCS
}

// MaxWhyChecks bounds the unmatched mentees checked against every mentor
// when Problem.WhyAll is false: each check is O(mentors).
const MaxWhyChecks = 2000

// Outcome is a solved Problem: the matching problem as solved, its
// optimal result and the result reported (the stable one when asked),
// the explanation of each pair and the reason of each unmatched mentee.
type Outcome struct {
	Problem        matching.Problem
	Optimal, Final matching.Result
	Verified       bool // the optimal result's certificate checked out
	Blocking       int  // blocking pairs of Final, when asked
	// BlockingExamples are the first Problem.BlockingExamples of them.
	BlockingExamples []matching.BlockingPair
	Locked           []bool
	Candidates       score.CandidateSet // with a Scorer; Arcs and Exhaustive otherwise
	Explanations     []score.Explanation
	Unmatched        []Why
	Pruning          score.Pruning
	Seats            int
	Timings          map[string]float64 // seconds: candidates, solve, pruning
}

// LockError is a lock that cannot hold: Lock is its position in
// Problem.Locks. Rule is the hard rule it breaks, or Allowed when it
// scores below the minimum (Score) or is not an allowed pair (NoArc).
type LockError struct {
	Lock  int
	Pair  matching.Pair
	Rule  score.Rule
	Score int
	NoArc bool
}

func (e *LockError) Error() string {
	switch {
	case e.NoArc:
		return fmt.Sprintf("lock %d: the pair is not allowed", e.Lock)
	case e.Rule != score.Allowed:
		return fmt.Sprintf("lock %d: %s", e.Lock, e.Rule.Reason())
	}
	return fmt.Sprintf("lock %d: the pair scores %d, below the minimum", e.Lock, e.Score)
}

// Why is why a mentee is unmatched: the one reason that the product and
// kindred match both word (Reason, CLIWords).
type Why struct {
	Mentee int32
	// Candidates counts the mentee's candidate pairs at or above the
	// minimum score: all of their mentors were full or taken.
	Candidates int
	// Checked is true when the mentee was checked against every mentor
	// (or, with given scores, every listed pair): then score.Why holds
	// how they fared and, with Problem.WhyAll, Room how many who pass had
	// a free seat, of whom RoomBelowMin scored below the minimum.
	Checked bool
	score.Why
	Room, RoomBelowMin int
	// Listed is the number of pairs of the mentee in the given scores.
	Listed     int
	Exhaustive bool // every allowed pair was a candidate
	Objective  matching.Objective
}

// Solve runs the whole pipeline: candidates, locks, solve (warm when
// asked, stable when asked), verify, explain.
func Solve(p Problem) (*Outcome, error) {
	out := &Outcome{Timings: map[string]float64{}, Locked: make([]bool, p.NumMentees)}
	t := time.Now()
	if p.Scorer != nil {
		out.Candidates = p.Scorer.Candidates()
	} else {
		out.Candidates = score.CandidateSet{Arcs: p.Arcs, Exhaustive: true}
	}
	arcs := out.Candidates.Arcs
	locks, err := p.holdLocks(out.Locked, arcs)
	if err != nil {
		return nil, err
	}
	if p.Scorer != nil {
		arcs = withLockArcs(arcs, locks, p.Scorer)
	}
	out.Timings["candidates"] = since(t)

	t = time.Now()
	mp := matching.Problem{MentorCapacity: p.Capacity, NumMentees: p.NumMentees, Arcs: arcs, Objective: p.Objective,
		MinScore: int32(p.MinScore), Locks: locks, Exclusions: p.Exclusions}
	out.Problem = mp
	if out.Optimal, err = solveWarm(mp, p.Warm); err != nil {
		return nil, err
	}
	out.Verified = out.Optimal.Verify(mp) == nil
	out.Final = out.Optimal
	if p.Stable {
		if out.Final, err = matching.SolveStable(mp); err != nil {
			return nil, err
		}
	}
	if p.Blocking {
		if out.Blocking, out.BlockingExamples, err = matching.BlockingExamples(mp, out.Final, p.BlockingExamples); err != nil {
			return nil, fmt.Errorf("blocking pairs: %w", err)
		}
	}
	out.Timings["solve"] = since(t)

	if p.Pruning && p.Scorer != nil {
		t = time.Now()
		out.Pruning, err = p.Scorer.PruningLoss(out.Candidates, out.Optimal,
			score.PruningOptions{Objective: p.Objective, MinScore: p.MinScore, Locks: locks})
		if err != nil {
			return nil, fmt.Errorf("pruning: %w", err)
		}
		out.Timings["pruning"] = since(t)
	}
	for _, c := range p.Capacity {
		out.Seats += int(c)
	}
	if p.Scorer != nil {
		res := out.Final
		out.Explanations = make([]score.Explanation, len(res.Pairs))
		parallel(len(res.Pairs), p.Workers, func(k int) {
			out.Explanations[k] = p.Scorer.Explain(int(res.Pairs[k].Mentor), int(res.Pairs[k].Mentee))
		})
	}
	out.Unmatched = p.explainUnmatched(out)
	return out, nil
}

// holdLocks checks the locks (each must hold) and the pairs to keep (each
// is kept if it holds), marks their mentees in locked and returns the
// pairs the solver must keep.
func (p Problem) holdLocks(locked []bool, arcs []matching.Arc) ([]matching.Pair, error) {
	if len(p.Locks) == 0 && len(p.Keep) == 0 {
		return nil, nil
	}
	var scoreOf map[matching.Pair]int32 // given scores only
	if p.Scorer == nil {
		scoreOf = make(map[matching.Pair]int32, len(p.Locks)+len(p.Keep))
		for _, l := range slices.Concat(p.Locks, p.Keep) {
			scoreOf[l] = -1
		}
		for _, a := range arcs {
			if _, ok := scoreOf[matching.Pair{Mentor: a.Mentor, Mentee: a.Mentee}]; ok {
				scoreOf[matching.Pair{Mentor: a.Mentor, Mentee: a.Mentee}] = a.Score
			}
		}
	}
	check := func(l matching.Pair) (score.Rule, int, bool) {
		if p.Scorer == nil {
			s := scoreOf[l]
			return score.Allowed, int(s), s >= 0
		}
		if r := p.Scorer.Check(int(l.Mentor), int(l.Mentee)); r != score.Allowed {
			return r, 0, true
		}
		return score.Allowed, p.Scorer.Score(int(l.Mentor), int(l.Mentee)), true
	}
	held := make([]int32, len(p.Capacity))
	var locks []matching.Pair
	for k, l := range p.Locks {
		if locked[l.Mentee] {
			continue
		}
		r, s, ok := check(l)
		switch {
		case !ok:
			return nil, &LockError{Lock: k, Pair: l, NoArc: true}
		case r != score.Allowed:
			return nil, &LockError{Lock: k, Pair: l, Rule: r}
		case s < p.MinScore:
			return nil, &LockError{Lock: k, Pair: l, Score: s}
		}
		locked[l.Mentee] = true
		held[l.Mentor]++
		locks = append(locks, l)
	}
	for _, l := range p.Keep {
		if locked[l.Mentee] || held[l.Mentor] >= p.Capacity[l.Mentor] {
			continue
		}
		if r, s, ok := check(l); !ok || r != score.Allowed || s < p.MinScore {
			continue
		}
		locked[l.Mentee] = true
		held[l.Mentor]++
		locks = append(locks, l)
	}
	return locks, nil
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

// solveWarm re-solves from warm when there is one (matching.Resolve keeps
// its pairs and prices where they still hold), and solves from scratch
// otherwise or if the warm result cannot be verified.
func solveWarm(p matching.Problem, warm *matching.Result) (matching.Result, error) {
	if warm != nil && len(warm.Pairs) > 0 {
		res, err := matching.Resolve(p, *warm)
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

// since is the seconds since t, to the millisecond.
func since(t time.Time) float64 { return math.Round(time.Since(t).Seconds()*1000) / 1000 }
