package demo

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/kindredhq/kindred/internal/person"
)

// The profile of each person: name, email, languages, hours, tenure,
// mentoring role, skills, interests, styles and bio.

// daysPerYear converts tenure between days and years.
const daysPerYear = 365.25

// maxTenureDays is the age of the company, less a week so that moving a
// hire date back to its Monday stays within 15 years.
const maxTenureDays = 15*365 - 7

// id returns the id of the i-th person, zero-padded to width digits:
// E00001, E00002, ...
func id(i, width int) string {
	var b [24]byte
	d := strconv.AppendInt(b[:0], int64(i+1), 10)
	out := make([]byte, 0, 1+max(width, len(d)))
	out = append(out, 'E')
	for range width - len(d) {
		out = append(out, '0')
	}
	return string(append(out, d...))
}

// profile fills person i. all holds the people before i; emails counts the
// uses of each first.last email so far, at fk*len(emailParts)+lk for the
// keys fk and lk of its two parts.
func (g *gen) profile(all []person.Person, i int, emails []int32) {
	m := &g.m[i]
	fn := m.function()
	loc := locations[m.loc]
	p := &all[i]
	p.ID = id(i, g.idWidth)
	if m.parent >= 0 {
		p.ManagerID = all[m.parent].ID
	}
	p.Level = m.level
	p.Function = fn.name
	p.Department = m.dept
	p.Location = loc.name
	p.Timezone = loc.zone

	first, last, fk, lk, region := g.name(m)
	p.Name = first + " " + last
	key := int(fk)*len(emailParts) + int(lk)
	emails[key]++
	if k := emails[key]; k > 1 {
		p.Email = emailParts[fk] + "." + emailParts[lk] + strconv.Itoa(int(k)) + "@" + emailDomain
	} else {
		p.Email = emailParts[fk] + "." + emailParts[lk] + "@" + emailDomain
	}
	p.Languages = g.languages(loc, region)

	h := hours[g.weighted(len(hours), func(i int) int { return hours[i].weight })]
	p.WorkStart, p.WorkEnd = h.start, h.end
	p.HireDate = g.hire(m)

	p.MentoringRole = g.mentoringRole(m.level)
	p.Capacity = 1
	if p.IsMentor() {
		p.Capacity = g.capacity()
	}
	if m.level >= 5 || p.IsMentor() {
		count := 2 + g.r.IntN(2)
		if p.IsMentor() {
			count = 2 + g.r.IntN(4)
		}
		offered := g.list(count)
		if m.reports > 0 && g.chance(0.6) {
			offered = append(offered, "People management")
		}
		p.SkillsOffered = g.skills(offered, m.fn, count, 0.55, 0.35, nil)
	}
	if m.level <= 4 || p.IsMentee() {
		count := 1 + g.r.IntN(4)
		p.SkillsWanted = g.skills(g.list(count), m.fn, count, 0.45, 0.4, p.SkillsOffered)
	}
	p.Interests = g.interests()
	p.LearningStyle = pick(g, learningStyles)
	p.CommunicationStyle = pick(g, communicationStyles)
	if g.chance(0.03) {
		p.AccessibilityNeeds = pick(g, accessibilityNeeds)
	}
	if p.IsMentor() {
		p.Bio = g.bio(m, p)
	}
	p.AccessRole = person.RoleMember
	p.Active = true
}

// list returns an empty slice with capacity n, carved from a shared block
// so that a person's lists do not cost an allocation each. Appending
// beyond n copies, as usual.
func (g *gen) list(n int) []string {
	if len(g.slab) < n {
		g.slab = make([]string, max(n, 4096))
	}
	s := g.slab[:0:n]
	g.slab = g.slab[n:]
	return s
}

