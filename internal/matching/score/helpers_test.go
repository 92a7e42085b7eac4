package score

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/kindredhq/kindred/internal/person"
)

// Dates of test cycles in 2026: US daylight saving starts on 8 March,
// the EU's on 29 March.
var (
	jan5  = day("2026-01-05")
	jan30 = day("2026-01-30")
	mar9  = day("2026-03-09")
	mar20 = day("2026-03-20")
	feb23 = day("2026-02-23")
	apr6  = day("2026-04-06")
	apr24 = day("2026-04-24")
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// newPerson returns a valid person with the defaults of an import (09:00-17:00
// in London, level 5, Engineering), changed by the options.
func newPerson(id string, opts ...func(*person.Person)) person.Person {
	p := person.Person{ID: id, Name: id, Email: id + "@example.com", Level: 5, Function: "Engineering",
		Location: "London", Timezone: "Europe/London", WorkStart: 9 * 60, WorkEnd: 17 * 60,
		MentoringRole: person.MentoringBoth, Capacity: 2}
	for _, o := range opts {
		o(&p)
	}
	return p
}

func level(n int) func(*person.Person)       { return func(p *person.Person) { p.Level = n } }
func function(f string) func(*person.Person) { return func(p *person.Person) { p.Function = f } }
func manager(id string) func(*person.Person) { return func(p *person.Person) { p.ManagerID = id } }
func capacity(n int) func(*person.Person)    { return func(p *person.Person) { p.Capacity = n } }
func offers(s ...string) func(*person.Person) {
	return func(p *person.Person) { p.SkillsOffered = s }
}
func wants(s ...string) func(*person.Person) { return func(p *person.Person) { p.SkillsWanted = s } }
func likes(s ...string) func(*person.Person) { return func(p *person.Person) { p.Interests = s } }
func speaks(s ...string) func(*person.Person) {
	return func(p *person.Person) { p.Languages = s }
}
func styles(learn, comm string) func(*person.Person) {
	return func(p *person.Person) { p.LearningStyle, p.CommunicationStyle = learn, comm }
}
func zone(tz string, start, end string) func(*person.Person) {
	return func(p *person.Person) {
		var err error
		p.Timezone = tz
		if p.WorkStart, p.WorkEnd, err = person.ParseHours(start + "-" + end); err != nil {
			panic(err)
		}
	}
}

// mustScorer builds a scorer for a January cycle unless opts say otherwise.
func mustScorer(t testing.TB, mentors, mentees []person.Person, org *Org, h *History, w Weights, opts Options) *Scorer {
	t.Helper()
	if opts.From.IsZero() {
		opts.From, opts.To = jan5, jan30
	}
	s, err := NewScorer(mentors, mentees, org, h, w, opts)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// Generated cohorts for tests and benchmarks: a realistic spread of zones
// (with +5:30, +5:45 and daylight saving on both hemispheres), working
// hours, skills, interests, languages and levels, and a random management
// tree over everyone.
var (
	genZones = []string{"America/Los_Angeles", "America/Chicago", "America/New_York", "America/New_York",
		"America/Sao_Paulo", "Europe/London", "Europe/London", "Europe/Berlin", "Europe/Berlin", "Europe/Madrid",
		"Africa/Lagos", "Africa/Nairobi", "Asia/Dubai", "Asia/Kolkata", "Asia/Kolkata", "Asia/Kathmandu",
		"Asia/Singapore", "Asia/Tokyo", "Australia/Sydney", "Pacific/Auckland"}
	genHours     = [][2]int{{8 * 60, 16 * 60}, {9 * 60, 17 * 60}, {9 * 60, 17 * 60}, {10 * 60, 18 * 60}, {9*60 + 30, 17*60 + 30}}
	genFunctions = []string{"Engineering", "Design", "Product", "Sales", "Marketing", "Finance", "People", "Data", "Support", "Legal"}
	genLanguages = []string{"Spanish", "Hindi", "German", "French", "Portuguese", "Japanese", "Mandarin", "Yoruba", "Swahili", "Arabic"}
	genLearn     = []string{"visual", "reading", "hands-on", "discussion"}
	genComm      = []string{"direct", "reflective", "structured", "casual"}
)

func genCohort(mentees, mentors int, seed uint64) (ms, es []person.Person, org *Org) {
	r := rand.New(rand.NewPCG(seed, 7))
	pick := func(list []string, n int) []string {
		out := make([]string, 0, n)
		for range n {
			out = append(out, list[r.IntN(len(list))])
		}
		return out
	}
	skills := make([]string, 120)
	for k := range skills {
		skills[k] = fmt.Sprintf("skill-%03d", k)
	}
	interests := make([]string, 50)
	for k := range interests {
		interests[k] = fmt.Sprintf("interest-%02d", k)
	}
	total := mentees + mentors
	everyone := make([]person.Person, total)
	for k := range total {
		h := genHours[r.IntN(len(genHours))]
		p := person.Person{ID: fmt.Sprintf("P%06d", k), Function: genFunctions[r.IntN(len(genFunctions))],
			Timezone: genZones[r.IntN(len(genZones))], WorkStart: h[0], WorkEnd: h[1],
			Languages: []string{"English"}, Interests: pick(interests, r.IntN(5)), Capacity: 1 + r.IntN(4)}
		if r.IntN(10) == 0 {
			p.Languages = nil
		}
		if r.IntN(2) == 0 {
			p.Languages = append(p.Languages, genLanguages[r.IntN(len(genLanguages))])
		}
		if r.IntN(10) < 7 {
			p.LearningStyle, p.CommunicationStyle = genLearn[r.IntN(4)], genComm[r.IntN(4)]
		}
		if k > 0 {
			p.ManagerID = fmt.Sprintf("P%06d", r.IntN(k))
		}
		// Skills cluster: each person draws around a topic of their own.
		topic := r.IntN(len(skills))
		near := func(n int) []string {
			out := make([]string, 0, n)
			for range n {
				out = append(out, skills[(topic+r.IntN(12))%len(skills)])
			}
			return out
		}
		if k < mentors {
			p.MentoringRole, p.Level = person.MentoringMentor, 4+r.IntN(7)
			p.SkillsOffered = near(2 + r.IntN(5))
		} else {
			p.MentoringRole, p.Level = person.MentoringMentee, 1+r.IntN(6)
			p.SkillsWanted = near(r.IntN(5))
		}
		everyone[k] = p
	}
	return everyone[:mentors], everyone[mentors:], NewOrg(everyone)
}
