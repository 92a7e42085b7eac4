package circles

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/kindredhq/kindred/internal/errs"
	"github.com/kindredhq/kindred/internal/schedule"
)

// Participant is one person to place in circles. Category codes are compared
// for equality only; any int values will do.
type Participant struct {
	Level       int  // job level, e.g. 1 (entry) to 10
	Function    int  // function code (engineering, sales...)
	Location    int  // location code
	Tenure      int  // tenure band, see TenureBand: 0 <1y, 1 1-3y, 2 3-7y, 3 7y+
	Facilitator bool // eligible to facilitate a circle
	// ManagedBy is 1 + the index in the participant slice of this
	// person's manager; the zero value, 0, means no manager among the
	// participants (none, or not taking part). Read it with Manager and
	// set it with SetManager.
	ManagedBy int
	// Avail is the person's weekly availability in UTC steps.
	Avail schedule.Week
}

// Manager returns the index in the participant slice of this person's
// manager, and false when they have none among the participants.
func (p Participant) Manager() (int, bool) {
	return p.ManagedBy - 1, p.ManagedBy > 0
}

// SetManager records participant i as this person's manager; a negative i
// records that they have none among the participants.
func (p *Participant) SetManager(i int) {
	p.ManagedBy = max(i, -1) + 1
}

// Weights weighs the four attributes in the diversity objective. The zero
// value means 1 each. The JSON names are those of kindred circles --config.
type Weights struct {
	Level    int `json:"level"`
	Function int `json:"function"`
	Location int `json:"location"`
	Tenure   int `json:"tenure"`
}

// Options describes the circles wanted.
type Options struct {
	// Size is the exact circle size; with MinSize and MaxSize it is the
	// preferred size instead (default: their midpoint).
	Size int
	// MinSize and MaxSize, when set, allow circles of any size in between;
	// sizes within one round differ by at most one, unless a circle needs
	// another size to share a meeting slot.
	MinSize, MaxSize int
	// Rounds is the number of rounds to form (default 1).
	Rounds int
	// History lists earlier circles, each a list of participant indices;
	// pairs in a common earlier circle should not meet again. A pair given
	// as a two-member circle works too.
	History [][]int
	// Weights weighs the attributes in the diversity (default 1 each).
	Weights Weights
	// SessionSteps is the session length in 15-minute steps (default 4,
	// one hour).
	SessionSteps int
	// Effort scales the search budgets (default 1). The result depends on
	// it, so keep it fixed to reproduce a plan.
	Effort int
	// Rand is the only source of randomness (default a fixed seed).
	Rand rand.Source
}

// Circle is one circle of one round.
type Circle struct {
	Members []int // participant indices, ascending
	// Slot is the first step of the weekly meeting (UTC, see schedule.Week),
	// in the middle of the longest window the members share, or -1 when
	// they share none of Options.SessionSteps steps.
	Slot int
}

// Round is one partition of the participants.
type Round struct {
	Circles            []Circle
	Diversity          int // the round's weighted diversity
	UpperBound         int // no partition with these sizes has more
	CirclesWithoutSlot int
}

// Plan is the result of Form.
type Plan struct {
	Rounds []Round
	People int // number of participants

	Diversity  int     // sum over rounds
	UpperBound int     // sum over rounds of each round's bound
	Gap        float64 // (UpperBound-Diversity)/UpperBound, 0 if the bound is 0

	// RepeatPairs counts co-memberships in the plan of pairs who had
	// already met. For each pair of people, with h circles in common in
	// History and k in the plan, it adds k if h > 0 and k-1 if h = 0 and
	// k > 0; in other words every co-membership after a pair's first
	// counts once, and repeats within History alone are not counted.
	RepeatPairs int
	// RepeatLowerBound is a proven lower bound on RepeatPairs for this
	// request: a counting bound (each person meets at least size-1 people
	// per round, size being the smallest a circle can take: the smallest
	// even size Form starts with or, when circles may change size to
	// share a slot, MinSize; and only so many have not met them yet) and,
	// for 36 people in circles of 6 over four or more rounds without
	// history, 2, from
	// Tarry's theorem that no two orthogonal Latin squares of order 6 exist
	// (see tarryBound in the source). When it is positive, no repeat-free
	// plan exists.
	RepeatLowerBound int

	CirclesWithoutSlot int // summed over rounds
}

