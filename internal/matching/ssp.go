package matching

// This file is the successive-shortest-path engine behind Resolve and the
// final check of Solve. It keeps a matching and mentor prices v (the dual
// of the certificate) such that every settled mentee holds a best offer
// w_ij - v_j (or none when all offers are <= 0) and prices are
// non-negative: in flow terms, reduced costs (Edmonds-Karp/Tomizawa
// potentials) are non-negative on the residual network. Two kinds of
// defect are then removed by Dijkstra searches, each keeping the rest:
//
//   - a pending mentee (an excess of flow) is seated by place: a search
//     from the mentee for the cheapest way to seat it (at a mentor with
//     room, or in the seat of a mentee who then goes unmatched, or not at
//     all), moving mentees along an alternating path and raising the
//     prices of the mentors it passes;
//   - a mentor with room and a positive price (a residual arc of negative
//     reduced cost) is handled by fill: a search backwards from the mentor
//     for the cheapest way to give it one more mentee (an unmatched or
//     pending mentee, or one that another mentor gives up) or else to lower
//     its price to 0, lowering the prices it passes.
//
// When neither is left the matching is optimal and v is its certificate.

type ssp struct {
	in *instance

	matchArc []int32 // per mentee: instance arc it holds, or -1
	price    []int64 // per mentor: v_j >= 0
	util     []int64 // per mentee: u_i, the best offer it holds or can get
	load     []int32 // per mentor: matched mentees
	// Mentees held by mentor j: slots[slotAt[j] : slotAt[j]+load[j]].
	slotAt []int32
	slots  []int32
	slotOf []int32 // per mentee: its index in slots

	// Dijkstra scratch, indexed by node: mentor j, then mentee i at
	// m+i; stamp marks the current search.
	dist     []int64
	via      []int32 // place: arc that reached mentor; fill: mentee's arc towards the target
	viaI     []int32 // mentee that reached mentor (place: by an arc; fill: its holder)
	seen     []uint32
	done     []uint32
	stamp    uint32
	heap     []heapItem
	settledJ []int32 // mentors finalized in this search
	settledI []int32 // mentees finalized in this search, with menteeD
	menteeD  []int64

	into     mentorIndex // arcs by mentor, built on first use by fill
	augments int
}

// heapItem is a node (mentor j, or mentee at m+i in fill) at distance d.
type heapItem struct {
	d int64
	j int32
}

func newSSP(in *instance) *ssp {
	n, m := in.numMentees, len(in.capLeft)
	s := &ssp{
		in:       in,
		matchArc: make([]int32, n),
		price:    make([]int64, m),
		util:     make([]int64, n),
		load:     make([]int32, m),
		slotAt:   make([]int32, m+1),
		slotOf:   make([]int32, n),
		dist:     make([]int64, m+n),
		via:      make([]int32, m+n),
		viaI:     make([]int32, m+n),
		seen:     make([]uint32, m+n),
		done:     make([]uint32, m+n),
	}
	for i := range s.matchArc {
		s.matchArc[i] = -1
	}
	for j, c := range in.capLeft {
		s.slotAt[j+1] = s.slotAt[j] + c
	}
	s.slots = make([]int32, s.slotAt[m])
	return s
}

// assign gives mentee i the arc a (its mentor must have room).
func (s *ssp) assign(i, a int32) {
	j := s.in.mentor[a]
	k := s.slotAt[j] + s.load[j]
	s.slots[k] = i
	s.slotOf[i] = k
	s.load[j]++
	s.matchArc[i] = a
}

// unassign frees mentee i from its mentor.
func (s *ssp) unassign(i int32) {
	j := s.in.mentor[s.matchArc[i]]
	s.load[j]--
	k, last := s.slotOf[i], s.slotAt[j]+s.load[j]
	moved := s.slots[last]
	s.slots[k] = moved
	s.slotOf[moved] = k
	s.matchArc[i] = -1
}

