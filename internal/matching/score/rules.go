package score

import (
	"slices"

	"github.com/kindredhq/kindred/internal/person"
)

// Rule is a hard rule a pair can break; Allowed (the zero value) means the
// pair breaks none. A pair that breaks a rule is never a candidate.
type Rule uint8

// The hard rules, in the order Check tests them.
const (
	Allowed              Rule = iota
	RuleSelf                  // mentor and mentee are the same person
	RuleNoCapacity            // the mentor takes no mentees (capacity 0)
	RuleLanguage              // one of them lacks the language the program requires
	RuleChain                 // one is in the other's management chain
	RuleExcluded              // an admin excluded the pair
	RuleHistory               // they were paired in an earlier cycle of the program
	RuleNoSharedLanguage      // the program requires a shared language and they have none
	RuleSharedHours           // they share fewer working hours a week than the program's minimum
	numRules
)

var ruleNames = [numRules]string{"allowed", "self", "no_capacity", "required_language",
	"management_chain", "excluded", "paired_before", "no_shared_language", "too_few_shared_hours"}

// String returns the rule's snake_case name, used as a JSON key.
func (r Rule) String() string {
	if r < numRules {
		return ruleNames[r]
	}
	return "unknown"
}

// Rules lists every hard rule, Allowed excluded, in Check order.
func Rules() []Rule {
	out := make([]Rule, 0, numRules-1)
	for r := RuleSelf; r < numRules; r++ {
		out = append(out, r)
	}
	return out
}

// IDPair names a mentor and a mentee by person ID.
type IDPair struct{ Mentor, Mentee string }

// Org answers whether one person is in another's management chain: their
// manager, their manager's manager and so on up, or anyone who reports to
// them directly or indirectly. It is built once from the whole
// organization and answers in constant time.
//
// A manager ID that names nobody in the organization ends the chain
// there. A cycle of managers (which the people store refuses, but a file
// may hold) puts everyone on it in everyone else's chain.
type Org struct {
	index map[string]int32
	// canon maps a person to their node: themselves, or the first member
	// of the manager cycle they are on.
	canon []int32
	// tin and tout are the entry and exit times of a depth-first walk of
	// the forest of nodes: a is above b exactly when tin[a] <= tin[b] and
	// tout[b] <= tout[a].
	tin, tout []int32
}

// NewOrg builds the management forest of everyone; a person listed twice
// counts once (the first time). It costs O(n).
func NewOrg(everyone []person.Person) *Org {
	o := &Org{index: make(map[string]int32, len(everyone))}
	var ids, mgrs []string
	for _, p := range everyone {
		if _, dup := o.index[p.ID]; dup {
			continue
		}
		o.index[p.ID] = int32(len(ids))
		ids = append(ids, p.ID)
		mgrs = append(mgrs, p.ManagerID)
	}
	n := len(ids)
	parent := make([]int32, n)
	for i, m := range mgrs {
		parent[i] = -1
		if j, ok := o.index[m]; ok && m != ids[i] {
			parent[i] = j
		}
	}

	// Each cycle of managers becomes one node, its first member: canon
	// maps everyone on it there, and that node has no parent.
	o.canon = make([]int32, n)
	for i := range o.canon {
		o.canon[i] = int32(i)
	}
	state := make([]int32, n) // 0 unseen, -1 done, k+1 on the climb from k
	for k := range n {
		u := int32(k)
		for u >= 0 && state[u] == 0 {
			state[u] = int32(k) + 1
			u = parent[u]
		}
		if u >= 0 && state[u] == int32(k)+1 { // the climb closed a cycle at u
			rep, x := u, parent[u]
			for x != u {
				rep = min(rep, x)
				x = parent[x]
			}
			for x, first := u, true; first || x != u; first = false {
				o.canon[x] = rep
				x = parent[x]
			}
			parent[rep] = -1
		}
		for v := int32(k); v >= 0 && state[v] == int32(k)+1; v = parent[v] {
			state[v] = -1
		}
	}

	// Children of the canonical nodes in CSR form, in index order.
	first := make([]int32, n+1)
	up := make([]int32, n) // canonical parent of a canonical node, or -1
	for i := range n {
		up[i] = -1
		if o.canon[i] == int32(i) && parent[i] >= 0 {
			up[i] = o.canon[parent[i]]
		}
	}
	for i := range n {
		if up[i] >= 0 {
			first[up[i]+1]++
		}
	}
	for i := range n {
		first[i+1] += first[i]
	}
	child := make([]int32, first[n])
	fill := slices.Clone(first[:n])
	for i := range n {
		if p := up[i]; p >= 0 {
			child[fill[p]] = int32(i)
			fill[p]++
		}
	}
	o.tin = make([]int32, n)
	o.tout = make([]int32, n)
	clock := int32(0)
	stack := make([]int32, 0, 64)
	next := slices.Clone(first[:n]) // per node: next child position to visit
	for r := range n {
		if o.canon[r] != int32(r) || up[r] != -1 {
			continue
		}
		stack = append(stack[:0], int32(r))
		o.tin[r] = clock
		clock++
		for len(stack) > 0 {
			u := stack[len(stack)-1]
			if next[u] < first[u+1] {
				c := child[next[u]]
				next[u]++
				o.tin[c] = clock
				clock++
				stack = append(stack, c)
				continue
			}
			o.tout[u] = clock
			clock++
			stack = stack[:len(stack)-1]
		}
	}
	return o
}

// InChain reports whether a is in b's management chain or b in a's. People
// the organization does not know are in nobody's chain.
func (o *Org) InChain(a, b string) bool {
	if o == nil {
		return false
	}
	x, ok1 := o.index[a]
	y, ok2 := o.index[b]
	return ok1 && ok2 && o.related(x, y)
}

// node returns the person's index in the forest, or -1.
func (o *Org) node(id string) int32 {
	if o == nil {
		return -1
	}
	if x, ok := o.index[id]; ok {
		return x
	}
	return -1
}

// related reports whether x is above y or y above x (x != y).
func (o *Org) related(x, y int32) bool {
	if x < 0 || y < 0 || x == y {
		return false
	}
	x, y = o.canon[x], o.canon[y]
	return (o.tin[x] <= o.tin[y] && o.tout[y] <= o.tout[x]) ||
		(o.tin[y] <= o.tin[x] && o.tout[x] <= o.tout[y])
}

// History holds the pairs of earlier cycles of a program. A pair counts in
// either direction: two people who were paired once are not paired again,
// whoever mentored whom. The zero value is empty; a nil *History is empty
// too.
type History struct {
	pairs map[IDPair]struct{}
}

// Add records that mentor and mentee were paired.
func (h *History) Add(mentor, mentee string) {
	if h.pairs == nil {
		h.pairs = make(map[IDPair]struct{})
	}
	if mentee < mentor {
		mentor, mentee = mentee, mentor
	}
	h.pairs[IDPair{mentor, mentee}] = struct{}{}
}

// Has reports whether a and b were paired, in either role.
func (h *History) Has(a, b string) bool {
	if h == nil {
		return false
	}
	if b < a {
		a, b = b, a
	}
	_, ok := h.pairs[IDPair{a, b}]
	return ok
}

// Len returns the number of distinct pairs.
func (h *History) Len() int {
	if h == nil {
		return 0
	}
	return len(h.pairs)
}
