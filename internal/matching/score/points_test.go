package score

import (
	"testing"
)

// Scoring a mentee's mentors as one batch (Scores, and so Candidates)
// gives each pair the score Score gives it alone.
func TestScoresEqualsScore(t *testing.T) {
	ms, es, org := genCohort(200, 120, 4)
	s := mustScorer(t, ms, es, org, nil, DefaultWeights(), Options{})
	js := make([]int, len(ms))
	for j := range js {
		js[j] = len(ms) - 1 - j // any order
	}
	for i := range es {
		for k, sc := range s.Scores(i, js) {
			if want := s.Score(js[k], i); sc != want {
				t.Fatalf("Scores(%d)[mentor %d] = %d, Score = %d", i, js[k], sc, want)
			}
		}
	}
}
