package matching

import (
	"math/rand/v2"
	"reflect"
	"testing"
)

// blockingIndependent counts blocking pairs with its own code: maps, and
// the definition read off the documentation (ties are no preference; a
// locked mentee never blocks; a mentor's locked mentees use capacity).
func blockingIndependent(p Problem, r Result) int {
	locked := map[int32]bool{}
	capLeft := append([]int32(nil), p.MentorCapacity...)
	for _, l := range p.Locks {
		locked[l.Mentee] = true
		capLeft[l.Mentor]--
	}
	excluded := map[pairKey]bool{}
	for _, x := range p.Exclusions {
		excluded[pairKey{x.Mentor, x.Mentee}] = true
	}
	own := map[int32]int32{}
	held := map[int32][]int32{} // mentor -> scores of free mentees
	for _, q := range r.Pairs {
		if !locked[q.Mentee] {
			own[q.Mentee] = q.Score
			held[q.Mentor] = append(held[q.Mentor], q.Score)
		}
	}
	n := 0
	for _, a := range p.Arcs {
		if locked[a.Mentee] || a.Score < p.MinScore || excluded[pairKey{a.Mentor, a.Mentee}] {
			continue
		}
		s, matched := own[a.Mentee]
		if matched && s >= a.Score {
			continue
		}
		hs := held[a.Mentor]
		room := int32(len(hs)) < capLeft[a.Mentor]
		worse := false
		for _, h := range hs {
			worse = worse || h < a.Score
		}
		if room || worse {
			n++
		}
	}
	return n
}

