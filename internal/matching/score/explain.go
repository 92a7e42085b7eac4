package score

import (
	"fmt"
	"slices"
	"strings"
)

// Factor is one named part of a pair's score, with the reason in words
// the mentee understands ("offers Go, which you want").
type Factor struct {
	Name   string `json:"name"`   // one of FactorNames
	Points int    `json:"points"` // 0..1000 before weighting
	Weight int    `json:"weight"` // the program's weight; 0 when nobody in the cohort filled in this factor
	Reason string `json:"reason"`
}

// Explanation is a pair's score and the factors it is made of. Score is
// sum(Points*Weight) / sum(Weight), rounded to the nearest integer (0 when
// no factor counts).
type Explanation struct {
	Score   int      `json:"score"`
	Factors []Factor `json:"factors"` // in FactorNames order; factors with a program weight of 0 are left out
}

// Reasons returns the reasons of the factors that count, the biggest
// contribution (Points*Weight) first, ties in FactorNames order.
func (x Explanation) Reasons() []string {
	fs := slices.Clone(x.Factors)
	slices.SortStableFunc(fs, func(a, b Factor) int { return b.Points*b.Weight - a.Points*a.Weight })
	out := make([]string, 0, len(fs))
	for _, f := range fs {
		if f.Weight > 0 {
			out = append(out, f.Reason)
		}
	}
	return out
}

// Points returns the factor's points and whether it counts for the pair.
func (x Explanation) Points(name string) (points int, counted bool) {
	for _, f := range x.Factors {
		if f.Name == name {
			return f.Points, f.Weight > 0
		}
	}
	return 0, false
}

// Explain returns the score of mentor j and mentee i with every factor's
// points and reason, addressed to the mentee. Its Score equals Score(j, i).
func (s *Scorer) Explain(j, i int) Explanation {
	pts := s.pairPoints(int32(j), int32(i))
	var x Explanation
	for f := range factors {
		w := s.fw[f]
		if w == 0 {
			continue
		}
		judged := pts[f] >= 0
		fa := Factor{Name: factors[f].name, Reason: factors[f].reason(s, j, i, judged)}
		if judged {
			fa.Points, fa.Weight = int(pts[f]), int(w)
		}
		x.Factors = append(x.Factors, fa)
	}
	x.Score = int(s.average(pts))
	return x
}

// shared returns the names of the ids in both lists, in id order (the
// order they were first seen in the cohort).
func (s *Scorer) shared(d *dict, a, b []int32) []string {
	var out []string
	eachCommon(a, b, func(id int32) { out = append(out, d.name(id)) })
	return out
}

// sharedReason words a factor that compares lists a and b: the names
// both share between before and after, or none when they share nothing.
func (s *Scorer) sharedReason(d *dict, a, b []int32, before, after, none string) string {
	if both := s.shared(d, a, b); len(both) > 0 {
		return before + joinAnd(both) + after
	}
	return none
}

// names returns the names of up to n ids, then "..." if there are more.
func (s *Scorer) names(d *dict, ids []int32, n int) []string {
	var out []string
	for k, id := range ids {
		if k == n {
			out = append(out, "...")
			break
		}
		out = append(out, d.name(id))
	}
	return out
}

// joinAnd joins words as "a", "a and b", "a, b and c".
func joinAnd(words []string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

// formatSteps words a number of 15-minute steps: "45 minutes", "1 hour",
// "2 hours 30 minutes".
func formatSteps(steps int) string {
	h, m := steps/4, steps%4*15
	var parts []string
	switch h {
	case 0:
	case 1:
		parts = append(parts, "1 hour")
	default:
		parts = append(parts, fmt.Sprintf("%d hours", h))
	}
	if m > 0 {
		parts = append(parts, fmt.Sprintf("%d minutes", m))
	}
	return strings.Join(parts, " ")
}
