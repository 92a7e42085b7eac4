package matching

import (
	"cmp"
	"fmt"
	"slices"
)

// SolveStable returns a stable matching of p by mentee-proposing deferred
// acceptance (Gale and Shapley 1962, in its many-to-one form): each
// unmatched mentee proposes to its next mentor in order of score, and a
// mentor keeps the best proposals up to its capacity. Both sides rank by
// the pair's score; ties go to the lower mentor index (for a mentee) and
// the lower mentee index (for a mentor). Locks, exclusions and the minimum
// score hold as in Solve; locked pairs take their seats first and their
// mentees do not propose. The result has no blocking pair (see
// BlockingPairs) and is the best stable matching for every mentee. The
// objective is ignored; the price of stability is Solve's Total minus
// this Total. The Certificate is empty: a stable matching is not claimed
// optimal. It runs in O(A log A) for A arcs.
func SolveStable(p Problem) (Result, error) {
	in, err := prepare(p)
	if err != nil {
		return Result{}, fmt.Errorf("matching: solve stable: %w", err)
	}
	n, m := in.numMentees, len(in.capLeft)

	// Preference lists: each mentee's arcs by score, then mentor.
	pref := make([]int32, len(in.mentor))
	for k := range pref {
		pref[k] = int32(k)
	}
	for i := range n {
		slices.SortFunc(pref[in.first[i]:in.first[i+1]], func(a, b int32) int {
			if c := cmp.Compare(in.score[b], in.score[a]); c != 0 {
				return c
			}
			return cmp.Compare(in.mentor[a], in.mentor[b])
		})
	}

	// Each mentor's held proposals, a heap with the worst on top.
	seatAt := make([]int32, m+1)
	for j, c := range in.capLeft {
		seatAt[j+1] = seatAt[j] + c
	}
	held := make([]int32, seatAt[m]) // arc of each held proposal
	load := make([]int32, m)

	next := make([]int32, n)
	matchArc := make([]int32, n)
	stack := make([]int32, 0, n)
	for i := n - 1; i >= 0; i-- {
		matchArc[i] = -1
		next[i] = in.first[i]
		if in.first[i] < in.first[i+1] {
			stack = append(stack, int32(i))
		}
	}
	menteeOf := make([]int32, len(in.mentor))
	for i := range int32(n) {
		for a := in.first[i]; a < in.first[i+1]; a++ {
			menteeOf[a] = i
		}
	}
	// worseArc reports whether the mentor prefers proposal b to a.
	worseArc := func(a, b int32) bool {
		if in.score[a] != in.score[b] {
			return in.score[a] < in.score[b]
		}
		return menteeOf[a] > menteeOf[b]
	}
	steps := 0
	for len(stack) > 0 {
		i := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for next[i] < in.first[i+1] {
			a := pref[next[i]]
			next[i]++
			steps++
			j := in.mentor[a]
			lo, hi := seatAt[j], seatAt[j+1]
			if lo == hi {
				continue
			}
			if l := load[j]; lo+l < hi {
				held[lo+l] = a
				load[j]++
				siftUpWorst(held[lo:lo+l+1], int(l), worseArc)
				matchArc[i] = a
				break
			}
			if !worseArc(held[lo], a) {
				continue // the mentor's worst is at least as good
			}
			out := menteeOf[held[lo]]
			matchArc[out] = -1
			stack = append(stack, out)
			held[lo] = a
			siftDownWorst(held[lo:hi], 0, worseArc)
			matchArc[i] = a
			break
		}
	}

	r := Result{Steps: steps}
	li := 0
	for i := range n {
		if li < len(in.locked) && int(in.locked[li].Mentee) == i {
			r.Pairs = append(r.Pairs, in.locked[li])
			li++
		} else if a := matchArc[i]; a >= 0 {
			r.Pairs = append(r.Pairs, Arc{Mentor: in.mentor[a], Mentee: int32(i), Score: in.score[a]})
		}
	}
	for _, q := range r.Pairs {
		r.Total += int64(q.Score)
	}
	r.Matched = len(r.Pairs)
	return r, nil
}

