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

// benchRun times solve on p and returns its last result.
func benchRun(b *testing.B, p Problem, solve func(Problem) (Result, error)) Result {
	var r Result
	b.ReportAllocs()
	for b.Loop() {
		var err error
		if r, err = solve(p); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	return r
}

func benchSolve(b *testing.B, p Problem) {
	r := benchRun(b, p, Solve)
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
	r := benchRun(b, q, func(q Problem) (Result, error) { return Resolve(q, prev) })
	if err := r.Verify(q); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(r.Steps), "steps")
}

func BenchmarkSolveStable100kx50k(b *testing.B) {
	r := benchRun(b, benchProblem(100_000, 50_000), SolveStable)
	b.ReportMetric(float64(r.Steps), "proposals")
	b.ReportMetric(float64(r.Matched), "matched")
}
