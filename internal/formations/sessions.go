package formations

import (
	"time"

	"github.com/kindredhq/kindred/internal/programs"
	"github.com/kindredhq/kindred/internal/schedule"
)

// MaxSessions bounds the sessions a roster plans in one cycle (two years of
// weekly sessions); a longer cycle plans its first MaxSessions.
const MaxSessions = 104

// periodStart returns the first day of the i-th cadence period of a cycle
// that starts on start: every week, two weeks, month or quarter.
func periodStart(start time.Time, cadence string, i int) time.Time {
	switch cadence {
	case programs.CadenceWeekly:
		return start.AddDate(0, 0, 7*i)
	case programs.CadenceBiweekly:
		return start.AddDate(0, 0, 14*i)
	case programs.CadenceQuarterly:
		return start.AddDate(0, 3*i, 0)
	default: // monthly, the programs' default
		return start.AddDate(0, i, 0)
	}
}

// cycleDates returns the first day of the cycle and the day after its last
// day, at 00:00 UTC. Dates the programs store validated always parse; a
// broken one gives zero times.
func cycleDates(c programs.Cycle) (from, until time.Time) {
	from, _ = time.Parse(programs.DateLayout, c.StartsOn)
	end, _ := time.Parse(programs.DateLayout, c.EndsOn)
	return from, end.AddDate(0, 0, 1)
}

// SessionCount returns how many sessions a circle has in cycle c with the
// program's cadence: one per whole cadence period from the cycle's first
// day through its last (a quarter holds 13 weekly, 6 biweekly, 3 monthly
// or 1 quarterly session), at least one and at most MaxSessions.
func SessionCount(c programs.Cycle, cadence string) int {
	from, until := cycleDates(c)
	n := 0
	for n < MaxSessions && !periodStart(from, cadence, n+1).After(until) {
		n++
	}
	return max(n, 1)
}

// SessionStarts returns when each session of a circle that meets at the
// weekly slot starts, in UTC: session i is the first occurrence of the slot
// at or after the first day of the i-th cadence period of the cycle.
func SessionStarts(c programs.Cycle, cadence string, slot schedule.Slot) []time.Time {
	from, _ := cycleDates(c)
	n := SessionCount(c, cadence)
	out := make([]time.Time, n)
	for i := range out {
		out[i] = schedule.Local(slot, time.UTC, periodStart(from, cadence, i))
	}
	return out
}
