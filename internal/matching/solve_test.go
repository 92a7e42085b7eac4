package matching

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/kindredhq/kindred/internal/errs"
)

func TestSolveBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for k := range 1500 {
		p := randomProblem(r, 1+r.IntN(6), 1+r.IntN(4))
		res := solveChecked(t, p, fmt.Sprintf("case %d", k))
		m, tot := bruteForce(p)
		if res.Total != tot || p.Objective == Participation && res.Matched != m {
			t.Fatalf("case %d (%v): solver %d pairs / %d, brute force %d / %d\n%+v",
				k, p.Objective, res.Matched, res.Total, m, tot, p)
		}
	}
}

func TestSolveCertificateRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for k := range 200 {
		solveChecked(t, randomProblem(r, 5+r.IntN(60), 1+r.IntN(30)), fmt.Sprintf("case %d", k))
	}
}

func TestSolveGenerated(t *testing.T) {
	for _, size := range []struct{ n, m, k int }{{0, 0, 0}, {1, 0, 5}, {10, 1, 3}, {500, 200, 8}, {3000, 1000, 10}} {
		for _, obj := range []Objective{Participation, Score} {
			p := Generate(size.n, size.m, size.k, rand.NewPCG(uint64(size.n), 7))
			p.Objective = obj
			p.MinScore = 200
			res := mustSolve(t, p)
			if err := independentCheck(p, res); err != nil {
				t.Fatalf("%+v %v: %v", size, obj, err)
			}
			again := mustSolve(t, p)
			if !reflect.DeepEqual(res, again) {
				t.Fatalf("%+v %v: not deterministic", size, obj)
			}
		}
	}
}

func TestSolveObjectives(t *testing.T) {
	// Mentor 0 (capacity 1) is everyone's favourite; mentee 1 can only go
	// to mentor 0, mentee 0 could also take mentor 1 with a low score.
	p := Problem{
		MentorCapacity: []int32{1, 1},
		NumMentees:     2,
		Arcs: []Arc{
			{Mentor: 0, Mentee: 0, Score: 900},
			{Mentor: 1, Mentee: 0, Score: 10},
			{Mentor: 0, Mentee: 1, Score: 100},
		},
	}
	res := mustSolve(t, p)
	if res.Matched != 2 || res.Total != 110 {
		t.Errorf("participation: got %d pairs, total %d; want 2, 110", res.Matched, res.Total)
	}
	p.Objective = Score
	res = mustSolve(t, p)
	if res.Matched != 1 || res.Total != 900 {
		t.Errorf("score: got %d pairs, total %d; want 1, 900", res.Matched, res.Total)
	}
	p.MinScore = 950
	res = mustSolve(t, p)
	if res.Matched != 0 {
		t.Errorf("min score 950: got %d pairs", res.Matched)
	}
	p.MinScore = 0
	p.Exclusions = []Pair{{Mentor: 0, Mentee: 0}}
	res = mustSolve(t, p)
	if want := []Arc{{Mentor: 1, Mentee: 0, Score: 10}, {Mentor: 0, Mentee: 1, Score: 100}}; !reflect.DeepEqual(res.Pairs, want) {
		t.Errorf("exclusion: got %+v, want %+v", res.Pairs, want)
	}
	p.Exclusions = nil
	p.Locks = []Pair{{Mentor: 0, Mentee: 1}}
	res = mustSolve(t, p)
	if want := []Arc{{Mentor: 1, Mentee: 0, Score: 10}, {Mentor: 0, Mentee: 1, Score: 100}}; !reflect.DeepEqual(res.Pairs, want) {
		t.Errorf("lock: got %+v, want %+v", res.Pairs, want)
	}
}

func TestSolveErrors(t *testing.T) {
	base := func() Problem {
		return Problem{
			MentorCapacity: []int32{1, 2},
			NumMentees:     3,
			Arcs: []Arc{
				{Mentor: 0, Mentee: 0, Score: 500},
				{Mentor: 0, Mentee: 1, Score: 600},
				{Mentor: 1, Mentee: 1, Score: 100},
				{Mentor: 1, Mentee: 2, Score: 700},
			},
		}
	}
	tests := []struct {
		name   string
		edit   func(*Problem)
		mentor int32
		mentee int32
		want   string
	}{
		{"lock over capacity", func(p *Problem) { p.Locks = []Pair{{0, 0}, {0, 1}} }, 0, -1, "capacity"},
		{"mentee locked twice", func(p *Problem) { p.Locks = []Pair{{0, 1}, {1, 1}} }, 1, 1, "locked twice"},
		{"lock without arc", func(p *Problem) { p.Locks = []Pair{{1, 0}} }, 1, 0, "not an allowed pair"},
		{"lock excluded", func(p *Problem) { p.Locks = []Pair{{1, 2}}; p.Exclusions = []Pair{{1, 2}} }, 1, 2, "excluded"},
		{"lock below min score", func(p *Problem) { p.Locks = []Pair{{1, 1}}; p.MinScore = 200 }, 1, 1, "minimum score"},
		{"duplicate arc", func(p *Problem) { p.Arcs = append(p.Arcs, Arc{Mentor: 0, Mentee: 0, Score: 1}) }, 0, 0, "twice"},
		{"score out of range", func(p *Problem) { p.Arcs[0].Score = 1001 }, 0, 0, "outside"},
		{"mentor out of range", func(p *Problem) { p.Arcs[0].Mentor = 2 }, -1, -1, "out of range"},
		{"mentee out of range", func(p *Problem) { p.Locks = []Pair{{0, 3}} }, -1, -1, "out of range"},
		{"negative capacity", func(p *Problem) { p.MentorCapacity[1] = -1 }, 1, -1, "negative"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := base()
			tt.edit(&p)
			_, err := Solve(p)
			if err == nil {
				t.Fatal("no error")
			}
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("error %v is not an *InputError", err)
			}
			if ie.Mentor != tt.mentor || ie.Mentee != tt.mentee {
				t.Errorf("error names mentor %d, mentee %d; want %d, %d (%v)", ie.Mentor, ie.Mentee, tt.mentor, tt.mentee, err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not mention %q", err, tt.want)
			}
			if !errs.Is(err, errs.Invalid) {
				t.Errorf("error kind %v, want invalid", errs.KindOf(err))
			}
		})
	}
}

