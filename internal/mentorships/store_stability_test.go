package mentorships_test

import (
	"strings"
	"testing"
)

// TestRunReportsBlockingPairs: every run keeps its stability report, the
// blocking pairs kindred match --stable counts, with a few in words.
func TestRunReportsBlockingPairs(t *testing.T) {
	eachWorld(t, func(t *testing.T, w *world) {
		w.cohort()
		r := w.run(w.q4)
		got, err := w.s.GetRun(w.ctx, w.p.ID, w.q4.ID, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		// The optimum gives Mo Berg (one seat) someone else, though he and
		// Eva Two would score 895 together.
		want := "Mo Berg and Eva Two would both rather be together (score 895): Eva Two has 618 with their mentor, " +
			"and Mo Berg 855 with their lowest-scoring mentee."
		if got.Blocking != 1 || len(got.BlockingExamples) != 1 || got.BlockingExamples[0].Words() != want {
			t.Errorf("blocking %d: %+v", got.Blocking, got.BlockingExamples)
		}
		if got.Blocking != r.Blocking || len(got.BlockingExamples) != min(got.Blocking, 5) {
			t.Fatalf("blocking %d with %d examples", got.Blocking, len(got.BlockingExamples))
		}
		for _, b := range got.BlockingExamples {
			if !strings.Contains(b.Words(), b.MentorName+" and "+b.MenteeName+" would both rather be together") {
				t.Errorf("words: %q", b.Words())
			}
		}
	})
}
