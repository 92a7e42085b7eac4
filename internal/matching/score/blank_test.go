package score

import (
	"testing"

	"github.com/kindredhq/kindred/internal/person"
)

// TestBlankProfileNeverScoresHigher is issue 9's finding 7: with a mentor
// who offers Negotiation, a mentee who listed nothing scored 925 and one
// who wants Negotiation and Public speaking 776, because a blank factor
// left the average. A blank now earns no points and still counts.
func TestBlankProfileNeverScoresHigher(t *testing.T) {
	// Before: blank 925 (skills left out of the average), wanting 750.
	mentor := newPerson("M", level(9), function("Design"), offers("Negotiation"), speaks("English"))
	blank := newPerson("E1", function("Sales"), speaks("English"))
	wanting := newPerson("E2", function("Sales"), speaks("English"), wants("Negotiation", "Public speaking"))
	s := mustScorer(t, []person.Person{mentor}, []person.Person{blank, wanting}, nil, nil, DefaultWeights(), Options{})
	b, w := s.Score(0, 0), s.Score(0, 1)
	if w <= b || b != 544 || w != 750 {
		t.Errorf("blank mentee %d, wanting mentee %d; want 544 and 750, the one whose wants the mentor partly meets first", b, w)
	}
	x := s.Explain(0, 0)
	if p, counted := x.Points(FactorSkills); p != 0 || !counted {
		t.Errorf("blank skills: %d points, counted %v; want 0, counted", p, counted)
	}
	// Nobody in this cohort listed interests or styles: those factors
	// are left out of every pair alike, so no blank is rewarded.
	for _, f := range []string{FactorInterests, FactorStyle} {
		if _, counted := x.Points(f); counted {
			t.Errorf("%s counted although nobody listed any", f)
		}
	}
	// Filling in a factor never lowers a score against a blank: for each
	// mentee-side list, the blank mentee scores at most the filled one.
	m2 := newPerson("M2", level(8), function("Design"), offers("Go"), likes("Chess"), speaks("English"), styles("hands-on", "direct"))
	filled := newPerson("F", wants("Rust"), likes("Running"), speaks("Hindi"), styles("reading", "casual"))
	empty := newPerson("B")
	s = mustScorer(t, []person.Person{m2}, []person.Person{empty, filled}, nil, nil, DefaultWeights(), Options{})
	if s.Score(0, 0) > s.Score(0, 1) {
		t.Errorf("an empty profile scores %d, a filled one that shares nothing %d", s.Score(0, 0), s.Score(0, 1))
	}
	if got := BlankFactors(empty); len(got) != 4 || got[0] != FactorSkills {
		t.Errorf("BlankFactors(empty) = %v", got)
	}
	if got := BlankFactors(filled); len(got) != 0 {
		t.Errorf("BlankFactors(filled) = %v", got)
	}
}
