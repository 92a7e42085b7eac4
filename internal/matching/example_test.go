package matching_test

import (
	"fmt"

	"github.com/kindredhq/kindred/internal/matching"
)

func Example() {
	// Mentors 0 and 1 take one mentee each; Arcs are the allowed pairs of
	// the three mentees with their scores.
	p := matching.Problem{
		MentorCapacity: []int32{1, 1},
		NumMentees:     3,
		Arcs: []matching.Arc{
			{Mentor: 0, Mentee: 0, Score: 900},
			{Mentor: 1, Mentee: 0, Score: 800},
			{Mentor: 0, Mentee: 1, Score: 700},
			{Mentor: 1, Mentee: 1, Score: 100},
			{Mentor: 0, Mentee: 2, Score: 650},
			{Mentor: 1, Mentee: 2, Score: 300},
		},
		Exclusions: []matching.Pair{{Mentor: 1, Mentee: 1}}, // never this pair
	}
	r, err := matching.Solve(p)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, q := range r.Pairs {
		fmt.Printf("mentor %d - mentee %d (%d)\n", q.Mentor, q.Mentee, q.Score)
	}
	fmt.Println("matched", r.Matched, "total", r.Total, "verified", r.Verify(p) == nil)

	// Mentee 0 and mentor 0 would both rather be together: the optimum is
	// not stable. The stable matching gives up 300 points.
	blocking, _ := matching.BlockingPairs(p, r)
	stable, _ := matching.SolveStable(p)
	fmt.Println("blocking pairs", blocking, "stable total", stable.Total, "price of stability", r.Total-stable.Total)
	// Output:
	// mentor 1 - mentee 0 (800)
	// mentor 0 - mentee 1 (700)
	// matched 2 total 1500 verified true
	// blocking pairs 1 stable total 1200 price of stability 300
}
