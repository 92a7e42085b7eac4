package schedule

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// zone loads an IANA zone or fails the test.
func zone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// date returns midnight UTC of a date written 2006-01-02.
func date(t testing.TB, s string) time.Time {
	t.Helper()
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// utcWeek builds a Week from specs like "MON-FRI 14:00-16:00": on each of
// the days, the UTC steps from the first time up to the second; an end
// before the start runs into the next day ("SUN-THU 22:30-06:00" is
// Sunday 22:30 to Monday 06:00 and so on).
func utcWeek(t testing.TB, specs ...string) Week {
	t.Helper()
	var w Week
	for _, spec := range specs {
		days, times, ok := strings.Cut(spec, " ")
		if !ok {
			t.Fatalf("bad spec %q", spec)
		}
		d0, d1, _ := strings.Cut(days, "-")
		if d1 == "" {
			d1 = d0
		}
		a, err := ParseSlot(d0 + " " + strings.Split(times, "-")[0])
		if err != nil {
			t.Fatal(err)
		}
		b, err := ParseSlot(d1 + " 00:00")
		if err != nil {
			t.Fatal(err)
		}
		endClock, err := parseClock(strings.Split(times, "-")[1], true)
		if err != nil {
			t.Fatal(err)
		}
		length := endClock/StepMinutes - a.Start%StepsPerDay
		if length <= 0 {
			length += StepsPerDay
		}
		first := a.Start / StepsPerDay
		for k := range mod(b.Start/StepsPerDay-first, 7) + 1 {
			day := first + k
			for s := range length {
				w.Set(day*StepsPerDay + a.Start%StepsPerDay + s)
			}
		}
	}
	return w
}

// describe lists the runs of w like "MON 14:00+8" (start and steps).
func describe(w Week) string {
	if w.IsEmpty() {
		return "(empty)"
	}
	var parts []string
	for s := 0; s < StepsPerWeek; s++ {
		if !w.Has(s) || (w.Has(s-1) && s > 0) {
			continue
		}
		n := 0
		for n < StepsPerWeek && w.Has(s+n) {
			n++
		}
		parts = append(parts, fmt.Sprintf("%v+%d", Slot{Start: s}, n))
	}
	return strings.Join(parts, " ")
}

// diff describes the steps where got and want differ.
func diff(got, want Week) string {
	var extra, missing Week
	for i := range got {
		extra[i] = got[i] &^ want[i]
		missing[i] = want[i] &^ got[i]
	}
	return fmt.Sprintf("extra %s; missing %s", describe(extra), describe(missing))
}

// bruteAvailability is an independent, slow Availability: it walks every
// local calendar date around the range, builds every working minute with
// time.Date in the zone, keeps the instants whose wall clock really reads
// that date and minute (so skipped times drop out), also tries the
// instants near it on days whose length is not 24 hours (so repeated
// times count twice), and marks the UTC minutes covered. A step is set if
// all its minutes are covered in every week overlapping the range.
func bruteAvailability(loc *time.Location, h Hours, from, to time.Time) Week {
	monday := func(t time.Time) time.Time {
		u := t.UTC()
		back := (int(u.Weekday()) + 6) % 7
		return time.Date(u.Year(), u.Month(), u.Day()-back, 0, 0, 0, 0, time.UTC)
	}
	first, last := monday(from), monday(to)
	if last.Before(first) {
		last = first
	}
	weeks := int(last.Sub(first)/(7*24*time.Hour)) + 1
	const weekMinutes = 7 * 24 * 60
	covered := make([][weekMinutes]bool, weeks)
	mark := func(u time.Time) {
		m := int(u.Sub(first) / time.Minute)
		if m >= 0 && m < weeks*weekMinutes {
			covered[m/weekMinutes][m%weekMinutes] = true
		}
	}
	// Local dates run at most 14 hours ahead of or 12 behind UTC (a
	// little more for the date line move of Samoa in 2011): start two days
	// before the first week and stop two days after the last.
	startDay := first.AddDate(0, 0, -2)
	days := weeks*7 + 4
	for i := range days {
		civil := startDay.AddDate(0, 0, i) // a calendar date, computed in UTC
		y, mo, d := civil.Date()
		if wd := civil.Weekday(); wd == time.Saturday || wd == time.Sunday {
			continue
		}
		dayStart := time.Date(y, mo, d, 0, 0, 0, 0, loc)
		dayEnd := time.Date(y, mo, d+1, 0, 0, 0, 0, loc)
		_, off0 := dayStart.Zone()
		_, off1 := dayEnd.Zone()
		irregular := dayEnd.Sub(dayStart) != 24*time.Hour || off0 != off1
		for m := h.Start; m < h.End; m++ {
			t := time.Date(y, mo, d, m/60, m%60, 0, 0, loc)
			lo, hi := 0, 0
			if irregular {
				lo, hi = -12, 12
			}
			for j := lo; j <= hi; j++ {
				u := t.Add(time.Duration(j) * 15 * time.Minute)
				l := u.In(loc)
				ly, lmo, ld := l.Date()
				if ly == y && lmo == mo && ld == d && l.Hour()*60+l.Minute() == m && l.Second() == 0 {
					mark(u)
				}
			}
		}
	}
	var w Week
	for s := range StepsPerWeek {
		in := true
		for k := 0; k < weeks && in; k++ {
			for m := s * StepMinutes; m < (s+1)*StepMinutes; m++ {
				if !covered[k][m] {
					in = false
					break
				}
			}
		}
		if in {
			w.Set(s)
		}
	}
	return w
}
