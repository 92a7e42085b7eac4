package circles

import (
	"github.com/kindredhq/kindred/internal/schedule"
)

// search is the state of the local search: R rounds of circles with cached
// facts per circle and per person, and the cost weights that make the
// objective lexicographic (hard rules, then slots, then repeats, then
// diversity).
type search struct {
	*problem
	R     int
	built int     // rounds 0..built-1 are placed
	circ  []int32 // person*R + round -> circle
	pos   []int32 // person*R + round -> index in the circle
	rs    []roundState

	repeats  int  // RepeatPairs of the placed rounds
	trackRep bool // repeats can happen: several rounds or a history
	sumW     int
	step     int64 // the smallest diversity change a swap can make: the gcd of the weights
	wRep     int64
	wSlot    int64
	wHard    int64
	bound    int // one round's diversity bound
	maxS     int // largest circle size allowed: the stride of the member slabs

	// pack holds each person's circles byte-wise, eight rounds to a word
	// (circle+1, 0 while the round is not placed), so metElsewhere compares
	// eight rounds at once; nil when there are more than 255 circles.
	pack  []uint64
	words int // words per person in pack

	// Scratch for partnerDeltas, one entry per member of a circle, and
	// for swap.
	bufD, bufC, bufI []int
	bufOld           []bool

	randomStart bool // tests: deal at random instead of the stratified start
}

// roundState holds one round's circles and the cached facts. Circle c's
// members are slab[c*maxS : c*maxS+size[c]]: everything a swap evaluation
// reads about a member sits in its record, so scanning a circle touches a
// few adjacent cache lines, never N-sized arrays.
type roundState struct {
	index  int
	size   []int32
	slab   []member
	loo    []schedule.Week // see setSlot; same layout as slab; nil when slots are free
	facN   []int32         // facilitator-eligible members
	mgrN   []int32         // manager/report pairs
	cdiv   []int32         // circle diversity
	slot   []bool          // the members share a slot
	div    int             // the round's diversity
	mgrSum int             // sum of mgrN
	noFac  int             // circles with facN == 0
	noSlot int             // circles without a slot
}

// member is a person's record in a circle.
type member struct {
	key uint64 // packed categories, see packKey
	id  int32
	mgr int32 // manager or -1
	pat int32 // availability pattern
	tot int32 // weighted distance to circle-mates
	cm  int32 // managers and reports among circle-mates
	rp  int32 // circle-mates already met in another round or the history
	fac bool  // facilitator-eligible
	rel bool  // has a manager or a report among the people
}

func (rs *roundState) members(c int32, maxS int) []member {
	return rs.slab[int(c)*maxS : int(c)*maxS+int(rs.size[c])]
}

// rec returns p's record in round r.
func (s *search) rec(r int, p int32) *member {
	i := int(p)*s.R + r
	return &s.rs[r].slab[int(s.circ[i])*s.maxS+int(s.pos[i])]
}

func newSearch(pr *problem) *search {
	s := &search{problem: pr, R: pr.rounds}
	s.circ = make([]int32, pr.n*s.R)
	s.pos = make([]int32, pr.n*s.R)
	s.rs = make([]roundState, s.R)
	s.trackRep = s.R > 1 || pr.hist != nil
	for _, w := range pr.w {
		s.sumW += w
		s.step = gcd(s.step, int64(w))
	}
	s.maxS = pr.maxSize
	if len(pr.sizes) <= 255 && s.trackRep {
		s.words = (s.R + 7) / 8
		s.pack = make([]uint64, pr.n*s.words)
	}
	s.bufD = make([]int, s.maxS)
	s.bufC = make([]int, s.maxS)
	s.bufI = make([]int, s.maxS)
	// A swap changes the diversity by at most maxDiv and the repeats by at
	// most maxRep; each weight exceeds everything below it can change.
	maxDiv := int64(4 * s.maxS * s.sumW)
	maxRep := int64(4 * s.maxS)
	s.wRep = maxDiv + 1
	s.wSlot = maxRep*s.wRep + maxDiv + 1
	s.wHard = 4 * s.wSlot
	s.bound = roundBound(pr.categoryCounts(), pr.sizes, pr.w)
	return s
}

