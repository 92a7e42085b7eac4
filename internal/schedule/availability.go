package schedule

import (
	"sync"
	"time"

	// The zone database is embedded so that LoadLocation works on hosts
	// without /usr/share/zoneinfo (containers, Windows).
	_ "time/tzdata"
)

const (
	daySeconds  = 24 * 60 * 60
	weekSeconds = 7 * daySeconds
	stepSeconds = StepMinutes * 60
	// mondayEpoch is the Unix time of Monday 1970-01-05 00:00 UTC, the
	// start of the first week after the Unix epoch.
	mondayEpoch = 4 * daySeconds
)

// WeekStart returns the start of the week holding t: the Monday 00:00 UTC
// on or before t. Step s of a Week is the 15 minutes from
// WeekStart(t).Add(s*StepMinutes minutes) in every week.
func WeekStart(t time.Time) time.Time {
	return time.Unix(weekIndex(t)*weekSeconds+mondayEpoch, 0).UTC()
}

// weekIndex numbers weeks from the one starting on Monday 1970-01-05.
func weekIndex(t time.Time) int64 {
	return floorDiv(t.Unix()-mondayEpoch, weekSeconds)
}

// weekSpan returns the first week overlapping [from, to] and the number of
// weeks that do; a to before from is read as from.
func weekSpan(from, to time.Time) (first int64, n int) {
	first, last := weekIndex(from), weekIndex(to)
	return first, int(max(last, first) - first + 1)
}

// Availability returns the steps of the week, in UTC, that lie inside the
// working hours h in zone in every week that overlaps [from, to]. Weeks
// start on Monday 00:00 UTC, so the first and last weeks count whole even
// when from and to fall inside them; a to before from is read as from.
//
// A step is inside when every instant of its 15 minutes, seen on a wall
// clock in zone, falls on Monday to Friday at a time of day in
// [h.Start, h.End). Taking every week of the range means that a meeting in
// the result stays inside the person's day across daylight-saving changes
// (and other changes of the zone's offset) during the range. A nil zone is
// UTC; invalid hours give the empty set.
//
// Availability costs O(StepsPerWeek) once plus O(T) word operations and
// zone look-ups per week, T being the number of offsets the zone uses that
// week (1 or 2): about 15 microseconds for a 13-week cycle. Use a Cache
// for many people.
func Availability(zone *time.Location, h Hours, from, to time.Time) Week {
	first, n := weekSpan(from, to)
	return availability(zone, h, first, n)
}

func availability(zone *time.Location, h Hours, first int64, n int) Week {
	if h.Validate() != nil {
		return Week{}
	}
	if zone == nil {
		zone = time.UTC
	}
	local := localWeek(h)
	res := FullWeek()
	var segs []segment
	for k := range int64(n) {
		start := (first+k)*weekSeconds + mondayEpoch
		segs = offsets(segs[:0], zone, start, start+weekSeconds)
		res = res.And(weekAvailability(h, local, start, segs))
		if res.IsEmpty() {
			break
		}
	}
	return res
}

// A segment is a span of time in which a zone keeps one UTC offset: it
// runs from the end of the previous segment (or the start of the week) to
// end, in Unix seconds.
type segment struct {
	end    int64
	offset int64 // seconds east of UTC
}

// offsets appends to segs the offsets zone uses between Unix times start
// and end, in order; the last segment ends at end.
func offsets(segs []segment, zone *time.Location, start, end int64) []segment {
	for t := start; ; {
		local := time.Unix(t, 0).In(zone)
		_, off := local.Zone()
		_, next := local.ZoneBounds()
		// A zero next means the offset lasts forever; a next not after t
		// cannot happen but would loop, so treat it the same way.
		if next.IsZero() || next.Unix() >= end || next.Unix() <= t {
			return append(segs, segment{end: end, offset: int64(off)})
		}
		segs = append(segs, segment{end: next.Unix(), offset: int64(off)})
		t = next.Unix()
	}
}

// localWeek returns the working hours h as a Week on the local wall clock:
// step s is set when the 15 minutes from local Monday 00:00 plus s steps
// lie inside h.
func localWeek(h Hours) Week {
	var w Week
	for day := range 5 {
		for s := range StepsPerDay {
			if m := s * StepMinutes; m >= h.Start && m+StepMinutes <= h.End {
				w.Set(day*StepsPerDay + s)
			}
		}
	}
	return w
}

