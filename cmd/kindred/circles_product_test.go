package main

import (
	"path/filepath"
	"regexp"
	"slices"
	"testing"
	"time"

	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/db/dbtest"
	"github.com/kindredhq/kindred/internal/formations/formationstest"
)

// TestCirclesCLIAndProductAgree runs kindred circles and the product's
// Store.Form on the CLI's test data (imported, enrolled in a cycle over the
// same dates) with the same size and seed, and checks that they give the
// same circles with the same meeting slots and, when nobody is marked as a
// facilitator (so both let everyone lead), the same facilitators: they run
// one pipeline, formations.Arrange.
func TestCirclesCLIAndProductAgree(t *testing.T) {
	data := mustReadCircles(t, circlesPeople)
	unmarked := regexp.MustCompile(`(?m),yes$`).ReplaceAll(data, []byte(",no"))
	for _, tc := range []struct {
		name             string
		csv              []byte
		sameFacilitators bool
	}{
		{"as given", data, false},
		{"nobody marked", unmarked, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			peoplePath := writeCirclePeople(t, dir, tc.csv)
			out, sum := filepath.Join(dir, "circles.csv"), filepath.Join(dir, "summary.json")
			if _, _, err := runCircles(t, "--people", peoplePath, "--size", "6", "--seed", "1",
				"--from", circlesFrom, "--to", circlesTo, "--out", out, "--summary", sum); err != nil {
				t.Fatal(err)
			}
			cli := groupCircles(readCirclesOut(t, out))

			dbtest.Each(t, func(t *testing.T, d *db.DB) {
				now := func() time.Time { return time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC) }
				cs := formationstest.NewCycle(t, d, string(tc.csv), "E01", circlesFrom, circlesTo, now).Form(t, 6, 1, "E01")
				if len(cs) != len(cli) {
					t.Fatalf("product formed %d circles, the CLI %d", len(cs), len(cli))
				}
				for _, c := range cs {
					rows := cli[[2]int{1, c.Number}]
					var want []string
					for _, r := range rows {
						want = append(want, r.id)
					}
					got := make([]string, len(c.Members))
					for i, m := range c.Members {
						got[i] = m.PersonID
					}
					slices.Sort(want)
					slices.Sort(got)
					if !slices.Equal(got, want) {
						t.Errorf("circle %d: product %v, CLI %v", c.Number, got, want)
					}
					meeting := ""
					if c.HasSlot {
						meeting = c.Slot.String()
					}
					if len(rows) > 0 && rows[0].meeting != meeting {
						t.Errorf("circle %d: product meets at %q, CLI at %q", c.Number, meeting, rows[0].meeting)
					}
					if tc.sameFacilitators && len(rows) > 0 && rows[0].id != c.Turns[0].Facilitator {
						t.Errorf("circle %d: product's first facilitator %s, CLI's %s (%s)", c.Number, c.Turns[0].Facilitator, rows[0].id, rows[0].role)
					}
				}
			})
		})
	}
}
