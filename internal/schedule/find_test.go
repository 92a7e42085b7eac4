package schedule

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"
)

func TestFind(t *testing.T) {
	ny, london := zone(t, "America/New_York"), zone(t, "Europe/London")
	tokyo, la := zone(t, "Asia/Tokyo"), zone(t, "America/Los_Angeles")
	auckland, sydney, paris := zone(t, "Pacific/Auckland"), zone(t, "Australia/Sydney"), zone(t, "Europe/Paris")
	tokyoHours := Hours{Start: 9 * 60, End: 18 * 60}
	tests := []struct {
		name     string
		members  []Member
		minutes  int
		from, to string
		slots    []string // the starts of Result.Slots, as Slot.String
		best     string
		blockers []string // nil when a slot is found
	}{
		{
			// US clocks change on 8 March, European ones on 29 March:
			// only 14:00-16:00 UTC works all month.
			name:    "new york and london across march",
			members: []Member{{"ny", ny, nineToFive}, {"ldn", london, nineToFive}},
			minutes: 60, from: "2026-03-02", to: "2026-04-03",
			slots: weekdays("14:00", "14:15", "14:30", "14:45", "15:00"),
			// The distances to the two middays add up to the same 5
			// hours for every slot between them: the earliest wins.
			best: "MON 14:00",
		},
		{
			name:    "new york and london in the week the us has moved",
			members: []Member{{"ny", ny, nineToFive}, {"ldn", london, nineToFive}},
			minutes: 180, from: "2026-03-16", to: "2026-03-20",
			slots: weekdays("13:00", "13:15", "13:30", "13:45", "14:00"),
			best:  "MON 13:00",
		},
		{
			name:    "mid-day wins in one zone",
			members: []Member{{"a", time.UTC, nineToFive}, {"b", time.UTC, Hours{Start: 10 * 60, End: 16 * 60}}},
			minutes: 60, from: "2026-01-05", to: "2026-01-30",
			best: "MON 12:30",
		},
		{
			name:    "minutes round up to steps",
			members: []Member{{"a", time.UTC, Hours{Start: 9 * 60, End: 10 * 60}}},
			minutes: 50, from: "2026-01-05", to: "2026-01-09",
			slots: weekdays("09:00"),
			best:  "MON 09:00",
		},
		{
			// Tokyo's morning is Los Angeles's late afternoon of the day
			// before, and only in winter.
			name:    "tokyo and los angeles in winter",
			members: []Member{{"tyo", tokyo, tokyoHours}, {"lax", la, nineToFive}},
			minutes: 60, from: "2026-01-05", to: "2026-02-27",
			slots: []string{"TUE 00:00", "WED 00:00", "THU 00:00", "FRI 00:00"},
			best:  "TUE 00:00",
		},
		{
			// Monday morning in Auckland is Sunday evening in UTC.
			name:    "auckland wraps sunday to monday",
			members: []Member{{"akl", auckland, Hours{Start: 9 * 60, End: 13 * 60}}},
			minutes: 240, from: "2026-01-05", to: "2026-01-30",
			slots: []string{"MON 20:00", "TUE 20:00", "WED 20:00", "THU 20:00", "SUN 20:00"},
			best:  "MON 20:00",
		},
		{
			name:    "auckland and los angeles in january",
			members: []Member{{"akl", auckland, nineToFive}, {"lax", la, nineToFive}},
			minutes: 300, from: "2026-01-05", to: "2026-01-30",
			slots: []string{"MON 20:00", "TUE 20:00", "WED 20:00", "THU 20:00"},
			best:  "MON 20:00",
		},
		{
			name:    "tokyo and los angeles in summer",
			members: []Member{{"tyo", tokyo, tokyoHours}, {"lax", la, nineToFive}},
			minutes: 60, from: "2026-07-06", to: "2026-07-31",
			// Each can only meet alone; Tokyo's mid-day comes first in
			// the week.
			blockers: []string{"lax"},
			best:     "MON 04:00",
		},
		{
			name: "sydney blocks europe",
			members: []Member{
				{"zed", paris, nineToFive}, {"syd", sydney, nineToFive}, {"amy", london, nineToFive},
			},
			minutes: 60, from: "2026-07-06", to: "2026-07-31",
			blockers: []string{"syd"},
			// London's mid-day is 12:00 UTC and Paris's 11:00 in summer:
			// any slot whose middle lies between them ties.
			best: "MON 10:30",
		},
		{
			name: "blockers sorted",
			members: []Member{
				{"zed", sydney, nineToFive}, {"bob", paris, nineToFive}, {"amy", sydney, nineToFive},
				{"cat", paris, nineToFive}, {"dan", london, nineToFive},
			},
			minutes: 60, from: "2026-07-06", to: "2026-07-31",
			blockers: []string{"amy", "zed"},
			// The middle of Paris's day (twice) beats London's (once).
			best: "MON 10:30",
		},
		{
			name:    "longer than anyone's day",
			members: []Member{{"b", time.UTC, nineToFive}, {"a", time.UTC, nineToFive}},
			minutes: 9 * 60, from: "2026-01-05", to: "2026-01-09",
			blockers: []string{"a", "b"},
			best:     "MON 08:30",
		},
		{
			name:    "no members",
			minutes: 60, from: "2026-01-05", to: "2026-01-09",
			best: "MON 00:00",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			from, to := date(t, tt.from), date(t, tt.to)
			res := Find(tt.members, tt.minutes, from, to)
			if res.Found != (tt.blockers == nil) {
				t.Fatalf("Found = %v, blockers %v", res.Found, res.Blockers)
			}
			if got := res.Best.String(); got != tt.best {
				t.Errorf("Best = %s, want %s", got, tt.best)
			}
			if res.Best.Steps != StepsFor(tt.minutes) {
				t.Errorf("Best has %d steps, want %d", res.Best.Steps, StepsFor(tt.minutes))
			}
			if !slices.Equal(res.Blockers, tt.blockers) {
				t.Errorf("Blockers = %v, want %v", res.Blockers, tt.blockers)
			}
			if tt.slots != nil {
				var got []string
				for _, s := range res.Slots {
					got = append(got, s.String())
				}
				if !slices.Equal(got, tt.slots) {
					t.Errorf("Slots = %v, want %v", got, tt.slots)
				}
			}
			if res.Found && !slices.Contains(res.Slots, res.Best) {
				t.Errorf("Best %v is not among the slots", res.Best)
			}
			checkFind(t, tt.members, res, from, to)
		})
	}
}

