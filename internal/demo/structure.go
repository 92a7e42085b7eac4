package demo

// The management tree: function sizes, who reports to whom, levels,
// departments and locations.

// Limits of the tree.
const (
	minSpan         = 3  // fewest direct reports of a manager
	maxSpan         = 12 // most direct reports of a manager
	minManagerLevel = 5  // the lowest level that manages people
	minFunction     = 4  // fewest people in a function: a head and 3 reports
	smallFunction   = 40 // functions this size or smaller have a level 8 head
)

// maxBelow[l] is the most people a manager at level l can have below them
// when every manager has maxSpan reports and managers stop at level 5.
var maxBelow = func() [11]int {
	var c [11]int
	c[minManagerLevel] = maxSpan
	for l := minManagerLevel + 1; l < len(c); l++ {
		c[l] = maxSpan * (1 + c[l-1])
	}
	return c
}()

// icLevels weighs the levels of individual contributors (index = level).
var icLevels = [...]int{0, 12, 20, 24, 22, 11, 6, 3, 1}

// functionSizes splits total people among the functions by weight, at
// least minFunction each, by largest remainder (ties to the earlier
// function).
func functionSizes(total int) []int {
	sizes := make([]int, len(functions))
	rems := make([]int, len(functions))
	rest := total - minFunction*len(functions)
	sum := 0
	for _, f := range functions {
		sum += f.weight
	}
	given := 0
	for i, f := range functions {
		q := rest * f.weight
		sizes[i] = minFunction + q/sum
		rems[i] = q % sum
		given += q / sum
	}
	for left := rest - given; left > 0; left-- {
		best := 0
		for i := range rems {
			if rems[i] > rems[best] {
				best = i
			}
		}
		sizes[best]++
		rems[best] = -1
	}
	return sizes
}

// structure builds the tree of n people breadth first: the CEO, the
// function heads, then each manager's reports after everyone before them.
func (g *gen) structure(n int) {
	sizes := functionSizes(n - 1)
	g.m = append(g.m, member{fn: -1, dept: executive.depts[0], level: 10, parent: -1, reports: len(sizes)})
	for f, size := range sizes {
		level := 9
		if size <= smallFunction {
			level = 8
		}
		g.m = append(g.m, member{fn: f, dept: functions[f].leadership(), level: level, parent: 0, budget: size - 1})
	}
	for i := 1; i < len(g.m); i++ {
		g.expand(i)
	}
}

// expand appends the direct reports of manager i: sub-managers first, each
// with their share of the people below i, then individual contributors.
// A function head's reports are spread over the function's departments;
// everyone else inherits their manager's department.
func (g *gen) expand(i int) {
	boss := g.m[i]
	if boss.budget == 0 {
		return
	}
	ics, shares := g.split(boss.level, boss.budget)
	depts := functions[boss.fn].depts
	k := 0
	dept := func() string {
		if boss.parent != 0 {
			return boss.dept
		}
		k++
		return depts[(k-1)%len(depts)]
	}
	for _, s := range shares {
		g.m = append(g.m, member{fn: boss.fn, dept: dept(), level: g.managerLevel(boss.level, s), parent: i, budget: s})
	}
	for range ics {
		g.m = append(g.m, member{fn: boss.fn, dept: dept(), level: g.icLevel(boss.level, len(shares) > 0), parent: i})
	}
	g.m[i].reports = ics + len(shares)
}

// split decides how a manager at level with budget people below them
// (budget >= minSpan) divides them: ics direct individual contributors, and
// one sub-manager per entry of shares, who has that many people below
// them. It keeps minSpan <= ics+len(shares) <= maxSpan, every share in
// [minSpan, maxBelow[level-1]], and aims at a span of 4 to 9.
func (g *gen) split(level, budget int) (ics int, shares []int) {
	span := 4 + g.weighted(6, func(i int) int { return [...]int{1, 2, 3, 3, 2, 1}[i] })
	if level <= minManagerLevel || budget <= span {
		return budget, nil
	}
	limit := maxBelow[level-1]
	m0 := min((budget+span)/(span+1), span) // managers of teams about span+1 strong
	i0 := span - m0
	if m0 == span { // a large group: a few senior individual contributors too
		i0 = g.weighted(3, func(i int) int { return [...]int{10, 7, 3}[i] })
	}
	feasible := func(m, i int) bool {
		if m < 1 || i < 0 || m+i < minSpan || m+i > maxSpan {
			return false
		}
		r := budget - m - i
		return r >= minSpan*m && r <= limit*m
	}
	// The feasible shape nearest the preferred one.
	for d := 0; d <= 2*maxSpan; d++ {
		for dm := -d; dm <= d; dm++ {
			m := m0 + dm
			di := d - abs(dm)
			for _, i := range [2]int{i0 + di, i0 - di} {
				if feasible(m, i) {
					return i, g.shares(m, budget-m-i, limit)
				}
			}
		}
	}
	if budget <= maxSpan {
		return budget, nil
	}
	panic("demo: no feasible span; the organization is too large for the level structure")
}

