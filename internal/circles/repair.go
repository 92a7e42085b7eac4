package circles

import (
	"context"
	"math/bits"
	"math/rand/v2"
	"slices"

	"github.com/kindredhq/kindred/internal/schedule"
)

// Budgets of the slot repair, per unit of Options.Effort.
const (
	repairPasses  = 10  // passes over the circles without a slot, at most
	repairTargets = 12  // meeting times tried per circle
	repairTries   = 200 // partners sampled per member who cannot come
	repairWalk    = 100 // steps of the walk of walkSlots
	repairFound   = 8   // partners compared, of those that keep the rules and slots
)

// repairSlots gives circles of round r that have no meeting slot one, by
// a compound move the exchange search cannot find one swap at a time. For
// such a circle it picks a weekly time most members can make (a target),
// and swaps each member who cannot make it with someone who can, taken from
// another circle that keeps its own slot with the newcomer. Each of those
// swaps alone leaves the circle without a slot, so costs nothing the
// search values and only the last one pays; the exchange search would
// reject the first. The whole chain is made or, if some member finds no
// partner, undone, and the next target is tried.
//
// When people across many time zones take part, a diverse start puts
// people who can never meet in one circle; this is how the plan then
// trades diversity for slots, as the priorities say. Partners are sampled
// from the people who can make the target (an index by availability
// pattern), so a repair costs O(blockers * tries * size), never O(N).
func (s *search) repairSlots(ctx context.Context, r int) error {
	rs := &s.rs[r]
	if s.slotFree || rs.noSlot == 0 || len(rs.size) < 2 {
		return nil
	}
	ix := s.patternIndex()
	circles := make([]int32, len(rs.size))
	for pass := 0; pass < repairPasses*s.effort && rs.noSlot > 0; pass++ {
		if err := ctx.Err(); err != nil {
			return wrapCtx(err)
		}
		circles = rs.withoutSlot(circles[:0])
		s.rng.Shuffle(len(circles), func(i, j int) { circles[i], circles[j] = circles[j], circles[i] })
		fixed := 0
		for _, c := range circles {
			if !rs.slot[c] && s.repairCircle(r, c, ix) {
				fixed++
			}
		}
		if fixed == 0 {
			break
		}
	}
	return s.walkSlots(ctx, r, ix)
}

// walkSlots handles the circles without a slot that no repair fixes, often
// the last one of a round: everyone else is placed, and who is left over
// cannot meet. It moves the lack of a slot around instead: a repair of a
// random such circle whose swaps may each take another circle's slot, as
// long as no more circles lack one than before (a plateau move), then a
// repair of the circles that lost theirs, up to repairWalk times. That
// random walk reaches places from which a plain repair, a swap or a
// rotation, succeeds.
func (s *search) walkSlots(ctx context.Context, r int, ix *patternIndex) error {
	rs := &s.rs[r]
	var open []int32
	for step := 0; step < repairWalk*s.effort && rs.noSlot > 0; step++ {
		if err := ctx.Err(); err != nil {
			return wrapCtx(err)
		}
		open = rs.withoutSlot(open[:0])
		c := open[s.rng.IntN(len(open))]
		if s.repairCircle(r, c, ix) {
			continue
		}
		ts := s.repairTargets(rs, c)
		if len(ts) > 0 {
			s.repairAt(r, c, ts[s.rng.IntN(len(ts))], ix, true)
		}
	}
	return nil
}

// withoutSlot appends the round's circles without a slot to dst.
func (rs *roundState) withoutSlot(dst []int32) []int32 {
	for c := range int32(len(rs.size)) {
		if !rs.slot[c] {
			dst = append(dst, c)
		}
	}
	return dst
}

// patternIndex lists the people of each availability pattern: all of
// them, and the facilitator-eligible ones apart.
type patternIndex struct {
	all, fac [][]int32
}

func (s *search) patternIndex() *patternIndex {
	ix := &patternIndex{all: make([][]int32, len(s.starts)), fac: make([][]int32, len(s.starts))}
	for p, pat := range s.pat {
		ix.all[pat] = append(ix.all[pat], int32(p))
		if s.fac[p] {
			ix.fac[pat] = append(ix.fac[pat], int32(p))
		}
	}
	return ix
}

// sampler draws people at random from the patterns of an index that can
// start at one step (any pattern for a negative step).
type sampler struct {
	lists [][]int32
	total int
}

