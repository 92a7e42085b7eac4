package matching

// Result is a matching: its pairs, their totals and, from Solve and
// Resolve, a certificate that it is optimal.
type Result struct {
	// Pairs are the matched pairs, locked ones included, sorted by mentee.
	Pairs []Arc
	// Total is the sum of the scores of Pairs.
	Total int64
	// Matched is len(Pairs), the number of matched mentees.
	Matched int
	// Certificate proves the matching optimal. It is empty for a matching
	// that is not claimed optimal (SolveStable).
	Certificate Certificate
	// Steps counts the work done: bids plus shortest-path searches for
	// Solve, searches for Resolve, proposals for SolveStable. It is
	// deterministic and meant for benchmarks.
	Steps int
}

// Certificate is an optimal solution of the dual linear program, which
// proves a matching optimal without trusting the solver.
//
// With the locked pairs fixed and taken out (their mentees removed, their
// mentors' capacities reduced to cap'), the primal is
//
//	maximize   sum w_ij x_ij        over allowed arcs ij of free mentees
//	subject to sum_j x_ij <= 1      for each free mentee i
//	           sum_i x_ij <= cap'_j for each mentor j,  x >= 0
//
// with w_ij = score_ij + Bonus, and its dual is
//
//	minimize   sum u_i + sum cap'_j v_j
//	subject to u_i + v_j >= w_ij    for each allowed arc,  u, v >= 0.
//
// A matching is optimal exactly when some u, v satisfy the dual
// constraints and the two objectives are equal (complementary slackness:
// a matched pair has u_i + v_j = w_ij, an unmatched mentee has u_i = 0, a
// mentor with spare capacity has v_j = 0). The mentor price v_j reads as
// what one more seat with mentor j would be worth; each mentee's u_i is
// the best w_ij - v_j on offer, and the mentee holds such a best offer.
type Certificate struct {
	// Bonus is added to every free pair's score: 0 under Score, and under
	// Participation either more than MaxScore times the number of free
	// mentees, so that one more matched mentee outweighs any change of
	// total score, or any smaller value >= 0 with a cover (below).
	Bonus int64
	// MenteePrice is u, indexed by mentee; 0 for locked mentees.
	MenteePrice []int64
	// MentorPrice is v, indexed by mentor.
	MentorPrice []int64
	// CoverMentees and CoverMentors, under Participation with a Bonus of
	// at most MaxScore times the number of free mentees, prove that no
	// matching has more pairs (König): every allowed arc of a free mentee
	// has its mentee or its mentor listed, and the listed mentees plus the
	// capacities left of the listed mentors add up to the number of free
	// pairs. Any Bonus >= 0 then makes the weighted optimum the
	// Participation optimum.
	CoverMentees, CoverMentors []int32
}

// buildResult turns a solution of in (per free mentee the matched arc or
// -1, per mentor a price, and a cover if the bonus needs one) into a
// Result with its certificate. Prices are clamped at zero; a mentor with
// spare capacity must already be at zero.
func buildResult(in *instance, matchArc []int32, price []int64, coverMentees, coverMentors []int32, steps int) Result {
	n := in.numMentees
	r := Result{Steps: steps}
	r.Pairs = make([]Arc, 0, len(in.locked)+n/2)
	li := 0
	for i := range n {
		if li < len(in.locked) && int(in.locked[li].Mentee) == i {
			r.Pairs = append(r.Pairs, in.locked[li])
			li++
			continue
		}
		if a := matchArc[i]; a >= 0 {
			r.Pairs = append(r.Pairs, Arc{Mentor: in.mentor[a], Mentee: int32(i), Score: in.score[a]})
		}
	}
	for _, q := range r.Pairs {
		r.Total += int64(q.Score)
	}
	r.Matched = len(r.Pairs)

	// A mentor with no capacity left is priced out of reach: any price is
	// free in the dual objective (capacity 0), MaxScore+Bonus keeps every
	// arc into it satisfied.
	v := make([]int64, len(in.capLeft))
	for j, x := range price {
		v[j] = max(x, 0)
		if in.capLeft[j] == 0 {
			v[j] = MaxScore + in.bonus
		}
	}
	u := make([]int64, n)
	for i := range n {
		best := int64(0)
		for a := in.first[i]; a < in.first[i+1]; a++ {
			best = max(best, in.weight(a)-v[in.mentor[a]])
		}
		u[i] = best
	}
	r.Certificate = Certificate{Bonus: in.bonus, MenteePrice: u, MentorPrice: v,
		CoverMentees: coverMentees, CoverMentors: coverMentors}
	return r
}