// name chooses a first and last name, usually local to the person's office,
// with the keys of their email parts (see emailParts) and the region the
// name comes from.
func (g *gen) name(m *member) (first, last string, fk, lk int32, region int) {
	loc := locations[m.loc]
	region = loc.region
	if !g.chance(loc.local) {
		region = g.r.IntN(len(namePools))
	}
	pool := &namePools[region]
	women := m.function().women
	if m.level >= 7 {
		women -= 0.08
	}
	m.woman = g.chance(women)
	parts := &poolParts[region]
	if m.woman {
		k := g.r.IntN(len(pool.women))
		first, fk = pool.women[k], parts.women[k]
	} else {
		k := g.r.IntN(len(pool.men))
		first, fk = pool.men[k], parts.men[k]
	}
	k := g.r.IntN(len(pool.last))
	return first, pool.last[k], fk, parts.last[k], region
}

// languages chooses the languages of someone at loc whose name comes from
// region: English nearly always, the local languages by their share, and
// sometimes the language of the name's region.
func (g *gen) languages(loc location, region int) []string {
	out := g.list(2 + len(loc.langs))
	if g.chance(loc.english) {
		out = append(out, "English")
	}
	for _, l := range loc.langs {
		if g.chance(l.share) {
			out = appendNew(out, l.name)
		}
	}
	if lang := namePools[region].language; region != loc.region && lang != "" && g.chance(0.4) {
		out = appendNew(out, lang)
	}
	if len(out) == 0 {
		out = append(out, "English")
	}
	return out
}

// hire chooses a hire date, a Monday, and records the tenure in m. Tenure
// grows loosely with level (an Erlang distribution with a mean of 1 year at
// level 1 and 7.75 years at level 10); the CEO founded the company nearly
// 15 years ago.
func (g *gen) hire(m *member) string {
	var days int
	if m.parent < 0 {
		days = 14*365 + g.r.IntN(300)
	} else {
		mean := 1 + 0.75*float64(m.level-1)
		years := mean / 2 * (g.r.ExpFloat64() + g.r.ExpFloat64())
		days = 14 + int(years*daysPerYear)
		if days > maxTenureDays {
			days = maxTenureDays - g.r.IntN(3*365)
		}
	}
	weekday := ((int(g.asOf.Weekday())-days)%7 + 7) % 7
	days += (weekday + 6) % 7 // back to Monday
	m.tenure = float64(days) / daysPerYear
	if g.dates == nil {
		g.dates = make([]string, maxTenureDays+7)
	}
	if g.dates[days] == "" {
		g.dates[days] = g.asOf.AddDate(0, 0, -days).Format(person.DateLayout)
	}
	return g.dates[days]
}

// mentoringRole chooses whether someone at level offers to mentor, wants a
// mentor, both, or neither: mentees mostly at levels 1-4, mentors mostly
// at 5 and up, both mostly in the middle.
func (g *gen) mentoringRole(level int) string {
	var mentor, both, mentee float64
	switch {
	case level <= 2:
		both, mentee = 0.01, 0.38
	case level <= 4:
		mentor, both, mentee = 0.01, 0.10, 0.30
	case level <= 6:
		mentor, both, mentee = 0.22, 0.14, 0.06
	case level <= 8:
		mentor, both, mentee = 0.32, 0.04, 0.02
	default:
		mentor = 0.35
	}
	switch x := g.r.Float64(); {
	case x < mentor:
		return person.MentoringMentor
	case x < mentor+both:
		return person.MentoringBoth
	case x < mentor+both+mentee:
		return person.MentoringMentee
	}
	return person.MentoringMember
}

// capacity chooses how many mentees a mentor takes, 1 to 4, most often 2.
func (g *gen) capacity() int {
	return 1 + g.weighted(4, func(i int) int { return [...]int{25, 35, 25, 15}[i] })
}

// facilitatorShare is the share of people who volunteer to facilitate
// circles.
const facilitatorShare = 0.17

