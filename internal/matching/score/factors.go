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
	Weight int    `json:"weight"` // the program's weight; 0 when the data cannot judge this factor
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

// Factor indices, in FactorNames order.
const (
	fSkills = iota
	fInterests
	fCrossFunction
	fLevelGap
	fTimeOverlap
	fLanguage
	fStyle
)

// points computes every factor of the pair whose weight is not 0: its
// points and whether the data can judge it.
func (s *Scorer) points(m, e *member) (pts [numFactors]int32, counted [numFactors]bool) {
	s.cheapPoints(m, e, &pts, &counted)
	s.listPoints(m, e, &pts, &counted)
	return pts, counted
}

// listPoints computes the factors that compare lists: skills, interests
// and language.
func (s *Scorer) listPoints(m, e *member, pts *[numFactors]int32, counted *[numFactors]bool) {
	if s.fw[fSkills] > 0 && e.ns > 0 {
		full := min(int(e.ns), 2)
		pts[fSkills] = int32(1000 * min(common(m.skills(), e.skills()), full) / full)
		counted[fSkills] = true
	}
	if s.fw[fInterests] > 0 && e.ni > 0 && m.ni > 0 {
		full := min(int(e.ni), int(m.ni), 2)
		pts[fInterests] = int32(1000 * min(common(m.interests(), e.interests()), full) / full)
		counted[fInterests] = true
	}
	if s.fw[fLanguage] > 0 && m.nt > m.ns+m.ni && e.nt > e.ns+e.ni {
		if common(m.langs(), e.langs()) > 0 {
			pts[fLanguage] = 1000
		}
		counted[fLanguage] = true
	}
}

// bound is the highest score the pair can reach once listPoints is done,
// given the other factors.
func (s *Scorer) bound(m, e *member, pts *[numFactors]int32, counted *[numFactors]bool) int32 {
	var num, den int64
	for f := range numFactors {
		if counted[f] {
			num += s.fw[f] * int64(pts[f])
			den += s.fw[f]
		}
	}
	if s.fw[fSkills] > 0 && e.ns > 0 {
		num, den = num+1000*s.fw[fSkills], den+s.fw[fSkills]
	}
	if s.fw[fInterests] > 0 && e.ni > 0 && m.ni > 0 {
		num, den = num+1000*s.fw[fInterests], den+s.fw[fInterests]
	}
	if s.fw[fLanguage] > 0 && m.nt > m.ns+m.ni && e.nt > e.ns+e.ni {
		num, den = num+1000*s.fw[fLanguage], den+s.fw[fLanguage]
	}
	if den == 0 {
		return 0
	}
	return int32((2*num + den) / (2 * den))
}

// cheapPoints computes the factors that need no list comparison:
// cross_function, level_gap, time_overlap and style.
func (s *Scorer) cheapPoints(m, e *member, pts *[numFactors]int32, counted *[numFactors]bool) {
	if s.fw[fCrossFunction] > 0 {
		same := m.function == e.function
		if same == (s.w.FunctionPreference == PreferSame) {
			pts[fCrossFunction] = 1000
		}
		counted[fCrossFunction] = true
	}
	if s.fw[fLevelGap] > 0 {
		pts[fLevelGap] = levelPoints(int(m.level)-int(e.level), s.w.LevelGapMin, s.w.LevelGapMax)
		counted[fLevelGap] = true
	}
	if s.fw[fTimeOverlap] > 0 {
		pts[fTimeOverlap] = int32(1000 * min(s.overlapSteps(m.class, e.class), s.fullOverlap) / s.fullOverlap)
		counted[fTimeOverlap] = true
	}
	if s.fw[fStyle] > 0 {
		n, same := 0, 0
		if m.learn > 0 && e.learn > 0 {
			n++
			if m.learn == e.learn {
				same++
			}
		}
		if m.comm > 0 && e.comm > 0 {
			n++
			if m.comm == e.comm {
				same++
			}
		}
		if n > 0 {
			pts[fStyle] = int32(1000 * same / n)
			counted[fStyle] = true
		}
	}
}

// combine is the weighted average of the counted factors, rounded.
func (s *Scorer) combine(pts [numFactors]int32, counted [numFactors]bool) int32 {
	var num, den int64
	for f := range numFactors {
		if counted[f] {
			num += s.fw[f] * int64(pts[f])
			den += s.fw[f]
		}
	}
	if den == 0 {
		return 0
	}
	return int32((2*num + den) / (2 * den))
}

// score returns the score of mentor j and mentee i, rules aside.
func (s *Scorer) score(j, i int32) int32 {
	return s.combine(s.points(&s.ms[j], &s.es[i]))
}

// Score returns the score of mentor j and mentee i, 0..1000, whether or not
// the pair breaks a hard rule (see Check).
func (s *Scorer) Score(j, i int) int { return int(s.score(int32(j), int32(i))) }

