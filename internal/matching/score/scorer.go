package score

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/kindredhq/kindred/internal/errs"
	"github.com/kindredhq/kindred/internal/person"
	"github.com/kindredhq/kindred/internal/schedule"
)

// Options are the settings of one matching run besides the program's
// Weights.
type Options struct {
	// K is the number of candidate mentors kept per mentee when the cohort
	// is too large to keep every allowed pair (default 20).
	K int
	// MinScore drops candidate pairs scoring below it.
	MinScore int
	// From and To are the first and last days of the cycle; working-hours
	// overlap is counted over every week they touch. Both are required.
	From, To time.Time
	// Exclusions are pairs an admin ruled out.
	Exclusions []IDPair
	// ExhaustiveLimit is the largest mentees*mentors for which every pair
	// is scored and every allowed pair kept (0 means 4,000,000; a negative
	// value always prunes).
	ExhaustiveLimit int
	// Budget is how many mentors are scored per mentee above that limit
	// (default max(10*K, 200); all of them when there are no more); the
	// best K of them are kept.
	Budget int
	// Workers is the number of goroutines that score candidates (default
	// GOMAXPROCS). The result does not depend on it.
	Workers int
	// Progress, if set, is called now and then with the mentees done so
	// far and the total, from one goroutine at a time.
	Progress func(done, total int)
}

const (
	defaultK               = 20
	defaultExhaustiveLimit = 4_000_000
)

func (o *Options) defaults() {
	if o.K <= 0 {
		o.K = defaultK
	}
	if o.ExhaustiveLimit == 0 {
		o.ExhaustiveLimit = defaultExhaustiveLimit
	}
	if o.Budget <= 0 {
		o.Budget = max(10*o.K, 200)
	}
}

// Scorer scores and checks pairs of one cohort. It holds the cohort's
// people in a compact form (tags interned to integers, working hours as
// availability classes) so that scoring a pair does not allocate. It is
// safe for concurrent use once built.
type Scorer struct {
	w  Weights
	fw [maxFactors]int64 // factor weights, 0 when off (Weights.factorWeights)
	// cheap and costly list the factors with a weight, by whether they
	// are costly (see factorSpec.costly), in table order.
	cheap, costly []int8
	opts          Options
	mentors       []person.Person
	mentees       []person.Person
	ms, es        []member

	// Interned tags: lower-case key -> id (from 1), id -> first spelling.
	skills, interests, langs, funcs, learn, comm dict

	// Working-hours classes (zone, hours): the weekly availability of each,
	// and the overlap in steps between every mentor class and mentee class
	// (computed on the fly when there are too many pairs of classes).
	classes     []class
	overlap     []int16 // overlap[cm*len(classes)+ce], or nil
	fullOverlap int

	// forbid lists per mentee the mentors ruled out by history or by an
	// admin's exclusion, sorted by mentor (CSR).
	forbidFirst []int32
	forbid      []forbidden

	reqLang string // the language the program requires, or ""
	// minShared is the weekly working time, in 15-minute steps, a pair
	// must share (Weights.MinSharedHours); 0 for no minimum.
	minShared int

	// filled says, per kind of data a factor compares, whether anybody in
	// the cohort filled it in; a factor nobody could fill is left out of
	// every pair (see factorSpec.points).
	filled struct{ skills, interests, langs, learn, comm bool }

	ixOnce sync.Once
	ix     *bucketIndex // built by index for pruned candidates
}

type forbidden struct {
	mentor int32
	rule   Rule
}

// member is a person in compact form: 128 bytes, tags inline when they
// fit, so that scoring a pair reads two adjacent cache lines of the mentor
// and nothing else of theirs.
type member struct {
	rule     Rule // a rule breaking every pair of this person, or Allowed
	level    int8
	ns, ni   uint16 // the tags are ns skills, then ni interests, then languages
	nt       uint16 // number of tags
	self     int32  // the same person's index on the other side, or -1
	tin      int32  // the person's interval in the Org (see Org), or -1
	tout     int32
	function int32
	class    int32
	learn    int32
	comm     int32
	capacity int32
	tag      [inlineTags]int32 // the tags, when nt <= inlineTags
	ext      []int32           // the tags, when there are more
}

const inlineTags = 16

