package rotation_test

import (
	"fmt"

	"github.com/kindredhq/kindred/internal/rotation"
)

func ExamplePlan() {
	members := []rotation.Member{
		{ID: "ada", Level: 6, TenureDays: 9 * 365},
		{ID: "bo", Level: 2, TenureDays: 120}, // a newcomer
		{ID: "cy", Level: 3, TenureDays: 2 * 365, Away: []int{1}},
		{ID: "di", Level: 4, TenureDays: 4 * 365},
		{ID: "ed", Level: 5, TenureDays: 6 * 365, OptedOut: true},
	}
	// di facilitated once in the last cycle.
	roster, err := rotation.Plan(members, 6, map[string]int{"di": 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, t := range roster.Turns {
		fmt.Printf("session %d: %s", t.Session, t.Facilitator)
		if t.CoFacilitator != "" {
			fmt.Printf(" with %s", t.CoFacilitator)
		}
		fmt.Println()
	}
	for _, b := range roster.Buddies {
		fmt.Printf("%s's buddy: %s\n", b.Newcomer, b.Buddy)
	}
	// Output:
	// session 0: bo with ada
	// session 1: ada
	// session 2: cy
	// session 3: bo with ada
	// session 4: cy
	// session 5: di
	// bo's buddy: ada
}