// Summary is the machine-readable digest of a plan, as written to
// summary.json.
type Summary struct {
	People              int     `json:"people"`
	Rounds              int     `json:"rounds"`
	Circles             int     `json:"circles"` // summed over rounds
	RepeatPairs         int     `json:"repeat_pairs"`
	RepeatLowerBound    int     `json:"repeat_lower_bound"`
	Diversity           int     `json:"diversity"`
	DiversityUpperBound int     `json:"diversity_upper_bound"`
	Gap                 float64 `json:"gap"`
	CirclesWithoutSlot  int     `json:"circles_without_slot"`
	// Seconds is filled in by the caller, who owns the clock.
	Seconds float64 `json:"seconds"`
}

// Summary returns the plan's digest; Seconds is left zero.
func (p *Plan) Summary() Summary {
	c := 0
	for _, r := range p.Rounds {
		c += len(r.Circles)
	}
	return Summary{
		People:              p.People,
		Rounds:              len(p.Rounds),
		Circles:             c,
		RepeatPairs:         p.RepeatPairs,
		RepeatLowerBound:    p.RepeatLowerBound,
		Diversity:           p.Diversity,
		DiversityUpperBound: p.UpperBound,
		Gap:                 p.Gap,
		CirclesWithoutSlot:  p.CirclesWithoutSlot,
	}
}

// Limits on the request, which keep the penalty arithmetic of the search
// well inside int64.
const (
	maxCircleSize = 1000
	maxWeight     = 1000
	maxCategories = 1 << 16 // per attribute; codes are packed in 16 bits
	maxPeople     = 1 << 21 // people are packed in 21 bits in the tabu list
	maxEffort     = 1000
	maxRounds     = 1000
)

// Form partitions people into circles for opts.Rounds rounds. See the
// package documentation for the objective, rules and method. It returns an
// error of kind errs.Invalid for impossible requests, and the context's
// error, wrapped, if ctx is cancelled.
func Form(ctx context.Context, people []Participant, opts Options) (*Plan, error) {
	return form(ctx, people, opts, false)
}

// form is Form, optionally from a random start instead of the stratified,
// affine-plane one (for tests of the search alone).
func form(ctx context.Context, people []Participant, opts Options, randomStart bool) (*Plan, error) {
	pr, err := newProblem(people, opts)
	if err != nil {
		return nil, err
	}
	s := newSearch(pr)
	s.randomStart = randomStart
	if err := s.run(ctx); err != nil {
		return nil, err
	}
	if v := s.hardViolations(); v > 0 {
		return nil, errs.E(errs.Invalid, "form circles: could not keep every circle with a facilitator and apart from managers (%d violations remain); more circles or more facilitators may help", v)
	}
	return s.plan(), nil
}

// problem is a validated request in dense form.
type problem struct {
	n        int
	rounds   int
	attr     [][nAttr]int32 // dense category index per attribute
	key      []uint64       // the four indices packed, see packKey
	wpack    uint64         // weights packed for keyDist
	ncat     [nAttr]int     // number of categories per attribute
	w        [nAttr]int     // attribute weights
	mgr      []int32        // manager index or -1
	fac      []bool         // facilitator-eligible
	related  []bool         // has a manager or a direct report among the people
	pat      []int32        // person -> availability pattern
	starts   []schedule.Week
	slotFree bool  // every person has the same non-empty start set
	sizes    []int // of each circle at the start, as even as possible
	minSize  int   // the sizes a circle may take to get a slot (see transfer)
	maxSize  int
	hist     [][]int32 // person -> sorted indices of history circles
	histPeer []int     // person -> distinct people met in history
	steps    int
	effort   int
	rng      *rand.Rand
}

const nAttr = 4

var attrNames = [nAttr]string{"level", "function", "location", "tenure"}

