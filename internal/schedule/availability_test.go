package schedule

import (
	"math/rand/v2"
	"testing"
	"time"
)

var nineToFive = Hours{Start: 9 * 60, End: 17 * 60}

// TestAvailabilityWeekByWeek checks known zones week by week across
// daylight-saving changes, against hand-computed UTC hours and against the
// brute-force checker.
func TestAvailabilityWeekByWeek(t *testing.T) {
	tests := []struct {
		name     string
		zone     string
		hours    Hours
		from, to string
		want     []string
	}{
		// The United States moves clocks on 8 March 2026, Europe on 29 March.
		{"new york before us dst", "America/New_York", nineToFive, "2026-03-02", "2026-03-06", []string{"MON-FRI 14:00-22:00"}},
		{"new york after us dst", "America/New_York", nineToFive, "2026-03-09", "2026-03-13", []string{"MON-FRI 13:00-21:00"}},
		{"new york across march", "America/New_York", nineToFive, "2026-03-02", "2026-03-31", []string{"MON-FRI 14:00-21:00"}},
		{"london before eu dst", "Europe/London", nineToFive, "2026-03-23", "2026-03-27", []string{"MON-FRI 09:00-17:00"}},
		{"london after eu dst", "Europe/London", nineToFive, "2026-03-30", "2026-04-03", []string{"MON-FRI 08:00-16:00"}},
		{"london across march", "Europe/London", nineToFive, "2026-03-02", "2026-04-03", []string{"MON-FRI 09:00-16:00"}},
		{"new york across november", "America/New_York", nineToFive, "2026-10-26", "2026-11-13", []string{"MON-FRI 14:00-21:00"}},
		// Half- and quarter-hour zones.
		{"kolkata +5:30", "Asia/Kolkata", nineToFive, "2026-03-02", "2026-05-31", []string{"MON-FRI 03:30-11:30"}},
		{"kathmandu +5:45", "Asia/Kathmandu", nineToFive, "2026-03-02", "2026-05-31", []string{"MON-FRI 03:15-11:15"}},
		{"kathmandu till midnight", "Asia/Kathmandu", Hours{Start: 20 * 60, End: 24 * 60}, "2026-01-05", "2026-01-09", []string{"MON-FRI 14:15-18:15"}},
		// Lord Howe shifts by 30 minutes (+11 to +10:30 on 5 April 2026);
		// its Monday morning is Sunday evening in UTC.
		{"lord howe summer", "Australia/Lord_Howe", nineToFive, "2026-03-23", "2026-03-27", []string{"SUN-THU 22:00-06:00"}},
		{"lord howe winter", "Australia/Lord_Howe", nineToFive, "2026-04-06", "2026-04-10", []string{"SUN-THU 22:30-06:30"}},
		{"lord howe across april", "Australia/Lord_Howe", nineToFive, "2026-03-23", "2026-04-12", []string{"SUN-THU 22:30-06:00"}},
		// Chatham: +13:45 until 5 April 2026, then +12:45.
		{"chatham summer", "Pacific/Chatham", nineToFive, "2026-03-23", "2026-03-27", []string{"SUN-THU 19:15-03:15"}},
		{"chatham winter", "Pacific/Chatham", nineToFive, "2026-04-06", "2026-04-10", []string{"SUN-THU 20:15-04:15"}},
		{"chatham across april", "Pacific/Chatham", nineToFive, "2026-03-23", "2026-04-12", []string{"SUN-THU 20:15-03:15"}},
		// Across midnight UTC.
		{"auckland january", "Pacific/Auckland", nineToFive, "2026-01-05", "2026-01-30", []string{"SUN-THU 20:00-04:00"}},
		{"auckland across april", "Pacific/Auckland", nineToFive, "2026-03-23", "2026-04-12", []string{"SUN-THU 21:00-04:00"}},
		{"tokyo", "Asia/Tokyo", Hours{Start: 9 * 60, End: 18 * 60}, "2026-01-05", "2026-12-31", []string{"MON-FRI 00:00-09:00"}},
		{"los angeles january", "America/Los_Angeles", nineToFive, "2026-01-05", "2026-01-30", []string{"MON-FRI 17:00-01:00"}},
		{"los angeles july", "America/Los_Angeles", nineToFive, "2026-07-06", "2026-07-31", []string{"MON-FRI 16:00-00:00"}},
		// Odd minutes: only whole steps inside the hours count.
		{"odd minutes", "UTC", Hours{Start: 9*60 + 10, End: 10*60 + 20}, "2026-01-05", "2026-01-09", []string{"MON-FRI 09:15-10:15"}},
		{"shorter than a step", "UTC", Hours{Start: 9*60 + 1, End: 9*60 + 14}, "2026-01-05", "2026-01-09", nil},
		{"to before from", "UTC", nineToFive, "2026-01-09", "2026-01-05", []string{"MON-FRI 09:00-17:00"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			loc := zone(t, tt.zone)
			from, to := date(t, tt.from), date(t, tt.to)
			want := utcWeek(t, tt.want...)
			got := Availability(loc, tt.hours, from, to)
			if got != want {
				t.Errorf("Availability = %s, want %s (%s)", describe(got), describe(want), diff(got, want))
			}
			if brute := bruteAvailability(loc, tt.hours, from, to); brute != want {
				t.Errorf("brute force = %s, want %s: the expectation or the checker is wrong", describe(brute), describe(want))
			}
		})
	}
}

