package matching

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// The benchmark instances come from Generate: capacities 1..4 (2.5 on
// average, so seats for 125% of the mentees), 20 candidate mentors per
// mentee, structured scores, seeded.
func benchProblem(mentees, mentors int) Problem {
	return Generate(mentees, mentors, 20, rand.NewPCG(2026, 3))
}

func benchSolve(b *testing.B, p Problem) {
	var r Result
	b.ReportAllocs()
	for b.Loop() {
		var err error
		if r, err = Solve(p); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if err := r.Verify(p); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(len(p.Arcs)), "arcs")
	b.ReportMetric(float64(r.Steps), "steps")
	b.ReportMetric(float64(r.Matched), "matched")
}

func BenchmarkSolve10kx5k(b *testing.B)   { benchSolve(b, benchProblem(10_000, 5_000)) }
func BenchmarkSolve100kx50k(b *testing.B) { benchSolve(b, benchProblem(100_000, 50_000)) }

// BenchmarkSolveTight100kx40k has about as many seats as mentees, the
// hardest shape for the solver.
func BenchmarkSolveTight100kx40k(b *testing.B) { benchSolve(b, benchProblem(100_000, 40_000)) }

// BenchmarkResolve100kx50k re-solves after a late mentee arrives and a
// busy mentor leaves.
func BenchmarkResolve100kx50k(b *testing.B) {
	p := benchProblem(100_000, 50_000)
	prev, err := Solve(p)
	if err != nil {
		b.Fatal(err)
	}
	q := p
	q.NumMentees++
	q.Arcs = slices.Clone(p.Arcs)
	for j := range int32(20) {
		q.Arcs = append(q.Arcs, Arc{Mentor: j * 2000, Mentee: int32(p.NumMentees), Score: 500 + 20*j})
	}
	q.MentorCapacity = slices.Clone(p.MentorCapacity)
	q.MentorCapacity[prev.Pairs[0].Mentor] = 0
	var r Result
	b.ReportAllocs()
	for b.Loop() {
		if r, err = Resolve(q, prev); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if err := r.Verify(q); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(r.Steps), "steps")
}

func BenchmarkSolveStable100kx50k(b *testing.B) {
	p := benchProblem(100_000, 50_000)
	var r Result
	b.ReportAllocs()
	for b.Loop() {
		var err error
		if r, err = SolveStable(p); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(r.Steps), "proposals")
	b.ReportMetric(float64(r.Matched), "matched")
}