func newProblem(people []Participant, o Options) (*problem, error) {
	n := len(people)
	if n == 0 {
		return nil, errs.E(errs.Invalid, "form circles: no participants")
	}
	if n > maxPeople {
		return nil, errs.E(errs.Invalid, "form circles: %d participants, more than %d", n, maxPeople)
	}
	if o.Rounds < 0 || o.Rounds > maxRounds || o.SessionSteps < 0 || o.Effort < 0 || o.Effort > maxEffort {
		return nil, errs.E(errs.Invalid, "form circles: rounds must be 0..%d, effort 0..%d, session steps not negative", maxRounds, maxEffort)
	}
	pr := &problem{n: n, rounds: max(o.Rounds, 1), steps: o.SessionSteps, effort: max(o.Effort, 1)}
	if pr.steps == 0 {
		pr.steps = 4
	}
	if pr.steps > schedule.StepsPerWeek {
		return nil, errs.E(errs.Invalid, "form circles: a session of %d steps is longer than a week", pr.steps)
	}
	w := o.Weights
	if w == (Weights{}) {
		w = Weights{1, 1, 1, 1}
	}
	pr.w = [nAttr]int{w.Level, w.Function, w.Location, w.Tenure}
	for _, x := range pr.w {
		if x < 0 || x > maxWeight {
			return nil, errs.E(errs.Invalid, "form circles: weights must be between 0 and %d, got %+v", maxWeight, w)
		}
	}
	src := o.Rand
	if src == nil {
		src = rand.NewPCG(1, 2)
	}
	pr.rng = rand.New(src)

	// Dense category codes, in ascending order of the original codes so the
	// result does not depend on map order.
	pr.attr = make([][nAttr]int32, n)
	for a := range nAttr {
		codes := make([]int, n)
		for i, p := range people {
			codes[i] = [nAttr]int{p.Level, p.Function, p.Location, p.Tenure}[a]
		}
		uniq := slices.Clone(codes)
		slices.Sort(uniq)
		uniq = slices.Compact(uniq)
		if len(uniq) > maxCategories {
			return nil, errs.E(errs.Invalid, "form circles: %d distinct %s codes, more than %d", len(uniq), attrNames[a], maxCategories)
		}
		pr.ncat[a] = len(uniq)
		for i, c := range codes {
			k, _ := slices.BinarySearch(uniq, c)
			pr.attr[i][a] = int32(k)
		}
	}

	pr.key = make([]uint64, n)
	for i, at := range pr.attr {
		pr.key[i] = packKey(at)
	}
	for a, x := range pr.w {
		pr.wpack |= uint64(x) << (16 * (nAttr - 1 - a))
	}

	pr.mgr = make([]int32, n)
	pr.fac = make([]bool, n)
	nfac := 0
	for i, p := range people {
		m, _ := p.Manager()
		if m < -1 || m >= n {
			return nil, errs.E(errs.Invalid, "form circles: participant %d has manager %d, not a participant index below %d", i, m, n)
		}
		if m == i {
			return nil, errs.E(errs.Invalid, "form circles: participant %d is their own manager", i)
		}
		pr.mgr[i] = int32(m)
		pr.fac[i] = p.Facilitator
		if p.Facilitator {
			nfac++
		}
	}
	pr.related = make([]bool, n)
	for i, m := range pr.mgr {
		if m >= 0 {
			pr.related[i], pr.related[m] = true, true
		}
	}
	if nfac == 0 {
		for i := range pr.fac {
			pr.fac[i] = true
		}
		nfac = n
	}
	sizes, err := circleSizes(n, o, nfac)
	if err != nil {
		return nil, err
	}
	pr.sizes = sizes
	pr.minSize, pr.maxSize = slices.Min(sizes), slices.Max(sizes)
	if o.MinSize > 0 {
		pr.minSize, pr.maxSize = o.MinSize, o.MaxSize
	}

	// Availability: one start set per distinct pattern.
	pr.pat = make([]int32, n)
	ids := map[schedule.Week]int32{}
	for i, p := range people {
		id, ok := ids[p.Avail]
		if !ok {
			id = int32(len(pr.starts))
			ids[p.Avail] = id
			pr.starts = append(pr.starts, startsOf(p.Avail, pr.steps))
		}
		pr.pat[i] = id
	}
	pr.slotFree = len(pr.starts) == 1 && !pr.starts[0].IsEmpty()

	if err := pr.setHistory(o.History); err != nil {
		return nil, err
	}
	return pr, nil
}