// facilitators marks exactly facilitatorShare of the people (rounded) as
// facilitators, drawn without replacement with weights that favour middle
// and senior levels (Efraimidis-Spirakis keys: the k smallest of
// Exp(1)/weight).
func (g *gen) facilitators(ps []person.Person) {
	weight := func(level int) float64 {
		switch {
		case level <= 2:
			return 1
		case level <= 4:
			return 2.5
		case level <= 7:
			return 5
		}
		return 4
	}
	keys := make([]float64, len(ps))
	order := make([]int32, len(ps))
	for i := range ps {
		keys[i] = g.r.ExpFloat64() / weight(ps[i].Level)
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int { return cmp.Compare(keys[a], keys[b]) })
	for _, i := range order[:int(math.Round(facilitatorShare*float64(len(ps))))] {
		ps[i].Facilitator = true
	}
}

// skills appends to have distinct skills until it holds count, none of
// them in exclude. A skill comes from the person's function (fn; -1 for
// none) with probability own, from the cross-cutting skills with
// probability cross, and otherwise from any function; common skills are
// chosen more often, so what juniors want is often what seniors offer.
func (g *gen) skills(have []string, fn, count int, own, cross float64, exclude []string) []string {
	ok := func(s string) bool { return !slices.Contains(have, s) && !slices.Contains(exclude, s) }
	for try := 0; len(have) < count && try < 8*count; try++ {
		var list []string
		switch x := g.r.Float64(); {
		case fn >= 0 && x < own:
			list = functions[fn].skills
		case x < own+cross:
			list = crossSkills
		default:
			list = functions[g.r.IntN(len(functions))].skills
		}
		if s := list[g.common(len(list))]; ok(s) {
			have = append(have, s)
		}
	}
	for _, s := range crossSkills { // only if the draws kept colliding
		if len(have) >= count {
			break
		}
		if ok(s) {
			have = append(have, s)
		}
	}
	return have
}

// interests chooses 1 to 3 distinct interests.
func (g *gen) interests() []string {
	n := 1 + g.r.IntN(3)
	out := g.list(n)
	for len(out) < n {
		out = appendNew(out, pick(g, interests))
	}
	return out
}

// bio writes a short sentence for a mentor's profile from their title,
// department, office, tenure and first skills offered.
func (g *gen) bio(m *member, p *person.Person) string {
	t := title(m)
	if !strings.Contains(t, m.dept) {
		t += " in " + m.dept
	}
	a, b := skillPhrase(p.SkillsOffered[0]), skillPhrase(p.SkillsOffered[1])
	switch g.r.IntN(3) {
	case 0:
		return fmt.Sprintf("%s, based in %s. Happy to help with %s and %s.", t, p.Location, a, b)
	case 1:
		if years := int(m.tenure); years >= 2 {
			return fmt.Sprintf("%s, %d years here. Ask me about %s or %s.", t, years, a, b)
		}
		return fmt.Sprintf("%s, new here and glad to talk about %s and %s.", t, a, b)
	}
	return fmt.Sprintf("%s (%s). I enjoy mentoring on %s, especially %s.", t, p.Location, a, b)
}

// title names a person's job for their bio.
func title(m *member) string {
	fn := m.function()
	switch {
	case m.fn < 0:
		return fn.role
	case m.parent == 0:
		return "Head of " + fn.name
	case m.reports > 0 && m.level >= 8:
		return "Director, " + m.dept
	case m.reports > 0 && m.level == 7:
		return "Senior Manager, " + m.dept
	case m.reports > 0:
		return "Manager, " + m.dept
	}
	prefix := [...]string{"", "Associate ", "Associate ", "", "", "Senior ", "Lead ", "Principal ", "Distinguished ", "Distinguished ", ""}
	return prefix[m.level] + fn.role
}

// skillPhrase writes a skill for the middle of a sentence: "public
// speaking", but "Go" and "UX research".
func skillPhrase(s string) string {
	if properSkills[s] || len(s) < 2 || s[1] < 'a' || s[1] > 'z' {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// appendNew appends s unless list holds it.
func appendNew(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}
