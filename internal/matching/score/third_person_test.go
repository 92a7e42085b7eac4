package score

import (
	"regexp"
	"testing"

	"github.com/kindredhq/kindred/internal/person"
)

// TestThirdPersonLeavesNoYou: every reason the factor table gives, worded
// for a program manager, names the mentor and mentee and says no "you"
// (issue 9: the admin's page read "you" from the mentee's side).
func TestThirdPersonLeavesNoYou(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"offers Negotiation, which you want", "Aaliyah offers Negotiation, which Ben wants"},
		{"offers none of the skills you want (Go, Sales)", "Aaliyah offers none of the skills Ben wants (Go, Sales)"},
		{"you listed no skills you want to learn, so skills do not count", "Ben listed no skills to learn, so skills do not count"},
		{"interests not compared: one of you listed none", "interests not compared: one of them listed none"},
		{"you share an interest in chess", "Aaliyah and Ben share an interest in chess"},
		{"same function as you: Sales, close to your own work", "same function as Ben: Sales, close to Ben's own work"},
		{"different function: Sales, a new perspective", "different function: Sales, a new perspective"},
		{"same level as you", "Aaliyah is at the same level as Ben"},
		{"1 level above you", "Aaliyah is 1 level above Ben"},
		{"3 levels below you", "Aaliyah is 3 levels below Ben"},
		{"4h of shared working time each week", "4h of shared working time each week"},
		{"you both speak English", "Aaliyah and Ben both speak English"},
		{"you share a learning style (visual)", "Aaliyah and Ben share a learning style (visual)"},
		{"you learn differently (you: visual, mentor: reading)", "Aaliyah and Ben learn differently (Ben: visual, Aaliyah: reading)"},
		{"you share a learning style (visual), but communicate differently (you: direct, mentor: written)",
			"Aaliyah and Ben share a learning style (visual), but communicate differently (Ben: direct, Aaliyah: written)"},
	} {
		got := ThirdPerson(c.in, "Aaliyah", "Ben")
		if got != c.want {
			t.Errorf("ThirdPerson(%q) = %q, want %q", c.in, got, c.want)
		}
		if regexp.MustCompile(`\b[Yy]ou(r)?\b`).MatchString(got) {
			t.Errorf("ThirdPerson(%q) still says you: %q", c.in, got)
		}
	}
}

// TestThirdPersonOfEveryExplanation words the real explanations of pairs
// that differ in every factor (blank, shared, different, above, below)
// and finds no "you" left: a new wording in factors.go fails here.
func TestThirdPersonOfEveryExplanation(t *testing.T) {
	you := regexp.MustCompile(`\b[Yy]ou(r)?\b`)
	people := []person.Person{
		newPerson("a", level(8), function("Design"), offers("Go", "Sales"), likes("Chess"), speaks("English"), styles("hands-on", "direct")),
		newPerson("b", level(3), wants("Go"), likes("Running"), speaks("Spanish"), styles("reading", "written")),
		newPerson("c", level(5), wants("Negotiation"), likes("Chess"), speaks("English"), styles("hands-on", "written")),
		newPerson("d", level(5)),
		newPerson("e", level(9), function("Design"), wants("Sales", "Go"), styles("hands-on", "direct"), zone("Asia/Tokyo", "09:00", "17:00")),
	}
	w := DefaultWeights()
	w.FunctionPreference = PreferSame
	for _, weights := range []Weights{DefaultWeights(), w} {
		s := mustScorer(t, people, people, nil, nil, weights, Options{})
		for j := range people {
			for i := range people {
				for _, f := range s.Explain(j, i).Factors {
					if got := ThirdPerson(f.Reason, "Aaliyah", "Ben"); you.MatchString(got) {
						t.Errorf("%s of %s with %s: %q becomes %q", f.Name, people[j].ID, people[i].ID, f.Reason, got)
					}
				}
			}
		}
	}
}