func (m *member) tags() []int32 {
	if m.ext != nil {
		return m.ext
	}
	return m.tag[:m.nt]
}

func (m *member) skills() []int32    { return m.tags()[:m.ns] }
func (m *member) interests() []int32 { return m.tags()[m.ns : m.ns+m.ni] }
func (m *member) langs() []int32     { return m.tags()[m.ns+m.ni:] }

// inChain reports whether one of two different people is in the other's
// management chain.
func inChain(a, b *member) bool {
	return a.tin >= 0 && b.tin >= 0 &&
		((a.tin <= b.tin && b.tout <= a.tout) || (b.tin <= a.tin && a.tout <= b.tout))
}

type class struct {
	zone  string
	hours schedule.Hours
	week  schedule.Week
	group int // UTC hour (0..23) of the middle of the working day
}

type dict struct {
	ids   map[string]int32
	names []string // names[id-1]
}

func (d *dict) id(s string) int32 {
	k := strings.ToLower(s)
	if id, ok := d.ids[k]; ok {
		return id
	}
	if d.ids == nil {
		d.ids = make(map[string]int32)
	}
	d.names = append(d.names, s)
	id := int32(len(d.names))
	d.ids[k] = id
	return id
}

func (d *dict) name(id int32) string { return d.names[id-1] }

// list interns a list into a sorted, duplicate-free slice of ids
// appended to *buf.
func (d *dict) list(items []string, buf *[]int32) []int32 {
	start := len(*buf)
	for _, s := range items {
		*buf = append(*buf, d.id(s))
	}
	out := (*buf)[start:len(*buf):len(*buf)]
	slices.Sort(out)
	out = slices.Compact(out)
	return out
}

