package score

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/kindredhq/kindred/internal/people"
)

func TestOrgChains(t *testing.T) {
	org := NewOrg([]people.Person{
		person("ceo"), person("vp", manager("ceo")), person("dir", manager("vp")), person("mgr", manager("dir")),
		person("ic", manager("mgr")), person("vp2", manager("ceo")), person("ic2", manager("vp2")),
		person("lost", manager("gone")), // a manager outside the organization ends the chain
		// hangs off a cycle, and comes before it in the list
		person("d", manager("a")), person("e", manager("d")),
		person("a", manager("b")), person("b", manager("c")), person("c", manager("a")),
	})
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"ceo", "ic", true}, {"ic", "ceo", true}, {"mgr", "ic", true}, {"dir", "ic", true}, {"ic", "vp", true},
		{"ic", "ic2", false}, {"vp2", "ic", false}, {"vp", "vp2", false}, {"ic", "ic", false}, {"ceo", "nobody", false},
		{"lost", "ceo", false},
		{"a", "b", true}, {"b", "a", true}, {"a", "c", true}, {"c", "b", true}, {"d", "c", true}, {"e", "b", true},
		{"e", "a", true}, {"d", "e", true}, {"e", "ceo", false},
	} {
		if got := org.InChain(tc.a, tc.b); got != tc.want {
			t.Errorf("InChain(%s, %s) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
	var none *Org
	if none.InChain("a", "b") {
		t.Error("a nil Org has chains")
	}
}

func TestHardRules(t *testing.T) {
	everyone := []people.Person{
		person("boss"), person("M-up", manager("boss")), person("mid", manager("M-up")), person("E-down", manager("mid")),
		person("E-top", manager("boss")), person("M-low", manager("E-top")),
		person("M"), person("E"), person("X"),
	}
	org := NewOrg(everyone)
	english := DefaultWeights()
	english.RequireLanguage = "English"
	shared := DefaultWeights()
	shared.RequireSharedLanguage = true
	repeats := DefaultWeights()
	repeats.AllowRepeatPairs = true
	var h History
	h.Add("E", "M") // M mentored by E once: the pair counts either way
	tests := []struct {
		name           string
		mentor, mentee people.Person
		w              Weights
		opts           Options
		want           Rule
	}{
		{"allowed", person("M"), person("E"), DefaultWeights(), Options{}, Allowed},
		{"self", person("X"), person("X"), DefaultWeights(), Options{}, RuleSelf},
		{"mentor above mentee", person("M-up"), person("E-down"), DefaultWeights(), Options{}, RuleChain},
		{"mentee above mentor", person("M-low"), person("E-top"), DefaultWeights(), Options{}, RuleChain},
		{"history either way", person("M"), person("E"), DefaultWeights(), Options{}, RuleHistory},
		{"history allowed", person("M"), person("E"), repeats, Options{}, Allowed},
		{"excluded", person("M"), person("E"), repeats, Options{Exclusions: []IDPair{{"M", "E"}}}, RuleExcluded},
		{"excluded the other way only", person("M"), person("E"), repeats, Options{Exclusions: []IDPair{{"E", "M"}}}, Allowed},
		{"no capacity", person("M", capacity(0)), person("E"), repeats, Options{}, RuleNoCapacity},
		{"mentor lacks the language", person("M", speaks("Spanish")), person("E", speaks("English")), english, Options{}, RuleLanguage},
		{"mentee lacks the language", person("M", speaks("english")), person("E", speaks("Hindi")), english, Options{}, RuleLanguage},
		{"both speak it", person("M", speaks("english")), person("E", speaks("Hindi", "ENGLISH")), english, Options{}, Allowed},
		{"no shared language", person("M", speaks("Spanish")), person("E", speaks("Hindi")), shared, Options{}, RuleNoSharedLanguage},
		{"a shared language", person("M", speaks("Spanish", "Hindi")), person("E", speaks("Hindi")), shared, Options{}, Allowed},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var hist *History
			if strings.HasPrefix(tc.name, "history") {
				hist = &h
			}
			s := mustScorer(t, []people.Person{tc.mentor}, []people.Person{tc.mentee}, org, hist, tc.w, tc.opts)
			if got := s.Check(0, 0); got != tc.want {
				t.Fatalf("Check = %v, want %v", got, tc.want)
			}
			set := s.Candidates()
			if allowed := len(set.Arcs) == 1; allowed != (tc.want == Allowed) {
				t.Errorf("candidates %v with rule %v", set.Arcs, tc.want)
			}
			if tc.want != Allowed && set.Rejected[tc.want.String()] != 1 {
				t.Errorf("rejected %v, want 1 %s", set.Rejected, tc.want)
			}
		})
	}
}

