package score

import (
	"testing"
)

// benchCandidates measures candidate generation from people: building the
// scorer (interning, availability classes, overlaps) and scoring and
// pruning to K = 20 per mentee.
func benchCandidates(b *testing.B, mentees, mentors int) {
	ms, es, org := genCohort(mentees, mentors, 2026)
	var set CandidateSet
	b.ReportAllocs()
	for b.Loop() {
		s, err := NewScorer(ms, es, org, nil, DefaultWeights(), Options{From: jan5, To: day("2026-03-31")})
		if err != nil {
			b.Fatal(err)
		}
		set = s.Candidates()
	}
	b.ReportMetric(float64(len(set.Arcs)), "arcs")
	b.ReportMetric(float64(set.Scored), "scored")
}

func BenchmarkCandidates10kx5k(b *testing.B)   { benchCandidates(b, 10_000, 5_000) }
func BenchmarkCandidates100kx50k(b *testing.B) { benchCandidates(b, 100_000, 50_000) }