// NewScorer prepares a cohort for scoring: mentors and mentees (a person
// who is both may appear in both lists, under the same ID), the
// organization for management chains (nil builds it from the cohort
// alone), the program's history (nil for none), its weights and the run's
// options. It fails with an errs.Invalid error on bad weights, a missing
// date range or a person with an unknown time zone.
func NewScorer(mentors, mentees []person.Person, org *Org, history *History, w Weights, opts Options) (*Scorer, error) {
	if err := w.Validate(); err != nil {
		return nil, fmt.Errorf("score: %w", err)
	}
	opts.defaults()
	if opts.From.IsZero() || opts.To.IsZero() {
		return nil, fmt.Errorf("score: %w", errs.Field("from", "the cycle's first and last days are required"))
	}
	if org == nil {
		org = NewOrg(append(slices.Clone(mentors), mentees...))
	}
	s := &Scorer{w: w, opts: opts, mentors: mentors, mentees: mentees, fullOverlap: w.fullOverlapSteps()}
	fws := w.factorWeights()
	for f := range numFactors {
		v := fws[f]
		s.fw[f] = int64(v)
		switch {
		case v == 0:
		case factors[f].costly:
			s.costly = append(s.costly, int8(f))
		default:
			s.cheap = append(s.cheap, int8(f))
		}
	}
	s.reqLang = strings.TrimSpace(w.RequireLanguage)
	s.minShared = w.minSharedSteps()

	var cache schedule.Cache
	zones := map[string]*time.Location{}
	classOf := map[classKey]int32{}
	var scratch []int32
	build := func(p person.Person, mentor bool) (member, error) {
		loc, ok := zones[p.Timezone]
		if !ok {
			var err error
			if loc, err = time.LoadLocation(p.Timezone); err != nil || p.Timezone == "" || p.Timezone == "Local" {
				return member{}, errs.Field("timezone", "%s: %q is not a known IANA time zone", p.ID, p.Timezone)
			}
			zones[p.Timezone] = loc
		}
		h := schedule.Hours{Start: p.WorkStart, End: p.WorkEnd}
		if h.Start == 0 && h.End == 0 {
			h = schedule.Hours{Start: 9 * 60, End: 17 * 60}
		}
		key := classKey{p.Timezone, h}
		c, ok := classOf[key]
		if !ok {
			c = int32(len(s.classes))
			classOf[key] = c
			s.classes = append(s.classes, class{zone: p.Timezone, hours: h,
				week: cache.Availability(loc, h, opts.From, opts.To), group: utcGroup(loc, h, opts.From)})
		}
		m := member{level: int8(p.Level), function: s.funcs.id(p.Function), class: c,
			self: -1, capacity: int32(p.Capacity), tin: -1, tout: -1}
		if x := org.node(p.ID); x >= 0 {
			m.tin, m.tout = org.tin[org.canon[x]], org.tout[org.canon[x]]
		}
		if p.LearningStyle != "" {
			m.learn = s.learn.id(p.LearningStyle)
		}
		if p.CommunicationStyle != "" {
			m.comm = s.comm.id(p.CommunicationStyle)
		}
		scratch = scratch[:0]
		var sk []int32
		if mentor {
			sk = s.skills.list(p.SkillsOffered, &scratch)
		} else {
			sk = s.skills.list(p.SkillsWanted, &scratch)
		}
		in := s.interests.list(p.Interests, &scratch)
		ln := s.langs.list(p.Languages, &scratch)
		nt := len(sk) + len(in) + len(ln)
		if nt > math.MaxUint16 {
			return member{}, errs.Field("skills", "%s: too many skills, interests and languages", p.ID)
		}
		m.ns, m.ni, m.nt = uint16(len(sk)), uint16(len(in)), uint16(nt)
		if nt <= inlineTags {
			copy(m.tag[copy(m.tag[copy(m.tag[:], sk):], in)+len(sk):], ln)
		} else {
			m.ext = append(append(append(make([]int32, 0, nt), sk...), in...), ln...)
		}
		if mentor && m.capacity <= 0 {
			m.rule = RuleNoCapacity
		}
		return m, nil
	}
	s.ms = make([]member, len(mentors))
	s.es = make([]member, len(mentees))
	for j, p := range mentors {
		m, err := build(p, true)
		if err != nil {
			return nil, fmt.Errorf("score: mentor %w", err)
		}
		s.ms[j] = m
	}
	menteeIndex := make(map[string]int32, len(mentees))
	for i, p := range mentees {
		e, err := build(p, false)
		if err != nil {
			return nil, fmt.Errorf("score: mentee %w", err)
		}
		s.es[i] = e
		menteeIndex[p.ID] = int32(i)
	}
	for _, ms := range [][]member{s.ms, s.es} {
		for k := range ms {
			m := &ms[k]
			s.filled.skills = s.filled.skills || m.ns > 0
			s.filled.interests = s.filled.interests || m.ni > 0
			s.filled.langs = s.filled.langs || len(m.langs()) > 0
			s.filled.learn = s.filled.learn || m.learn > 0
			s.filled.comm = s.filled.comm || m.comm > 0
		}
	}
	// The required language, looked up once everyone's languages are in
	// (so that reasons keep the people's spelling of it).
	if s.reqLang != "" {
		req := s.langs.ids[strings.ToLower(s.reqLang)] // 0 if nobody speaks it
		for _, ms := range [][]member{s.ms, s.es} {
			for k := range ms {
				if ms[k].rule == Allowed && (req == 0 || !slices.Contains(ms[k].langs(), req)) {
					ms[k].rule = RuleLanguage
				}
			}
		}
	}
	mentorIndex := make(map[string]int32, len(mentors))
	for j, p := range mentors {
		mentorIndex[p.ID] = int32(j)
		if i, ok := menteeIndex[p.ID]; ok {
			s.ms[j].self, s.es[i].self = i, int32(j)
		}
	}

	nc := len(s.classes)
	if nc*nc <= 1<<22 {
		s.overlap = make([]int16, nc*nc)
		for a := range nc {
			for b := range nc {
				s.overlap[a*nc+b] = int16(s.classes[a].week.And(s.classes[b].week).Count())
			}
		}
	}

	// History and exclusions, per mentee.
	var fb []struct {
		mentee int32
		forbidden
	}
	add := func(mentor, mentee string, r Rule) {
		j, ok1 := mentorIndex[mentor]
		i, ok2 := menteeIndex[mentee]
		if ok1 && ok2 {
			fb = append(fb, struct {
				mentee int32
				forbidden
			}{i, forbidden{j, r}})
		}
	}
	for _, x := range opts.Exclusions {
		add(x.Mentor, x.Mentee, RuleExcluded)
	}
	if history != nil && !w.AllowRepeatPairs {
		for q := range history.pairs {
			add(q.Mentor, q.Mentee, RuleHistory)
			add(q.Mentee, q.Mentor, RuleHistory)
		}
	}
	slices.SortFunc(fb, func(a, b struct {
		mentee int32
		forbidden
	}) int {
		return cmp.Or(cmp.Compare(a.mentee, b.mentee), cmp.Compare(a.mentor, b.mentor), cmp.Compare(a.rule, b.rule))
	})
	s.forbidFirst = make([]int32, len(mentees)+1)
	for _, f := range fb {
		if n := len(s.forbid); n > 0 && s.forbidFirst[f.mentee+1] > 0 && s.forbid[n-1].mentor == f.mentor {
			continue // the same pair twice: keep the first rule (excluded before history)
		}
		s.forbid = append(s.forbid, f.forbidden)
		s.forbidFirst[f.mentee+1]++
	}
	for i := range mentees {
		s.forbidFirst[i+1] += s.forbidFirst[i]
	}
	return s, nil
}