// weekdays returns the given UTC times on Monday to Friday, in week order.
func weekdays(times ...string) []string {
	var out []string
	for _, d := range dayNames[:5] {
		for _, tm := range times {
			out = append(out, d+" "+tm)
		}
	}
	return out
}

// checkFind checks a result against brute-force availabilities: the slots
// are exactly the common runs, every member can make a found slot, the
// blockers are exactly those who cannot make the best partial slot, and
// no start is made by more members.
func checkFind(t *testing.T, members []Member, res Result, from, to time.Time) {
	t.Helper()
	steps := res.Best.Steps
	canAll := make([][]bool, len(members))
	for i, m := range members {
		w := bruteAvailability(m.Zone, m.Hours, from, to)
		canAll[i] = make([]bool, StepsPerWeek)
		for s := range StepsPerWeek {
			ok := steps <= StepsPerWeek
			for k := 0; k < steps && ok; k++ {
				ok = w.Has(s + k)
			}
			canAll[i][s] = ok
		}
	}
	var want []Slot
	most := 0
	for s := range StepsPerWeek {
		n := 0
		for i := range members {
			if canAll[i][s] {
				n++
			}
		}
		most = max(most, n)
		if n == len(members) && steps <= StepsPerWeek {
			want = append(want, Slot{Start: s, Steps: steps})
		}
	}
	if !slices.Equal(res.Slots, want) {
		t.Errorf("Slots = %v, brute force finds %v", res.Slots, want)
	}
	var blockers []string
	for i, m := range members {
		if !canAll[i][res.Best.Start] {
			blockers = append(blockers, m.ID)
		}
	}
	slices.Sort(blockers)
	if !slices.Equal(res.Blockers, blockers) {
		t.Errorf("Blockers = %v, brute force says %v", res.Blockers, blockers)
	}
	if !res.Found && len(members)-len(blockers) != most {
		t.Errorf("best partial slot %v suits %d members, but some slot suits %d", res.Best, len(members)-len(blockers), most)
	}
}

// TestFindRandom checks Find against brute force on random groups, and
// that the result does not depend on the order of the members beyond the
// order of Slots and Blockers, which are sorted.
func TestFindRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	zones := []string{"America/New_York", "Europe/London", "Asia/Kolkata", "Asia/Kathmandu",
		"Australia/Lord_Howe", "Pacific/Chatham", "America/Los_Angeles", "Asia/Tokyo", "Europe/Berlin"}
	n := 30
	if testing.Short() {
		n = 8
	}
	for i := range n {
		var members []Member
		for j := range 2 + r.IntN(4) {
			start := 6*60 + 15*r.IntN(16)
			members = append(members, Member{
				ID:    string(rune('a' + j)),
				Zone:  zone(t, zones[r.IntN(len(zones))]),
				Hours: Hours{Start: start, End: start + 4*60 + 15*r.IntN(24)},
			})
		}
		from := time.Date(2026, time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC)
		to := from.AddDate(0, 0, 7*r.IntN(14))
		minutes := 15 + 15*r.IntN(8)
		res := Find(members, minutes, from, to)
		checkFind(t, members, res, from, to)
		shuffled := slices.Clone(members)
		r.Shuffle(len(shuffled), func(a, b int) { shuffled[a], shuffled[b] = shuffled[b], shuffled[a] })
		if again := Find(shuffled, minutes, from, to); !reflect.DeepEqual(again, res) {
			t.Errorf("case %d: result depends on member order:\n%+v\n%+v", i, res, again)
		}
	}
}