// levelPoints scores a level gap (mentor minus mentee) against the ideal
// range [lo, hi]: 1000 inside; 400 less per level short of it, at least
// 200, for a positive gap; 250 less per level beyond it, at least 300;
// nothing for a mentor at or below the mentee's level.
func levelPoints(gap, lo, hi int) int32 {
	switch {
	case gap <= 0:
		return 0
	case gap < lo:
		return int32(max(200, 1000-400*(lo-gap)))
	case gap > hi:
		return int32(max(300, 1000-250*(gap-hi)))
	default:
		return 1000
	}
}

// Explain returns the score of mentor j and mentee i with every factor's
// points and reason, addressed to the mentee. Its Score equals Score(j, i).
func (s *Scorer) Explain(j, i int) Explanation {
	m, e := &s.ms[j], &s.es[i]
	pts, counted := s.points(m, e)
	x := Explanation{Score: int(s.combine(pts, counted))}
	for f, name := range FactorNames {
		if s.fw[f] == 0 {
			continue
		}
		fa := Factor{Name: name, Points: int(pts[f]), Reason: s.reason(f, j, i, counted[f])}
		if counted[f] {
			fa.Weight = int(s.fw[f])
		}
		x.Factors = append(x.Factors, fa)
	}
	return x
}

// reason words factor f of mentor j and mentee i for the mentee.
func (s *Scorer) reason(f, j, i int, counted bool) string {
	m, e := &s.ms[j], &s.es[i]
	mp, ep := &s.mentors[j], &s.mentees[i]
	switch f {
	case fSkills:
		if !counted {
			return "you listed no skills you want to learn, so skills do not count"
		}
		if both := s.shared(&s.skills, m.skills(), e.skills()); len(both) > 0 {
			return "offers " + joinAnd(both) + ", which you want"
		}
		return "offers none of the skills you want (" + strings.Join(s.names(&s.skills, e.skills(), 3), ", ") + ")"
	case fInterests:
		if !counted {
			return "interests not compared: one of you listed none"
		}
		if both := s.shared(&s.interests, m.interests(), e.interests()); len(both) > 0 {
			return "you share an interest in " + joinAnd(both)
		}
		return "no interests in common"
	case fCrossFunction:
		if m.function != e.function {
			if s.w.FunctionPreference == PreferSame {
				return "different function: " + mp.Function
			}
			return "different function: " + mp.Function + ", a new perspective"
		}
		if s.w.FunctionPreference == PreferSame {
			return "same function as you: " + ep.Function + ", close to your own work"
		}
		return "same function as you: " + ep.Function
	case fLevelGap:
		switch gap := int(m.level) - int(e.level); {
		case gap == 0:
			return "same level as you"
		case gap == 1:
			return "1 level above you"
		case gap > 1:
			return fmt.Sprintf("%d levels above you", gap)
		case gap == -1:
			return "1 level below you"
		default:
			return fmt.Sprintf("%d levels below you", -gap)
		}
	case fTimeOverlap:
		steps := s.overlapSteps(m.class, e.class)
		if steps == 0 {
			return "no shared working time in a normal week"
		}
		return formatSteps(steps) + " of shared working time each week"
	case fLanguage:
		if !counted {
			return "languages not compared: one of you listed none"
		}
		if both := s.shared(&s.langs, m.langs(), e.langs()); len(both) > 0 {
			return "you both speak " + joinAnd(both)
		}
		return "no language in common"
	case fStyle:
		if !counted {
			return "styles not compared: one of you listed none"
		}
		var same, diff []string
		if m.learn > 0 && e.learn > 0 {
			if m.learn == e.learn {
				same = append(same, "a learning style ("+strings.ToLower(s.learn.name(e.learn))+")")
			} else {
				diff = append(diff, fmt.Sprintf("learn differently (you: %s, mentor: %s)", strings.ToLower(s.learn.name(e.learn)), strings.ToLower(s.learn.name(m.learn))))
			}
		}
		if m.comm > 0 && e.comm > 0 {
			if m.comm == e.comm {
				same = append(same, "a communication style ("+strings.ToLower(s.comm.name(e.comm))+")")
			} else {
				diff = append(diff, fmt.Sprintf("communicate differently (you: %s, mentor: %s)", strings.ToLower(s.comm.name(e.comm)), strings.ToLower(s.comm.name(m.comm))))
			}
		}
		switch {
		case len(diff) == 0:
			return "you share " + joinAnd(same)
		case len(same) == 0:
			return "you " + joinAnd(diff)
		default:
			return "you share " + same[0] + ", but " + diff[0]
		}
	}
	return ""
}

// shared returns the names of the ids in both lists, in id order (the
// order they were first seen in the cohort).
func (s *Scorer) shared(d *dict, a, b []int32) []string {
	var out []string
	x, y := 0, 0
	for x < len(a) && y < len(b) {
		switch {
		case a[x] < b[y]:
			x++
		case a[x] > b[y]:
			y++
		default:
			out = append(out, d.name(a[x]))
			x++
			y++
		}
	}
	return out
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
