package circles

import (
	"context"
	"slices"
)

// transferSlots gives circles of round r without a slot one by changing
// sizes, when Options allow a range of sizes: the members of such a circle
// who cannot make a time the rest can move to other circles that can take
// them (below the largest size, keeping their slot, no manager or report
// there), if the circle keeps the smallest size and a facilitator. Swaps
// cannot do this: when a region's people do not fill whole circles of the
// even sizes Form starts with, the one left over cannot meet anywhere,
// however the others are arranged. The round is rebuilt per transfer
// (O(N)), and only circles the repair left without a slot are tried, so
// this is rare and small. When no transfer keeps every other slot, a
// member may join a circle whose slot they cannot make, and the swaps of
// repairSlots then mend that circle; the round is restored unless fewer
// circles lack a slot in the end.
func (s *search) transferSlots(ctx context.Context, r int) error {
	rs := &s.rs[r]
	if !s.sizesMayChange() || rs.noSlot == 0 {
		return nil
	}
	for _, loose := range []bool{false, true} {
		for c := range int32(len(rs.size)) {
			if rs.slot[c] {
				continue
			}
			for _, t := range s.repairTargets(rs, c) {
				ok, err := s.transferAt(ctx, r, c, t, loose)
				if err != nil {
					return err
				}
				if ok {
					break
				}
			}
		}
	}
	return nil
}

// sizesMayChange reports whether transfers may make circles of other sizes
// than Form starts with: when Options allow a range of sizes and not
// everyone shares the same slots.
func (s *search) sizesMayChange() bool {
	return !s.slotFree && s.minSize < s.maxSize
}

// transferAt moves every member of circle c of round r who cannot start at
// step t to another circle, first filling c up to the smallest size with
// people who can (see pullIn), and keeps the result if the round then has
// fewer circles without a slot and no more broken rules.
func (s *search) transferAt(ctx context.Context, r int, c int32, t int, loose bool) (bool, error) {
	rs := &s.rs[r]
	lists := s.roundLists(r)
	var stay, leave []int32
	for _, p := range lists[c] {
		if s.starts[s.pat[p]].Has(t) {
			stay = append(stay, p)
		} else {
			leave = append(leave, p)
		}
	}
	if len(leave) == 0 {
		return false, nil
	}
	next := make([][]int32, len(lists))
	for i, l := range lists {
		next[i] = append([]int32(nil), l...)
	}
	next[c] = stay
	if len(stay) < s.minSize && !s.pullIn(next, c, t) {
		return false, nil
	}
	for _, p := range leave {
		d := s.transferTarget(next, c, p, loose)
		if d < 0 {
			return false, nil
		}
		next[d] = append(next[d], p)
	}
	for _, l := range next {
		if len(l) < s.minSize {
			return false, nil
		}
	}
	hard, noSlot := rs.mgrSum+rs.noFac, rs.noSlot
	s.place(r, next)
	s.repeats = s.countRepeats()
	rs = &s.rs[r]
	if loose && rs.mgrSum+rs.noFac <= hard && rs.slot[c] {
		// The circles that took a member who cannot meet them: swaps may
		// now give them a slot.
		if err := s.repairSlots(ctx, r); err != nil {
			return false, err
		}
	}
	if rs.mgrSum+rs.noFac <= hard && rs.noSlot < noSlot {
		return true, nil
	}
	s.place(r, lists)
	s.repeats = s.countRepeats()
	return false, nil
}

// pullIn fills circle c of lists up to the smallest size with people
// who can start at step t, with no manager or report in c, the most
// diverse first; taken from circles above the smallest size, or at it, if
// a member leaving c then fills the gap (see transferTarget). It reports
// whether c reached the smallest size.
func (s *search) pullIn(lists [][]int32, c int32, t int) bool {
	for len(lists[c]) < s.minSize {
		best, bestD, bestGain := int32(-1), -1, -1
		for d, l := range lists {
			if int32(d) == c || len(l) < s.minSize {
				continue
			}
			for _, p := range l {
				if !s.starts[s.pat[p]].Has(t) {
					continue
				}
				if gain, ok := s.joinGain(lists[c], p); ok && gain > bestGain {
					best, bestD, bestGain = p, d, gain
				}
			}
		}
		if best < 0 {
			return false
		}
		lists[bestD] = slices.DeleteFunc(lists[bestD], func(q int32) bool { return q == best })
		lists[c] = append(lists[c], best)
	}
	return true
}

// joinGain returns the diversity p adds to a circle of the given members,
// and false if p would meet their manager or a report there.
func (s *search) joinGain(members []int32, p int32) (int, bool) {
	gain := 0
	for _, q := range members {
		if s.mgr[q] == p || s.mgr[p] == q {
			return 0, false
		}
		gain += s.dist(p, q)
	}
	return gain, true
}

// transferTarget returns the circle of lists, not c, that p joins: one
// below the largest size where p meets no manager or report and, unless
// loose, keeps the circle's slot; below the smallest size if there is one
// (pullIn may have left one there), else the one p adds the most diversity
// to; -1 if there is none. Loose, p may join a circle whose slot p cannot
// make, for a repair to mend: the one where most members share a start
// with p.
func (s *search) transferTarget(lists [][]int32, c, p int32, loose bool) int32 {
	best, bestGain, bestShort := int32(-1), -1, false
	for d, l := range lists {
		if int32(d) == c || len(l) >= s.maxSize {
			continue
		}
		short := len(l) < s.minSize
		gain, ok := s.joinGain(l, p)
		if !ok {
			continue
		}
		w, fit := s.starts[s.pat[p]], 0
		for _, q := range l {
			w = w.And(s.starts[s.pat[q]])
			if !s.starts[s.pat[p]].And(s.starts[s.pat[q]]).IsEmpty() {
				fit++
			}
		}
		switch {
		case loose:
			gain = fit
		case w.IsEmpty():
			continue
		}
		if bestShort && !short || short == bestShort && gain <= bestGain {
			continue
		}
		best, bestGain, bestShort = int32(d), gain, short
	}
	return best
}

// roundLists returns the members of each circle of round r.
func (s *search) roundLists(r int) [][]int32 {
	rs := &s.rs[r]
	lists := make([][]int32, len(rs.size))
	for c := range lists {
		for _, m := range rs.members(int32(c), s.maxS) {
			lists[c] = append(lists[c], m.id)
		}
	}
	return lists
}
