package score_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/kindredhq/kindred/internal/matching"
	"github.com/kindredhq/kindred/internal/matching/score"
	"github.com/kindredhq/kindred/internal/person"
)

// A mentor in London and a mentee in Bangalore: every factor of their
// score, in words for the mentee, and the matching problem of the cohort.
func Example() {
	mentor := person.Person{ID: "M1", Level: 7, Function: "Design", Timezone: "Europe/London",
		WorkStart: 9 * 60, WorkEnd: 17 * 60, Languages: []string{"English"}, Capacity: 2,
		SkillsOffered: []string{"Go", "Public speaking"}, Interests: []string{"Chess"}}
	mentee := person.Person{ID: "E1", Level: 4, Function: "Engineering", Timezone: "Asia/Kolkata",
		WorkStart: 10 * 60, WorkEnd: 18*60 + 30, Languages: []string{"English", "Hindi"},
		SkillsWanted: []string{"Go", "Public speaking"}, Interests: []string{"chess", "cricket"}}
	from := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	s, err := score.NewScorer([]person.Person{mentor}, []person.Person{mentee}, nil, nil,
		score.DefaultWeights(), score.Options{From: from, To: from.AddDate(0, 3, 0)})
	if err != nil {
		panic(err)
	}
	x := s.Explain(0, 0)
	fmt.Println("score", x.Score)
	fmt.Println(strings.Join(x.Reasons(), "\n"))

	set := s.Candidates()
	r, err := matching.Solve(matching.Problem{MentorCapacity: []int32{2}, NumMentees: 1, Arcs: set.Arcs})
	if err != nil {
		panic(err)
	}
	fmt.Println("matched", r.Matched, "total", r.Total)
	// Output:
	// score 1000
	// offers Go and Public speaking, which you want
	// 20 hours of shared working time each week
	// 3 levels above you
	// you share an interest in Chess
	// different function: Design, a new perspective
	// you both speak English
	// matched 1 total 1000
}
