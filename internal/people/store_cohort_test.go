package people_test

import (
	"context"
	"maps"
	"testing"

	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/db/dbtest"
	"github.com/kindredhq/kindred/internal/people"
	"github.com/kindredhq/kindred/internal/person"
)

// What package mentorships reads of people: the organization chart, a
// capacity and names by id.
func TestCohortReads(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		if _, err := people.NewStore(d, fixedNow).Import(ctx, parse(t, goodCSV)); err != nil {
			t.Fatal(err)
		}
		chart, err := people.OrgChart(ctx, d.Read())
		want := []person.Person{{ID: "E1"}, {ID: "E2", ManagerID: "E1"}, {ID: "E3", ManagerID: "E2"}}
		if err != nil || len(chart) != len(want) {
			t.Fatalf("chart %+v %v", chart, err)
		}
		for k, p := range chart {
			if p.ID != want[k].ID || p.ManagerID != want[k].ManagerID {
				t.Errorf("chart[%d] = %s managed by %q, want %s by %q", k, p.ID, p.ManagerID, want[k].ID, want[k].ManagerID)
			}
		}
		if _, err := people.CapacityOf(ctx, d.Read(), "E1"); err != nil {
			t.Errorf("capacity: %v", err)
		}
		if _, err := people.CapacityOf(ctx, d.Read(), "nobody"); err == nil {
			t.Errorf("a missing person has a capacity")
		}
		names, err := people.Names(ctx, d.Read(), []string{"E1", "E3", "nobody", "E1"})
		if err != nil || !maps.Equal(names, map[string]string{"E1": "Ada Lovelace", "E3": "Alan Turing"}) {
			t.Errorf("names %v %v", names, err)
		}
		if names, err := people.Names(ctx, d.Read(), nil); err != nil || len(names) != 0 {
			t.Errorf("names of no one: %v %v", names, err)
		}
	})
}
