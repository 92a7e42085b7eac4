package formations_test

import (
	"slices"
	"testing"
)

// TestDeactivatedPeopleJoinNoNewCircle deactivates four approved members
// after a formation was published: the next formation leaves them out,
// while the published one still shows them (their past stays).
func TestDeactivatedPeopleJoinNoNewCircle(t *testing.T) {
	eachWorld(t, func(t *testing.T, w *world) {
		pub := w.publish(w.form(w.q4, 4, 1))
		gone := []string{"c13", "c14", "c15", "c16"}
		w.o.Deactivate(gone...)
		f := w.form(w.q4, 4, 1)
		if f.People != 12 {
			t.Fatalf("the new formation places %d people, want the 12 still active", f.People)
		}
		for _, c := range w.circles(f) {
			for _, id := range ids(c) {
				if slices.Contains(gone, id) {
					t.Errorf("deactivated %s placed in circle %d", id, c.Number)
				}
			}
		}
		var before []string
		for _, c := range w.circles(pub) {
			before = append(before, ids(c)...)
		}
		for _, id := range gone {
			if !slices.Contains(before, id) {
				t.Errorf("the published formation lost %s: %v", id, before)
			}
		}
	})
}