// siftUpWorst and siftDownWorst keep h a heap with the worst proposal on
// top.
func siftUpWorst(h []int32, k int, worse func(a, b int32) bool) {
	for k > 0 {
		p := (k - 1) / 2
		if !worse(h[k], h[p]) {
			return
		}
		h[k], h[p] = h[p], h[k]
		k = p
	}
}

func siftDownWorst(h []int32, k int, worse func(a, b int32) bool) {
	for {
		c := 2*k + 1
		if c >= len(h) {
			return
		}
		if c+1 < len(h) && worse(h[c+1], h[c]) {
			c++
		}
		if !worse(h[c], h[k]) {
			return
		}
		h[k], h[c] = h[c], h[k]
		k = c
	}
}

// BlockingPairs counts the blocking pairs of r in p: allowed pairs not in
// r whose mentee prefers the mentor (a higher score than its own pair, or
// it is unmatched) and whose mentor prefers the mentee (it has room, or
// the mentee scores higher than its worst mentee). Preferences are by the
// pair's score on both sides; a tie is no preference. Locked pairs are
// fixed: a locked mentee never blocks, and a mentor's locked mentees use
// capacity but cannot be given up. r must be a feasible matching of p
// with its pairs sorted by mentee and its totals right, as Solve,
// Resolve and SolveStable return; otherwise it fails.
func BlockingPairs(p Problem, r Result) (int, error) {
	n, _, err := BlockingExamples(p, r, 0)
	return n, err
}

// BlockingPair is a blocking pair with what each side has instead: the
// mentee's own score (-1 when unmatched), and whether the mentor has a
// free seat or else the score of their worst unlocked mentee.
type BlockingPair struct {
	Arc
	MenteeScore int32 // the mentee's own pair's score, or -1 when unmatched
	MentorRoom  bool  // the mentor has a free seat
	MentorWorst int32 // otherwise the score of the mentor's worst unlocked mentee
}

// BlockingExamples is BlockingPairs that also returns the first limit
// blocking pairs, by mentee then mentor, as examples to show.
func BlockingExamples(p Problem, r Result, limit int) (int, []BlockingPair, error) {
	in, err := prepare(p)
	if err != nil {
		return 0, nil, fmt.Errorf("matching: blocking pairs: %w", err)
	}
	if err := checkFeasible(in, r); err != nil {
		return 0, nil, fmt.Errorf("matching: blocking pairs: %w", err)
	}
	own := make([]int32, in.numMentees) // score of each free mentee's pair, or -1
	for i := range own {
		own[i] = -1
	}
	m := len(in.capLeft)
	load := make([]int32, m)
	worst := make([]int32, m)
	for _, q := range r.Pairs {
		if in.lockedTo[q.Mentee] >= 0 {
			continue
		}
		own[q.Mentee] = q.Score
		if load[q.Mentor] == 0 || q.Score < worst[q.Mentor] {
			worst[q.Mentor] = q.Score
		}
		load[q.Mentor]++
	}
	count := 0
	var examples []BlockingPair
	for i := range in.numMentees {
		for a := in.first[i]; a < in.first[i+1]; a++ {
			j, s := in.mentor[a], in.score[a]
			menteeWants := own[i] < 0 || s > own[i]
			room := load[j] < in.capLeft[j]
			mentorWants := room || load[j] > 0 && s > worst[j]
			if menteeWants && mentorWants {
				count++
				if len(examples) < limit {
					examples = append(examples, BlockingPair{Arc: Arc{Mentor: j, Mentee: int32(i), Score: s},
						MenteeScore: own[i], MentorRoom: room, MentorWorst: worst[j]})
				}
			}
		}
	}
	return count, examples, nil
}
