package mentorships

import (
	"fmt"
	"strings"

	"github.com/kindredhq/kindred/internal/matching"
	"github.com/kindredhq/kindred/internal/matching/score"
)

// explainUnmatched finds why each mentee left without a mentor is: how many
// candidates they had, and, when checked, how every mentor (or every
// listed pair) fared against the rules, the seats left and the minimum.
func (p Problem) explainUnmatched(out *Outcome) []Why {
	n, m := p.NumMentees, len(p.Capacity)
	matched := make([]bool, n)
	taken := make([]int32, m)
	for _, a := range out.Final.Pairs {
		matched[a.Mentee] = true
		taken[a.Mentor]++
	}
	candidates := make([]int, n)
	for _, a := range out.Problem.Arcs {
		if int(a.Score) >= p.MinScore {
			candidates[a.Mentee]++
		}
	}
	var todo []Why
	checks := 0
	for i := range n {
		if matched[i] {
			continue
		}
		w := Why{Mentee: int32(i), Candidates: candidates[i], Exhaustive: out.Candidates.Exhaustive, Objective: p.Objective}
		if p.Scorer == nil || p.WhyAll || candidates[i] == 0 && checks < MaxWhyChecks {
			w.Checked = true
			checks++
		}
		todo = append(todo, w)
	}
	if p.Scorer == nil {
		p.tallyListed(todo)
		return todo
	}
	parallel(len(todo), p.Workers, func(k int) {
		switch w := &todo[k]; {
		case !w.Checked:
		case p.WhyAll:
			p.checkMentors(w, taken)
		default: // kindred match words the scorer's own check, which names a required language
			w.Why = p.Scorer.Why(int(w.Mentee))
		}
	})
	return todo
}

// checkMentors checks mentee w.Mentee against every mentor: the rule that
// rules each out, and for those who pass whether they have a free seat
// and score at least the minimum. A pair is scored only when that matters
// (a free seat, or a minimum above 0), so a large cohort's check stays
// cheap.
func (p Problem) checkMentors(w *Why, taken []int32) {
	i := int(w.Mentee)
	w.Why = score.Why{Mentors: len(p.Capacity), MinScore: p.MinScore}
	for j := range p.Capacity {
		if r := p.Scorer.Check(j, i); r != score.Allowed {
			w.Rules[r]++
			continue
		}
		room := taken[j] < p.Capacity[j]
		low := (room || p.MinScore > 0) && p.Scorer.Score(j, i) < p.MinScore
		if low {
			w.BelowMinScore++
		} else {
			w.Allowed++
		}
		if room {
			w.Room++
			if low {
				w.RoomBelowMin++
			}
		}
	}
}

// tallyListed checks each unmatched mentee's listed pairs (given scores):
// excluded, below the minimum, with a mentor of capacity 0, or allowed.
func (p Problem) tallyListed(todo []Why) {
	if len(todo) == 0 {
		return
	}
	at := make([]int32, p.NumMentees)
	for k := range at {
		at[k] = -1
	}
	for k, w := range todo {
		at[w.Mentee] = int32(k)
	}
	excluded := make(map[matching.Pair]bool, len(p.Exclusions))
	for _, q := range p.Exclusions {
		excluded[q] = true
	}
	for _, a := range p.Arcs {
		k := at[a.Mentee]
		if k < 0 {
			continue
		}
		w := &todo[k]
		w.Listed++
		switch {
		case excluded[matching.Pair{Mentor: a.Mentor, Mentee: a.Mentee}]:
			w.Rules[score.RuleExcluded]++
		case int(a.Score) < p.MinScore:
			w.BelowMinScore++
		case p.Capacity[a.Mentor] == 0:
			w.Rules[score.RuleNoCapacity]++
		default:
			w.Allowed++
		}
	}
	for k := range todo {
		todo[k].Mentors, todo[k].MinScore = todo[k].Listed, p.MinScore
	}
}

// Reason words w for the program manager (the product's words).
func (w Why) Reason() string {
	allowed := w.Allowed + w.BelowMinScore
	switch {
	case w.Mentors == 0:
		return "No mentor is approved in this cycle yet."
	case allowed == 0:
		return "No mentor passes the rules."
	case w.Room == 0:
		return fmt.Sprintf("No mentor with capacity who passes the rules: the %d who pass are full.", allowed)
	case w.RoomBelowMin == w.Room:
		return fmt.Sprintf("The mentors with room who pass the rules score below the minimum of %d.", w.MinScore)
	case !w.Exhaustive:
		return "No mentor with capacity who passes the rules was among this mentee's best candidates."
	case w.Objective == matching.Score:
		return "Matching this mentee would not raise the total score (the run maximizes score, not participation)."
	}
	return "No mentor with capacity who passes the rules."
}

// RuleCounts are the mentors ruled out by each hard rule, by rule name
// (score.Rule.String), as the product stores them.
func (w Why) RuleCounts() map[string]int {
	out := map[string]int{}
	for _, r := range score.Rules() {
		if n := w.Rules[r]; n > 0 {
			out[r.String()] = n
		}
	}
	return out
}

// CLIWords words w for kindred match's summary.json; scoresFile names the
// file of given scores (empty with people).
func (w Why) CLIWords(scoresFile string) string {
	const head = "no mentor with capacity who passes the rules"
	if scoresFile != "" {
		if w.Allowed > 0 {
			return head + ": " + allFull(w.Allowed, true)
		}
		var parts []string
		for _, c := range []struct {
			n    int
			what string
		}{{w.Rules[score.RuleExcluded], "excluded by an admin"}, {w.BelowMinScore, fmt.Sprintf("below the minimum score of %d", w.MinScore)},
			{w.Rules[score.RuleNoCapacity], "with a mentor of capacity 0"}} {
			if c.n > 0 {
				parts = append(parts, fmt.Sprintf("%d %s", c.n, c.what))
			}
		}
		return head + fmt.Sprintf(": of the %d pairs listed in %s, %s", w.Listed, scoresFile, strings.Join(parts, ", "))
	}
	switch {
	case w.Candidates > 0:
		return head + ": " + allFull(w.Candidates, w.Exhaustive)
	case w.Checked:
		return w.Why.String()
	}
	return head
}

// allFull says that the n mentors a mentee may have are taken.
func allFull(n int, exhaustive bool) string {
	switch {
	case !exhaustive:
		return fmt.Sprintf("your %d best-scoring mentors who pass the rules are all full", n)
	case n == 1:
		return "the 1 mentor who passes the rules for you is full"
	default:
		return fmt.Sprintf("the %d mentors who pass the rules for you are all full", n)
	}
}
