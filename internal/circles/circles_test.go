package circles

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/kindredhq/kindred/internal/errs"
	"github.com/kindredhq/kindred/internal/schedule"
)

// naiveHasRun reports whether w has steps s..s+k-1 for some s, the slow way.
func naiveHasRun(w schedule.Week, k int) bool {
	for s := range schedule.StepsPerWeek {
		if naiveRunAt(w, s, k) {
			return true
		}
	}
	return false
}

func naiveRunAt(w schedule.Week, s, k int) bool {
	for i := range k {
		if !w.Has(s + i) {
			return false
		}
	}
	return true
}

// diversityOf recomputes a round's weighted diversity from the people.
func diversityOf(people []Participant, round Round, w Weights) int {
	if w == (Weights{}) {
		w = Weights{1, 1, 1, 1}
	}
	d := 0
	for _, c := range round.Circles {
		for i, x := range c.Members {
			for _, y := range c.Members[i+1:] {
				d += distance(people[x], people[y], w)
			}
		}
	}
	return d
}

// bruteRepeats counts RepeatPairs by its definition, pair by pair: with h
// common circles in the history and k in the plan, a pair adds k if h > 0
// and k-1 if h = 0 and k > 0.
func bruteRepeats(n int, plan *Plan, history [][]int) int {
	together := func(circle []int, x, y int) bool {
		return slices.Contains(circle, x) && slices.Contains(circle, y)
	}
	total := 0
	for x := range n {
		for y := x + 1; y < n; y++ {
			h, k := 0, 0
			for _, c := range history {
				if together(c, x, y) {
					h++
				}
			}
			for _, r := range plan.Rounds {
				for _, c := range r.Circles {
					if together(c.Members, x, y) {
						k++
					}
				}
			}
			switch {
			case h > 0:
				total += k
			case k > 0:
				total += k - 1
			}
		}
	}
	return total
}

// checkPlan checks every hard rule and every reported figure of a plan.
func checkPlan(t *testing.T, people []Participant, opts Options, p *Plan) {
	t.Helper()
	n := len(people)
	steps := opts.SessionSteps
	if steps == 0 {
		steps = 4
	}
	anyFac := slices.ContainsFunc(people, func(p Participant) bool { return p.Facilitator })
	rounds := max(opts.Rounds, 1)
	if len(p.Rounds) != rounds || p.People != n {
		t.Fatalf("%d rounds for %d people, want %d for %d", len(p.Rounds), p.People, rounds, n)
	}
	div, bound, noSlot := 0, 0, 0
	for r, round := range p.Rounds {
		seen := make([]bool, n)
		minSize, maxSize := n, 0
		roundNoSlot := 0
		for c, circle := range round.Circles {
			k := len(circle.Members)
			minSize, maxSize = min(minSize, k), max(maxSize, k)
			switch {
			case opts.MinSize == 0 && k != opts.Size:
				t.Errorf("round %d circle %d: %d members, want %d", r, c, k, opts.Size)
			case opts.MinSize > 0 && (k < opts.MinSize || k > opts.MaxSize):
				t.Errorf("round %d circle %d: %d members, want %d..%d", r, c, k, opts.MinSize, opts.MaxSize)
			}
			fac := false
			avail := fullWeek()
			for _, x := range circle.Members {
				if seen[x] {
					t.Fatalf("round %d: person %d placed twice", r, x)
				}
				seen[x] = true
				fac = fac || people[x].Facilitator || !anyFac
				avail = avail.And(people[x].Avail)
				for _, y := range circle.Members {
					if m, ok := people[x].Manager(); ok && m == y {
						t.Errorf("round %d circle %d: %d is with their manager %d", r, c, x, y)
					}
				}
			}
			if !fac {
				t.Errorf("round %d circle %d: no facilitator", r, c)
			}
			if circle.Slot < 0 {
				roundNoSlot++
				if naiveHasRun(avail, steps) {
					t.Errorf("round %d circle %d: no slot reported, but the members share one", r, c)
				}
			} else if !naiveRunAt(avail, circle.Slot, steps) {
				t.Errorf("round %d circle %d: slot %d is not shared by all members", r, c, circle.Slot)
			}
		}
		for x, ok := range seen {
			if !ok {
				t.Fatalf("round %d: person %d not placed", r, x)
			}
		}
		// Sizes start as even as possible; only transfers for a slot,
		// within the range, make them uneven.
		if maxSize-minSize > 1 && opts.MinSize == 0 {
			t.Errorf("round %d: sizes %d..%d are not as even as possible", r, minSize, maxSize)
		}
		if d := diversityOf(people, round, opts.Weights); d != round.Diversity {
			t.Errorf("round %d: diversity %d reported, %d recomputed", r, round.Diversity, d)
		}
		if round.Diversity > round.UpperBound {
			t.Errorf("round %d: diversity %d beats the bound %d", r, round.Diversity, round.UpperBound)
		}
		if roundNoSlot != round.CirclesWithoutSlot {
			t.Errorf("round %d: %d circles without slot reported, %d found", r, round.CirclesWithoutSlot, roundNoSlot)
		}
		div += round.Diversity
		bound += round.UpperBound
		noSlot += roundNoSlot
	}
	if div != p.Diversity || bound != p.UpperBound || noSlot != p.CirclesWithoutSlot {
		t.Errorf("totals %d/%d/%d, want %d/%d/%d", p.Diversity, p.UpperBound, p.CirclesWithoutSlot, div, bound, noSlot)
	}
	if want := float64(bound-div) / float64(max(bound, 1)); p.Gap != want {
		t.Errorf("gap %v, want %v", p.Gap, want)
	}
	if n <= 400 {
		if want := bruteRepeats(n, p, opts.History); p.RepeatPairs != want {
			t.Errorf("%d repeat pairs reported, %d counted", p.RepeatPairs, want)
		}
	}
	if p.RepeatPairs < p.RepeatLowerBound {
		t.Errorf("%d repeat pairs, below the lower bound %d", p.RepeatPairs, p.RepeatLowerBound)
	}
}