func TestSolveStable(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	for k := range 500 {
		p := randomProblem(r, 1+r.IntN(30), 1+r.IntN(10))
		st, err := SolveStable(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := independentFeasible(p, st); err != nil {
			t.Fatalf("case %d: %v", k, err)
		}
		if n := blockingIndependent(p, st); n != 0 {
			t.Fatalf("case %d: %d blocking pairs in the stable matching\n%+v\n%+v", k, n, p, st)
		}
		if n, err := BlockingPairs(p, st); err != nil || n != 0 {
			t.Fatalf("case %d: BlockingPairs = %d, %v", k, n, err)
		}
		opt := mustSolve(t, p)
		if n, err := BlockingPairs(p, opt); err != nil || n != blockingIndependent(p, opt) {
			t.Fatalf("case %d: BlockingPairs = %d, %v; want %d", k, n, err, blockingIndependent(p, opt))
		}
		// The examples are blocking pairs of opt: better for the mentee
		// than their own pair, and not in opt.
		n, ex, err := BlockingExamples(p, opt, 3)
		if err != nil || n != blockingIndependent(p, opt) || len(ex) != min(n, 3) {
			t.Fatalf("case %d: BlockingExamples = %d, %d examples, %v", k, n, len(ex), err)
		}
		for _, b := range ex {
			for _, q := range opt.Pairs {
				if q.Mentee == b.Mentee && (q.Mentor == b.Mentor || q.Score != b.MenteeScore || b.Score <= q.Score) {
					t.Errorf("case %d: example %+v against %+v", k, b, q)
				}
			}
		}
		again, _ := SolveStable(p)
		if !reflect.DeepEqual(st, again) {
			t.Fatalf("case %d: not deterministic", k)
		}
	}
}

// TestSolveStableMenteeOptimal checks on tiny problems, by enumerating
// every matching, that deferred acceptance gives each mentee its best
// partner among all matchings stable for the tie-broken preferences.
func TestSolveStableMenteeOptimal(t *testing.T) {
	r := rand.New(rand.NewPCG(23, 24))
	for k := range 300 {
		p := randomProblem(r, 1+r.IntN(5), 1+r.IntN(3))
		p.Locks, p.Exclusions, p.MinScore = nil, nil, 0
		st, err := SolveStable(p)
		if err != nil {
			t.Fatal(err)
		}
		options := make([][]Arc, p.NumMentees)
		for _, a := range p.Arcs {
			options[a.Mentee] = append(options[a.Mentee], a)
		}
		// rank: higher is better; ties by lower index.
		menteeRank := func(a Arc) int64 { return int64(a.Score)<<20 - int64(a.Mentor) }
		mentorRank := func(a Arc) int64 { return int64(a.Score)<<20 - int64(a.Mentee) }
		best := make([]int64, p.NumMentees) // best stable partner rank, -1 if none
		for i := range best {
			best[i] = -1 << 62
		}
		found := false
		choice := make([]int, p.NumMentees) // index into options, or -1
		var rec func(i int)
		rec = func(i int) {
			if i < p.NumMentees {
				for c := -1; c < len(options[i]); c++ {
					choice[i] = c
					rec(i + 1)
				}
				return
			}
			load := make([]int32, len(p.MentorCapacity))
			for i, c := range choice {
				if c >= 0 {
					load[options[i][c].Mentor]++
				}
			}
			for j, l := range load {
				if l > p.MentorCapacity[j] {
					return
				}
			}
			for i, opts := range options { // stable for the strict preferences?
				for _, a := range opts {
					if choice[i] >= 0 && menteeRank(options[i][choice[i]]) >= menteeRank(a) {
						continue
					}
					if load[a.Mentor] < p.MentorCapacity[a.Mentor] {
						return
					}
					for i2, c2 := range choice {
						if c2 >= 0 && options[i2][c2].Mentor == a.Mentor && mentorRank(options[i2][c2]) < mentorRank(a) {
							return
						}
					}
				}
			}
			found = true
			for i, c := range choice {
				if c >= 0 {
					best[i] = max(best[i], menteeRank(options[i][c]))
				}
			}
		}
		rec(0)
		if !found {
			t.Fatalf("case %d: no stable matching found by enumeration", k)
		}
		got := make([]int64, p.NumMentees)
		for i := range got {
			got[i] = -1 << 62
		}
		for _, q := range st.Pairs {
			got[q.Mentee] = menteeRank(q)
		}
		if !reflect.DeepEqual(got, best) {
			t.Fatalf("case %d: deferred acceptance %v, mentee-optimal %v\n%+v", k, got, best, p)
		}
	}
}

func TestBlockingPairs(t *testing.T) {
	// Mentor 0 (capacity 1) and mentor 1 (capacity 1); both mentees like
	// mentor 0 best, and mentor 0 prefers mentee 1.
	p := Problem{
		MentorCapacity: []int32{1, 1},
		NumMentees:     2,
		Arcs: []Arc{
			{Mentor: 0, Mentee: 0, Score: 600},
			{Mentor: 1, Mentee: 0, Score: 500},
			{Mentor: 0, Mentee: 1, Score: 900},
			{Mentor: 1, Mentee: 1, Score: 100},
		},
		Objective: Score,
	}
	opt := mustSolve(t, p) // 0-0 and 1-1 (700) would lose to 0-1 and 1-0 (1400)
	if opt.Total != 1400 {
		t.Fatalf("optimum %d, want 1400", opt.Total)
	}
	if n, _ := BlockingPairs(p, opt); n != 0 {
		t.Errorf("optimum has %d blocking pairs, want 0", n)
	}
	bad := Result{Pairs: []Arc{{Mentor: 0, Mentee: 0, Score: 600}, {Mentor: 1, Mentee: 1, Score: 100}}, Total: 700, Matched: 2}
	if n, _ := BlockingPairs(p, bad); n != 1 { // mentee 1 and mentor 0
		t.Errorf("got %d blocking pairs, want 1", n)
	}
	st, _ := SolveStable(p)
	if !reflect.DeepEqual(st.Pairs, opt.Pairs) {
		t.Errorf("stable %+v, want %+v", st.Pairs, opt.Pairs)
	}
	if _, err := BlockingPairs(p, Result{Pairs: []Arc{{Mentor: 5, Mentee: 0}}, Matched: 1}); err == nil {
		t.Error("no error for a pair out of range")
	}
}