// shares divides r people among m sub-managers, each at least minSpan and
// at most limit, in random proportions. It needs minSpan*m <= r <= limit*m.
func (g *gen) shares(m, r, limit int) []int {
	w := make([]float64, m)
	total := 0.0
	for j := range w {
		w[j] = 0.6 + 0.8*g.r.Float64()
		total += w[j]
	}
	out := make([]int, m)
	left := r - minSpan*m
	spread := left
	for j := range out {
		x := min(int(float64(spread)*w[j]/total), limit-minSpan)
		out[j] = minSpan + x
		left -= x
	}
	for j := 0; left > 0; j = (j + 1) % m {
		x := min(max(left/m, 1), limit-out[j])
		out[j] += x
		left -= x
	}
	return out
}

// managerLevel chooses the level of a manager with share people below
// them, reporting to a manager at level boss: first-line managers at 5 or
// 6, managers of managers at 6 or 7, directors of a hundred or more at 7
// or 8. It is
// at least the lowest level that can hold share people and below boss.
func (g *gen) managerLevel(boss, share int) int {
	var l int
	switch {
	case share <= maxSpan:
		l = 5
		if g.chance(0.25) {
			l = 6
		}
	case share <= 60:
		l = 6
		if g.chance(0.5) {
			l = 7
		}
	case share <= 150:
		l = 7
		if g.chance(0.4) {
			l = 8
		}
	case share <= 3000:
		l = 8
	default:
		l = 9
	}
	lo := minManagerLevel
	for maxBelow[lo] < share {
		lo++
	}
	return max(lo, min(l, boss-1))
}

// icLevel chooses the level of an individual contributor reporting to a
// manager at level boss, who also manages managers if mixed: under
// directors and up, often senior (two levels below the boss, or one),
// mostly so beside sub-managers; otherwise from the pyramid below boss.
func (g *gen) icLevel(boss int, mixed bool) int {
	senior := 0.3
	if mixed {
		senior = 0.75
	}
	if boss >= 7 && g.chance(senior) {
		if g.chance(0.3) {
			return boss - 1
		}
		return boss - 2
	}
	top := min(boss-1, len(icLevels)-1)
	return 1 + g.weighted(top, func(i int) int { return icLevels[i+1] })
}

// locate places everyone: the CEO at headquarters, function heads mostly in
// the three largest offices, and others often beside their manager,
// otherwise anywhere by office size. It then makes sure every office has
// someone.
func (g *gen) locate() {
	byWeight := func(i int) int { return locations[i].weight }
	for i := range g.m {
		m := &g.m[i]
		switch {
		case m.parent < 0:
			m.loc = 0
		case m.parent == 0:
			if g.chance(0.9) {
				m.loc = g.weighted(3, func(i int) int { return [...]int{4, 3, 2}[i] })
			} else {
				m.loc = g.weighted(len(locations), byWeight)
			}
		default:
			stay := 0.55
			if m.budget > 0 {
				stay = 0.45
			}
			if g.chance(stay) {
				m.loc = g.m[m.parent].loc
			} else {
				m.loc = g.weighted(len(locations), byWeight)
			}
		}
	}
	g.cover()
}

// cover moves individual contributors from the largest offices until each
// office has a few people (1 under 200 people, 2 under 1,000, else 3).
func (g *gen) cover() {
	want := 1
	if len(g.m) >= 200 {
		want = 2
	}
	if len(g.m) >= 1000 {
		want = 3
	}
	count := make([]int, len(locations))
	for _, m := range g.m {
		count[m.loc]++
	}
	for l := range locations {
		for count[l] < want {
			big := 0
			for j := range count {
				if count[j] > count[big] {
					big = j
				}
			}
			moved := false
			for i := len(g.m) - 1; i > 0 && !moved; i-- {
				if m := &g.m[i]; m.loc == big && m.reports == 0 && m.parent > 0 {
					m.loc, moved = l, true
				}
			}
			if !moved {
				return
			}
			count[big]--
			count[l]++
		}
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
