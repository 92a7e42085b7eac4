package schedule

import (
	"strings"
	"time"

	"github.com/kindredhq/kindred/internal/errs"
)

// Slot is a weekly meeting time in UTC: Steps steps of StepMinutes minutes
// from step Start of the week (see Week).
type Slot struct{ Start, Steps int }

// dayNames are the weekday abbreviations of Slot.String, Monday first.
var dayNames = [7]string{"MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"}

// String formats the start of s as a three-letter upper-case weekday and a
// 24-hour UTC time, like "TUE 14:00", the form ParseSlot reads. The length
// is not shown.
func (s Slot) String() string {
	st := mod(s.Start, StepsPerWeek)
	return dayNames[st/StepsPerDay] + " " + clock(st%StepsPerDay*StepMinutes)
}

// Minutes returns the length of s in minutes.
func (s Slot) Minutes() int { return s.Steps * StepMinutes }

// ParseSlot parses a slot start written as Slot.String writes it, such as
// "TUE 14:00" (the weekday in any case, the hour with one or two digits).
// The time is UTC and must fall on a step (minutes 00, 15, 30 or 45). The
// returned Slot has Steps 0: set it from the session length. The error, of
// kind errs.Invalid, says what is wrong.
func ParseSlot(s string) (Slot, error) {
	f := strings.Fields(s)
	if len(f) != 2 {
		return Slot{}, errs.E(errs.Invalid, "meeting slot %q: want a weekday and a UTC time like TUE 14:00", s)
	}
	day := -1
	for i, name := range dayNames {
		if strings.EqualFold(f[0], name) {
			day = i
		}
	}
	if day < 0 {
		return Slot{}, errs.E(errs.Invalid, "meeting slot %q: %q is not a weekday like MON or TUE", s, f[0])
	}
	m, err := parseClock(f[1], false)
	if err != nil {
		return Slot{}, errs.E(errs.Invalid, "meeting slot %q: time %v", s, err)
	}
	if m%StepMinutes != 0 {
		return Slot{}, errs.E(errs.Invalid, "meeting slot %q: minutes must be 00, 15, 30 or 45", s)
	}
	return Slot{Start: day*StepsPerDay + m/StepMinutes}, nil
}

// Local returns the first start of the weekly slot s at or after on, as a
// time in zone (nil means UTC), for showing a person their next meeting:
// Local(s, kolkata, on).Format("Monday 15:04 MST") gives "Tuesday 19:30
// IST" for "TUE 14:00".
func Local(s Slot, zone *time.Location, on time.Time) time.Time {
	if zone == nil {
		zone = time.UTC
	}
	t := WeekStart(on).Add(time.Duration(mod(s.Start, StepsPerWeek)) * stepSeconds * time.Second)
	if t.Before(on) {
		t = t.Add(weekSeconds * time.Second)
	}
	return t.In(zone)
}
