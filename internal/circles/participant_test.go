package circles

import (
	"context"
	"testing"
)

// TestZeroParticipantHasNoManager checks that the zero value of
// Participant means "no manager", not "managed by participant 0": four
// zero-valued people fit one circle of four, which they could not if the
// other three reported to the first.
func TestZeroParticipantHasNoManager(t *testing.T) {
	var p Participant
	if m, ok := p.Manager(); ok {
		t.Fatalf("zero Participant has manager %d", m)
	}
	p.SetManager(0)
	if m, ok := p.Manager(); !ok || m != 0 {
		t.Fatalf("after SetManager(0): manager %d, %v; want 0, true", m, ok)
	}
	p.SetManager(-1)
	if m, ok := p.Manager(); ok {
		t.Fatalf("after SetManager(-1): manager %d, want none", m)
	}

	people := make([]Participant, 4)
	for i := range people {
		people[i].Avail = fullWeek()
	}
	plan, err := Form(context.Background(), people, Options{Size: 4})
	if err != nil {
		t.Fatalf("Form of zero-valued participants: %v", err)
	}
	if got := plan.Rounds[0].Circles; len(got) != 1 || len(got[0].Members) != 4 {
		t.Fatalf("circles %v, want one circle of all four", got)
	}
}
