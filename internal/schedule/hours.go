package schedule

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/kindredhq/kindred/internal/errs"
)

// MinutesPerDay is the number of minutes in a day, the largest Hours.End.
const MinutesPerDay = 24 * 60

// Hours is a working day in local wall-clock time: from Start up to (not
// including) End, in minutes after local midnight, on Monday to Friday.
// A valid Hours has 0 <= Start < End <= MinutesPerDay; End == MinutesPerDay
// means "until midnight". Working days that cross midnight are not
// supported.
type Hours struct{ Start, End int }

// ParseHours parses working hours written as "HH:MM-HH:MM", for example
// "09:00-17:00". Hours may have one digit ("9:00"), spaces around the dash
// are allowed, an en dash works too, and the end may be "24:00". The error,
// of kind errs.Invalid, says what is wrong.
func ParseHours(s string) (Hours, error) {
	in := strings.TrimSpace(s)
	if in == "" {
		return Hours{}, errs.E(errs.Invalid, "working hours are empty; want a range like 09:00-17:00")
	}
	in = strings.ReplaceAll(in, "–", "-")
	startText, endText, ok := strings.Cut(in, "-")
	if !ok || strings.Contains(endText, "-") {
		return Hours{}, errs.E(errs.Invalid, "working hours %q: want one start and one end time like 09:00-17:00", s)
	}
	start, err := parseClock(strings.TrimSpace(startText), false)
	if err != nil {
		return Hours{}, errs.E(errs.Invalid, "working hours %q: start %v", s, err)
	}
	end, err := parseClock(strings.TrimSpace(endText), true)
	if err != nil {
		return Hours{}, errs.E(errs.Invalid, "working hours %q: end %v", s, err)
	}
	h := Hours{Start: start, End: end}
	if err := h.Validate(); err != nil {
		return Hours{}, errs.E(errs.Invalid, "working hours %q: %v", s, err)
	}
	return h, nil
}

// parseClock parses "H:MM" or "HH:MM" into minutes after midnight; "24:00"
// is accepted only when allow24 is set.
func parseClock(s string, allow24 bool) (int, error) {
	hh, mm, ok := strings.Cut(s, ":")
	if !ok || len(hh) < 1 || len(hh) > 2 || len(mm) != 2 || !digits(hh) || !digits(mm) {
		return 0, fmt.Errorf("%q is not a time like 09:00", s)
	}
	h, _ := strconv.Atoi(hh)
	m, _ := strconv.Atoi(mm)
	switch {
	case m > 59:
		return 0, fmt.Errorf("%q has minutes above 59", s)
	case h == 24 && m == 0 && allow24:
		return MinutesPerDay, nil
	case h > 23:
		if allow24 {
			return 0, fmt.Errorf("%q is past 24:00", s)
		}
		return 0, fmt.Errorf("%q is past 23:59", s)
	}
	return h*60 + m, nil
}

func digits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// Validate reports why h is not a valid working day, or nil.
func (h Hours) Validate() error {
	switch {
	case h.Start < 0 || h.Start >= MinutesPerDay:
		return fmt.Errorf("start %d minutes is outside the day (0 to %d)", h.Start, MinutesPerDay-1)
	case h.End < 1 || h.End > MinutesPerDay:
		return fmt.Errorf("end %d minutes is outside the day (1 to %d)", h.End, MinutesPerDay)
	case h.End <= h.Start:
		return fmt.Errorf("end %s is not after start %s (working days that cross midnight are not supported)",
			clock(h.End), clock(h.Start))
	}
	return nil
}

// String formats h as "HH:MM-HH:MM", the form ParseHours reads.
func (h Hours) String() string { return clock(h.Start) + "-" + clock(h.End) }

// midday returns the middle of the working day in seconds after midnight.
func (h Hours) midday() int64 { return int64(h.Start+h.End) * 30 }

// clock formats minutes after midnight as HH:MM.
func clock(m int) string { return fmt.Sprintf("%02d:%02d", m/60, m%60) }