func TestFormKeepsTheRules(t *testing.T) {
	for _, tc := range []struct {
		name  string
		n     int
		opts  Options
		world bool // GenerateWorld: offices from UTC-8 to UTC+10
	}{
		{"exact size", 120, Options{Size: 6}, false},
		{"size range", 250, Options{MinSize: 5, MaxSize: 7}, false},
		{"preferred size in range", 101, Options{Size: 8, MinSize: 5, MaxSize: 8}, false},
		{"rounds", 96, Options{Size: 4, Rounds: 5}, false},
		{"rounds with history", 60, Options{MinSize: 5, MaxSize: 6, Rounds: 3, History: [][]int{{0, 1, 2, 3, 4}, {5, 6, 7}, {0, 8, 9, 10}, {11, 12}}}, false},
		{"weights and long sessions", 90, Options{Size: 5, Weights: Weights{Level: 3, Function: 2}, SessionSteps: 8}, false},
		{"large", 2000, Options{Size: 8, Rounds: 2}, false},
		// Around the world, most circles can meet only when formed by time
		// zone, which the repair of slots does; several rounds need it in
		// each, without breaking a rule.
		{"world", 600, Options{Size: 6, MinSize: 5, MaxSize: 7}, true},
		{"world small", 54, Options{Size: 6}, true},
		{"world rounds", 300, Options{Size: 6, Rounds: 4}, true},
		{"world long sessions", 240, Options{Size: 5, SessionSteps: 6}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			people := Generate(tc.n, rand.NewPCG(uint64(tc.n), 1))
			if tc.world {
				people = GenerateWorld(tc.n, rand.NewPCG(uint64(tc.n), 1))
			}
			tc.opts.Rand = rand.NewPCG(2, 3)
			p, err := Form(context.Background(), people, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			checkPlan(t, people, tc.opts, p)
			if p.CirclesWithoutSlot > 0 {
				t.Errorf("%d circles without a slot", p.CirclesWithoutSlot)
			}
			if p.RepeatPairs > 0 && !tc.world {
				t.Errorf("%d repeat pairs", p.RepeatPairs)
			}
		})
	}
}