// bestOffer returns max(0, max_j w_ij - v_j) for mentee i.
func (s *ssp) bestOffer(i int32) int64 {
	in := s.in
	best := int64(0)
	for a := in.first[i]; a < in.first[i+1]; a++ {
		best = max(best, in.weight(a)-s.price[in.mentor[a]])
	}
	return best
}

// place routes the pending mentee src along a shortest augmenting path:
// to a mentor with room, or pushing out a mentee who then goes unmatched,
// or leaving src unmatched, whichever costs least.
func (s *ssp) place(src int32) {
	in := s.in
	s.augments++
	s.stamp++
	s.heap = s.heap[:0]
	s.settledJ = s.settledJ[:0]
	s.settledI = s.settledI[:0]
	s.menteeD = s.menteeD[:0]

	s.util[src] = s.bestOffer(src)
	bound := s.util[src] // cost of the best path found so far
	endMentor, endMentee := int32(-1), src
	s.scan(src, 0, bound)
	for len(s.heap) > 0 {
		it := s.pop()
		j := it.j
		if s.done[j] == s.stamp || it.d != s.dist[j] {
			continue
		}
		if it.d >= bound {
			break
		}
		s.done[j] = s.stamp
		s.settledJ = append(s.settledJ, j)
		if s.load[j] < in.capLeft[j] { // room: reduced cost -v_j = 0
			bound, endMentor, endMentee = it.d, j, -1
			break
		}
		for _, i := range s.slots[s.slotAt[j] : s.slotAt[j]+s.load[j]] {
			s.settledI = append(s.settledI, i)
			s.menteeD = append(s.menteeD, it.d)
			if d := it.d + s.util[i]; d < bound { // i gives way and goes unmatched
				bound, endMentor, endMentee = d, -1, i
			}
			s.scan(i, it.d, bound)
		}
	}

	// Potentials: nodes finalized closer than bound move by bound - d, so
	// every residual arc keeps a non-negative reduced cost and the path
	// becomes tight.
	for _, j := range s.settledJ {
		if d := s.dist[j]; d < bound {
			s.price[j] += bound - d
		}
	}
	s.util[src] -= bound
	for k, i := range s.settledI {
		if d := s.menteeD[k]; d < bound {
			s.util[i] -= bound - d
		}
	}

	// Augment: walk back from the end of the path to src.
	var j int32
	switch {
	case endMentor >= 0:
		j = endMentor
	case endMentee == src:
		return // src stays unmatched, with util 0
	default:
		j = in.mentor[s.matchArc[endMentee]]
		s.unassign(endMentee)
	}
	for {
		a, i := s.via[j], s.viaI[j]
		next := int32(-1)
		if s.matchArc[i] >= 0 {
			next = in.mentor[s.matchArc[i]]
			s.unassign(i)
		}
		s.assign(i, a)
		if i == src {
			return
		}
		j = next
	}
}

