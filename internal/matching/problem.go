package matching

import (
	"fmt"
	"math"

	"github.com/kindredhq/kindred/internal/errs"
)

// MaxScore is the highest score a pair may have. Scores range over
// 0..MaxScore.
const MaxScore = 1000

// Objective selects what Solve maximizes.
type Objective uint8

const (
	// Participation matches as many mentees as possible and, among the
	// matchings of that size, maximizes the total score. It is the zero
	// value and the default.
	Participation Objective = iota
	// Score maximizes the total score; a mentee may stay unmatched even
	// when a mentor with spare capacity would accept them.
	Score
)

// String returns "participation" or "score".
func (o Objective) String() string {
	switch o {
	case Participation:
		return "participation"
	case Score:
		return "score"
	default:
		return fmt.Sprintf("objective(%d)", uint8(o))
	}
}

// ParseObjective parses the names printed by Objective.String; the empty
// string means Participation.
func ParseObjective(s string) (Objective, error) {
	switch s {
	case "", "participation":
		return Participation, nil
	case "score":
		return Score, nil
	}
	return 0, errs.Field("objective", "unknown objective %q (want participation or score)", s)
}

// Arc is an allowed (mentor, mentee) pair and its score, 0..MaxScore.
type Arc struct {
	Mentor, Mentee int32
	Score          int32
}

// Pair names a mentor and a mentee, for locks and exclusions.
type Pair struct {
	Mentor, Mentee int32
}

// Problem is a matching problem. Mentors are numbered by their index in
// MentorCapacity, mentees 0..NumMentees-1. Only pairs listed in Arcs may
// be matched; each pair may be listed once.
type Problem struct {
	// MentorCapacity is the number of mentees each mentor can take (>= 0).
	MentorCapacity []int32
	// NumMentees is the number of mentees.
	NumMentees int
	// Arcs lists the allowed pairs with their scores.
	Arcs []Arc
	// Objective is what to maximize; the zero value is Participation.
	Objective Objective
	// MinScore forbids every arc whose score is below it.
	MinScore int32
	// Locks are pairs that must be in the result. Each must be an allowed
	// arc (listed, not excluded, not below MinScore); a mentee may be
	// locked once and a mentor at most up to its capacity.
	Locks []Pair
	// Exclusions are pairs that must not be in the result.
	Exclusions []Pair
}

// InputError reports a Problem that cannot be solved as given: a bad index
// or score, or locks that cannot all hold. Mentor and Mentee are the
// indices involved, or -1, so that a caller can name the people. Its kind
// (see package errs) is Invalid.
type InputError struct {
	Field  string // "arcs", "locks", "exclusions", "mentor_capacity" or "num_mentees"
	Index  int    // position in that field, or -1
	Mentor int32  // mentor index involved, or -1
	Mentee int32  // mentee index involved, or -1
	Reason string // what is wrong, in words
}

// Error implements error.
func (e *InputError) Error() string {
	s := e.Field
	if e.Index >= 0 {
		s += fmt.Sprintf("[%d]", e.Index)
	}
	switch {
	case e.Mentor >= 0 && e.Mentee >= 0:
		s += fmt.Sprintf(" (mentor %d, mentee %d)", e.Mentor, e.Mentee)
	case e.Mentor >= 0:
		s += fmt.Sprintf(" (mentor %d)", e.Mentor)
	case e.Mentee >= 0:
		s += fmt.Sprintf(" (mentee %d)", e.Mentee)
	}
	return s + ": " + e.Reason
}

// Unwrap gives the error the Invalid kind of package errs.
func (e *InputError) Unwrap() error {
	return &errs.Error{Kind: errs.Invalid, Field: e.Field, Message: e.Reason}
}

func inputErr(field string, index int, mentor, mentee int32, format string, args ...any) error {
	return &InputError{Field: field, Index: index, Mentor: mentor, Mentee: mentee, Reason: fmt.Sprintf(format, args...)}
}

