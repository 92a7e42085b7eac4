package demo

import "github.com/kindredhq/kindred/internal/person"

// Shares of the self-reported demographics.
const (
	reportShare = 0.7 // people who answer the survey at all
	genderShare = 0.96
	ageShare    = 0.92
	careShare   = 0.85
	disabShare  = 0.8
)

// demographics returns the self-reported attributes of person i, or nil
// if they did not answer. Gender follows the first name (with some
// non-binary and "prefer not to say" answers), age follows level and
// tenure, and caregiving is most common between 30 and 54.
func (g *gen) demographics(i int, p *person.Person) map[string]string {
	if !g.chance(reportShare) {
		return nil
	}
	m := &g.m[i]
	d := make(map[string]string, len(DemographicAttributes))
	if g.chance(genderShare) {
		switch x := g.r.Float64(); {
		case x < 0.03:
			d["gender"] = genderNonBinary
		case x < 0.07:
			d["gender"] = preferNotToSay
		case m.woman:
			d["gender"] = genderWoman
		default:
			d["gender"] = genderMan
		}
	}
	age := 22 + 2*(p.Level-1) + int(m.tenure/2) + g.r.IntN(11) - 3
	age = max(age, 21+int(m.tenure))
	if g.chance(ageShare) {
		band := min(max((age-15)/10, 0), len(ageBands)-1) // <25, 25-34, ...
		d["age_band"] = ageBands[band]
	}
	if g.chance(careShare) {
		yes := 0.12
		if age >= 30 && age < 55 {
			yes = 0.38
		}
		d["caregiver"] = g.answer(0.04, 0.04+yes)
	}
	if g.chance(disabShare) {
		d["disability"] = g.answer(0.08, 0.15)
	}
	if len(d) == 0 {
		return nil
	}
	return d
}

// answer draws an answer to a yes/no question: prefer not to say below
// prefer, yes below yes, else no.
func (g *gen) answer(prefer, yes float64) string {
	switch x := g.r.Float64(); {
	case x < prefer:
		return preferNotToSay
	case x < yes:
		return answerYes
	}
	return answerNo
}
