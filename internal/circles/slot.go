package circles

import "github.com/kindredhq/kindred/internal/schedule"

// The availability helpers below use only Week's representation as an array
// of 64-bit words (bit s%64 of word s/64 is step s), so they stay
// independent of the rest of package schedule.

// lastBits is the number of steps held in the last word of a Week.
const lastBits = schedule.StepsPerWeek - 64*(len(schedule.Week{})-1)

// rotate returns the week whose step s is w's step s+k, modulo the week.
func rotate(w schedule.Week, k int) schedule.Week {
	const n = len(schedule.Week{})
	k %= schedule.StepsPerWeek
	if k < 0 {
		k += schedule.StepsPerWeek
	}
	// Lay the week out twice in a row, then read StepsPerWeek bits from k.
	var buf [2*n + 1]uint64
	put := func(off int, v uint64) {
		buf[off/64] |= v << (off % 64)
		if off%64 != 0 {
			buf[off/64+1] |= v >> (64 - off%64)
		}
	}
	for copyAt := 0; copyAt < 2*schedule.StepsPerWeek; copyAt += schedule.StepsPerWeek {
		for i, v := range w {
			if i == n-1 {
				v &= 1<<lastBits - 1
			}
			put(copyAt+64*i, v)
		}
	}
	var out schedule.Week
	for i := range out {
		off := k + 64*i
		v := buf[off/64] >> (off % 64)
		if off%64 != 0 {
			v |= buf[off/64+1] << (64 - off%64)
		}
		out[i] = v
	}
	out[n-1] &= 1<<lastBits - 1
	return out
}

// startsOf returns the steps s at which w holds a run of k steps s, s+1,
// ..., s+k-1 (wrapping from Sunday to Monday). It doubles run lengths, so it
// costs O(log k) rotations.
func startsOf(w schedule.Week, k int) schedule.Week {
	res := fullWeek()
	resLen := 0
	cur, curLen := w, 1
	for k > 0 {
		if k&1 == 1 {
			res = res.And(rotate(cur, resLen))
			resLen += curLen
		}
		k >>= 1
		if k > 0 {
			cur = cur.And(rotate(cur, curLen))
			curLen *= 2
		}
	}
	return res
}

// hasRun reports whether w holds k consecutive steps, wrapping from Sunday
// to Monday.
func hasRun(w schedule.Week, k int) bool {
	return !startsOf(w, k).IsEmpty()
}

func fullWeek() schedule.Week {
	var w schedule.Week
	for i := range w {
		w[i] = ^uint64(0)
	}
	w[len(w)-1] = 1<<lastBits - 1
	return w
}

// chooseSlot returns the start step in the middle of the longest cyclic run
// of possible starts, or -1 if there is none. The middle leaves the most
// room on both sides, which is the best one can do without time zones.
func chooseSlot(starts schedule.Week) int {
	const n = schedule.StepsPerWeek
	if starts.IsEmpty() {
		return -1
	}
	if starts.Count() == n {
		return n / 2
	}
	// Begin just after an unset step so no run is split by the wrap.
	origin := 0
	for starts.Has(origin) {
		origin++
	}
	bestStart, bestLen, runStart, runLen := -1, 0, 0, 0
	for i := 1; i <= n; i++ {
		s := (origin + i) % n
		if starts.Has(s) {
			if runLen == 0 {
				runStart = s
			}
			runLen++
			if runLen > bestLen {
				bestStart, bestLen = runStart, runLen
			}
		} else {
			runLen = 0
		}
	}
	return (bestStart + (bestLen-1)/2) % n
}
