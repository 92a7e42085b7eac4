package matching

// smallBonus is the bonus Solve starts with under Participation: enough
// for a mentee who can simply take a free seat to take it, and small
// enough to keep prices at the scale of the scores. The matching it gives
// is then checked for maximum cardinality (see cover); in the rare case
// that it is not maximum the bonus is raised to needBonus.
const smallBonus = MaxScore + 1

// A matching of maximum weight for score + bonus, for any bonus >= 0, that
// also has the most pairs, is optimal under Participation: among matchings
// with that many pairs the bonus adds the same amount to each. Maximum
// cardinality is proved by a König cover: mentees and mentors such that
// every allowed arc touches one of them, whose count (a mentor counting its
// capacity) equals the number of pairs.

// cover returns, if no augmenting path exists, a König cover of the free
// part of the matching: the free matched mentees not reachable from an
// unmatched mentee by an alternating path, and the mentors that are
// reachable (all of them full). ok is false if some reachable mentor has
// room, that is if the matching does not have the most pairs.
func (s *ssp) cover() (mentees, mentors []int32, ok bool) {
	in := s.in
	n, m := in.numMentees, len(in.capLeft)
	seenI := make([]bool, n)
	seenJ := make([]bool, m)
	stack := make([]int32, 0, 64)
	for i := range int32(n) {
		if s.matchArc[i] < 0 && in.first[i] < in.first[i+1] {
			seenI[i] = true
			stack = append(stack, i)
		}
	}
	for len(stack) > 0 {
		i := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for a := in.first[i]; a < in.first[i+1]; a++ {
			j := in.mentor[a]
			if seenJ[j] {
				continue
			}
			seenJ[j] = true
			if s.load[j] < in.capLeft[j] {
				return nil, nil, false
			}
			for _, h := range s.slots[s.slotAt[j] : s.slotAt[j]+s.load[j]] {
				if !seenI[h] {
					seenI[h] = true
					stack = append(stack, h)
				}
			}
		}
	}
	for i := range int32(n) {
		if s.matchArc[i] >= 0 && !seenI[i] {
			mentees = append(mentees, i)
		}
	}
	for j := range int32(m) {
		if seenJ[j] {
			mentors = append(mentors, j)
		}
	}
	return mentees, mentors, true
}