func TestFormMinimizesCirclesWithoutSlot(t *testing.T) {
	// Two people are never available: the best plan puts them together,
	// leaving exactly one circle without a slot.
	people := golfers(12)
	people[3].Avail = schedule.Week{}
	people[8].Avail = schedule.Week{}
	opts := Options{Size: 4, Rand: rand.NewPCG(1, 1)}
	p, err := Form(context.Background(), people, opts)
	if err != nil {
		t.Fatal(err)
	}
	checkPlan(t, people, opts, p)
	if p.CirclesWithoutSlot != 1 {
		t.Errorf("%d circles without slot, want 1", p.CirclesWithoutSlot)
	}

	// Two time zones nine hours apart plus people who bridge them: each
	// circle can meet only if it does not mix the far ends.
	people = golfers(24)
	for i := range people {
		switch i % 3 {
		case 0:
			people[i].Avail = workWeek(9*60, 8*60, -5*60) // New York
		case 1:
			people[i].Avail = workWeek(9*60, 8*60, 4*60) // Dubai
		default:
			people[i].Avail = workWeek(7*60, 12*60, 0) // London, long days
		}
		people[i].Location = i % 3
	}
	opts = Options{Size: 4, Rand: rand.NewPCG(1, 2)}
	p, err = Form(context.Background(), people, opts)
	if err != nil {
		t.Fatal(err)
	}
	checkPlan(t, people, opts, p)
	if p.CirclesWithoutSlot != 0 {
		t.Errorf("%d circles without slot, want 0", p.CirclesWithoutSlot)
	}
}

func TestFormTransfersForSlots(t *testing.T) {
	// Five people in New York and seven in Bangalore share no hour. In
	// circles of exactly 6, one circle must mix them; with sizes 5 to 7,
	// circles of 5 and 7 both meet.
	people := golfers(12)
	for i := range people {
		people[i].Avail = workWeek(9*60, 8*60, 5*60+30) // Bangalore
		people[i].Location = 1
		if i%12 < 5 {
			people[i].Avail = workWeek(9*60, 8*60, -5*60) // New York
			people[i].Location = 0
		}
		people[i].Level = i % 4
	}
	for _, tc := range []struct {
		opts   Options
		noSlot int
	}{
		{Options{Size: 6}, 1},
		{Options{Size: 6, MinSize: 5, MaxSize: 7}, 0},
	} {
		tc.opts.Rand = rand.NewPCG(3, 4)
		p, err := Form(context.Background(), people, tc.opts)
		if err != nil {
			t.Fatal(err)
		}
		checkPlan(t, people, tc.opts, p)
		if p.CirclesWithoutSlot != tc.noSlot {
			t.Errorf("%+v: %d circles without slot, want %d", tc.opts, p.CirclesWithoutSlot, tc.noSlot)
		}
		if tc.noSlot == 0 {
			for _, c := range p.Rounds[0].Circles {
				loc := people[c.Members[0]].Location
				for _, x := range c.Members {
					if people[x].Location != loc {
						t.Errorf("circle %v mixes New York and Bangalore", c.Members)
						break
					}
				}
			}
		}
	}
}

// partitions calls f with every partition of 0..n-1 into circles whose
// sizes are a permutation of sizes.
func partitions(n int, sizes []int, f func([][]int)) {
	left := map[int]int{}
	for _, s := range sizes {
		left[s]++
	}
	used := make([]bool, n)
	var cur [][]int
	var open func()
	var fill func(circle []int, size, from int)
	open = func() {
		first := slices.Index(used, false)
		if first < 0 {
			f(cur)
			return
		}
		used[first] = true
		for size, k := range left {
			if k == 0 {
				continue
			}
			left[size]--
			fill([]int{first}, size, first+1)
			left[size]++
		}
		used[first] = false
	}
	fill = func(circle []int, size, from int) {
		if len(circle) == size {
			cur = append(cur, slices.Clone(circle))
			open()
			cur = cur[:len(cur)-1]
			return
		}
		for i := from; i < n; i++ {
			if !used[i] {
				used[i] = true
				fill(append(circle, i), size, i+1)
				used[i] = false
			}
		}
	}
	open()
}

func TestBoundNeverBeatenBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	for trial := range 40 {
		n := 5 + rng.IntN(5) // 5..9 people
		var sizes []int
		if trial%2 == 0 {
			// Sizes as even as possible, as Form uses them: the bound is
			// then exact attribute by attribute.
			m := 2 + rng.IntN(2)
			sizes = fill(m, n/m)
			for i := range n % m {
				sizes[i]++
			}
		} else {
			// Arbitrary sizes: still a bound.
			for left := n; left > 0; {
				k := min(left, 1+rng.IntN(4))
				sizes = append(sizes, k)
				left -= k
			}
		}
		people := make([]Participant, n)
		for i := range people {
			people[i] = Participant{Level: rng.IntN(3), Function: rng.IntN(2), Location: rng.IntN(4), Tenure: rng.IntN(2)}
		}
		w := [nAttr]int{1 + rng.IntN(3), 1, rng.IntN(3), 1}
		counts := [nAttr][]int{}
		for a := range nAttr {
			seen := map[int]int{}
			for _, p := range people {
				seen[[nAttr]int{p.Level, p.Function, p.Location, p.Tenure}[a]]++
			}
			for _, c := range seen {
				counts[a] = append(counts[a], c)
			}
		}
		bound := roundBound(counts, sizes, w)
		weights := Weights{w[0], w[1], w[2], w[3]}
		best := -1
		var bestAttr [nAttr]int
		partitions(n, sizes, func(circles [][]int) {
			round := Round{}
			for _, c := range circles {
				round.Circles = append(round.Circles, Circle{Members: c})
			}
			best = max(best, diversityOf(people, round, weights))
			for a := range nAttr {
				var one Weights
				switch a {
				case 0:
					one.Level = 1
				case 1:
					one.Function = 1
				case 2:
					one.Location = 1
				case 3:
					one.Tenure = 1
				}
				bestAttr[a] = max(bestAttr[a], diversityOf(people, round, one))
			}
		})
		if best > bound {
			t.Fatalf("trial %d: a partition into %v reaches %d, above the bound %d", trial, sizes, best, bound)
		}
		if trial%2 == 0 && slices.Min(sizes) >= 2 {
			exact := 0
			for a := range nAttr {
				exact += w[a] * bestAttr[a]
			}
			if exact != bound {
				t.Errorf("trial %d: sizes %v: attribute-wise optimum %d, bound %d", trial, sizes, exact, bound)
			}
			// Form reaches the bound's neighbourhood: never above it.
			p, err := Form(context.Background(), golferize(people), Options{MinSize: slices.Min(sizes), MaxSize: slices.Max(sizes), Size: slices.Max(sizes), Weights: weights, Rand: rand.NewPCG(1, uint64(trial))})
			if err != nil {
				t.Fatal(err)
			}
			if p.Diversity > best || p.UpperBound != bound {
				t.Errorf("trial %d: Form found %d (bound %d), brute force %d (bound %d)", trial, p.Diversity, p.UpperBound, best, bound)
			}
		}
	}
}

// golferize makes everyone always available.
func golferize(people []Participant) []Participant {
	out := slices.Clone(people)
	for i := range out {
		out[i].Avail = fullWeek()
	}
	return out
}

func TestRepeatPairsDefinition(t *testing.T) {
	// 0 and 1 met in the history, then twice in the plan: 2 repeats.
	// 2 and 3 meet three times in the plan: 2 repeats.
	// 4 and 5 met twice in the history, once more in the plan: 1 repeat.
	people := golfers(8)
	history := [][]int{{0, 1}, {4, 5}, {4, 5, 6}}
	plan := &Plan{Rounds: []Round{
		{Circles: []Circle{{Members: []int{0, 1, 2, 3}}, {Members: []int{4, 5, 6, 7}}}},
		{Circles: []Circle{{Members: []int{0, 1, 2, 3}}, {Members: []int{4, 6}}, {Members: []int{5, 7}}}},
		{Circles: []Circle{{Members: []int{0, 2, 3}}, {Members: []int{1, 4}}, {Members: []int{5, 6, 7}}}},
	}}
	// Round 1 adds 0-1, 4-5, 4-6 and 5-6, all met in the history: 4.
	// Round 2 adds 0-1, 0-2, 0-3, 1-2, 1-3, 2-3, 4-6 and 5-7: 8.
	// Round 3 adds 0-2, 0-3, 2-3, 5-6, 5-7 and 6-7 (1-4 is new): 6.
	if got := bruteRepeats(len(people), plan, history); got != 18 {
		t.Errorf("brute force counter: %d, want 18", got)
	}
}

