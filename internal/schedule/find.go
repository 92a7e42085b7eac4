package schedule

import (
	"slices"
	"time"
)

// Member is one person in a group to schedule.
type Member struct {
	ID    string
	Zone  *time.Location // the person's IANA zone; nil means UTC
	Hours Hours          // working hours, Monday to Friday, local time
}

// Result is the outcome of Find.
type Result struct {
	// Slots lists, by start step, every weekly slot of the requested length
	// inside every member's availability over the whole date range.
	Slots []Slot
	// Best is the slot to propose. When Found, it is the slot of Slots
	// closest to the middle of the members' working days. Otherwise it is
	// the slot that the most members can make, closest to the middle of
	// those members' days, and Blockers lists who cannot make it.
	Best  Slot
	Found bool
	// Blockers lists the IDs of the members who cannot make Best, sorted;
	// it is empty when Found.
	Blockers []string
}

// StepsFor returns the number of steps a meeting of the given length needs:
// minutes rounded up to whole steps, at least one.
func StepsFor(minutes int) int {
	return max(1, (minutes+StepMinutes-1)/StepMinutes)
}

// Find finds the weekly UTC slots of the given length (rounded up to whole
// steps, see StepsFor) that lie inside every member's working hours in
// every week that overlaps [from, to], and picks the best one; see Result
// and the package documentation for the rule. An empty group can meet at
// any time. Find uses a fresh Cache; use Cache.Find to share one.
func Find(members []Member, minutes int, from, to time.Time) Result {
	var c Cache
	return c.Find(members, minutes, from, to)
}

// Find is Find with availabilities taken from, and added to, the cache.
//
// With n members, Find costs n cached availabilities, O(n) word operations
// to intersect them, and O(n) time-zone conversions to score each
// candidate slot: O(n*StepsPerWeek) at worst. When no slot exists it also
// counts, for every start, the members who can make it: O(n*StepsPerWeek).
func (c *Cache) Find(members []Member, minutes int, from, to time.Time) Result {
	steps := StepsFor(minutes)
	avails := make([]Week, len(members))
	for i, m := range members {
		avails[i] = c.Availability(m.Zone, m.Hours, from, to)
	}
	sc := newScorer(members, avails, from, steps)

	starts := Intersect(avails).Starts(steps)
	if !starts.IsEmpty() {
		res := Result{Found: true}
		bestScore := int64(-1)
		for _, s := range starts.AppendSteps(make([]int, 0, starts.Count())) {
			slot := Slot{Start: s, Steps: steps}
			res.Slots = append(res.Slots, slot)
			// Strictly lower wins, so ties keep the earliest step.
			if score := sc.score(s, false); bestScore < 0 || score < bestScore {
				res.Best, bestScore = slot, score
			}
		}
		return res
	}

	// No common slot: find the starts the most members can make.
	var count [StepsPerWeek]int
	memberStarts := make([]Week, len(members))
	for i, a := range avails {
		memberStarts[i] = a.Starts(steps)
		for _, s := range memberStarts[i].AppendSteps(nil) {
			count[s]++
		}
	}
	most := slices.Max(count[:])
	res := Result{Best: Slot{Start: 0, Steps: steps}}
	bestScore := int64(-1)
	for s, n := range count {
		if n != most {
			continue
		}
		// Score over the members who can come, or over everyone when
		// nobody can.
		if score := sc.score(s, most > 0); bestScore < 0 || score < bestScore {
			res.Best.Start, bestScore = s, score
		}
	}
	for i, m := range members {
		if !memberStarts[i].Has(res.Best.Start) {
			res.Blockers = append(res.Blockers, m.ID)
		}
	}
	slices.Sort(res.Blockers)
	return res
}

// scorer scores a slot start by how far, summed over the members, the
// slot's middle is from the middle of each member's working day, on their
// wall clock in the week that holds the representative date.
type scorer struct {
	mid    int64 // Unix time of the middle of a slot starting at step 0
	groups []scoreGroup
}

// scoreGroup is the members that share a zone and working hours, which
// score alike and can make the same slots.
type scoreGroup struct {
	zone   *time.Location
	midday int64 // middle of the working day, seconds after midnight
	n      int64 // members in the group
	starts Week  // the starts of slots they can make
}

func newScorer(members []Member, avails []Week, on time.Time, steps int) *scorer {
	sc := &scorer{mid: WeekStart(on).Unix() + int64(steps)*stepSeconds/2}
	index := map[cacheKey]int{}
	for mi, m := range members {
		zone := m.Zone
		if zone == nil {
			zone = time.UTC
		}
		key := cacheKey{zone: zone.String(), hours: m.Hours}
		g, ok := index[key]
		if !ok {
			g = len(sc.groups)
			index[key] = g
			sc.groups = append(sc.groups, scoreGroup{zone: zone, midday: m.Hours.midday(), starts: avails[mi].Starts(steps)})
		}
		sc.groups[g].n++
	}
	return sc
}

// score returns the sum of the members' distances, in seconds, between the
// middle of a slot starting at step s and the middle of their working day;
// with onlyAvailable, only over the members who can make the slot.
func (sc *scorer) score(s int, onlyAvailable bool) int64 {
	t := time.Unix(sc.mid+int64(s)*stepSeconds, 0)
	var sum int64
	for _, g := range sc.groups {
		if onlyAvailable && !g.starts.Has(s) {
			continue
		}
		_, off := t.In(g.zone).Zone()
		d := mod(t.Unix()+int64(off), daySeconds) - g.midday
		// Around the clock, for slots that span midnight.
		d = max(d, -d)
		sum += g.n * min(d, daySeconds-d)
	}
	return sum
}

// FindWeek returns, in increasing order, the start steps of the runs of
// steps consecutive steps (wrapping from Sunday to Monday) that lie in
// every week of avails; steps below 1 count as 1. It allocates only the
// result, and nothing when there is none. In a hot loop that only asks
// whether a slot exists, use Intersect(avails).Starts(steps), which does
// not allocate at all.
func FindWeek(avails []Week, steps int) []int {
	starts := Intersect(avails).Starts(steps)
	if starts.IsEmpty() {
		return nil
	}
	return starts.AppendSteps(make([]int, 0, starts.Count()))
}