// place sets round r to the given circles and computes its facts.
func (s *search) place(r int, circles [][]int32) {
	m := len(circles)
	rs := &s.rs[r]
	*rs = roundState{
		index: r,
		size:  make([]int32, m),
		slab:  make([]member, m*s.maxS),
		facN:  make([]int32, m),
		mgrN:  make([]int32, m),
		cdiv:  make([]int32, m),
		slot:  make([]bool, m),
	}
	if !s.slotFree {
		rs.loo = make([]schedule.Week, m*s.maxS)
	}
	for c, members := range circles {
		rs.size[c] = int32(len(members))
		for i, p := range members {
			s.setMember(&rs.slab[c*s.maxS+i], p)
			s.setCirc(p, r, int32(c))
			s.pos[int(p)*s.R+r] = int32(i)
		}
	}
	if r >= s.built {
		s.built = r + 1
	}
	for c := range m {
		s.refresh(rs, int32(c))
		s.account(rs, int32(c), 1)
	}
	if s.trackRep {
		// Pairs of other rounds may now have met in this one.
		for rr := range s.built {
			if rr != r {
				for c := range int32(len(s.rs[rr].size)) {
					s.refreshRepeats(&s.rs[rr], c)
				}
			}
		}
	}
}

// setMember fills the static part of a member record.
func (s *search) setMember(m *member, p int32) {
	*m = member{key: s.key[p], id: p, mgr: s.mgr[p], pat: s.pat[p], fac: s.fac[p], rel: s.related[p]}
}

// refresh recomputes circle c's facts and its members' caches.
func (s *search) refresh(rs *roundState, c int32) {
	mem := rs.members(c, s.maxS)
	f, g, d := int32(0), int32(0), int32(0)
	for i := range mem {
		x := &mem[i]
		if x.fac {
			f++
		}
		t, k, e := int32(0), int32(0), int32(0)
		for j := range mem {
			if j == i {
				continue
			}
			y := &mem[j]
			t += int32(s.keyDist(x.key ^ y.key))
			if x.mgr == y.id || y.mgr == x.id {
				k++
			}
			if s.trackRep && s.metElsewhere(x.id, y.id, rs.index) {
				e++
			}
		}
		x.tot, x.cm, x.rp = t, k, e
		d += t
		g += k
	}
	rs.facN[c], rs.mgrN[c], rs.cdiv[c] = f, g/2, d/2
	s.setSlot(rs, c)
}

// refreshRepeats recomputes the repeat caches of circle c's members.
func (s *search) refreshRepeats(rs *roundState, c int32) {
	mem := rs.members(c, s.maxS)
	for i := range mem {
		e := int32(0)
		for j := range mem {
			if j != i && s.metElsewhere(mem[i].id, mem[j].id, rs.index) {
				e++
			}
		}
		mem[i].rp = e
	}
}

// account adds (sign 1) or removes (sign -1) circle c's facts to or from
// the round's totals.
func (s *search) account(rs *roundState, c int32, sign int) {
	rs.div += sign * int(rs.cdiv[c])
	rs.mgrSum += sign * int(rs.mgrN[c])
	if rs.facN[c] == 0 {
		rs.noFac += sign
	}
	if !rs.slot[c] {
		rs.noSlot += sign
	}
}

// setSlot recomputes circle c's leave-one-out availabilities (loo[i] is the
// AND of the start sets of every member but member i) and whether the
// members share a slot.
func (s *search) setSlot(rs *roundState, c int32) {
	if s.slotFree {
		rs.slot[c] = true
		return
	}
	mem, loo := rs.members(c, s.maxS), rs.loo[int(c)*s.maxS:]
	acc := fullWeek()
	for i := range mem {
		loo[i] = acc
		andInto(&acc, &s.starts[mem[i].pat])
	}
	rs.slot[c] = !acc.IsEmpty()
	acc = fullWeek()
	for i := len(mem) - 1; i >= 0; i-- {
		andInto(&loo[i], &acc)
		andInto(&acc, &s.starts[mem[i].pat])
	}
}

// slotWith reports whether circle c of round rs, with the member at
// position i replaced by someone of availability pattern pat, shares a
// slot.
func (s *search) slotWith(rs *roundState, c int32, i int, pat int32) bool {
	loo := &rs.loo[int(c)*s.maxS+i]
	st := &s.starts[pat]
	any := uint64(0)
	for i := range loo {
		any |= loo[i] & st[i]
	}
	return any != 0
}