func TestRepeatPairsAgainstBruteForce(t *testing.T) {
	// Small groups over many rounds, with a history: repeats are forced
	// (each person has fewer colleagues than co-memberships to fill).
	rng := rand.New(rand.NewPCG(4, 4))
	for trial := range 8 {
		n := 12 + rng.IntN(9)
		people := Generate(n, rand.NewPCG(uint64(trial), 5))
		var history [][]int
		for range rng.IntN(8) {
			history = append(history, rng.Perm(n)[:2+rng.IntN(4)])
		}
		opts := Options{MinSize: 3, MaxSize: 4, Rounds: 4 + rng.IntN(4), History: history, Rand: rand.NewPCG(uint64(trial), 6)}
		for i := range people {
			people[i].Facilitator = false // everyone may facilitate
		}
		p, err := Form(context.Background(), people, opts)
		if err != nil {
			t.Fatal(err)
		}
		checkPlan(t, people, opts, p) // includes the brute-force repeat count
		if p.RepeatPairs == 0 {
			t.Errorf("trial %d: no repeats, so the counter was not put to the test", trial)
		}
	}
}

func TestSocialGolfers(t *testing.T) {
	for _, tc := range []struct {
		name                string
		n, size, rounds     int
		repeats, lowerBound int
		random              bool
	}{
		{"32 in 8 circles of 4, 9 rounds", 32, 4, 9, 0, 0, false},
		{"25 in 5 circles of 5, 6 rounds (affine plane of order 5)", 25, 5, 6, 0, 0, false},
		{"36 in 6 circles of 6, 4 rounds (no two orthogonal Latin squares of order 6)", 36, 6, 4, 2, 2, false},
		{"36 in 6 circles of 6, 3 rounds", 36, 6, 3, 0, 0, false},
		{"25 in circles of 5, 6 rounds, from a random start", 25, 5, 6, 0, 0, true},
		{"15 in circles of 3, 5 rounds, from a random start", 15, 3, 5, 0, 0, true},
		{"16 in circles of 4, 4 rounds, from a random start", 16, 4, 4, 0, 0, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			people := golfers(tc.n)
			opts := Options{Size: tc.size, Rounds: tc.rounds, Rand: rand.NewPCG(1, 2)}
			p, err := form(context.Background(), people, opts, tc.random)
			if err != nil {
				t.Fatal(err)
			}
			checkPlan(t, people, opts, p)
			if p.RepeatPairs != tc.repeats || p.RepeatLowerBound != tc.lowerBound {
				t.Errorf("%d repeats (lower bound %d), want %d (lower bound %d)", p.RepeatPairs, p.RepeatLowerBound, tc.repeats, tc.lowerBound)
			}
		})
	}
}

func TestRepeatLowerBoundCounting(t *testing.T) {
	// 12 people in circles of 4 meet 3 per round, 11 in all: 4 rounds need
	// 12, one more than there are, for each person: at least 6 repeats.
	opts := Options{Size: 4, Rounds: 4, Rand: rand.NewPCG(1, 1)}
	p, err := Form(context.Background(), golfers(12), opts)
	if err != nil {
		t.Fatal(err)
	}
	if p.RepeatLowerBound != 6 || p.RepeatPairs < 6 {
		t.Errorf("%d repeats, lower bound %d; want at least 6 and 6", p.RepeatPairs, p.RepeatLowerBound)
	}
	checkPlan(t, golfers(12), opts, p)
}

