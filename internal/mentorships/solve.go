package mentorships

import (
	"errors"
	"fmt"
	"runtime"
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
	blocking  []BlockingExample
}

// blockingShown is how many blocking pairs a run keeps as examples.
const blockingShown = 5

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

// solve runs the pipeline on the cohort: its candidates, the cycle's locks
// (an admin's lock that cannot hold is an error naming it) and the pairs
// kept for this run only (quietly dropped if they no longer hold), warm
// from prev when there is one; then it words every unmatched mentee's
// reason for the program manager.
func (s *Store) solve(co *cohort, o RunOptions, prev *prevRun) (*outcome, error) {
	start := time.Now()
	obj, err := checkOptions(o)
	if err != nil {
		return nil, err
	}
	p := Problem{Capacity: co.capacity, NumMentees: len(co.mentees), Scorer: co.scorer,
		Locks: co.pairs(co.rules.locks), Keep: co.pairs(co.keep), Exclusions: co.pairs(co.rules.exclusions),
		Objective: obj, MinScore: o.MinScore, Warm: co.warm(prev), WhyAll: true, Workers: s.Workers,
		Blocking: true, BlockingExamples: blockingShown}
	res, err := Solve(p)
	if err != nil {
		var le *LockError
		if errors.As(err, &le) {
			if le.Rule == score.Allowed {
				return nil, errs.E(errs.Invalid, "%s cannot be matched as asked: locked pair scores %d, below the minimum score %d",
					co.pairName(le.Pair.Mentor, le.Pair.Mentee), le.Score, o.MinScore)
			}
			return nil, errs.E(errs.Invalid, "the lock of %s cannot hold: %s; remove the lock and run again",
				co.pairName(le.Pair.Mentor, le.Pair.Mentee), PairRuleWords(le.Rule.String()))
		}
		var ie *matching.InputError
		if errors.As(err, &ie) {
			return nil, errs.E(errs.Invalid, "%s cannot be matched as asked: %s", co.pairName(ie.Mentor, ie.Mentee), ie.Reason)
		}
		return nil, fmt.Errorf("solve: %w", err)
	}
	out := &outcome{co: co, objective: obj, minScore: o.MinScore, result: res.Final, locked: res.Locked,
		factors: make([][]score.Factor, len(res.Explanations)), unmatched: make([]Unmatched, len(res.Unmatched))}
	for k, x := range res.Explanations {
		out.factors[k] = x.Factors
	}
	for k, w := range res.Unmatched {
		e := co.mentees[w.Mentee]
		out.unmatched[k] = Unmatched{MenteeID: e.ID, MenteeName: e.Name, Reason: w.Reason(), Rules: w.RuleCounts()}
	}
	out.totals = Totals{Mentees: len(co.mentees), Mentors: len(co.mentors), Seats: res.Seats, Matched: res.Final.Matched,
		TotalScore: res.Final.Total, Optimal: res.Verified, Pruned: !res.Candidates.Exhaustive, Candidates: len(res.Problem.Arcs),
		Blocking: res.Blocking, Millis: int(time.Since(start).Milliseconds())}
	for _, b := range res.BlockingExamples {
		m, e := co.mentors[b.Mentor], co.mentees[b.Mentee]
		out.blocking = append(out.blocking, BlockingExample{MentorID: m.ID, MentorName: m.Name, MenteeID: e.ID, MenteeName: e.Name,
			Score: int(b.Score), MenteeScore: int(b.MenteeScore), MentorRoom: b.MentorRoom, MentorWorst: int(b.MentorWorst)})
	}
	return out, nil
}

// pairs returns the indices of the pairs whose people both take part.
func (co *cohort) pairs(ps []IDPair) []matching.Pair {
	var out []matching.Pair
	for _, q := range ps {
		if j, i, ok := co.index(q); ok {
			out = append(out, matching.Pair{Mentor: j, Mentee: i})
		}
	}
	return out
}

// warm turns the previous run into a warm start over this cohort, or nil.
func (co *cohort) warm(prev *prevRun) *matching.Result {
	if prev == nil || len(prev.pairs) == 0 {
		return nil
	}
	start := &matching.Result{Certificate: matching.Certificate{Bonus: prev.bonus, MentorPrice: make([]int64, len(co.mentors))}}
	for j, m := range co.mentors {
		start.Certificate.MentorPrice[j] = prev.prices[m.ID]
	}
	for _, q := range co.pairs(prev.pairs) {
		start.Pairs = append(start.Pairs, matching.Arc{Mentor: q.Mentor, Mentee: q.Mentee})
	}
	return start
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