func andInto(dst, src *schedule.Week) {
	for i := range dst {
		dst[i] &= src[i]
	}
}

// setCirc puts person p in circle c in round r.
func (s *search) setCirc(p int32, r int, c int32) {
	s.circ[int(p)*s.R+r] = c
	if s.pack != nil {
		w := &s.pack[int(p)*s.words+r/8]
		shift := 8 * (r % 8)
		*w = *w&^(0xFF<<shift) | uint64(c+1)<<shift
	}
}

// metElsewhere reports whether x and y share a circle in a placed round
// other than r, or in the history.
func (s *search) metElsewhere(x, y int32, r int) bool {
	if s.pack != nil {
		px := s.pack[int(x)*s.words : int(x)*s.words+s.words]
		py := s.pack[int(y)*s.words : int(y)*s.words+s.words]
		for w := range px {
			// A round where both are placed (non-zero byte) in the same
			// circle (zero byte of the XOR), other than r.
			eq := ^nonZeroBytes(px[w]^py[w]) & nonZeroBytes(px[w])
			if r/8 == w {
				eq &^= 0x80 << (8 * (r % 8))
			}
			if eq != 0 {
				return true
			}
		}
		return s.hist != nil && s.metInHistory(x, y)
	}
	cx := s.circ[int(x)*s.R : int(x)*s.R+s.built]
	cy := s.circ[int(y)*s.R : int(y)*s.R+s.built]
	for i, c := range cx {
		if c == cy[i] && i != r {
			return true
		}
	}
	return s.hist != nil && s.metInHistory(x, y)
}

// nonZeroBytes returns u with the high bit of each byte set iff the byte is
// not zero, and every other bit clear.
func nonZeroBytes(u uint64) uint64 {
	const low7, high = 0x7F7F_7F7F_7F7F_7F7F, 0x8080_8080_8080_8080
	return ((u & low7) + low7 | u) & high
}

// metBefore reports whether x and y met in the history or a round before r.
func (s *search) metBefore(x, y int32, r int) bool {
	for i := range r {
		if s.circ[int(x)*s.R+i] == s.circ[int(y)*s.R+i] {
			return true
		}
	}
	return s.hist != nil && s.metInHistory(x, y)
}

// countRepeats counts RepeatPairs over the placed rounds from scratch: a
// pair in a circle of round r repeats if it met in the history or in an
// earlier round.
func (s *search) countRepeats() int {
	if !s.trackRep {
		return 0
	}
	n := 0
	for r := range s.built {
		rs := &s.rs[r]
		for c := range int32(len(rs.size)) {
			mem := rs.members(c, s.maxS)
			for i := range mem {
				for j := i + 1; j < len(mem); j++ {
					if s.metBefore(mem[i].id, mem[j].id, r) {
						n++
					}
				}
			}
		}
	}
	return n
}

// hardViolations counts manager/report pairs sharing a circle and circles
// without a facilitator, over the placed rounds.
func (s *search) hardViolations() int {
	v := 0
	for r := range s.built {
		v += s.rs[r].mgrSum + s.rs[r].noFac
	}
	return v
}

// noSlot counts circles without a slot over the placed rounds.
func (s *search) noSlot() int {
	n := 0
	for r := range s.built {
		n += s.rs[r].noSlot
	}
	return n
}

// cost is the lexicographic objective of the placed rounds as one number
// (lower is better).
func (s *search) cost() int64 {
	var c int64
	for r := range s.built {
		rs := &s.rs[r]
		c += s.wHard*int64(rs.mgrSum+rs.noFac) + s.wSlot*int64(rs.noSlot) - int64(rs.div)
	}
	return c + s.wRep*int64(s.repeats)
}

// conflict reports whether x manages y or y manages x.
func conflict(x, y *member) bool {
	return x.mgr == y.id || y.mgr == x.id
}

// facDelta returns the change in circles without a facilitator if x (in
// circle a) and y (in circle b) swap.
func facDelta(rs *roundState, x, y *member, a, b int32) int {
	if x.fac == y.fac {
		return 0
	}
	fa, fb := rs.facN[a], rs.facN[b]
	if x.fac {
		fa, fb = fa-1, fb+1
	} else {
		fa, fb = fa+1, fb-1
	}
	return b2i(fa == 0) - b2i(rs.facN[a] == 0) + b2i(fb == 0) - b2i(rs.facN[b] == 0)
}

