package score

import (
	"fmt"
	"strings"
)

// Reason words the rule for an admin, about a pair: "one is in the
// other's management chain".
func (r Rule) Reason() string {
	switch r {
	case Allowed:
		return "the pair is allowed"
	case RuleSelf:
		return "a person cannot mentor themselves"
	case RuleNoCapacity:
		return "the mentor has no capacity"
	case RuleLanguage:
		return "one of them does not speak the language the program requires"
	case RuleChain:
		return "one is in the other's management chain"
	case RuleExcluded:
		return "an admin excluded the pair"
	case RuleHistory:
		return "they were paired in an earlier cycle of the program"
	case RuleNoSharedLanguage:
		return "they have no language in common, which the program requires"
	case RuleSharedHours:
		return "they share fewer working hours a week than the program's minimum"
	}
	return "unknown rule"
}

// Why is why a mentee has no candidate mentor: how the mentors of the
// cohort fared against the hard rules and the minimum score.
type Why struct {
	Mentors       int           // mentors in the cohort
	Allowed       int           // mentors passing every rule and the minimum score
	BelowMinScore int           // mentors passing every rule but scoring below the minimum
	MinScore      int           // the minimum score
	Rules         [numRules]int // mentors ruled out, by the first rule they break
	// Language is the required language, when the mentee does not speak it
	// (then every mentor is ruled out by RuleLanguage).
	Language string
}

// Why checks mentee i against every mentor: O(mentors). Use it for the
// mentees left without candidates, not in a loop over a large cohort.
func (s *Scorer) Why(i int) Why {
	w := Why{Mentors: len(s.ms), MinScore: s.opts.MinScore}
	if s.es[i].rule == RuleLanguage {
		w.Language = s.reqLang
		w.Rules[RuleLanguage] = len(s.ms)
		return w
	}
	var allowed []cand
	for j := range int32(len(s.ms)) {
		if r := s.check(j, int32(i)); r != Allowed {
			w.Rules[r]++
		} else {
			allowed = append(allowed, cand{j, &s.ms[j]})
		}
	}
	var b sums
	s.scoreAll(&b, &s.es[i], allowed)
	for k := range allowed {
		if int(roundedAverage(b.num[k], b.den[k])) < s.opts.MinScore {
			w.BelowMinScore++
		} else {
			w.Allowed++
		}
	}
	return w
}

// String words w for the mentee: "no mentor with capacity who passes the
// rules: 2 are in your management chain, 1 was paired with you before".
func (w Why) String() string {
	const head = "no mentor with capacity who passes the rules"
	switch {
	case w.Language != "":
		return head + ": you do not speak " + w.Language + ", which the program requires"
	case w.Mentors-w.Rules[RuleSelf] == 0:
		return head + ": there are no mentors in the cohort"
	}
	var parts []string
	count := func(n int, one, many string) {
		if n == 1 {
			parts = append(parts, "1 "+one)
		} else if n > 1 {
			parts = append(parts, fmt.Sprintf("%d %s", n, many))
		}
	}
	count(w.Rules[RuleNoCapacity], "has no capacity", "have no capacity")
	count(w.Rules[RuleLanguage], "does not speak the required language", "do not speak the required language")
	count(w.Rules[RuleChain], "is in your management chain", "are in your management chain")
	count(w.Rules[RuleExcluded], "was excluded by an admin", "were excluded by an admin")
	count(w.Rules[RuleHistory], "was paired with you before", "were paired with you before")
	count(w.Rules[RuleNoSharedLanguage], "has no language in common with you", "have no language in common with you")
	count(w.Rules[RuleSharedHours], "shares too few working hours with you", "share too few working hours with you")
	count(w.BelowMinScore, fmt.Sprintf("scores below the minimum of %d with you", w.MinScore), fmt.Sprintf("score below the minimum of %d with you", w.MinScore))
	count(w.Allowed, "who passes is full", "who pass are full")
	return head + ": " + strings.Join(parts, ", ")
}
