package score

import (
	"fmt"
	"strings"
)

// factorSpec declares one factor of a pair's score. Each factor is
// declared once, in the table factors; everything else reads it from
// there: FactorNames, the JSON key, default and validation of its weight
// (Weights), FactorLabel, the points Score adds up, the bound candidate
// pruning uses, and the reason Explain gives. Adding a factor is adding an
// entry (and, if callers name it, a Factor... constant) with its cases in
// TestFactors.
type factorSpec struct {
	name          string // its FactorNames entry and the JSON key of its weight
	label         string // its name for people ("Shared working time")
	defaultWeight int    // its weight in DefaultWeights
	// off reports settings that turn the factor off whatever its weight;
	// nil when only a weight of 0 does.
	off func(w *Weights) bool
	// points scores mentee e with each candidate mentor: out[k] is the
	// points of cs[k], 0..1000, or -1 when the data cannot judge the
	// factor (then it is left out of the pair's average). It works on a
	// batch so that scoring a mentee's candidates makes one call per
	// factor, not one per pair.
	points func(s *Scorer, e *member, cs []cand, out []int32)
	// costly marks a factor that compares lists. A pruned candidate list
	// counts a pair in CandidateSet.BelowMinScore only when the pair could
	// have made the mentee's list with full points on its costly factors
	// (see bound), as when these were computed last, for pairs that could.
	costly bool
	// reason words the factor of mentor j and mentee i for the mentee;
	// judged says whether it counts.
	reason func(s *Scorer, j, i int, judged bool) string
}

// factors is the table of score factors, in FactorNames order.
var factors = [...]factorSpec{
	{
		name: FactorSkills, label: "Skills", defaultWeight: 35,
		costly: true,
		points: func(s *Scorer, e *member, cs []cand, out []int32) {
			if e.ns == 0 {
				fill(out, -1)
				return
			}
			full := min(int(e.ns), 2)
			for k, c := range cs {
				out[k] = int32(1000 * min(common(c.m.skills(), e.skills()), full) / full)
			}
		},
		reason: func(s *Scorer, j, i int, judged bool) string {
			e := &s.es[i]
			return s.sharedReason(&s.skills, s.ms[j].skills(), e.skills(), judged,
				"you listed no skills you want to learn, so skills do not count", "offers ", ", which you want",
				"offers none of the skills you want ("+strings.Join(s.names(&s.skills, e.skills(), 3), ", ")+")")
		},
	},
	{
		name: FactorInterests, label: "Shared interests", defaultWeight: 10,
		costly: true,
		points: func(s *Scorer, e *member, cs []cand, out []int32) {
			if e.ni == 0 {
				fill(out, -1)
				return
			}
			for k, c := range cs {
				if c.m.ni == 0 {
					out[k] = -1
					continue
				}
				full := min(int(e.ni), int(c.m.ni), 2)
				out[k] = int32(1000 * min(common(c.m.interests(), e.interests()), full) / full)
			}
		},
		reason: func(s *Scorer, j, i int, judged bool) string {
			return s.sharedReason(&s.interests, s.ms[j].interests(), s.es[i].interests(), judged,
				"interests not compared: one of you listed none", "you share an interest in ", "", "no interests in common")
		},
	},
	{
		name: FactorCrossFunction, label: "Cross-functional exposure", defaultWeight: 10,
		off: func(w *Weights) bool { return w.FunctionPreference == Indifferent },
		points: func(s *Scorer, e *member, cs []cand, out []int32) {
			same := s.w.FunctionPreference == PreferSame
			for k, c := range cs {
				out[k] = 1000 * int32(b2i((c.m.function == e.function) == same))
			}
		},
		reason: func(s *Scorer, j, i int, judged bool) string {
			same := s.ms[j].function == s.es[i].function
			switch {
			case !same && s.w.FunctionPreference == PreferSame:
				return "different function: " + s.mentors[j].Function
			case !same:
				return "different function: " + s.mentors[j].Function + ", a new perspective"
			case s.w.FunctionPreference == PreferSame:
				return "same function as you: " + s.mentees[i].Function + ", close to your own work"
			}
			return "same function as you: " + s.mentees[i].Function
		},
	},
	{
		name: FactorLevelGap, label: "Level gap", defaultWeight: 15,
		points: func(s *Scorer, e *member, cs []cand, out []int32) {
			for k, c := range cs {
				out[k] = levelPoints(int(c.m.level)-int(e.level), s.w.LevelGapMin, s.w.LevelGapMax)
			}
		},
		reason: func(s *Scorer, j, i int, judged bool) string {
			switch gap := int(s.ms[j].level) - int(s.es[i].level); {
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
		},
	},
	{
		name: FactorTimeOverlap, label: "Shared working time", defaultWeight: 20,
		points: func(s *Scorer, e *member, cs []cand, out []int32) {
			for k, c := range cs {
				out[k] = int32(1000 * min(s.overlapSteps(c.m.class, e.class), s.fullOverlap) / s.fullOverlap)
			}
		},
		reason: func(s *Scorer, j, i int, judged bool) string {
			steps := s.overlapSteps(s.ms[j].class, s.es[i].class)
			if steps == 0 {
				return "no shared working time in a normal week"
			}
			return formatSteps(steps) + " of shared working time each week"
		},
	},
	{
		name: FactorLanguage, label: "Language", defaultWeight: 5,
		costly: true,
		points: func(s *Scorer, e *member, cs []cand, out []int32) {
			if e.nt == e.ns+e.ni {
				fill(out, -1)
				return
			}
			for k, c := range cs {
				switch {
				case c.m.nt == c.m.ns+c.m.ni:
					out[k] = -1
				case common(c.m.langs(), e.langs()) > 0:
					out[k] = 1000
				default:
					out[k] = 0
				}
			}
		},
		reason: func(s *Scorer, j, i int, judged bool) string {
			return s.sharedReason(&s.langs, s.ms[j].langs(), s.es[i].langs(), judged,
				"languages not compared: one of you listed none", "you both speak ", "", "no language in common")
		},
	},
	{
		name: FactorStyle, label: "Learning and communication style", defaultWeight: 5,
		points: func(s *Scorer, e *member, cs []cand, out []int32) {
			for k, c := range cs {
				n, same := 0, 0
				if c.m.learn > 0 && e.learn > 0 {
					n++
					same += b2i(c.m.learn == e.learn)
				}
				if c.m.comm > 0 && e.comm > 0 {
					n++
					same += b2i(c.m.comm == e.comm)
				}
				out[k] = -1
				if n > 0 {
					out[k] = int32(1000 * same / n)
				}
			}
		},
		reason: styleReason,
	},
}

// fill sets every element of out to v.
func fill(out []int32, v int32) {
	for k := range out {
		out[k] = v
	}
}

// numFactors is the number of factors in the table.
const numFactors = len(factors)

// maxFactors is the room for factor weights in Weights: arrays keep
// Weights comparable and a pair's scoring free of allocation.
const maxFactors = 16

// The table must fit in maxFactors (a negative array length otherwise).
var _ [maxFactors - numFactors]struct{}

// FactorLabel returns the name people read for a score factor ("Skills"),
// or name itself for a name that is not in FactorNames.
func FactorLabel(name string) string {
	if f := factorIndex(name); f >= 0 {
		return factors[f].label
	}
	return name
}

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

// styleReason words the style factor: the styles shared, then those that
// differ.
func styleReason(s *Scorer, j, i int, judged bool) string {
	m, e := &s.ms[j], &s.es[i]
	if !judged {
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
