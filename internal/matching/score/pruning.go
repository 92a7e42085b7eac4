package score

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"github.com/kindredhq/kindred/internal/matching"
)

// PruningOptions say how PruningLoss measures.
type PruningOptions struct {
	// Objective and MinScore are those of the run being checked.
	Objective matching.Objective
	MinScore  int
	// LargerK is the number of candidates per mentee to compare with
	// (default 2K).
	LargerK int
	// WholeLimit is the largest mentees*LargerK for which the whole cohort
	// is re-solved (default 1,000,000 arcs); above it a sample is.
	WholeLimit int
	// Sample is the number of mentees in the sample (default 5,000).
	Sample int
	// Locks are the run's locked pairs: their mentees cannot move.
	Locks []matching.Pair
	// EstimateSample is the number of mentees checked against every mentor
	// for UnprunedLossEstimate (default 100; each costs O(mentors)).
	EstimateSample int
}

// Pruning reports what keeping only K candidates per mentee may have cost:
// the optimum with K candidates against the optimum with LargerK.
//
// When the cohort is small enough (see PruningOptions.WholeLimit), both
// optima are computed for the whole cohort. Otherwise a sample of mentees,
// chosen by a fixed hash of their index, is re-solved while everyone else
// keeps their mentor from the run's own result: the sample competes for
// the seats the others left, with K and then LargerK candidates. Moving
// the sample alone is feasible for the whole cohort, so the sample's gain
// is a lower bound of what the whole cohort would gain, and its share of
// the sample's total an estimate of the relative loss. Locks are not
// applied in either measure.
type Pruning struct {
	K                int     `json:"k"`
	LargerK          int     `json:"larger_k"`
	Pruned           bool    `json:"pruned"`       // false when every allowed pair was kept: no loss
	WholeCohort      bool    `json:"whole_cohort"` // measured on the whole cohort, not a sample
	SampleMentees    int     `json:"sample_mentees"`
	SampleSeats      int     `json:"sample_seats"` // mentor seats open to the sample
	MatchedK         int     `json:"matched_k"`
	MatchedLarger    int     `json:"matched_larger_k"`
	TotalK           int64   `json:"total_k"`
	TotalLarger      int64   `json:"total_larger_k"`
	MatchedLoss      int     `json:"matched_loss"`       // MatchedLarger - MatchedK
	ScoreLoss        int64   `json:"score_loss"`         // TotalLarger - TotalK; may be negative under participation when more are matched
	ScoreLossPercent float64 `json:"score_loss_percent"` // ScoreLoss / TotalLarger, in percent
	// ScoreLossEstimate estimates from above what LargerK candidates could
	// add to the whole cohort's total: the dual prices of base bound the
	// gain of the measured mentees (SampleMentees), and that bound is
	// scaled up by mentees/SampleMentees, which makes it an estimate. nil
	// when base has no certificate or might match more mentees with them.
	ScoreLossEstimate *int64 `json:"score_loss_estimate,omitempty"`
	// ScoreLossBound is ScoreLossEstimate when nothing was scaled (the
	// whole cohort was measured): then it is a proven upper bound. nil
	// otherwise.
	ScoreLossBound *int64 `json:"score_loss_bound,omitempty"`
	// UnprunedLossEstimate is the same estimate against every allowed
	// pair, as if nothing were pruned, from EstimateSample mentees checked
	// against every mentor and scaled up by mentees/EstimateSample.
	UnprunedLossEstimate *int64 `json:"unpruned_loss_estimate,omitempty"`
	// UnprunedLossBound is UnprunedLossEstimate when EstimateSample is the
	// whole cohort: then it is a proven upper bound. nil otherwise.
	UnprunedLossBound *int64 `json:"unpruned_loss_bound,omitempty"`
	EstimateSample    int    `json:"estimate_sample"`
	// BaseTotal is the total score of the run's own matching, which the
	// estimates compare with.
	BaseTotal int64 `json:"base_total"`
}