func TestVerifyRejects(t *testing.T) {
	p := Generate(200, 40, 6, rand.NewPCG(5, 6)) // fewer seats than mentees
	good := mustSolve(t, p)
	if err := good.Verify(p); err != nil {
		t.Fatal(err)
	}
	if len(good.Certificate.CoverMentors) == 0 {
		t.Fatal("expected a certificate with a cover")
	}
	checkRejects(t, p, good, []rejectCase{
		{"drop a pair", true, func(r *Result) { r.Total -= int64(r.Pairs[0].Score); r.Matched--; r.Pairs = r.Pairs[1:] }},
		{"wrong total", true, func(r *Result) { r.Total++ }},
		{"lower a mentee price", true, func(r *Result) { r.Certificate.MenteePrice[r.Pairs[0].Mentee]-- }},
		{"raise a mentee price", true, func(r *Result) { r.Certificate.MenteePrice[r.Pairs[0].Mentee]++ }},
		{"small bonus", true, func(r *Result) { r.Certificate.Bonus = 1000 }},
		{"no cover", true, func(r *Result) { r.Certificate.CoverMentees, r.Certificate.CoverMentors = nil, nil }},
		{"negative price", true, func(r *Result) { r.Certificate.MentorPrice[0] = -1 }},
		{"pair not allowed", true, func(r *Result) {
			r.Pairs[1].Mentor = r.Pairs[0].Mentor
			r.Pairs[1].Score = -1 // not an allowed arc either way
		}},
		{"no certificate", true, func(r *Result) { r.Certificate = Certificate{} }},
	})
}

// TestParticipationLongChain needs a bonus above the small one: matching
// the third mentee costs two moves of 1000 points each.
func TestParticipationLongChain(t *testing.T) {
	p := Problem{
		MentorCapacity: []int32{1, 1, 1},
		NumMentees:     3,
		Arcs: []Arc{
			{Mentor: 0, Mentee: 0, Score: 0},
			{Mentor: 0, Mentee: 1, Score: 1000},
			{Mentor: 1, Mentee: 1, Score: 0},
			{Mentor: 1, Mentee: 2, Score: 1000},
			{Mentor: 2, Mentee: 2, Score: 0},
		},
	}
	for _, solve := range []func(Problem) (Result, error){Solve, func(p Problem) (Result, error) { return Resolve(p, Result{}) }} {
		r, err := solve(p)
		if err != nil {
			t.Fatal(err)
		}
		if r.Matched != 3 || r.Total != 0 {
			t.Errorf("got %d pairs, total %d; want 3, 0", r.Matched, r.Total)
		}
		if err := independentCheck(p, r); err != nil {
			t.Error(err)
		}
	}
	p.Objective = Score
	if r := mustSolve(t, p); r.Total != 2000 {
		t.Errorf("score objective: total %d, want 2000", r.Total)
	}
}

func TestObjectiveNames(t *testing.T) {
	for _, o := range []Objective{Participation, Score} {
		got, err := ParseObjective(o.String())
		if err != nil || got != o {
			t.Errorf("ParseObjective(%q) = %v, %v", o.String(), got, err)
		}
	}
	if o, err := ParseObjective(""); err != nil || o != Participation {
		t.Errorf("empty objective: %v, %v", o, err)
	}
	if _, err := ParseObjective("happiness"); !errs.Is(err, errs.Invalid) {
		t.Errorf("unknown objective: %v", err)
	}
	if _, err := Solve(Problem{Objective: 7}); err == nil {
		t.Error("no error for objective 7")
	}
}

