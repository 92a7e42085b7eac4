package matching

import (
	"math/rand/v2"
	"reflect"
	"testing"
)

func TestGenerate(t *testing.T) {
	p := Generate(500, 60, 8, rand.NewPCG(1, 2))
	if !reflect.DeepEqual(p, Generate(500, 60, 8, rand.NewPCG(1, 2))) {
		t.Fatal("same seed, different problems")
	}
	if reflect.DeepEqual(p, Generate(500, 60, 8, rand.NewPCG(1, 3))) {
		t.Fatal("different seeds, same problem")
	}
	if len(p.Arcs) != 500*8 || p.NumMentees != 500 || len(p.MentorCapacity) != 60 {
		t.Fatalf("shape: %d arcs, %d mentees, %d mentors", len(p.Arcs), p.NumMentees, len(p.MentorCapacity))
	}
	for _, c := range p.MentorCapacity {
		if c < 1 || c > 4 {
			t.Fatalf("capacity %d", c)
		}
	}
	seen := map[pairKey]bool{}
	for _, a := range p.Arcs {
		if a.Score < 0 || a.Score > MaxScore || seen[pairKey{a.Mentor, a.Mentee}] {
			t.Fatalf("bad arc %+v", a)
		}
		seen[pairKey{a.Mentor, a.Mentee}] = true
	}
	if _, err := Solve(p); err != nil {
		t.Fatal(err)
	}
	if q := Generate(10, 3, 8, rand.NewPCG(1, 2)); len(q.Arcs) != 30 {
		t.Fatalf("more candidates than mentors: %d arcs, want 30", len(q.Arcs))
	}
}