func TestFormErrors(t *testing.T) {
	good := func(n int) []Participant { return Generate(n, rand.NewPCG(1, 1)) }
	noFac := func(n, fac int) []Participant {
		people := golfers(n)
		for i := range fac {
			people[i].Facilitator = true
		}
		return people
	}
	managed := func() []Participant {
		// Person 0 manages six of the other seven: with circles of four,
		// their circle would need three people they do not manage.
		people := golfers(8)
		for i := 1; i <= 6; i++ {
			people[i].SetManager(0)
		}
		return people
	}
	for _, tc := range []struct {
		name   string
		people []Participant
		opts   Options
		want   string
	}{
		{"no participants", nil, Options{Size: 4}, "no participants"},
		{"7 people, circles of exactly 4", good(7), Options{Size: 4}, "cannot be split into circles of exactly 4"},
		{"5 people, circles of 3 or 4", good(5), Options{MinSize: 3, MaxSize: 4}, "cannot be split into circles of 3 to 4"},
		{"11 people, circles of 5 or 5", good(11), Options{MinSize: 5, MaxSize: 5}, "cannot be split"},
		{"size 1", good(6), Options{Size: 1}, "circle size must be between 2"},
		{"minimum above maximum", good(12), Options{MinSize: 6, MaxSize: 5}, "minimum size <= maximum size"},
		{"preferred size outside range", good(12), Options{Size: 9, MinSize: 3, MaxSize: 4}, "outside 3..4"},
		{"fewer facilitators than circles", noFac(12, 2), Options{Size: 4}, "2 facilitators for 3 circles"},
		{"fewer facilitators than any split needs", noFac(12, 1), Options{MinSize: 4, MaxSize: 6}, "1 facilitators for at least 2 circles"},
		{"manager out of range", func() []Participant { p := golfers(4); p[1].SetManager(9); return p }(), Options{Size: 2}, "has manager 9"},
		{"own manager", func() []Participant { p := golfers(4); p[2].SetManager(2); return p }(), Options{Size: 2}, "their own manager"},
		{"history out of range", good(8), Options{Size: 4, History: [][]int{{1, 8}}}, "names participant 8"},
		{"history duplicate", good(8), Options{Size: 4, History: [][]int{{1, 2, 1}}}, "twice"},
		{"negative weight", good(8), Options{Size: 4, Weights: Weights{Level: -1}}, "weights"},
		{"session longer than a week", good(8), Options{Size: 4, SessionSteps: 700}, "longer than a week"},
		{"negative rounds", good(8), Options{Size: 4, Rounds: -1}, "rounds must be 0..1000"},
		{"manager rule impossible", managed(), Options{Size: 4}, "apart from managers"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Form(context.Background(), tc.people, tc.opts)
			if err == nil {
				t.Fatal("no error")
			}
			if !errs.Is(err, errs.Invalid) {
				t.Errorf("kind %v, want invalid: %v", errs.KindOf(err), err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not say %q", err, tc.want)
			}
		})
	}
}

func TestFormCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Form(ctx, Generate(200, rand.NewPCG(1, 1)), Options{Size: 5})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
}