// swapCost returns the change of cost if p and q, in different circles of
// round r, swap; the change of repeats counts only if withRep. If the
// change is certainly not below limit it may stop early and report ok
// false.
func (s *search) swapCost(r int, p, q int32, limit int64, withRep bool) (delta int64, ok bool) {
	rs := &s.rs[r]
	a, b := s.circ[int(p)*s.R+r], s.circ[int(q)*s.R+r]
	A, B := rs.members(a, s.maxS), rs.members(b, s.maxS)
	x, y := s.rec(r, p), s.rec(r, q)
	// Sums over whole circles, which count the pair p, q once on each side.
	div := -2*s.keyDist(x.key^y.key) - int(x.tot+y.tot)
	mgr := -2*b2i(conflict(x, y)) - int(x.cm+y.cm)
	rep := 0
	for i := range A {
		div += s.keyDist(A[i].key ^ y.key)
		mgr += b2i(conflict(y, &A[i]))
	}
	for i := range B {
		div += s.keyDist(B[i].key ^ x.key)
		mgr += b2i(conflict(x, &B[i]))
	}
	if withRep && s.trackRep {
		rep = -2*b2i(s.metElsewhere(p, q, r)) - int(x.rp+y.rp)
		for i := range A {
			rep += b2i(s.metElsewhere(q, A[i].id, r))
		}
		for i := range B {
			rep += b2i(s.metElsewhere(p, B[i].id, r))
		}
	}
	delta = s.wHard*int64(mgr+facDelta(rs, x, y, a, b)) + s.wRep*int64(rep) - int64(div)
	return s.withSlot(rs, x, y, a, b, int(s.pos[int(p)*s.R+r]), int(s.pos[int(q)*s.R+r]), delta, limit)
}

// withSlot adds the change of circles without a slot to delta, the rest of
// the cost of swapping x (position i of circle a) and y (position j of
// circle b), unless that change cannot bring it below limit.
func (s *search) withSlot(rs *roundState, x, y *member, a, b int32, i, j int, delta, limit int64) (int64, bool) {
	if s.slotFree || x.pat == y.pat {
		return delta, true
	}
	cur := b2i(!rs.slot[a]) + b2i(!rs.slot[b])
	if delta-s.wSlot*int64(cur) >= limit {
		return delta - s.wSlot*int64(cur), false
	}
	next := b2i(!s.slotWith(rs, a, i, y.pat)) + b2i(!s.slotWith(rs, b, j, x.pat))
	return delta + s.wSlot*int64(next-cur), true
}

// partnerDeltas writes to out[j] the change of cost if p swaps with the
// j-th member of circle b (not p's) of round r, and returns out. An entry
// not below limit may be any value not below limit. The sums over p's
// circle are the only per-partner work; p's side is done once.
func (s *search) partnerDeltas(r int, p, b int32, limit int64, out []int64) []int64 {
	rs := &s.rs[r]
	a, ip := s.circ[int(p)*s.R+r], int(s.pos[int(p)*s.R+r])
	A, B := rs.members(a, s.maxS), rs.members(b, s.maxS)
	x := &A[ip]
	out = out[:len(B)]
	// p against circle b: distances, conflicts and repeats with each member.
	sumD, sumC, sumI := 0, 0, 0
	for j := range B {
		d, c := s.keyDist(B[j].key^x.key), b2i(conflict(x, &B[j]))
		s.bufD[j], s.bufC[j] = d, c
		sumD, sumC = sumD+d, sumC+c
		if s.trackRep {
			i := b2i(s.metElsewhere(p, B[j].id, r))
			s.bufI[j] = i
			sumI += i
		}
	}
	for j := range B {
		y := &B[j]
		da, ca, ia := 0, 0, 0
		for i := range A {
			da += s.keyDist(A[i].key ^ y.key)
		}
		if y.rel {
			for i := range A {
				ca += b2i(conflict(y, &A[i]))
			}
		}
		if s.trackRep {
			for i := range A {
				ia += b2i(s.metElsewhere(y.id, A[i].id, r))
			}
		}
		// The whole-circle sums count the pair p, q on both sides.
		div := da + sumD - 2*s.bufD[j] - int(x.tot+y.tot)
		mgr := ca + sumC - 2*s.bufC[j] - int(x.cm+y.cm)
		rep := 0
		if s.trackRep {
			rep = ia + sumI - 2*s.bufI[j] - int(x.rp+y.rp)
		}
		delta := s.wHard*int64(mgr+facDelta(rs, x, y, a, b)) + s.wRep*int64(rep) - int64(div)
		out[j], _ = s.withSlot(rs, x, y, a, b, ip, j, delta, limit)
	}
	return out
}