type classKey struct {
	zone  string
	hours schedule.Hours
}

// utcGroup is the UTC hour of the middle of the working day h in zone on
// the date from, used to bucket people whose days overlap.
func utcGroup(loc *time.Location, h schedule.Hours, from time.Time) int {
	mid := (h.Start + h.End) / 2
	y, m, d := from.Date()
	t := time.Date(y, m, d, mid/60, mid%60, 0, 0, loc).UTC()
	return t.Hour()
}

// NumMentors returns the number of mentors of the cohort.
func (s *Scorer) NumMentors() int { return len(s.ms) }

// NumMentees returns the number of mentees of the cohort.
func (s *Scorer) NumMentees() int { return len(s.es) }

// overlapSteps returns the weekly steps two classes share.
func (s *Scorer) overlapSteps(a, b int32) int {
	if s.overlap != nil {
		return int(s.overlap[int(a)*len(s.classes)+int(b)])
	}
	return s.classes[a].week.And(s.classes[b].week).Count()
}

// Check returns the first hard rule the pair (mentor j, mentee i) breaks,
// or Allowed. Indices are positions in the lists given to NewScorer.
func (s *Scorer) Check(j, i int) Rule {
	return s.check(int32(j), int32(i))
}

func (s *Scorer) check(j, i int32) Rule {
	return s.checkPair(j, i, &s.ms[j], &s.es[i])
}

// checkPair is check with the two members at hand (m may be a copy of
// mentor j).
func (s *Scorer) checkPair(j, i int32, m, e *member) Rule {
	switch {
	case m.self == i:
		return RuleSelf
	case m.rule != Allowed:
		return m.rule
	case e.rule != Allowed:
		return e.rule
	case inChain(m, e):
		return RuleChain
	}
	for _, f := range s.forbid[s.forbidFirst[i]:s.forbidFirst[i+1]] {
		if f.mentor == j {
			return f.rule
		}
	}
	if s.w.RequireSharedLanguage && common(m.langs(), e.langs()) == 0 {
		return RuleNoSharedLanguage
	}
	if s.minShared > 0 && s.overlapSteps(m.class, e.class) < s.minShared {
		return RuleSharedHours
	}
	return Allowed
}

// common counts the ids two sorted, duplicate-free lists share. Short
// lists (the usual case) are compared all against all without branches
// that depend on the data, which is faster than a merge whose every step
// is a coin toss for the branch predictor.
func common(a, b []int32) int {
	if len(a)*len(b) <= 64 {
		n := 0
		for _, x := range a {
			for _, y := range b {
				n += b2i(x == y)
			}
		}
		return n
	}
	n := 0
	eachCommon(a, b, func(int32) { n++ })
	return n
}

// eachCommon calls f with each id two sorted, duplicate-free lists share,
// in order.
func eachCommon(a, b []int32, f func(id int32)) {
	x, y := 0, 0
	for x < len(a) && y < len(b) {
		switch {
		case a[x] < b[y]:
			x++
		case a[x] > b[y]:
			y++
		default:
			f(a[x])
			x++
			y++
		}
	}
}

// b2i is 1 for true and 0 for false; the compiler emits a flag move, not
// a branch.
func b2i(b bool) int {
	var i int
	if b {
		i = 1
	}
	return i
}