func newSampler(s *search, lists [][]int32, t int) sampler {
	var sm sampler
	for pat, st := range s.starts {
		if len(lists[pat]) > 0 && (t < 0 || st.Has(t)) {
			sm.lists = append(sm.lists, lists[pat])
			sm.total += len(lists[pat])
		}
	}
	return sm
}

// sample returns k people drawn at random, or, when there are at most k,
// all of them in random order.
func (sm sampler) sample(rng *rand.Rand, k int) []int32 {
	if sm.total > k {
		out := make([]int32, k)
		for i := range out {
			out[i] = sm.pick(rng)
		}
		return out
	}
	out := make([]int32, 0, sm.total)
	for _, l := range sm.lists {
		out = append(out, l...)
	}
	rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

func (sm sampler) pick(rng *rand.Rand) int32 {
	k := rng.IntN(sm.total)
	for _, l := range sm.lists {
		if k < len(l) {
			return l[k]
		}
		k -= len(l)
	}
	panic("circles: sampler out of range")
}

// repairCircle tries to give circle c of round r a slot; see repairSlots.
func (s *search) repairCircle(r int, c int32, ix *patternIndex) bool {
	rs := &s.rs[r]
	for _, t := range s.repairTargets(rs, c) {
		if s.repairAt(r, c, t, ix, false) {
			return true
		}
	}
	return false
}

// repairTargets returns up to repairTargets start steps to try, none that
// nobody in circle c can make and never two at the same time of day
// (working weeks repeat daily, so another day at the same time rarely
// helps). Steps a facilitator of the circle can make come first, since
// facilitators are often just enough for the circles and the one who stays
// need not be replaced by another; then those the most members can make;
// ties in random order.
func (s *search) repairTargets(rs *roundState, c int32) []int {
	var count [schedule.StepsPerWeek]int8
	var facCan schedule.Week
	for _, m := range rs.members(c, s.maxS) {
		if m.fac {
			facCan = facCan.Or(s.starts[m.pat])
		}
		for w, word := range s.starts[m.pat] {
			for word != 0 {
				count[64*w+bits.TrailingZeros64(word)]++
				word &= word - 1
			}
		}
	}
	rank := func(t int) int { return int(count[t]) + b2i(facCan.Has(t))*(s.maxS+1) }
	steps := make([]int, 0, 64)
	for t, k := range count {
		if k > 0 {
			steps = append(steps, t)
		}
	}
	s.rng.Shuffle(len(steps), func(i, j int) { steps[i], steps[j] = steps[j], steps[i] })
	slices.SortStableFunc(steps, func(x, y int) int { return rank(y) - rank(x) })
	var seen [schedule.StepsPerDay]bool
	out := steps[:0]
	for _, t := range steps {
		if len(out) == repairTargets {
			break
		}
		if !seen[t%schedule.StepsPerDay] {
			seen[t%schedule.StepsPerDay] = true
			out = append(out, t)
		}
	}
	return out
}

// repairAt moves every member of circle c of round r who cannot start at
// step t out, for someone who can, and reports whether c then has a slot
// and fewer circles lack one; if not, it undoes its swaps. Each member leaves
// by a direct swap when one of a few sampled partners allows it, else by a
// three-way rotation (see rotateOut). No swap may break a rule or take
// another circle's slot.
func (s *search) repairAt(r int, c int32, t int, ix *patternIndex, walk bool) bool {
	rs := &s.rs[r]
	var blockers []int32
	for _, m := range rs.members(c, s.maxS) {
		if !s.starts[m.pat].Has(t) {
			blockers = append(blockers, m.id)
		}
	}
	if len(blockers) == 0 {
		return false
	}
	// The people who can make t, and the facilitators among them.
	anyone, facs := newSampler(s, ix.all, t), newSampler(s, ix.fac, t)
	everyone, allFacs := newSampler(s, ix.all, -1), newSampler(s, ix.fac, -1)
	ch := chain{s: s, r: r, hard: rs.mgrSum + rs.noFac, noSlot: rs.noSlot}
	if walk {
		ch.slack = len(blockers)
	}
	for _, b := range blockers {
		// The replacement of a circle's only facilitator must be one too,
		// and so must be the bridge of a rotation, for the circle it joins.
		from, bridges := anyone, everyone
		if s.fac[b] && rs.facN[c] == 1 {
			from, bridges = facs, allFacs
		}
		if from.total == 0 || !(s.swapOut(&ch, c, b, from) || !walk && s.rotateOut(&ch, c, b, from, bridges)) {
			ch.undo()
			return false
		}
	}
	// Slots come before repeats and diversity, whatever those lose.
	if rs.slot[c] && (rs.noSlot < ch.noSlot || walk && rs.noSlot == ch.noSlot) {
		return true
	}
	ch.undo()
	return false
}

// chain records the swaps of one repair, to check and undo them.
type chain struct {
	s      *search
	r      int
	hard   int // rule violations of the round before the repair
	noSlot int // circles without a slot before the repair
	slack  int // how many more circles may lack a slot during the repair
	swaps  [][2]int32
}

// try makes the swap of p and q and keeps it if the round has no more rule
// violations and no more circles without a slot than before the repair.
func (ch *chain) try(p, q int32) bool {
	s, rs := ch.s, &ch.s.rs[ch.r]
	s.swap(ch.r, p, q)
	if rs.mgrSum+rs.noFac > ch.hard || rs.noSlot > ch.noSlot+ch.slack {
		s.swap(ch.r, p, q)
		return false
	}
	ch.swaps = append(ch.swaps, [2]int32{p, q})
	return true
}

// undo reverts the chain's swaps, last first.
func (ch *chain) undo() {
	for i := len(ch.swaps) - 1; i >= 0; i-- {
		ch.s.swap(ch.r, ch.swaps[i][0], ch.swaps[i][1])
	}
	ch.swaps = ch.swaps[:0]
}

// swapOut swaps b, of circle c, with the best of the first repairFound
// partners found among repairTries people sampled from `from` (who can
// make the target; all of them if there are no more) whose circle keeps
// its slot with b, and reports whether it found one.
func (s *search) swapOut(ch *chain, c, b int32, from sampler) bool {
	r, rs := ch.r, &s.rs[ch.r]
	bp := s.pat[b]
	best, bq, found := int64(1<<62), int32(-1), 0
	for _, q := range from.sample(s.rng, repairTries) {
		d := s.circ[int(q)*s.R+r]
		if d == c {
			continue
		}
		// Check the slot of q's circle first: most partners fail there.
		if ch.slack == 0 && !s.slotWith(rs, d, int(s.pos[int(q)*s.R+r]), bp) {
			continue
		}
		// Repeats rank the partners but do not rule any out: slots come
		// first. A walk may take q's circle's slot.
		limit := s.wSlot / 2
		if ch.slack > 0 {
			limit += s.wSlot
		}
		if d, ok := s.swapCost(r, b, q, limit, false); !ok || d >= limit {
			continue
		}
		if d, _ := s.swapCost(r, b, q, 1<<62, true); d < best {
			best, bq = d, q
		}
		if found++; found == repairFound {
			break
		}
	}
	return bq >= 0 && ch.try(b, bq)
}

// rotateOut moves b, of circle c, in a three-way rotation: b into circle D
// in place of q, q into circle E in place of x, and x, who can make the
// target, into c. It is what repairs a circle when nobody who can make the
// target sits in a circle that b could join: q bridges the two. Candidates
// are sampled (x from `from`, q from `bridges`; everyone in small plans)
// and kept only if b fits D without q and q fits E without x (two
// availability checks); the first rotation that keeps the rules and every
// other slot is made.
func (s *search) rotateOut(ch *chain, c, b int32, from sampler, bridges sampler) bool {
	r, rs := ch.r, &s.rs[ch.r]
	bp := s.pat[b]
	for _, x := range from.sample(s.rng, repairTries/4) {
		e := s.circ[int(x)*s.R+r]
		if e == c {
			continue
		}
		ix := int(s.pos[int(x)*s.R+r])
		for _, q := range bridges.sample(s.rng, 4*repairTries) {
			d := s.circ[int(q)*s.R+r]
			if d == c || d == e {
				continue
			}
			iq := int(s.pos[int(q)*s.R+r])
			if !s.slotWith(rs, d, iq, bp) || !s.slotWith(rs, e, ix, s.pat[q]) {
				continue
			}
			// b and q trade places, then q (now in c) and x.
			if !ch.try(b, q) {
				continue
			}
			if ch.try(q, x) {
				return true
			}
			s.swap(r, b, q)
			ch.swaps = ch.swaps[:len(ch.swaps)-1]
		}
	}
	return false
}
