package schedule

import "math/bits"

// StepMinutes is the resolution of a Week: 15 minutes, fine enough for
// zones at +5:30 (India), +5:45 (Nepal) and +12:45 (Chatham).
const StepMinutes = 15

// StepsPerDay is the number of steps in one day.
const StepsPerDay = 24 * 60 / StepMinutes

// StepsPerWeek is the number of steps in one week (672).
const StepsPerWeek = 7 * StepsPerDay

// weekWords is the number of 64-bit words needed to hold StepsPerWeek bits.
const weekWords = (StepsPerWeek + 63) / 64

// Week is a set of 15-minute steps of a week in UTC. Step 0 is Monday
// 00:00-00:15 UTC and step StepsPerWeek-1 is Sunday 23:45-24:00 UTC.
// The zero value is the empty set. Week is a value type: copying it copies
// the set.
type Week [weekWords]uint64

// Set adds step s (taken modulo StepsPerWeek) to the set.
func (w *Week) Set(s int) {
	s = mod(s, StepsPerWeek)
	w[s/64] |= 1 << (s % 64)
}

// Has reports whether step s (taken modulo StepsPerWeek) is in the set.
func (w Week) Has(s int) bool {
	s = mod(s, StepsPerWeek)
	return w[s/64]&(1<<(s%64)) != 0
}

// And returns the intersection of w and o.
func (w Week) And(o Week) Week {
	for i := range w {
		w[i] &= o[i]
	}
	return w
}

// Count returns the number of steps in the set.
func (w Week) Count() int {
	n := 0
	for _, x := range w {
		n += bits.OnesCount64(x)
	}
	return n
}

// IsEmpty reports whether the set has no steps.
func (w Week) IsEmpty() bool {
	for _, x := range w {
		if x != 0 {
			return false
		}
	}
	return true
}

// mod is a modulo m that is never negative.
func mod[T int | int64](a, m T) T {
	a %= m
	if a < 0 {
		a += m
	}
	return a
}

// lastWordBits is the number of steps held in the last word of a Week; the
// bits above them are always zero.
const lastWordBits = StepsPerWeek - 64*(weekWords-1)

// lastWordMask selects the steps held in the last word of a Week.
const lastWordMask = 1<<lastWordBits - 1

// FullWeek returns the week with every step set.
func FullWeek() Week {
	var w Week
	for i := range w {
		w[i] = ^uint64(0)
	}
	w[weekWords-1] = lastWordMask
	return w
}

// Or returns the union of w and o.
func (w Week) Or(o Week) Week {
	for i := range w {
		w[i] |= o[i]
	}
	return w
}

// Intersect returns the steps set in every week of weeks, or FullWeek() if
// weeks is empty. It does not allocate.
func Intersect(weeks []Week) Week {
	res := FullWeek()
	for i := range weeks {
		w := &weeks[i]
		for j := range res {
			res[j] &= w[j]
		}
	}
	return res
}

// Starts returns the steps s at which w holds a run of n consecutive steps
// s, s+1, ..., s+n-1, wrapping from Sunday to Monday (step StepsPerWeek-1 is
// followed by step 0). A run of n steps holds a meeting of n*StepMinutes
// minutes starting at s. Counts below 1 count as 1; Starts of more than
// StepsPerWeek steps is empty.
//
// Starts doubles run lengths, so it costs O(log n) rotations of the
// 11-word set, and does not allocate.
func (w Week) Starts(n int) Week {
	switch {
	case n <= 1:
		return w
	case n > StepsPerWeek:
		return Week{}
	}
	// res holds the starts of runs of resLen steps, cur those of curLen.
	res, resLen := FullWeek(), 0
	cur, curLen := w, 1
	for {
		if n&1 == 1 {
			res = res.And(cur.rotate(resLen))
			resLen += curLen
		}
		n >>= 1
		if n == 0 {
			return res
		}
		cur = cur.And(cur.rotate(curLen))
		curLen *= 2
	}
}

// rotate returns the week whose step s is w's step s+k, modulo the week.
func (w Week) rotate(k int) Week {
	k = mod(k, StepsPerWeek)
	if k == 0 {
		return w
	}
	// Lay the week out twice in a row, then read StepsPerWeek bits from
	// bit k. The second copy starts at bit StepsPerWeek, inside the last
	// word of the first.
	var buf [2 * weekWords]uint64
	copy(buf[:], w[:])
	for i, v := range w {
		buf[weekWords-1+i] |= v << lastWordBits
		buf[weekWords+i] |= v >> (64 - lastWordBits)
	}
	var out Week
	for i := range out {
		off := k + 64*i
		q, r := off/64, uint(off%64)
		// A shift by 64 yields 0 in Go, so r == 0 needs no special case.
		out[i] = buf[q]>>r | buf[q+1]<<(64-r)
	}
	out[weekWords-1] &= lastWordMask
	return out
}

// AppendSteps appends the steps of w to dst in increasing order and returns
// the extended slice.
func (w Week) AppendSteps(dst []int) []int {
	for i, x := range w {
		for x != 0 {
			dst = append(dst, 64*i+bits.TrailingZeros64(x))
			x &= x - 1
		}
	}
	return dst
}
