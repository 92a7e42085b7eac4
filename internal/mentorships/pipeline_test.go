package mentorships_test

import (
	"errors"
	"math/rand/v2"
	"testing"

	"github.com/kindredhq/kindred/internal/matching"
	"github.com/kindredhq/kindred/internal/mentorships"
)

// given is a problem with given scores: mentors 0 (capacity 1) and 1
// (capacity 0); mentee 0 scores 900 and 50 with them, mentee 1 scores 800
// with mentor 0 only, mentee 2 is listed with mentor 1 only.
func given() mentorships.Problem {
	return mentorships.Problem{Capacity: []int32{1, 0}, NumMentees: 3, Arcs: []matching.Arc{
		{Mentor: 0, Mentee: 0, Score: 900}, {Mentor: 1, Mentee: 0, Score: 50}, {Mentor: 0, Mentee: 1, Score: 800}, {Mentor: 1, Mentee: 2, Score: 700}},
		Blocking: true}
}

func TestSolveGivenScores(t *testing.T) {
	out, err := mentorships.Solve(given())
	if err != nil {
		t.Fatal(err)
	}
	if out.Final.Matched != 1 || out.Final.Total != 900 || !out.Verified || out.Seats != 1 || out.Blocking != 0 {
		t.Errorf("outcome %+v", out.Final)
	}
	want := []string{
		"no mentor with capacity who passes the rules: the 1 mentor who passes the rules for you is full",
		"no mentor with capacity who passes the rules: of the 1 pairs listed in scores.csv, 1 with a mentor of capacity 0",
	}
	if len(out.Unmatched) != 2 {
		t.Fatalf("unmatched %+v", out.Unmatched)
	}
	for k, w := range out.Unmatched {
		if got := w.CLIWords("scores.csv"); got != want[k] {
			t.Errorf("mentee %d: %q, want %q", w.Mentee, got, want[k])
		}
	}
}

func TestSolveLocks(t *testing.T) {
	tests := []struct {
		name string
		lock matching.Pair
		min  int
		want mentorships.LockError
	}{
		{"not listed", matching.Pair{Mentor: 1, Mentee: 1}, 0, mentorships.LockError{Pair: matching.Pair{Mentor: 1, Mentee: 1}, NoArc: true}},
		{"below the minimum", matching.Pair{Mentor: 0, Mentee: 1}, 850, mentorships.LockError{Pair: matching.Pair{Mentor: 0, Mentee: 1}, Score: 800}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := given()
			p.Locks, p.MinScore = []matching.Pair{tc.lock}, tc.min
			_, err := mentorships.Solve(p)
			var le *mentorships.LockError
			if !errors.As(err, &le) || *le != tc.want {
				t.Errorf("error %v, want %+v", err, tc.want)
			}
		})
	}
	// A lock that holds is kept; a pair to keep that no longer fits is
	// dropped quietly.
	p := given()
	p.Locks, p.Keep = []matching.Pair{{Mentor: 0, Mentee: 1}}, []matching.Pair{{Mentor: 0, Mentee: 0}}
	out, err := mentorships.Solve(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Final.Pairs) != 1 || out.Final.Pairs[0].Mentee != 1 || !out.Locked[1] || out.Locked[0] {
		t.Errorf("pairs %+v, locked %v", out.Final.Pairs, out.Locked)
	}
}

// A warm start from the previous result gives the cold optimum.
func TestSolveWarmSameAsCold(t *testing.T) {
	mp := matching.Generate(400, 150, 8, rand.NewPCG(5, 6))
	p := mentorships.Problem{Capacity: mp.MentorCapacity, NumMentees: mp.NumMentees, Arcs: mp.Arcs}
	cold, err := mentorships.Solve(p)
	if err != nil {
		t.Fatal(err)
	}
	p.Capacity = append([]int32(nil), p.Capacity...)
	p.Capacity[0]++ // a change: one more seat
	again, err := mentorships.Solve(p)
	if err != nil {
		t.Fatal(err)
	}
	p.Warm = &cold.Optimal
	warm, err := mentorships.Solve(p)
	if err != nil {
		t.Fatal(err)
	}
	if warm.Final.Total != again.Final.Total || warm.Final.Matched != again.Final.Matched || !warm.Verified {
		t.Errorf("warm %d/%d, cold %d/%d", warm.Final.Total, warm.Final.Matched, again.Final.Total, again.Final.Matched)
	}
}
