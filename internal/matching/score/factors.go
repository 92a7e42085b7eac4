package score

import (
	"fmt"
	"strings"

	"github.com/kindredhq/kindred/internal/person"
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
	// points of cs[k], 0..1000. A blank (the mentee or the mentor left
	// the data empty) earns 0 and counts; only when nobody in the cohort
	// filled the data in is it -1 for every pair (the factor is then left
	// out of every pair's average alike). It works on a batch so that
	// scoring a mentee's candidates makes one call per factor, not one per
	// pair.
	points func(s *Scorer, e *member, cs []cand, out []int32)
	// costly marks a factor that compares lists. A pruned candidate list
	// counts a pair in CandidateSet.BelowMinScore only when the pair could
	// have made the mentee's list with full points on its costly factors
	// (see bound), as when these were computed last, for pairs that could.
	costly bool
	// blank reports that a mentee left the data this factor compares
	// empty (so the factor earns them no points); nil for factors every
	// profile has (level, function, time zone).
	blank func(p *person.Person) bool
	// reason words the factor of mentor j and mentee i for the mentee;
	// judged says whether it counts.
	reason func(s *Scorer, j, i int, judged bool) string
}

// factors is the table of score factors, in FactorNames order.
var factors = [...]factorSpec{
	{
		name: FactorSkills, label: "Skills", defaultWeight: 35,
		costly: true,
		blank:  func(p *person.Person) bool { return len(p.SkillsWanted) == 0 },
		points: func(s *Scorer, e *member, cs []cand, out []int32) {
			switch {
			case !s.filled.skills:
				fill(out, -1)
				return
			case e.ns == 0:
				fill(out, 0)
				return
			}
			full := min(int(e.ns), 2)
			for k, c := range cs {
				out[k] = int32(1000 * min(common(c.m.skills(), e.skills()), full) / full)
			}
		},
		reason: func(s *Scorer, j, i int, judged bool) string {
			e := &s.es[i]
			switch {
			case !judged:
				return "nobody in this cohort listed skills, so skills do not count"
			case e.ns == 0:
				return "you listed no skills you want to learn, so skills earn no points"
			}
			return s.sharedReason(&s.skills, s.ms[j].skills(), e.skills(), "offers ", ", which you want",
				"offers none of the skills you want ("+strings.Join(s.names(&s.skills, e.skills(), 3), ", ")+")")
		},
	},
	{
		name: FactorInterests, label: "Shared interests", defaultWeight: 10,
		costly: true,
		blank:  func(p *person.Person) bool { return len(p.Interests) == 0 },
		points: func(s *Scorer, e *member, cs []cand, out []int32) {
			if !s.filled.interests {
				fill(out, -1)
				return
			}
			for k, c := range cs {
				if c.m.ni == 0 || e.ni == 0 {
					out[k] = 0
					continue
				}
				full := min(int(e.ni), int(c.m.ni), 2)
				out[k] = int32(1000 * min(common(c.m.interests(), e.interests()), full) / full)
			}
		},
		reason: func(s *Scorer, j, i int, judged bool) string {
			m, e := &s.ms[j], &s.es[i]
			if r := blankReason(judged, m.ni == 0, e.ni == 0, "interests"); r != "" {
				return r
			}
			return s.sharedReason(&s.interests, m.interests(), e.interests(), "you share an interest in ", "", "no interests in common")
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
		blank:  func(p *person.Person) bool { return len(p.Languages) == 0 },
		points: func(s *Scorer, e *member, cs []cand, out []int32) {
			if !s.filled.langs {
				fill(out, -1)
				return
			}
			for k, c := range cs {
				out[k] = 1000 * int32(b2i(common(c.m.langs(), e.langs()) > 0))
			}
		},
		reason: func(s *Scorer, j, i int, judged bool) string {
			m, e := &s.ms[j], &s.es[i]
			if r := blankReason(judged, len(m.langs()) == 0, len(e.langs()) == 0, "languages"); r != "" {
				return r
			}
			return s.sharedReason(&s.langs, m.langs(), e.langs(), "you both speak ", "", "no language in common")
		},
	},
	{
		name: FactorStyle, label: "Learning and communication style", defaultWeight: 5,
		blank: func(p *person.Person) bool { return p.LearningStyle == "" && p.CommunicationStyle == "" },
		points: func(s *Scorer, e *member, cs []cand, out []int32) {
			// Each kind of style someone in the cohort gave is a part;
			// a blank on either side is not the same style.
			parts := b2i(s.filled.learn) + b2i(s.filled.comm)
			if parts == 0 {
				fill(out, -1)
				return
			}
			for k, c := range cs {
				same := b2i(c.m.learn > 0 && c.m.learn == e.learn) + b2i(c.m.comm > 0 && c.m.comm == e.comm)
				out[k] = int32(1000 * same / parts)
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

// blankReason words a factor that compares lists when it earns nothing for
// a blank: the mentor's (mentorBlank) or the mentee's (menteeBlank), or
// when nobody in the cohort listed any (not judged); "" otherwise.
func blankReason(judged, mentorBlank, menteeBlank bool, what string) string {
	switch {
	case !judged:
		return "nobody in this cohort listed " + what + ", so " + what + " do not count"
	case menteeBlank:
		return "you listed no " + what + ", so " + what + " earn no points"
	case mentorBlank:
		return "your mentor listed no " + what + ", so " + what + " earn no points"
	}
	return ""
}

// BlankFactors returns the names of the factors (in FactorNames order)
// whose data mentee p left empty: each earns them no points with any
// mentor. A program manager reads it to ask mentees to fill in their
// profiles.
func BlankFactors(p person.Person) []string {
	var out []string
	for _, f := range factors {
		if f.blank != nil && f.blank(&p) {
			out = append(out, f.name)
		}
	}
	return out
}

// styleReason words the style factor: the styles shared, then those that
// differ.
func styleReason(s *Scorer, j, i int, judged bool) string {
	m, e := &s.ms[j], &s.es[i]
	if !judged {
		return "nobody in this cohort gave a learning or communication style, so styles do not count"
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
	case len(same) == 0 && len(diff) == 0 && e.learn == 0 && e.comm == 0:
		return "you gave no learning or communication style, so styles earn no points"
	case len(same) == 0 && len(diff) == 0:
		return "styles not compared: one of you gave none, so styles earn no points"
	case len(diff) == 0:
		return "you share " + joinAnd(same)
	case len(same) == 0:
		return "you " + joinAnd(diff)
	default:
		return "you share " + same[0] + ", but " + diff[0]
	}
}