// swap exchanges p and q, in different circles of round r, and updates the
// cached facts incrementally: O(size) per circle for the records, O(size *
// 11 words) for the slot, and, with repeats, O(rounds * size) for the pairs
// with p and q in the other rounds, whose status may change.
func (s *search) swap(r int, p, q int32) {
	rs := &s.rs[r]
	ip, iq := int(p)*s.R+r, int(q)*s.R+r
	a, b := s.circ[ip], s.circ[iq]
	// Status, before the swap, of the pairs with p and q in other rounds.
	old := s.bufOld[:0]
	if s.trackRep {
		for rr := range s.built {
			if rr == r {
				continue
			}
			for _, x := range [2]int32{p, q} {
				for _, m := range s.rs[rr].members(s.circ[int(x)*s.R+rr], s.maxS) {
					old = append(old, s.metElsewhere(x, m.id, rr))
				}
			}
		}
	}
	s.account(rs, a, -1)
	s.account(rs, b, -1)
	ia, ib := int(a)*s.maxS+int(s.pos[ip]), int(b)*s.maxS+int(s.pos[iq])
	s.repeats += s.replace(rs, a, ia, p, q) + s.replace(rs, b, ib, q, p)
	s.pos[ip], s.pos[iq] = s.pos[iq], s.pos[ip]
	s.setCirc(p, r, b)
	s.setCirc(q, r, a)
	s.setSlot(rs, a)
	s.setSlot(rs, b)
	s.account(rs, a, 1)
	s.account(rs, b, 1)
	if s.trackRep {
		k := 0
		for rr := range s.built {
			if rr == r {
				continue
			}
			o := &s.rs[rr]
			for _, x := range [2]int32{p, q} {
				rx := s.rec(rr, x)
				for i, m := range o.members(s.circ[int(x)*s.R+rr], s.maxS) {
					was := old[k]
					k++
					if m.id == p || m.id == q {
						continue // p and q stay apart in round r
					}
					if now := s.metElsewhere(x, m.id, rr); now != was {
						d := int32(b2i(now) - b2i(was))
						rx.rp += d
						o.slab[int(s.circ[int(x)*s.R+rr])*s.maxS+i].rp += d
					}
				}
			}
		}
		s.bufOld = old
	}
}

// replace puts person in in place of person out at slab index i of circle c
// of round rs, updating the circle's members, facts and caches; it returns
// the change of repeats.
func (s *search) replace(rs *roundState, c int32, i int, out, in int32) int {
	r := rs.index
	mem := rs.members(c, s.maxS)
	x := rs.slab[i]
	var y member
	s.setMember(&y, in)
	div, mgr, rep := int32(0), int32(0), 0
	for j := range mem {
		m := &mem[j]
		if int(c)*s.maxS+j == i {
			continue
		}
		dd := int32(s.keyDist(m.key^y.key) - s.keyDist(m.key^x.key))
		dc := int32(b2i(conflict(m, &y)) - b2i(conflict(m, &x)))
		m.tot += dd
		m.cm += dc
		div += dd
		mgr += dc
		y.tot += int32(s.keyDist(m.key ^ y.key))
		y.cm += int32(b2i(conflict(m, &y)))
		if s.trackRep {
			di := b2i(s.metElsewhere(m.id, in, r)) - b2i(s.metElsewhere(m.id, out, r))
			m.rp += int32(di)
			rep += di
			y.rp += int32(b2i(s.metElsewhere(m.id, in, r)))
		}
	}
	rs.slab[i] = y
	rs.cdiv[c] += div
	rs.mgrN[c] += mgr
	rs.facN[c] += int32(b2i(y.fac) - b2i(x.fac))
	return rep
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// gcd returns the greatest common divisor of a and b, both at least 0.
func gcd(a, b int64) int64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}