// TestAvailabilityWeeksIntersect checks that a range's availability is
// the intersection of its weeks' availabilities.
func TestAvailabilityWeeksIntersect(t *testing.T) {
	for _, name := range []string{"America/New_York", "Europe/London", "Australia/Lord_Howe", "Pacific/Chatham", "America/Santiago"} {
		loc := zone(t, name)
		from := date(t, "2026-01-05")
		want := FullWeek()
		for k := range 52 {
			wk := from.AddDate(0, 0, 7*k)
			want = want.And(Availability(loc, nineToFive, wk, wk.AddDate(0, 0, 4)))
		}
		if got := Availability(loc, nineToFive, from, from.AddDate(0, 0, 7*51+4)); got != want {
			t.Errorf("%s: year = %s, intersection of weeks = %s", name, describe(got), describe(want))
		}
	}
}

// bruteZones are zones with unusual offsets or rules: quarter and half
// hours, 30-minute and 2-hour shifts, changes on weekdays or at midnight,
// a skipped day (Samoa, December 2011), and the southern hemisphere.
var bruteZones = []string{
	"UTC", "America/New_York", "Europe/London", "Europe/Berlin", "America/Los_Angeles",
	"America/Sao_Paulo", "America/Santiago", "America/Havana", "America/Asuncion",
	"America/St_Johns", "America/Caracas", "Pacific/Marquesas", "Pacific/Pago_Pago",
	"Asia/Kolkata", "Asia/Kathmandu", "Asia/Tehran", "Asia/Jerusalem", "Asia/Gaza",
	"Asia/Beirut", "Africa/Cairo", "Africa/Casablanca", "Europe/Chisinau",
	"Australia/Lord_Howe", "Australia/Adelaide", "Australia/Eucla", "Australia/Sydney",
	"Pacific/Chatham", "Pacific/Auckland", "Pacific/Apia", "Pacific/Kiritimati",
	"Pacific/Fiji", "Antarctica/Troll", "Asia/Tokyo", "Asia/Dhaka", "Europe/Moscow",
}

