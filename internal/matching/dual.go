package matching

// matchArcs returns, per mentee, the arc it holds or -1.
func (a *auction) matchArcs() []int32 {
	arcs := make([]int32, len(a.st))
	for i, st := range a.st {
		arcs[i] = st.arc
	}
	return arcs
}

// exactPrices turns the state of the auction into integral mentor prices,
// which are optimal (ok) exactly when the matching is optimal, and
// otherwise close to optimal for most mentors.
//
// The residual network of the matching has arcs mentee -> mentor for free
// arcs, mentor -> mentee for held ones, and arcs to and from the sink t for
// unmatched mentees and for the room and load of mentors. The auction's
// prices, divided by scale and rounded, are potentials under which every
// residual arc has an integral reduced cost of at least -1 - eps/scale.
// Shortest distances from a virtual source (0 to every node) then exist
// iff the residual network has no negative cycle, that is iff the
// matching is optimal, and potentials plus distances are exactly dual
// feasible. The distances are found by label correcting (FIFO
// Bellman-Ford); while eps is small they are 0 or -1 for almost every
// node, and at eps = 1 they all are (every simple path has a real reduced
// length above -1, since scale exceeds the number of nodes), so this takes
// a few passes over the arcs. It gives up (ok false, keeping the distances
// found so far) once a distance drops below -maxDepth, which a negative
// cycle soon causes, or after a few passes' worth of work.
func exactPrices(a *auction, maxDepth int64) (price []int64, ok bool) {
	in := a.in
	n, m := in.numMentees, len(in.capLeft)
	t := int32(n + m)
	pi := make([]int64, n+m+1) // mentees, then mentors, then t (0)
	for j := range int32(m) {
		pi[int32(n)+j] = -ceilDiv(a.mentorPrice(j), a.scale)
	}
	for i := range int32(n) {
		best := int64(0)
		for k := in.first[i]; k < in.first[i+1]; k++ {
			if j := in.mentor[k]; in.capLeft[j] > 0 {
				best = max(best, a.w(in.score[k])-a.top[j])
			}
		}
		pi[i] = best / a.scale
	}
	arcOf := a.matchArcs()
	load := make([]int32, m)
	for _, k := range arcOf {
		if k >= 0 {
			load[in.mentor[k]]++
		}
	}
	holders := newHolderIndex(in, arcOf, load)

	d := make([]int64, n+m+1)
	queued := make([]bool, n+m+1)
	queue := make([]int32, 0, 1024)
	bad := false
	budget := 2 * (len(in.mentor) + n + m) // relaxations before giving up
	// relax looks at the residual arc u->v of reduced cost rc.
	relax := func(u, v int32, rc int64) {
		if budget--; budget < 0 {
			bad = true
		}
		if nd := d[u] + rc; nd < d[v] {
			d[v] = nd
			if nd < -maxDepth {
				bad = true
			}
			if !queued[v] {
				queued[v] = true
				queue = append(queue, v)
			}
		}
	}
	// out calls relax on every residual arc out of u.
	out := func(u int32) {
		switch {
		case bad:
		case u < int32(n):
			i, own := u, arcOf[u]
			for k := in.first[i]; k < in.first[i+1]; k++ {
				if j := in.mentor[k]; k != own && in.capLeft[j] > 0 {
					v := int32(n) + j
					relax(i, v, -in.weight(k)+pi[i]-pi[v])
				}
			}
			if own >= 0 {
				relax(i, t, pi[i]-pi[t])
			}
		case u < t:
			j := u - int32(n)
			for _, h := range holders.of(j) {
				relax(u, h, in.weight(arcOf[h])+pi[u]-pi[h])
			}
			if load[j] < in.capLeft[j] {
				relax(u, t, pi[u]-pi[t])
			}
		default:
			for i := range int32(n) {
				if arcOf[i] < 0 {
					relax(t, i, pi[t]-pi[i])
				}
			}
			for j := range int32(m) {
				if load[j] > 0 {
					relax(t, int32(n)+j, pi[t]-pi[int32(n)+j])
				}
			}
		}
	}
	for u := range t + 1 {
		out(u)
	}
	for head := 0; head < len(queue) && !bad; head++ {
		u := queue[head]
		queued[u] = false
		out(u)
		if head > 1<<20 && head*2 > len(queue) { // compact the FIFO
			queue = append(queue[:0], queue[head+1:]...)
			head = -1
		}
	}
	price = make([]int64, m)
	for j := range m {
		price[j] = max(0, pi[t]+d[t]-pi[n+j]-d[n+j])
	}
	return price, !bad
}

func ceilDiv(x, d int64) int64 {
	q := x / d
	if x%d != 0 && x > 0 {
		q++
	}
	return q
}

// holderIndex lists the mentees held by each mentor (CSR).
type holderIndex struct {
	first  []int32
	mentee []int32
}

func newHolderIndex(in *instance, arcOf []int32, load []int32) holderIndex {
	m := len(load)
	h := holderIndex{first: make([]int32, m+1)}
	for j, l := range load {
		h.first[j+1] = h.first[j] + l
	}
	h.mentee = make([]int32, h.first[m])
	fill := append([]int32(nil), h.first[:m]...)
	for i, k := range arcOf {
		if k >= 0 {
			j := in.mentor[k]
			h.mentee[fill[j]] = int32(i)
			fill[j]++
		}
	}
	return h
}

func (h holderIndex) of(j int32) []int32 { return h.mentee[h.first[j]:h.first[j+1]] }