// FuzzSolve decodes bytes into a small problem and checks Solve against
// the certificate checker and brute force.
func FuzzSolve(f *testing.F) {
	f.Add([]byte{3, 2, 1, 2, 0, 0, 200, 1, 1, 90, 0, 1, 255, 2, 1, 7})
	f.Add([]byte{5, 3, 0, 1, 1, 4, 0, 0, 10, 1, 0, 10, 2, 0, 10, 0, 1, 10, 1, 1, 10, 2, 1, 10})
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) < 4 {
			return
		}
		n, m := int(b[0]%6), int(b[1]%4)+1
		p := Problem{NumMentees: n, MentorCapacity: make([]int32, m), Objective: Objective(b[2] % 2), MinScore: int32(b[3]) * 2}
		b = b[4:]
		for j := range m {
			if j < len(b) {
				p.MentorCapacity[j] = int32(b[j] % 3)
			}
		}
		seen := map[pairKey]bool{}
		for k := m; k+2 < len(b) && n > 0; k += 3 {
			a := Arc{Mentor: int32(b[k]) % int32(m), Mentee: int32(b[k+1]) % int32(n), Score: int32(b[k+2]) * 4}
			if a.Score <= MaxScore && !seen[pairKey{a.Mentor, a.Mentee}] {
				seen[pairKey{a.Mentor, a.Mentee}] = true
				p.Arcs = append(p.Arcs, a)
			}
		}
		r, err := Solve(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := independentCheck(p, r); err != nil {
			t.Fatal(err)
		}
		if m, tot := bruteForce(p); tot != r.Total || p.Objective == Participation && m != r.Matched {
			t.Fatalf("solver %d/%d, brute force %d/%d", r.Matched, r.Total, m, tot)
		}
	})
}

func TestSolveEdgeCases(t *testing.T) {
	tests := []struct {
		name    string
		p       Problem
		matched int
		total   int64
	}{
		{"empty", Problem{}, 0, 0},
		{"no mentors", Problem{NumMentees: 3}, 0, 0},
		{"no mentees", Problem{MentorCapacity: []int32{2, 1}}, 0, 0},
		{"no capacity", Problem{MentorCapacity: []int32{0}, NumMentees: 1, Arcs: []Arc{{Mentor: 0, Mentee: 0, Score: 700}}}, 0, 0},
		{"score zero matters for participation", Problem{MentorCapacity: []int32{1}, NumMentees: 1, Arcs: []Arc{{Mentor: 0, Mentee: 0, Score: 0}}}, 1, 0},
		{"all locked", Problem{
			MentorCapacity: []int32{1, 1}, NumMentees: 2,
			Arcs:  []Arc{{Mentor: 0, Mentee: 0, Score: 10}, {Mentor: 1, Mentee: 1, Score: 20}, {Mentor: 0, Mentee: 1, Score: 900}},
			Locks: []Pair{{Mentor: 0, Mentee: 0}, {Mentor: 1, Mentee: 1}},
		}, 2, 30},
		{"big capacity", Problem{MentorCapacity: []int32{1000}, NumMentees: 3, Arcs: []Arc{{Mentor: 0, Mentee: 0, Score: 1}, {Mentor: 0, Mentee: 1, Score: 2}, {Mentor: 0, Mentee: 2, Score: 3}}}, 3, 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, solve := range []func(Problem) (Result, error){Solve, func(p Problem) (Result, error) { return Resolve(p, Result{}) }} {
				r, err := solve(tt.p)
				if err != nil {
					t.Fatal(err)
				}
				if r.Matched != tt.matched || r.Total != tt.total {
					t.Errorf("got %d pairs, total %d; want %d, %d", r.Matched, r.Total, tt.matched, tt.total)
				}
				if err := independentCheck(tt.p, r); err != nil {
					t.Error(err)
				}
				if err := r.Verify(tt.p); err != nil {
					t.Error(err)
				}
			}
		})
	}
}

// TestVerifyChecksLocks: a locked pair must carry the score the problem
// gives it, and a locked mentee's price must be 0, even when the totals
// are made to agree.
func TestVerifyChecksLocks(t *testing.T) {
	p := Generate(200, 40, 6, rand.NewPCG(7, 8))
	free := mustSolve(t, p)
	for _, q := range free.Pairs[:5] {
		p.Locks = append(p.Locks, Pair{Mentor: q.Mentor, Mentee: q.Mentee})
	}
	good := mustSolve(t, p)
	if err := good.Verify(p); err != nil {
		t.Fatal(err)
	}
	k := slices.IndexFunc(good.Pairs, func(q Arc) bool { return q.Mentee == p.Locks[0].Mentee })
	if k < 0 || good.Pairs[k].Score == 999 {
		t.Fatalf("locked pair %+v not found with a score other than 999", p.Locks[0])
	}
	checkRejects(t, p, good, []rejectCase{
		{"made-up locked score", true, func(r *Result) {
			r.Total += 999 - int64(r.Pairs[k].Score)
			r.Pairs[k].Score = 999
		}},
		// The independent checker leaves locked mentees' prices alone.
		{"locked mentee priced", false, func(r *Result) { r.Certificate.MenteePrice[r.Pairs[k].Mentee] = 5 }},
	})
}
