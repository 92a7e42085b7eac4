package db

import "time"

// UTCClock returns a clock reading now in UTC, the zone every store keeps
// its times in; a nil now means time.Now. Stores take their clock from the
// caller so tests can fix the time.
func UTCClock(now func() time.Time) func() time.Time {
	if now == nil {
		now = time.Now
	}
	return func() time.Time { return now().UTC() }
}