// instance is a validated Problem with the locks taken out: the locked
// mentees are gone, mentor capacities are reduced by their locked pairs,
// and the allowed arcs of the free mentees are grouped by mentee (CSR).
type instance struct {
	numMentees int
	bonus      int64   // added to every free pair's weight while solving
	needBonus  int64   // a bonus that alone makes Participation exact, 0 under Score
	capLeft    []int32 // per mentor: capacity minus locked pairs
	lockedTo   []int32 // per mentee: locked mentor, or -1
	locked     []Arc   // locked pairs in mentee order
	free       int     // number of free (unlocked) mentees

	first  []int32 // per mentee: arcs first[i]..first[i+1]-1 (empty if locked)
	mentor []int32 // arc's mentor
	score  []int32 // arc's score
}

// weight is the value Solve maximizes for arc a.
func (in *instance) weight(a int32) int64 { return int64(in.score[a]) + in.bonus }

// requiredBonus is a per-pair bonus that makes one more matched mentee
// worth more than any total score difference, free*MaxScore + 1, under
// Participation, and 0 under Score.
func requiredBonus(o Objective, free int) int64 {
	if o != Participation {
		return 0
	}
	return int64(free)*MaxScore + 1
}

// prepare validates p and builds its instance.
func prepare(p Problem) (*instance, error) {
	n, m := p.NumMentees, len(p.MentorCapacity)
	if n < 0 || n >= math.MaxInt32 {
		return nil, inputErr("num_mentees", -1, -1, -1, "%d mentees is out of range", n)
	}
	if m >= math.MaxInt32 || len(p.Arcs) >= math.MaxInt32 {
		return nil, inputErr("arcs", -1, -1, -1, "too many mentors or arcs")
	}
	if p.Objective > Score {
		return nil, inputErr("objective", -1, -1, -1, "unknown objective %d", p.Objective)
	}
	in := &instance{numMentees: n, capLeft: make([]int32, m), lockedTo: make([]int32, n)}
	lockAt := make([]int32, n) // position in p.Locks of each mentee's lock
	for j, c := range p.MentorCapacity {
		if c < 0 {
			return nil, inputErr("mentor_capacity", j, int32(j), -1, "negative capacity %d", c)
		}
	}
	copy(in.capLeft, p.MentorCapacity)

	// Locks: one per mentee, within capacity.
	for i := range in.lockedTo {
		in.lockedTo[i] = -1
	}
	for k, l := range p.Locks {
		if err := checkPair("locks", k, l, n, m); err != nil {
			return nil, err
		}
		if prev := in.lockedTo[l.Mentee]; prev >= 0 {
			return nil, inputErr("locks", k, l.Mentor, l.Mentee, "mentee %d is locked twice (to mentors %d and %d)", l.Mentee, prev, l.Mentor)
		}
		in.lockedTo[l.Mentee] = l.Mentor
		lockAt[l.Mentee] = int32(k)
		if in.capLeft[l.Mentor]--; in.capLeft[l.Mentor] < 0 {
			return nil, inputErr("locks", k, l.Mentor, -1, "mentor %d has more locked mentees than its capacity %d", l.Mentor, p.MentorCapacity[l.Mentor])
		}
	}

	// Exclusions grouped by mentee.
	exFirst := make([]int32, n+1)
	for k, x := range p.Exclusions {
		if err := checkPair("exclusions", k, x, n, m); err != nil {
			return nil, err
		}
		exFirst[x.Mentee+1]++
	}
	for i := range n {
		exFirst[i+1] += exFirst[i]
	}
	exMentor := make([]int32, len(p.Exclusions))
	fill := append([]int32(nil), exFirst[:n]...)
	for _, x := range p.Exclusions {
		exMentor[fill[x.Mentee]] = x.Mentor
		fill[x.Mentee]++
	}

	// All arcs grouped by mentee, in input order within a mentee.
	in.first = make([]int32, n+1)
	for k, a := range p.Arcs {
		if err := checkPair("arcs", k, Pair{a.Mentor, a.Mentee}, n, m); err != nil {
			return nil, err
		}
		if a.Score < 0 || a.Score > MaxScore {
			return nil, inputErr("arcs", k, a.Mentor, a.Mentee, "score %d is outside 0..%d", a.Score, MaxScore)
		}
		in.first[a.Mentee+1]++
	}
	for i := range n {
		in.first[i+1] += in.first[i]
	}
	in.mentor = make([]int32, len(p.Arcs))
	in.score = make([]int32, len(p.Arcs))
	copy(fill, in.first[:n])
	for _, a := range p.Arcs {
		k := fill[a.Mentee]
		in.mentor[k], in.score[k] = a.Mentor, a.Score
		fill[a.Mentee]++
	}

	// Per mentee: reject duplicates, check the lock, keep allowed arcs.
	// mark[j] == 2i+1 means mentor j is excluded for mentee i, 2i+2 that
	// an arc from mentee i to j was seen.
	mark := make([]int64, m)
	out := int32(0)
	for i := range n {
		lo, hi := in.first[i], in.first[i+1]
		in.first[i] = out
		ex, seen := int64(2*i+1), int64(2*i+2)
		for _, j := range exMentor[exFirst[i]:exFirst[i+1]] {
			mark[j] = ex
		}
		lock := in.lockedTo[i]
		lockScore := int32(-1)
		for k := lo; k < hi; k++ {
			j, s := in.mentor[k], in.score[k]
			if mark[j] == seen {
				return nil, inputErr("arcs", -1, j, int32(i), "pair is listed twice")
			}
			excluded := mark[j] == ex
			mark[j] = seen
			if j == lock {
				switch {
				case excluded:
					return nil, inputErr("locks", int(lockAt[i]), j, int32(i), "locked pair is also excluded")
				case s < p.MinScore:
					return nil, inputErr("locks", int(lockAt[i]), j, int32(i), "locked pair scores %d, below the minimum score %d", s, p.MinScore)
				}
				lockScore = s
			}
			if lock >= 0 || excluded || s < p.MinScore {
				continue
			}
			in.mentor[out], in.score[out] = j, s
			out++
		}
		if lock >= 0 {
			if lockScore < 0 {
				return nil, inputErr("locks", int(lockAt[i]), lock, int32(i), "locked pair is not an allowed pair (no arc)")
			}
			in.locked = append(in.locked, Arc{Mentor: lock, Mentee: int32(i), Score: lockScore})
		} else {
			in.free++
		}
	}
	in.first[n] = out
	in.mentor = in.mentor[:out:out]
	in.score = in.score[:out:out]
	in.needBonus = requiredBonus(p.Objective, in.free)
	in.bonus = in.needBonus
	return in, nil
}