// circleSizes returns the circle sizes of one round, as even as possible,
// for n people of whom nfac can facilitate.
func circleSizes(n int, o Options, nfac int) ([]int, error) {
	lo, hi, want := o.MinSize, o.MaxSize, o.Size
	switch {
	case lo == 0 && hi == 0:
		if want < 2 || want > maxCircleSize {
			return nil, errs.E(errs.Invalid, "form circles: circle size must be between 2 and %d, got %d", maxCircleSize, want)
		}
		if n%want != 0 {
			return nil, errs.E(errs.Invalid, "form circles: %d people cannot be split into circles of exactly %d (%d would be left over); set a minimum and maximum size instead", n, want, n%want)
		}
		if nfac < n/want {
			return nil, errs.E(errs.Invalid, "form circles: %d facilitators for %d circles; every circle needs one", nfac, n/want)
		}
		return fill(n/want, want), nil
	case lo < 2 || hi < lo || hi > maxCircleSize:
		return nil, errs.E(errs.Invalid, "form circles: need 2 <= minimum size <= maximum size <= %d, got %d and %d", maxCircleSize, lo, hi)
	}
	if want == 0 {
		want = (lo + hi + 1) / 2
	}
	if want < lo || want > hi {
		return nil, errs.E(errs.Invalid, "form circles: preferred size %d is outside %d..%d", want, lo, hi)
	}
	// m circles work when m*lo <= n <= m*hi; take the m closest to n/want.
	mlo, mhi := (n+hi-1)/hi, n/lo
	if mlo > mhi {
		return nil, errs.E(errs.Invalid, "form circles: %d people cannot be split into circles of %d to %d", n, lo, hi)
	}
	if nfac < mlo {
		return nil, errs.E(errs.Invalid, "form circles: %d facilitators for at least %d circles (of at most %d people); every circle needs one", nfac, mlo, hi)
	}
	mhi = min(mhi, nfac)
	best := mlo
	for m := mlo; m <= mhi; m++ {
		if abs(n-m*want) < abs(n-best*want) {
			best = m
		}
	}
	sizes := fill(best, n/best)
	for i := range n % best {
		sizes[i]++
	}
	return sizes, nil
}

func fill(m, v int) []int {
	s := make([]int, m)
	for i := range s {
		s[i] = v
	}
	return s
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// setHistory indexes earlier circles by person and counts, per person, the
// distinct people already met.
func (pr *problem) setHistory(hist [][]int) error {
	if len(hist) == 0 {
		return nil
	}
	pr.hist = make([][]int32, pr.n)
	for c, members := range hist {
		for _, p := range members {
			if p < 0 || p >= pr.n {
				return errs.E(errs.Invalid, "form circles: history circle %d names participant %d, not in 0..%d", c, p, pr.n-1)
			}
			if k := len(pr.hist[p]); k > 0 && pr.hist[p][k-1] == int32(c) {
				return errs.E(errs.Invalid, "form circles: history circle %d names participant %d twice", c, p)
			}
			pr.hist[p] = append(pr.hist[p], int32(c))
		}
	}
	pr.histPeer = make([]int, pr.n)
	var met []int
	for p := range pr.n {
		met = met[:0]
		for _, c := range pr.hist[p] {
			for _, q := range hist[c] {
				if q != p {
					met = append(met, q)
				}
			}
		}
		slices.Sort(met)
		pr.histPeer[p] = len(slices.Compact(met))
	}
	return nil
}

// metInHistory reports whether x and y share an earlier circle.
func (pr *problem) metInHistory(x, y int32) bool {
	a, b := pr.hist[x], pr.hist[y]
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			return true
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return false
}

// wrapCtx wraps a context error with what was being done.
func wrapCtx(err error) error {
	return fmt.Errorf("form circles: %w", err)
}