// fill handles mentor j, which has room and a positive price: by a
// Dijkstra search backwards from j over reduced costs it finds the
// cheapest of giving j an unmatched or pending mentee, giving it a mentee
// that another mentor lets go (paying that mentor's price), or lowering
// its price to 0 (paying its price), each through a chain of moves.
// Potentials of the nodes closer than that cost move by the difference,
// which lowers mentor prices and raises mentee utilities, and keeps every
// reduced cost non-negative.
func (s *ssp) fill(j int32, pending []bool) {
	in := s.in
	if s.into.first == nil {
		s.into = arcsByMentor(in)
	}
	m := int32(len(in.capLeft))
	s.augments++
	s.stamp++
	s.heap = s.heap[:0]
	s.settledJ = s.settledJ[:0]

	bound, end := s.price[j], int32(-1) // end -1: just lower j's price
	s.seen[j], s.dist[j] = s.stamp, 0
	s.push(heapItem{0, j})
	for len(s.heap) > 0 {
		it := s.pop()
		u := it.j
		if s.done[u] == s.stamp || it.d != s.dist[u] {
			continue
		}
		if it.d >= bound {
			break
		}
		s.done[u] = s.stamp
		s.settledJ = append(s.settledJ, u)
		if u < m { // a mentor: who could move in?
			if u != j && it.d+s.price[u] < bound { // u gives up the mentee it came by
				bound, end = it.d+s.price[u], u
			}
			for x := s.into.first[u]; x < s.into.first[u+1]; x++ {
				a, i := s.into.arc[x], s.into.mentee[x]
				if s.matchArc[i] == a {
					continue
				}
				nd := it.d + s.util[i] + s.price[u] - in.weight(a)
				if v := m + i; nd < bound && s.done[v] != s.stamp && (s.seen[v] != s.stamp || nd < s.dist[v]) {
					s.seen[v], s.dist[v], s.via[v] = s.stamp, nd, a
					s.push(heapItem{nd, v})
				}
			}
			continue
		}
		i := u - m // a mentee: free to come, or let go by its mentor
		if pending[i] || s.matchArc[i] < 0 {
			bound, end = it.d, u
			break
		}
		if k := in.mentor[s.matchArc[i]]; s.done[k] != s.stamp && (s.seen[k] != s.stamp || it.d < s.dist[k]) {
			s.seen[k], s.dist[k], s.viaI[k] = s.stamp, it.d, i
			s.push(heapItem{it.d, k})
		}
	}

	for _, u := range s.settledJ {
		if d := s.dist[u]; d < bound {
			if u < m {
				s.price[u] -= bound - d
			} else {
				s.util[u-m] += bound - d
			}
		}
	}
	// A cheaper mentor's other mentees now get more: keep their utilities
	// equal to their offers (raising a utility keeps reduced costs >= 0).
	for _, u := range s.settledJ {
		if u < m && s.dist[u] < bound {
			for _, h := range s.slots[s.slotAt[u] : s.slotAt[u]+s.load[u]] {
				s.util[h] = in.weight(s.matchArc[h]) - s.price[u]
			}
		}
	}

	var i int32
	switch {
	case end < 0:
		return // j's price is now 0
	case end < m: // mentor end lets go of the mentee it was reached by
		i = s.viaI[end]
		s.unassign(i)
	default:
		i = end - m
		pending[i] = false
	}
	for { // i moves one step towards j
		a := s.via[m+i]
		k := in.mentor[a]
		if k == j {
			s.assign(i, a)
			return
		}
		next := s.viaI[k]
		s.unassign(next)
		s.assign(i, a)
		i = next
	}
}

// scan relaxes the free arcs of mentee i, finalized at distance d, for
// paths shorter than bound.
func (s *ssp) scan(i int32, d, bound int64) {
	in := s.in
	ui := s.util[i]
	own := s.matchArc[i]
	for a := in.first[i]; a < in.first[i+1]; a++ {
		if a == own {
			continue
		}
		j := in.mentor[a]
		nd := d + ui + s.price[j] - in.weight(a)
		if nd >= bound || s.done[j] == s.stamp {
			continue
		}
		if s.seen[j] != s.stamp || nd < s.dist[j] {
			s.seen[j] = s.stamp
			s.dist[j] = nd
			s.via[j], s.viaI[j] = a, i
			s.push(heapItem{nd, j})
		}
	}
}

func (s *ssp) push(it heapItem) {
	h := append(s.heap, it)
	k := len(h) - 1
	for k > 0 {
		p := (k - 1) / 2
		if !less(it, h[p]) {
			break
		}
		h[k] = h[p]
		k = p
	}
	h[k] = it
	s.heap = h
}

func (s *ssp) pop() heapItem {
	h := s.heap
	top := h[0]
	last := h[len(h)-1]
	h = h[:len(h)-1]
	n := len(h)
	k := 0
	for {
		c := 2*k + 1
		if c >= n {
			break
		}
		if c+1 < n && less(h[c+1], h[c]) {
			c++
		}
		if !less(h[c], last) {
			break
		}
		h[k] = h[c]
		k = c
	}
	if n > 0 {
		h[k] = last
	}
	s.heap = h
	return top
}

// less orders by distance, then node, so searches are deterministic.
func less(a, b heapItem) bool {
	return a.d < b.d || a.d == b.d && a.j < b.j
}
