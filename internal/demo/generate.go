// Package demo generates a realistic, deterministic organization for demos,
// documentation examples, benchmarks and tests: people with levels,
// functions, departments, a management tree, offices across time zones,
// working hours, tenure, languages, skills offered and wanted, interests,
// mentoring roles and styles, plus optional self-reported demographics, and
// four sign-in accounts (admin, sponsor, mentor, mentee).
//
// Shape. A single CEO (level 10) heads eleven functions; each function head
// (level 8 or 9) reports to the CEO and every other person reports to a
// manager of a higher level in the same function. The tree is built top
// down: each manager divides the people below them into 3 to 12 direct
// reports (individual contributors and sub-managers with a share of the
// headcount), so every manager has a span of 3 to 12 and the levels form a
// pyramid with most people at 1 to 4. People are listed managers first
// (breadth first from the CEO), which importers rely on. Skills come from
// one taxonomy and the most common skills are both offered by seniors and
// wanted by juniors, so matching has something to find. Mild, realistic
// imbalances (fewer women in engineering and at senior levels) give an
// equity audit something to report.
//
// Determinism. All randomness comes from a PCG generator seeded with
// Options.Seed, tables are ordered slices, and "today" is Options.AsOf, so
// the same options always give the same organization and different seeds
// give different ones.
//
// Cost. Generate takes O(n log n) time (one sort picks the facilitators)
// and O(n) memory for n people; 100,000 people take about 0.2 s of CPU.
package demo

import (
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/kindredhq/kindred/internal/person"
)

// Size limits of a generated organization.
const (
	DefaultPeople = 300     // used when Options.People is 0
	MinPeople     = 50      // smaller sizes are raised to this
	MaxPeople     = 500_000 // larger sizes are lowered to this
)

// Emails of the four demo sign-in accounts.
const (
	AdminEmail   = "admin@kindred.example"
	SponsorEmail = "sponsor@kindred.example"
	MentorEmail  = "mentor@kindred.example"
	MenteeEmail  = "mentee@kindred.example"
)

// emailDomain is the domain of every generated email address.
const emailDomain = "kindred.example"

// defaultAsOf is the "today" used when Options.AsOf is zero.
var defaultAsOf = time.Date(2026, time.January, 5, 0, 0, 0, 0, time.UTC)

// Options describe the organization to generate.
type Options struct {
	// People is the headcount: DefaultPeople when 0, and clamped to
	// [MinPeople, MaxPeople].
	People int
	// Seed selects the organization; the same seed gives the same one.
	Seed uint64
	// AsOf is "today" for hire dates; when zero, 2026-01-05.
	AsOf time.Time
}

// Org is a generated organization.
type Org struct {
	// People lists everyone, each manager before their reports; the first
	// is the CEO.
	People []person.Person
	// Demographics holds the self-reported attributes, person id ->
	// attribute (see DemographicAttributes) -> value. People who did not
	// answer have no entry; unanswered questions have no attribute.
	Demographics map[string]map[string]string
	// Accounts names the demo sign-in accounts.
	Accounts Accounts
}

// Accounts holds the ids of the four demo sign-in accounts, whose emails
// are AdminEmail, SponsorEmail, MentorEmail and MenteeEmail.
type Accounts struct {
	Admin   string // a program manager in People / Learning & Development; access role admin
	Sponsor string // the head of People, an executive; access role sponsor
	Mentor  string // a mentor with capacity of at least 2 and skills offered
	Mentee  string // a mentee with skills wanted, at least one offered by Mentor, outside Mentor's reporting line
}

// Generate returns the organization described by opts. It never fails and
// reads no clock: the result depends on opts alone.
func Generate(opts Options) Org {
	n := opts.People
	switch {
	case n == 0:
		n = DefaultPeople
	case n < MinPeople:
		n = MinPeople
	case n > MaxPeople:
		n = MaxPeople
	}
	asOf := opts.AsOf
	if asOf.IsZero() {
		asOf = defaultAsOf
	}
	g := &gen{
		r:    rand.New(rand.NewPCG(opts.Seed, opts.Seed^0x9e3779b97f4a7c15)),
		asOf: time.Date(asOf.Year(), asOf.Month(), asOf.Day(), 0, 0, 0, 0, time.UTC),
		m:    make([]member, 0, n),

		idWidth: max(5, len(strconv.Itoa(n))),
	}
	g.structure(n)
	g.locate()
	org := Org{People: make([]person.Person, n), Demographics: make(map[string]map[string]string, n*3/4)}
	emails := make([]int32, len(emailParts)*len(emailParts))
	for i := range g.m {
		p := &org.People[i]
		g.profile(org.People, i, emails)
		if d := g.demographics(i, p); d != nil {
			org.Demographics[p.ID] = d
		}
	}
	g.facilitators(org.People)
	g.ensureMentors(org.People)
	org.Accounts = g.accounts(org.People)
	return org
}

// member is what generation knows about a person beyond the Person.
type member struct {
	fn      int // index into functions; -1 for the CEO
	dept    string
	level   int
	parent  int // index of the manager; -1 for the CEO
	budget  int // people below, while building the tree
	reports int // direct reports
	loc     int // index into locations
	woman   bool
	tenure  float64 // years since hire
}

// function returns the member's function.
func (m *member) function() *function {
	if m.fn < 0 {
		return &executive
	}
	return &functions[m.fn]
}

// gen holds the state of one generation.
type gen struct {
	r    *rand.Rand
	asOf time.Time
	m    []member

	idWidth int      // digits in an id
	slab    []string // room for people's lists (see list)
	dates   []string // formatted dates by days before asOf (see hire)
}

// chance reports true with probability p.
func (g *gen) chance(p float64) bool { return g.r.Float64() < p }

// common returns an index in [0, n) where lower indexes are more likely:
// P(k) falls linearly from about 2/n at 0 to 1/n² at n-1.
func (g *gen) common(n int) int { return min(g.r.IntN(n), g.r.IntN(n)) }

// pick returns a uniformly chosen item.
func pick[T any](g *gen, items []T) T { return items[g.r.IntN(len(items))] }

// weighted returns an index chosen with probability proportional to
// weight(i) for i in [0, n).
func (g *gen) weighted(n int, weight func(i int) int) int {
	total := 0
	for i := range n {
		total += weight(i)
	}
	x := g.r.IntN(total)
	for i := range n {
		if x -= weight(i); x < 0 {
			return i
		}
	}
	return n - 1
}