// PruningLoss measures the cost of the pruning of set, which Candidates
// returned; base is the matching found with set (the rest of the cohort
// keeps its pairs when a sample is measured). For an exhaustive set it
// reports no loss without solving.
func (s *Scorer) PruningLoss(set CandidateSet, base matching.Result, o PruningOptions) (Pruning, error) {
	if set.Exhaustive {
		return Pruning{}, nil
	}
	k := set.K
	if o.LargerK <= k {
		o.LargerK = 2 * k
	}
	if o.WholeLimit <= 0 {
		o.WholeLimit = 1_000_000
	}
	if o.Sample <= 0 {
		o.Sample = 5_000
	}
	n := len(s.es)
	pr := Pruning{K: k, LargerK: o.LargerK, Pruned: true}

	caps := make([]int32, len(s.ms))
	for j := range s.ms {
		caps[j] = max(0, s.ms[j].capacity)
	}
	// Samples are taken in a fixed pseudo-random order of the mentees.
	order := make([]int32, n)
	keys := make([]uint64, n)
	for i := range n {
		order[i], keys[i] = int32(i), mix(uint64(i), 0x7072756e65)
	}
	slices.SortFunc(order, func(a, b int32) int { return cmp.Compare(keys[a], keys[b]) })
	var subset []int32
	pos := make([]int32, n) // mentee -> position in the sample, or -1
	if int64(n)*int64(o.LargerK) <= int64(o.WholeLimit) || o.Sample >= n {
		pr.WholeCohort = true
		for i := range pos {
			pos[i] = int32(i)
		}
	} else {
		subset = slices.Clone(order[:o.Sample])
		slices.Sort(subset)
		for i := range pos {
			pos[i] = -1
		}
		for t, i := range subset {
			pos[i] = int32(t)
		}
		for _, a := range base.Pairs {
			if int(a.Mentee) < n && pos[a.Mentee] < 0 && int(a.Mentor) < len(caps) {
				caps[a.Mentor] = max(0, caps[a.Mentor]-1)
			}
		}
	}
	renumber := func(arcs []matching.Arc) []matching.Arc {
		out := make([]matching.Arc, 0, len(arcs))
		for _, a := range arcs {
			if p := pos[a.Mentee]; p >= 0 {
				a.Mentee = p
				out = append(out, a)
			}
		}
		return out
	}
	numMentees := n
	if subset != nil {
		numMentees = len(subset)
	}
	pr.SampleMentees = numMentees
	for _, c := range caps {
		pr.SampleSeats += int(c)
	}
	budget := max(s.opts.Budget*o.LargerK/k, s.opts.Budget)
	larger := s.candidates(subset, o.LargerK, budget, false)
	pr.ScoreLossEstimate, pr.ScoreLossBound = dualEstimate(base, larger.Arcs, numMentees, n, o.Locks)
	pr.BaseTotal = base.Total
	if o.EstimateSample <= 0 {
		o.EstimateSample = 100
	}
	few := slices.Clone(order[:min(o.EstimateSample, n)])
	slices.Sort(few)
	pr.EstimateSample = len(few)
	pr.UnprunedLossEstimate, pr.UnprunedLossBound = dualEstimate(base, s.candidates(few, 0, 0, true).Arcs, len(few), n, o.Locks)
	solve := func(arcs []matching.Arc) (matching.Result, error) {
		return matching.Solve(matching.Problem{MentorCapacity: caps, NumMentees: numMentees,
			Arcs: renumber(arcs), Objective: o.Objective, MinScore: int32(o.MinScore)})
	}
	rk, err := solve(set.Arcs)
	if err != nil {
		return Pruning{}, fmt.Errorf("score: pruning loss at k=%d: %w", k, err)
	}
	rl, err := solve(larger.Arcs)
	if err != nil {
		return Pruning{}, fmt.Errorf("score: pruning loss at k=%d: %w", o.LargerK, err)
	}
	pr.MatchedK, pr.TotalK = rk.Matched, rk.Total
	pr.MatchedLarger, pr.TotalLarger = rl.Matched, rl.Total
	pr.MatchedLoss = rl.Matched - rk.Matched
	pr.ScoreLoss = rl.Total - rk.Total
	if rl.Total > 0 {
		pr.ScoreLossPercent = math.Round(float64(pr.ScoreLoss)/float64(rl.Total)*100*1000) / 1000
	}
	return pr, nil
}

// dualEstimate estimates the gain of adding arcs, which cover measured of
// the n mentees, to the problem base solved. By LP duality, with base's
// prices (u, v), raising each mentee's u_i to its best w_ij - v_j over the
// new arcs keeps the dual feasible, so the larger problem's optimum is at
// most base's plus the sum of the raises. That sum bounds the gain of the
// measured mentees; scaled by n/measured it estimates the whole cohort's.
// The bound is returned only when nothing was scaled (measured == n). Both
// are nil without a certificate, or when an unmatched mentee could be
// matched (then the sum mixes matched mentees and score).
func dualEstimate(base matching.Result, arcs []matching.Arc, measured, n int, locks []matching.Pair) (estimate, bound *int64) {
	c := base.Certificate
	if len(c.MenteePrice) != n || n == 0 || measured == 0 {
		return nil, nil
	}
	locked := map[int32]bool{}
	for _, l := range locks {
		locked[l.Mentee] = true
	}
	matched := make([]bool, n)
	for _, a := range base.Pairs {
		matched[a.Mentee] = true
	}
	best := make([]int64, n)
	for i := range best {
		best[i] = math.MinInt64
	}
	for _, a := range arcs {
		if locked[a.Mentee] || int(a.Mentor) >= len(c.MentorPrice) {
			continue
		}
		best[a.Mentee] = max(best[a.Mentee], int64(a.Score)+c.Bonus-c.MentorPrice[a.Mentor])
	}
	var gain int64
	for i, w := range best {
		if w == math.MinInt64 {
			continue
		}
		if raise := w - c.MenteePrice[i]; raise > 0 {
			if !matched[i] && c.Bonus > 0 {
				return nil, nil
			}
			gain += raise
		}
	}
	if measured == n {
		return &gain, &gain
	}
	scaled := int64(math.Ceil(float64(gain) * float64(n) / float64(measured)))
	return &scaled, nil
}