func TestFormDeterministic(t *testing.T) {
	people := Generate(300, rand.NewPCG(8, 8))
	run := func(seed uint64) *Plan {
		p, err := Form(context.Background(), people, Options{MinSize: 5, MaxSize: 7, Rounds: 3, Rand: rand.NewPCG(seed, 1)})
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	a, b, c := run(1), run(1), run(2)
	if !reflect.DeepEqual(a, b) {
		t.Error("same seed, different plans")
	}
	if reflect.DeepEqual(a.Rounds, c.Rounds) {
		t.Error("different seeds, same plan")
	}
	if !reflect.DeepEqual(Generate(50, rand.NewPCG(3, 3)), Generate(50, rand.NewPCG(3, 3))) {
		t.Error("Generate: same seed, different people")
	}
}

func TestSummary(t *testing.T) {
	p, err := Form(context.Background(), Generate(60, rand.NewPCG(1, 1)), Options{Size: 6, Rounds: 2})
	if err != nil {
		t.Fatal(err)
	}
	s := p.Summary()
	want := Summary{People: 60, Rounds: 2, Circles: 20, RepeatPairs: p.RepeatPairs, Diversity: p.Diversity,
		DiversityUpperBound: p.UpperBound, Gap: p.Gap, CirclesWithoutSlot: p.CirclesWithoutSlot}
	if s != want {
		t.Errorf("summary %+v, want %+v", s, want)
	}
}

func ExampleForm() {
	// Eight colleagues, always available, two circles of four.
	var always schedule.Week
	for s := range schedule.StepsPerWeek {
		always.Set(s)
	}
	people := []Participant{
		{Level: 1, Function: 0, Location: 0, Facilitator: true},
		{Level: 1, Function: 1, Location: 1},
		{Level: 2, Function: 0, Location: 1},
		{Level: 2, Function: 1, Location: 0, Facilitator: true},
		{Level: 3, Function: 0, Location: 0},
		{Level: 3, Function: 1, Location: 1},
		{Level: 4, Function: 0, Location: 1, ManagedBy: 2 + 1},
		{Level: 4, Function: 1, Location: 0},
	}
	for i := range people {
		people[i].Avail = always
	}
	plan, err := Form(context.Background(), people, Options{Size: 4, Rand: rand.NewPCG(1, 2)})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range plan.Rounds[0].Circles {
		fmt.Println(c.Members)
	}
	fmt.Printf("diversity %d of at most %d\n", plan.Diversity, plan.UpperBound)
	// Output:
	// [0 2 5 7]
	// [1 3 4 6]
	// diversity 28 of at most 28
}

// TestRepeatLowerBoundWithTransfers checks the repeat bound when circles
// may shrink to the smallest size to share a slot. Three people can meet
// only on Monday and have met everyone before; the other nine only on
// Wednesday. Forming two circles of 3 to 9 puts the three together (3
// repeats), although each would meet five people, all met before, in the
// even circles of 6 Form starts with: a bound taken from the starting
// sizes (8) would be above what the plan achieves.
func TestRepeatLowerBoundWithTransfers(t *testing.T) {
	const n = 12
	var monday, wednesday schedule.Week
	for s := range 8 {
		monday.Set(10*4 + s)
		wednesday.Set(2*schedule.StepsPerDay + 10*4 + s)
	}
	people := make([]Participant, n)
	var history [][]int
	for i := range people {
		people[i].Level = i % 3
		people[i].Avail = wednesday
		if i < 3 {
			people[i].Avail = monday
			for j := range n {
				if j > i {
					history = append(history, []int{i, j})
				}
			}
		}
	}
	opts := Options{Size: 6, MinSize: 3, MaxSize: 9, History: history, Rand: rand.NewPCG(1, 1)}
	p, err := Form(context.Background(), people, opts)
	if err != nil {
		t.Fatal(err)
	}
	checkPlan(t, people, opts, p)
	if p.CirclesWithoutSlot != 0 || p.RepeatPairs != 3 {
		t.Errorf("%d circles without a slot, %d repeats; want 0 and 3", p.CirclesWithoutSlot, p.RepeatPairs)
	}
}

// TestFormScalesWithWeights checks that multiplying every weight by the
// same factor changes nothing but the diversity's unit: the annealing
// temperatures scale with the weights, so the same seed gives the same
// circles with weights of 10 as with weights of 1.
func TestFormScalesWithWeights(t *testing.T) {
	people := Generate(300, rand.NewPCG(7, 7))
	for _, w := range []Weights{{1, 1, 1, 1}, {1, 2, 0, 3}} {
		base := Options{Size: 6, Weights: w, Rand: rand.NewPCG(3, 3)}
		want, err := Form(context.Background(), people, base)
		if err != nil {
			t.Fatal(err)
		}
		scaled := base
		scaled.Weights = Weights{10 * w.Level, 10 * w.Function, 10 * w.Location, 10 * w.Tenure}
		scaled.Rand = rand.NewPCG(3, 3)
		got, err := Form(context.Background(), people, scaled)
		if err != nil {
			t.Fatal(err)
		}
		checkPlan(t, people, scaled, got)
		if got.Diversity != 10*want.Diversity || got.UpperBound != 10*want.UpperBound {
			t.Errorf("weights %v x10: diversity %d of %d, want %d of %d", w, got.Diversity, got.UpperBound, 10*want.Diversity, 10*want.UpperBound)
		}
		for c := range want.Rounds[0].Circles {
			if !slices.Equal(got.Rounds[0].Circles[c].Members, want.Rounds[0].Circles[c].Members) {
				t.Fatalf("weights %v x10: circle %d is %v, want %v", w, c, got.Rounds[0].Circles[c].Members, want.Rounds[0].Circles[c].Members)
			}
		}
	}
}
