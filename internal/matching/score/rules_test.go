package score

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/kindredhq/kindred/internal/person"
)

func TestOrgChains(t *testing.T) {
	org := NewOrg([]person.Person{
		newPerson("ceo"), newPerson("vp", manager("ceo")), newPerson("dir", manager("vp")), newPerson("mgr", manager("dir")),
		newPerson("ic", manager("mgr")), newPerson("vp2", manager("ceo")), newPerson("ic2", manager("vp2")),
		newPerson("lost", manager("gone")), // a manager outside the organization ends the chain
		// hangs off a cycle, and comes before it in the list
		newPerson("d", manager("a")), newPerson("e", manager("d")),
		newPerson("a", manager("b")), newPerson("b", manager("c")), newPerson("c", manager("a")),
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
	everyone := []person.Person{
		newPerson("boss"), newPerson("M-up", manager("boss")), newPerson("mid", manager("M-up")), newPerson("E-down", manager("mid")),
		newPerson("E-top", manager("boss")), newPerson("M-low", manager("E-top")),
		newPerson("M"), newPerson("E"), newPerson("X"),
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
		mentor, mentee person.Person
		w              Weights
		opts           Options
		want           Rule
	}{
		{"allowed", newPerson("M"), newPerson("E"), DefaultWeights(), Options{}, Allowed},
		{"self", newPerson("X"), newPerson("X"), DefaultWeights(), Options{}, RuleSelf},
		{"mentor above mentee", newPerson("M-up"), newPerson("E-down"), DefaultWeights(), Options{}, RuleChain},
		{"mentee above mentor", newPerson("M-low"), newPerson("E-top"), DefaultWeights(), Options{}, RuleChain},
		{"history either way", newPerson("M"), newPerson("E"), DefaultWeights(), Options{}, RuleHistory},
		{"history allowed", newPerson("M"), newPerson("E"), repeats, Options{}, Allowed},
		{"excluded", newPerson("M"), newPerson("E"), repeats, Options{Exclusions: []IDPair{{"M", "E"}}}, RuleExcluded},
		{"excluded the other way only", newPerson("M"), newPerson("E"), repeats, Options{Exclusions: []IDPair{{"E", "M"}}}, Allowed},
		{"no capacity", newPerson("M", capacity(0)), newPerson("E"), repeats, Options{}, RuleNoCapacity},
		{"mentor lacks the language", newPerson("M", speaks("Spanish")), newPerson("E", speaks("English")), english, Options{}, RuleLanguage},
		{"mentee lacks the language", newPerson("M", speaks("english")), newPerson("E", speaks("Hindi")), english, Options{}, RuleLanguage},
		{"both speak it", newPerson("M", speaks("english")), newPerson("E", speaks("Hindi", "ENGLISH")), english, Options{}, Allowed},
		{"no shared language", newPerson("M", speaks("Spanish")), newPerson("E", speaks("Hindi")), shared, Options{}, RuleNoSharedLanguage},
		{"a shared language", newPerson("M", speaks("Spanish", "Hindi")), newPerson("E", speaks("Hindi")), shared, Options{}, Allowed},
		// Nepal and Germany share 1 hour 15 minutes a week: below the
		// default minimum of 2 hours, above a minimum of 1.
		{"too few shared hours", newPerson("M", zone("Europe/Berlin", "12:00", "20:00")), newPerson("E", zone("Asia/Kathmandu", "09:00", "17:00")),
			DefaultWeights(), Options{}, RuleSharedHours},
		{"enough shared hours for 1", newPerson("M", zone("Europe/Berlin", "12:00", "20:00")), newPerson("E", zone("Asia/Kathmandu", "09:00", "17:00")),
			minHours(1), Options{}, Allowed},
		{"1.3 hours need 1 hour 30 minutes", newPerson("M", zone("Europe/Berlin", "12:00", "20:00")), newPerson("E", zone("Asia/Kathmandu", "09:00", "17:00")),
			minHours(1.3), Options{}, RuleSharedHours},
		{"no minimum", newPerson("M", zone("Pacific/Auckland", "09:00", "17:00")), newPerson("E"), minHours(0), Options{}, Allowed},
		{"London and Auckland", newPerson("M", zone("Pacific/Auckland", "09:00", "17:00")), newPerson("E"), DefaultWeights(), Options{}, RuleSharedHours},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var hist *History
			if strings.HasPrefix(tc.name, "history") {
				hist = &h
			}
			s := mustScorer(t, []person.Person{tc.mentor}, []person.Person{tc.mentee}, org, hist, tc.w, tc.opts)
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

// minHours is the default weights with a minimum of shared hours.
func minHours(h float64) Weights {
	w := DefaultWeights()
	w.MinSharedHours = h
	return w
}

func TestWhy(t *testing.T) {
	mentors := []person.Person{
		newPerson("boss", capacity(3)), newPerson("M1", capacity(0)), newPerson("M2", speaks("Spanish")),
		newPerson("M3"), newPerson("M4", level(1), speaks("English")), newPerson("X", speaks("English")),
	}
	mentees := []person.Person{newPerson("E", manager("boss"), speaks("English")), newPerson("X", speaks("English")), newPerson("H", speaks("Hindi"))}
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
	s = mustScorer(t, []person.Person{newPerson("X")}, mentees[1:2], nil, nil, DefaultWeights(), Options{})
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
		everyone := make([]person.Person, n)
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
			everyone[k] = newPerson(id, manager(m))
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