// TestAvailabilityBruteForce compares Availability with the brute-force
// checker on random zones, hours and ranges, biased towards the months
// when offsets change.
func TestAvailabilityBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 2026))
	months := []time.Month{time.March, time.April, time.September, time.October, time.November, time.December}
	cases := 400
	if testing.Short() {
		cases = 50
	}
	var c Cache
	for i := range cases {
		name := bruteZones[r.IntN(len(bruteZones))]
		loc := zone(t, name)
		start := r.IntN(24*60 - 15)
		if r.IntN(4) == 0 {
			start = start / 15 * 15
		}
		end := start + 1 + r.IntN(24*60-start)
		if r.IntN(8) == 0 {
			end = 24 * 60
		}
		h := Hours{Start: start, End: end}
		year := 2000 + r.IntN(40)
		if name == "Pacific/Apia" && r.IntN(2) == 0 {
			year = 2011
		}
		from := time.Date(year, months[r.IntN(len(months))], 1+r.IntN(28), r.IntN(24), 0, 0, 0, time.UTC)
		to := from.Add(time.Duration(r.IntN(13*7*24)) * time.Hour)
		if _, next := from.In(loc).ZoneBounds(); i%2 == 0 && !next.IsZero() {
			// Straddle the zone's next offset change.
			from = next.Add(-time.Duration(r.IntN(3*7*24)) * time.Hour)
			to = next.Add(time.Duration(r.IntN(3*7*24)) * time.Hour)
		}
		want := bruteAvailability(loc, h, from, to)
		if got := Availability(loc, h, from, to); got != want {
			t.Errorf("case %d: Availability(%s, %v, %s, %s):\n got %s\nwant %s\n(%s)",
				i, name, h, from.Format(time.RFC3339), to.Format(time.RFC3339), describe(got), describe(want), diff(got, want))
		}
		if got := c.Availability(loc, h, from, to); got != want {
			t.Errorf("case %d: Cache.Availability differs from brute force", i)
		}
	}
}

func TestAvailabilityEdges(t *testing.T) {
	from, to := date(t, "2026-01-05"), date(t, "2026-01-09")
	if got, want := Availability(nil, nineToFive, from, to), utcWeek(t, "MON-FRI 09:00-17:00"); got != want {
		t.Errorf("nil zone: got %s, want UTC %s", describe(got), describe(want))
	}
	for _, h := range []Hours{{}, {Start: 600, End: 600}, {Start: 700, End: 600}, {Start: -15, End: 600}, {Start: 0, End: 24*60 + 15}} {
		if got := Availability(time.UTC, h, from, to); !got.IsEmpty() {
			t.Errorf("invalid hours %+v: got %s, want empty", h, describe(got))
		}
	}
	all := Availability(time.UTC, Hours{Start: 0, End: 24 * 60}, from, to)
	if got, want := all, utcWeek(t, "MON-FRI 00:00-00:00"); got != want {
		t.Errorf("whole days: got %s, want %s", describe(got), describe(want))
	}
	if got := all.Count(); got != 5*StepsPerDay {
		t.Errorf("whole days: %d steps, want %d", got, 5*StepsPerDay)
	}
}

func TestCacheShares(t *testing.T) {
	var c Cache
	from, to := date(t, "2026-03-02"), date(t, "2026-05-29")
	ny1, ny2 := zone(t, "America/New_York"), zone(t, "America/New_York")
	a := c.Availability(ny1, nineToFive, from, to)
	b := c.Availability(ny2, nineToFive, from.Add(time.Hour), to.Add(time.Hour)) // same weeks
	if a != b {
		t.Error("same zone name, hours and weeks gave different weeks")
	}
	if c.Len() != 1 {
		t.Errorf("cache holds %d entries, want 1", c.Len())
	}
	c.Availability(ny1, Hours{Start: 8 * 60, End: 16 * 60}, from, to)
	c.Availability(zone(t, "Europe/London"), nineToFive, from, to)
	c.Availability(ny1, nineToFive, from, to.AddDate(0, 0, 7))
	if c.Len() != 4 {
		t.Errorf("cache holds %d entries, want 4", c.Len())
	}
}

