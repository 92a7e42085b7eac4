package matching

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/kindredhq/kindred/internal/errs"
)

// Verify checks that r is a feasible matching of p (pairs allowed and
// sorted by mentee, locks kept with the scores p gives them, capacities
// respected, totals right) and that its certificate proves it optimal: the
// prices are non-negative and satisfy u_i + v_j >= score_ij + Bonus on
// every allowed arc of a free mentee, locked mentees are priced 0, the
// dual objective equals the primal one, and under Participation either the
// Bonus is large enough or the cover proves that no matching has more
// pairs. It trusts nothing computed by the solver; a nil error means r is
// optimal for p. It runs in O(A). Steps, a count of work, is not checked.
func (r Result) Verify(p Problem) error {
	in, err := prepare(p)
	if err != nil {
		return fmt.Errorf("matching: verify: %w", err)
	}
	if err := checkFeasible(in, r); err != nil {
		return fmt.Errorf("matching: verify: %w", err)
	}
	if err := checkCertificate(in, p.Objective, r); err != nil {
		return fmt.Errorf("matching: verify: %w", err)
	}
	return nil
}

func verifyErr(format string, args ...any) error {
	return errs.E(errs.Internal, format, args...)
}

// checkFeasible checks the pairs, totals, capacities and locks of r.
func checkFeasible(in *instance, r Result) error {
	m := len(in.capLeft)
	load := make([]int32, m)
	seen := make([]bool, in.numMentees)
	var total int64
	for k, q := range r.Pairs {
		if q.Mentee < 0 || int(q.Mentee) >= in.numMentees || q.Mentor < 0 || int(q.Mentor) >= m {
			return verifyErr("pair %d (mentor %d, mentee %d) is out of range", k, q.Mentor, q.Mentee)
		}
		if k > 0 && r.Pairs[k-1].Mentee >= q.Mentee {
			return verifyErr("pairs are not sorted by mentee at pair %d", k)
		}
		if seen[q.Mentee] {
			return verifyErr("mentee %d is matched twice", q.Mentee)
		}
		seen[q.Mentee] = true
		total += int64(q.Score)
		if l := in.lockedTo[q.Mentee]; l >= 0 {
			if l != q.Mentor {
				return verifyErr("mentee %d is locked to mentor %d but matched to %d", q.Mentee, l, q.Mentor)
			}
			if s := in.lockedScore(q.Mentee); s != q.Score {
				return verifyErr("locked pair (mentor %d, mentee %d) has score %d, but the problem gives it %d", q.Mentor, q.Mentee, q.Score, s)
			}
			continue
		}
		if !in.hasArc(q.Mentee, q.Mentor, q.Score) {
			return verifyErr("pair (mentor %d, mentee %d, score %d) is not allowed", q.Mentor, q.Mentee, q.Score)
		}
		if load[q.Mentor]++; load[q.Mentor] > in.capLeft[q.Mentor] {
			return verifyErr("mentor %d is over capacity", q.Mentor)
		}
	}
	for _, l := range in.locked {
		if !seen[l.Mentee] {
			return verifyErr("locked pair (mentor %d, mentee %d) is missing", l.Mentor, l.Mentee)
		}
	}
	if total != r.Total || len(r.Pairs) != r.Matched {
		return verifyErr("totals %d/%d do not match the pairs (%d/%d)", r.Total, r.Matched, total, len(r.Pairs))
	}
	return nil
}

// lockedScore returns the score the problem gives the locked pair of
// mentee i.
func (in *instance) lockedScore(i int32) int32 {
	k, _ := slices.BinarySearchFunc(in.locked, i, func(a Arc, i int32) int { return cmp.Compare(a.Mentee, i) })
	return in.locked[k].Score
}

// hasArc reports whether the free mentee i has an allowed arc to j with
// score s.
func (in *instance) hasArc(i, j, s int32) bool {
	for a := in.first[i]; a < in.first[i+1]; a++ {
		if in.mentor[a] == j {
			return in.score[a] == s
		}
	}
	return false
}

// checkCertificate checks dual feasibility and primal == dual.
func checkCertificate(in *instance, o Objective, r Result) error {
	c := r.Certificate
	if len(c.MenteePrice) != in.numMentees || len(c.MentorPrice) != len(in.capLeft) {
		return verifyErr("certificate has %d mentee and %d mentor prices, want %d and %d",
			len(c.MenteePrice), len(c.MentorPrice), in.numMentees, len(in.capLeft))
	}
	switch need := requiredBonus(o, in.free); {
	case o == Score && c.Bonus != 0:
		return verifyErr("bonus %d under the score objective, want 0", c.Bonus)
	case c.Bonus < 0:
		return verifyErr("negative bonus %d", c.Bonus)
	case c.Bonus < need:
		if err := checkCover(in, r); err != nil {
			return verifyErr("bonus %d is below %d and %v", c.Bonus, need, err)
		}
	}
	var dual int64
	for j, v := range c.MentorPrice {
		if v < 0 {
			return verifyErr("mentor %d has negative price %d", j, v)
		}
		dual += int64(in.capLeft[j]) * v
	}
	for i, u := range c.MenteePrice {
		if u < 0 {
			return verifyErr("mentee %d has negative price %d", i, u)
		}
		if in.lockedTo[i] >= 0 {
			if u != 0 {
				return verifyErr("locked mentee %d has price %d, want 0", i, u)
			}
			continue
		}
		dual += u
		for a := in.first[i]; a < in.first[i+1]; a++ {
			j := in.mentor[a]
			if w := int64(in.score[a]) + c.Bonus; u+c.MentorPrice[j] < w {
				return verifyErr("arc (mentor %d, mentee %d) violates the dual: %d + %d < %d", j, i, u, c.MentorPrice[j], w)
			}
		}
	}
	var primal int64
	for _, q := range r.Pairs {
		if in.lockedTo[q.Mentee] < 0 {
			primal += int64(q.Score) + c.Bonus
		}
	}
	if primal != dual {
		return verifyErr("primal %d != dual %d: not optimal", primal, dual)
	}
	return nil
}

// checkCover checks that the certificate's cover proves that no matching
// has more free pairs than r.
func checkCover(in *instance, r Result) error {
	n, m := in.numMentees, len(in.capLeft)
	inI := make([]bool, n)
	inJ := make([]bool, m)
	size := int64(0)
	for _, i := range r.Certificate.CoverMentees {
		if i < 0 || int(i) >= n || inI[i] || in.lockedTo[i] >= 0 {
			return fmt.Errorf("the cover lists a bad mentee %d", i)
		}
		inI[i] = true
		size++
	}
	for _, j := range r.Certificate.CoverMentors {
		if j < 0 || int(j) >= m || inJ[j] {
			return fmt.Errorf("the cover lists a bad mentor %d", j)
		}
		inJ[j] = true
		size += int64(in.capLeft[j])
	}
	for i := range int32(n) {
		if inI[i] {
			continue
		}
		for a := in.first[i]; a < in.first[i+1]; a++ {
			if !inJ[in.mentor[a]] {
				return fmt.Errorf("the cover misses arc (mentor %d, mentee %d)", in.mentor[a], i)
			}
		}
	}
	pairs := int64(r.Matched - len(in.locked))
	if size != pairs {
		return fmt.Errorf("the cover has size %d but there are %d free pairs", size, pairs)
	}
	return nil
}
