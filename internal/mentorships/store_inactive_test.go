package mentorships_test

import (
	"testing"
)

// TestDeactivatedPeopleAreNotMatched deactivates a mentor and a mentee
// after a run was published: the next run pairs neither, while the
// published run keeps its pairs (their past stays).
func TestDeactivatedPeopleAreNotMatched(t *testing.T) {
	eachWorld(t, func(t *testing.T, w *world) {
		w.cohort()
		pub := w.publish(w.q4, w.run(w.q4))
		before := w.pairs(w.q4, pub)
		w.o.Deactivate("mC", "e3")
		after := w.pairs(w.q4, w.run(w.q4))
		for mentee, mentor := range after {
			if mentee == "e3" || mentor == "mC" {
				t.Errorf("deactivated person matched: %s with %s", mentee, mentor)
			}
		}
		if len(after) == 0 {
			t.Error("the run after the deactivation paired nobody")
		}
		if got := w.pairs(w.q4, pub); len(got) != len(before) || got["e3"] != before["e3"] {
			t.Errorf("the published run changed: %v, was %v", got, before)
		}
	})
}
