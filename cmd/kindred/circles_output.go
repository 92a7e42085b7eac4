package main

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/kindredhq/kindred/internal/csvsafe"
	"github.com/kindredhq/kindred/internal/formations"
	"github.com/kindredhq/kindred/internal/schedule"
)

// writeCirclesCSV writes circles.csv: one row per person per round,
// sorted by round, circle, facilitator first, then person ID; each cell
// is spreadsheet-safe (package csvsafe).
func writeCirclesCSV(w io.Writer, res *circlesResult) error {
	in, a := res.in, res.a
	cw := csvsafe.NewWriter(w)
	if err := cw.Write(circlesHeader); err != nil {
		return fmt.Errorf("write circles: %w", err)
	}
	for r, round := range res.ar.Rounds {
		for c, pl := range round {
			meeting := ""
			if pl.HasSlot {
				meeting = pl.Slot.String()
			}
			for _, p := range res.circleOrder(pl) {
				person := in.people[p]
				role := circleRoleMember
				if p == pl.Facilitator {
					role = circleRoleFacilitator
				}
				tenure := ""
				if b := formations.TenureBandAt(person, a.from); b >= 0 {
					tenure = formations.TenureBandLabel(b)
				}
				local := ""
				if pl.HasSlot {
					local = circleLocalTimes(pl.Slot, in.zones[p], a.from, a.to)
				}
				rec := []string{strconv.Itoa(r + 1), strconv.Itoa(c + 1), person.ID, role, meeting,
					person.Name, strconv.Itoa(person.Level), person.Function, person.Location, tenure, person.Timezone, local}
				if err := cw.Write(rec); err != nil {
					return fmt.Errorf("write circles: %w", err)
				}
			}
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write circles: %w", err)
	}
	return nil
}

// circleLocalTimes gives the weekly slot on the person's wall clock over the
// range, like "Tue 09:00 EST" or, when daylight-saving time moves it,
// "Tue 09:00 EST; Tue 10:00 EDT", in the order the meetings come.
func circleLocalTimes(s schedule.Slot, zone *time.Location, from, to time.Time) string {
	var seen []string
	end := to.AddDate(0, 0, 1) // --to is a whole day
	for t := schedule.Local(s, time.UTC, from); t.Before(end); t = t.AddDate(0, 0, 7) {
		v := t.In(zone).Format("Mon 15:04 MST")
		if !slices.Contains(seen, v) {
			seen = append(seen, v)
		}
	}
	if len(seen) == 0 {
		seen = append(seen, schedule.Local(s, zone, from).Format("Mon 15:04 MST"))
	}
	return strings.Join(seen, "; ")
}