func TestWhy(t *testing.T) {
	mentors := []people.Person{
		person("boss", capacity(3)), person("M1", capacity(0)), person("M2", speaks("Spanish")),
		person("M3"), person("M4", level(1), speaks("English")), person("X", speaks("English")),
	}
	mentees := []people.Person{person("E", manager("boss"), speaks("English")), person("X", speaks("English")), person("H", speaks("Hindi"))}
	var h History
	h.Add("M3", "E")
	w := DefaultWeights()
	w.RequireSharedLanguage = true
	s := mustScorer(t, mentors, mentees, nil, &h, w, Options{MinScore: 600})
	got := s.Why(0)
	if got.Rules[RuleChain] != 1 || got.Rules[RuleNoCapacity] != 1 || got.Rules[RuleHistory] != 1 ||
		got.Rules[RuleNoSharedLanguage] != 1 || got.BelowMinScore != 2 || got.Allowed != 0 {
		t.Errorf("Why = %+v", got)
	}
	want := "no mentor with capacity who passes the rules: 1 has no capacity, 1 is in your management chain, " +
		"1 was paired with you before, 1 has no language in common with you, 2 score below the minimum of 600 with you"
	if got.String() != want {
		t.Errorf("Why\n got %s\nwant %s", got, want)
	}

	w = DefaultWeights()
	w.RequireLanguage = "English"
	s = mustScorer(t, mentors, mentees, nil, nil, w, Options{})
	if got, want := s.Why(2).String(), "no mentor with capacity who passes the rules: you do not speak English, which the program requires"; got != want {
		t.Errorf("Why = %q, want %q", got, want)
	}
	s = mustScorer(t, []people.Person{person("X")}, mentees[1:2], nil, nil, DefaultWeights(), Options{})
	if got, want := s.Why(0).String(), "no mentor with capacity who passes the rules: there are no mentors in the cohort"; got != want {
		t.Errorf("Why = %q, want %q", got, want)
	}
	for _, r := range Rules() {
		if r.Reason() == "unknown rule" || r.String() == "unknown" {
			t.Errorf("rule %d has no words", r)
		}
	}
}

// TestOrgAgainstClimbing compares InChain with climbing manager links on
// random organizations, cycles and unknown managers included.
func TestOrgAgainstClimbing(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		n := 1 + r.IntN(12)
		everyone := make([]people.Person, n)
		mgr := map[string]string{}
		for k := range everyone {
			id := fmt.Sprint("p", k)
			m := ""
			switch x := r.IntN(n + 2); {
			case x < n && x != k:
				m = fmt.Sprint("p", x)
			case x == n:
				m = "outsider"
			}
			everyone[k] = person(id, manager(m))
			mgr[id] = m
		}
		above := func(a, b string) bool { // a is reached climbing from b
			seen := map[string]bool{}
			for x := mgr[b]; x != "" && !seen[x]; x = mgr[x] {
				if x == a {
					return true
				}
				seen[x] = true
			}
			return false
		}
		org := NewOrg(everyone)
		for _, a := range everyone {
			for _, b := range everyone {
				want := a.ID != b.ID && (above(a.ID, b.ID) || above(b.ID, a.ID))
				if got := org.InChain(a.ID, b.ID); got != want {
					t.Fatalf("InChain(%s, %s) = %v, want %v in %v", a.ID, b.ID, got, want, mgr)
				}
			}
		}
	}
}