// weekAvailability returns the steps of the week starting at Unix time
// start that are inside working hours h, given the zone's offsets during
// that week and h as a local week (see localWeek).
//
// Within a segment whose offset is a whole number of steps (every zone in
// use today), UTC step s is local step s+offset/StepMinutes, so the
// segment's steps are the local week rotated: O(1) word operations. Other
// offsets, and steps that an offset change splits, are checked step by
// step; a split step is inside when each piece is.
func weekAvailability(h Hours, local Week, start int64, segs []segment) Week {
	var w Week
	from := start
	for i, sg := range segs {
		// The steps wholly inside the segment are [a, b).
		a := int((from - start + stepSeconds - 1) / stepSeconds)
		b := int((sg.end - start) / stepSeconds)
		if a < b {
			if sg.offset%stepSeconds == 0 {
				w = w.Or(local.rotate(int(sg.offset / stepSeconds)).And(span(a, b)))
			} else {
				for s := a; s < b; s++ {
					if stepInside(h, start, segs[i:], s) {
						w.Set(s)
					}
				}
			}
		}
		if i+1 < len(segs) && (sg.end-start)%stepSeconds != 0 {
			if s := int((sg.end - start) / stepSeconds); stepInside(h, start, segs[i:], s) {
				w.Set(s)
			}
		}
		from = sg.end
	}
	return w
}

// stepInside reports whether step s of the week starting at Unix time
// start is inside working hours h, segs holding the zone's offsets from
// the start of step s on.
func stepInside(h Hours, start int64, segs []segment, s int) bool {
	lo, hi := int64(h.Start)*60, int64(h.End)*60
	a := start + int64(s)*stepSeconds
	b := a + stepSeconds
	for _, sg := range segs {
		if sg.end <= a {
			continue
		}
		e := min(b, sg.end)
		// Seconds since local Monday 00:00 on the wall clock: start is a
		// Monday 00:00 UTC, so shifting by the offset and taking the
		// remainder by a week gives the local position.
		pos := mod(a-start+sg.offset, weekSeconds)
		day := pos / daySeconds
		tod := pos - day*daySeconds
		if day >= 5 || tod < lo || tod+(e-a) > hi {
			return false
		}
		if a = e; a >= b {
			return true
		}
	}
	return true
}

// span returns the steps a to b-1 of a week, 0 <= a <= b <= StepsPerWeek.
func span(a, b int) Week {
	var w Week
	for i := range w {
		lo, hi := max(a-64*i, 0), min(b-64*i, 64)
		if lo < hi {
			w[i] = (^uint64(0) >> (64 - (hi - lo))) << lo
		}
	}
	return w
}

// Cache computes availabilities and remembers them by zone name, hours and
// the weeks of the range, since many people share all three: with Z zones,
// H distinct working hours and W weeks, N people cost O(N) map look-ups
// plus at most Z*H computations of O(W*StepsPerWeek) each, instead of N of
// them.
//
// Zones are told apart by name (Location.String), as in the IANA database:
// do not mix two different Locations with the same name (such as two
// unnamed time.FixedZone) in one Cache. The cache never forgets, so use one
// per computation (a command run, a request). The zero value is an empty
// cache ready to use; a Cache is safe for concurrent use and must not be
// copied after first use.
type Cache struct {
	mu sync.Mutex
	m  map[cacheKey]Week
}

type cacheKey struct {
	zone  string
	hours Hours
	first int64 // index of the first week, see weekIndex
	weeks int
}

// Availability returns Availability(zone, h, from, to), computing it only
// the first time the cache sees this zone name, hours and weeks.
func (c *Cache) Availability(zone *time.Location, h Hours, from, to time.Time) Week {
	if zone == nil {
		zone = time.UTC
	}
	first, n := weekSpan(from, to)
	key := cacheKey{zone: zone.String(), hours: h, first: first, weeks: n}
	c.mu.Lock()
	w, ok := c.m[key]
	c.mu.Unlock()
	if ok {
		return w
	}
	// Compute outside the lock so that goroutines asking for different
	// keys do not wait for each other; a key computed twice is harmless.
	w = availability(zone, h, first, n)
	c.mu.Lock()
	if c.m == nil {
		c.m = make(map[cacheKey]Week)
	}
	c.m[key] = w
	c.mu.Unlock()
	return w
}

// Len returns the number of distinct availabilities computed so far.
func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.m)
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}