func checkPair(field string, k int, q Pair, n, m int) error {
	if q.Mentor < 0 || int(q.Mentor) >= m {
		return inputErr(field, k, -1, -1, "mentor %d is out of range 0..%d", q.Mentor, m-1)
	}
	if q.Mentee < 0 || int(q.Mentee) >= n {
		return inputErr(field, k, -1, -1, "mentee %d is out of range 0..%d", q.Mentee, n-1)
	}
	return nil
}

// mentorIndex lists the arcs of an instance by mentor (CSR).
type mentorIndex struct {
	first  []int32 // per mentor: entries first[j]..first[j+1]-1
	arc    []int32 // instance arc
	mentee []int32 // its mentee
	score  []int32 // its score
}

func arcsByMentor(in *instance) mentorIndex {
	m := len(in.capLeft)
	na := len(in.mentor)
	x := mentorIndex{first: make([]int32, m+1), arc: make([]int32, na), mentee: make([]int32, na), score: make([]int32, na)}
	for _, j := range in.mentor {
		x.first[j+1]++
	}
	for j := range m {
		x.first[j+1] += x.first[j]
	}
	fill := append([]int32(nil), x.first[:m]...)
	for i := range int32(in.numMentees) {
		for a := in.first[i]; a < in.first[i+1]; a++ {
			j := in.mentor[a]
			x.arc[fill[j]], x.mentee[fill[j]], x.score[fill[j]] = a, i, in.score[a]
			fill[j]++
		}
	}
	return x
}
