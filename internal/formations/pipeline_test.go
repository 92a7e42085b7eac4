package formations_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/kindredhq/kindred/internal/formations"
	"github.com/kindredhq/kindred/internal/person"
)

// pipelinePeople returns n people in London, 09:00-17:00, over three levels
// and two functions; every third is marked as a facilitator, and p02
// reports to p01.
func pipelinePeople(n int) []person.Person {
	ps := make([]person.Person, n)
	for i := range ps {
		ps[i] = person.Person{ID: fmt.Sprintf("p%02d", i+1), Name: fmt.Sprintf("Person %d", i+1), Level: 1 + i%3,
			Function: []string{"Sales", "Design"}[i%2], Location: "London", Timezone: "Europe/London",
			WorkStart: 9 * 60, WorkEnd: 17 * 60, HireDate: "2020-01-06", Facilitator: i%3 == 0}
	}
	ps[1].ManagerID = "p01"
	return ps
}

func TestArrange(t *testing.T) {
	from := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	in := formations.Input{People: pipelinePeople(12), From: from, To: from.AddDate(0, 0, 27), SessionMinutes: 60,
		Sessions: 3, Size: 4, Rounds: 2, History: [][]string{{"p01", "p03", "gone"}, {"p04", "gone"}},
		Facilitated: map[string]int{"p01": 5}, OnlyMarkedLead: true, Seed: 9}
	ar, err := formations.Arrange(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	// Unknown IDs are left out, and circles of one known person dropped.
	if !slices.EqualFunc(ar.History, [][]int{{0, 2}}, slices.Equal) {
		t.Errorf("history %v, want [[0 2]]", ar.History)
	}
	if !ar.Marked || ar.Facilitators != 4 {
		t.Errorf("marked %v, %d facilitators; want true, 4", ar.Marked, ar.Facilitators)
	}
	for r, round := range ar.Rounds {
		if len(round) != 3 {
			t.Fatalf("round %d: %d circles, want 3", r+1, len(round))
		}
		for c, pl := range round {
			who := in.People[pl.Facilitator]
			if !who.Facilitator || !slices.Contains(pl.Members, pl.Facilitator) {
				t.Errorf("round %d circle %d: %s leads, not a marked member", r+1, c+1, who.ID)
			}
			if who.ID == "p01" {
				t.Errorf("round %d circle %d: p01, who led 5 times before, leads", r+1, c+1)
			}
			if len(pl.Roster.Turns) != in.Sessions || pl.Roster.Turns[0].Facilitator != who.ID {
				t.Errorf("round %d circle %d: roster %+v does not open with %s", r+1, c+1, pl.Roster.Turns, who.ID)
			}
			if !pl.HasSlot || pl.Slot.Steps != 4 {
				t.Errorf("round %d circle %d: slot %v (%v), want one hour", r+1, c+1, pl.Slot, pl.HasSlot)
			}
		}
	}

	// Everyone may lead in the product's rule: the same circles, and the
	// lowest level opens each circle (of those who never led before).
	in.OnlyMarkedLead = false
	all, err := formations.Arrange(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	for r, round := range all.Rounds {
		for c, pl := range round {
			if !slices.Equal(pl.Members, ar.Rounds[r][c].Members) || pl.Slot != ar.Rounds[r][c].Slot {
				t.Errorf("round %d circle %d: %v at %v, want the same circle as before, %v at %v",
					r+1, c+1, pl.Members, pl.Slot, ar.Rounds[r][c].Members, ar.Rounds[r][c].Slot)
			}
			if r == 0 {
				for _, m := range pl.Members {
					if in.Facilitated[in.People[m].ID] == 0 && in.People[m].Level < in.People[pl.Facilitator].Level {
						t.Errorf("circle %d: %s (level %d) opens before %s (level %d)", c+1, in.People[pl.Facilitator].ID,
							in.People[pl.Facilitator].Level, in.People[m].ID, in.People[m].Level)
					}
				}
			}
		}
	}
}
