package person

import (
	"fmt"
	"strconv"
	"time"
)

// Bounds of a plausible hire date: anything outside is a typing mistake or
// a placeholder of the HR system (such as 0000-01-01 or 9999-12-31).
const (
	EarliestHireDate = "1900-01-01"
	LatestHireDate   = "2100-12-31"
)

// ParseDate reads a YYYY-MM-DD date and says precisely what is wrong when
// it cannot: the form ("is not a date in the form YYYY-MM-DD"), a month
// that does not exist, or a day the month does not have ("February 2020
// has 29 days"). The message starts with the value (quoted when its form is wrong).
func ParseDate(v string) (time.Time, error) {
	form := len(v) == 10 && v[4] == '-' && v[7] == '-'
	for i, c := range v {
		if i != 4 && i != 7 && (c < '0' || c > '9') {
			form = false
		}
	}
	if !form {
		return time.Time{}, fmt.Errorf("%q is not a date in the form YYYY-MM-DD", v)
	}
	y, _ := strconv.Atoi(v[0:4])
	m, _ := strconv.Atoi(v[5:7])
	d, _ := strconv.Atoi(v[8:10])
	if m < 1 || m > 12 {
		return time.Time{}, fmt.Errorf("%s: there is no month %d (months go from 01 to 12)", v, m)
	}
	month := time.Month(m)
	days := time.Date(y, month+1, 0, 0, 0, 0, 0, time.UTC).Day()
	if d < 1 || d > days {
		return time.Time{}, fmt.Errorf("%s: %s %d has %d days", v, month, y, days)
	}
	return time.Date(y, month, d, 0, 0, 0, 0, time.UTC), nil
}

// DateBetween parses v with ParseDate and refuses a date before first or
// after last (both YYYY-MM-DD, both allowed), saying which way it is out.
func DateBetween(v, first, last string) (time.Time, error) {
	t, err := ParseDate(v)
	if err != nil {
		return t, err
	}
	if v < first || v > last {
		return time.Time{}, fmt.Errorf("%s is out of range: it must be from %s to %s", v, first, last)
	}
	return t, nil
}