func TestWeekStart(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2026-03-02T00:00:00Z", "2026-03-02T00:00:00Z"}, // a Monday
		{"2026-03-08T23:59:59Z", "2026-03-02T00:00:00Z"}, // the Sunday after
		{"2026-03-09T01:00:00+05:30", "2026-03-02T00:00:00Z"},
		{"1969-12-31T12:00:00Z", "1969-12-29T00:00:00Z"},
	}
	for _, tt := range tests {
		in, _ := time.Parse(time.RFC3339, tt.in)
		if got := WeekStart(in).Format(time.RFC3339); got != tt.want {
			t.Errorf("WeekStart(%s) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

// TestSplitStep checks steps that an offset change splits, which real
// zones (changing on the hour) do not produce: a step counts only if both
// pieces are inside the working hours.
func TestSplitStep(t *testing.T) {
	const start = mondayEpoch + 2920*weekSeconds // some Monday 00:00 UTC
	change := int64(start + 10*3600 + 300)       // Monday 10:05 UTC
	h := Hours{Start: 9 * 60, End: 11 * 60}
	at := func(hh, mm int) int { return (hh*60 + mm) / StepMinutes }
	tests := []struct {
		name  string
		after int64 // offset after the change; before it, UTC
		in    []int // Monday steps inside
		out   []int // Monday steps outside
	}{
		// Clocks go back an hour at 10:05: 10:00-10:05 then 09:05-09:15.
		{"back", -3600, []int{at(9, 0), at(10, 0), at(10, 15), at(11, 45)}, []int{at(8, 45), at(12, 0)}},
		// Clocks go forward at 10:05: 10:00-10:05 then 11:05-11:15.
		{"forward", 3600, []int{at(9, 0), at(9, 45)}, []int{at(10, 0), at(10, 15), at(8, 45)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			segs := []segment{{end: change, offset: 0}, {end: start + weekSeconds, offset: tt.after}}
			w := weekAvailability(h, localWeek(h), start, segs)
			for _, s := range tt.in {
				if !w.Has(s) {
					t.Errorf("step %v should be inside", Slot{Start: s})
				}
			}
			for _, s := range tt.out {
				if w.Has(s) {
					t.Errorf("step %v should be outside", Slot{Start: s})
				}
			}
		})
	}
}

// TestWeekAvailabilitySeconds compares weekAvailability with a check of
// every second of the week, on made-up offsets that change at odd
// seconds and are not whole steps, like the local mean times of old.
func TestWeekAvailabilitySeconds(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	const start = mondayEpoch + 2920*weekSeconds
	for i := range 30 {
		var segs []segment
		at := int64(start)
		for {
			at += 1 + r.Int64N(3*daySeconds)
			off := int64(r.IntN(2*14*3600) - 14*3600)
			if r.IntN(2) == 0 {
				off = off / stepSeconds * stepSeconds
			}
			if at >= start+weekSeconds {
				segs = append(segs, segment{end: start + weekSeconds, offset: off})
				break
			}
			segs = append(segs, segment{end: at, offset: off})
		}
		startMin := r.IntN(MinutesPerDay - 1)
		h := Hours{Start: startMin, End: startMin + 1 + r.IntN(MinutesPerDay-startMin)}
		var want Week
		for s := range StepsPerWeek {
			in := true
			for u := start + int64(s)*stepSeconds; u < start+int64(s+1)*stepSeconds && in; u++ {
				si := 0
				for segs[si].end <= u {
					si++
				}
				pos := mod(u-start+segs[si].offset, weekSeconds)
				tod := pos % daySeconds
				in = pos/daySeconds < 5 && tod >= int64(h.Start)*60 && tod < int64(h.End)*60
			}
			if in {
				want.Set(s)
			}
		}
		if got := weekAvailability(h, localWeek(h), start, segs); got != want {
			t.Errorf("case %d (%v, %+v): %s", i, h, segs, diff(got, want))
		}
	}
}

// TestCacheConcurrent uses one cache from several goroutines; run with
// -race.
func TestCacheConcurrent(t *testing.T) {
	var c Cache
	locs := []*time.Location{zone(t, "Europe/London"), zone(t, "Asia/Kolkata"), zone(t, "America/New_York")}
	from, to := date(t, "2026-03-02"), date(t, "2026-05-29")
	done := make(chan Week)
	for g := range 4 {
		go func() {
			var w Week
			for i := range 30 {
				w = w.Or(c.Availability(locs[(g+i)%len(locs)], nineToFive, from, to))
			}
			done <- w
		}()
	}
	first := <-done
	for range 3 {
		if w := <-done; w != first {
			t.Error("goroutines saw different availabilities")
		}
	}
	if c.Len() != len(locs) {
		t.Errorf("cache holds %d entries, want %d", c.Len(), len(locs))
	}
}
