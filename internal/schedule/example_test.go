package schedule_test

import (
	"fmt"
	"time"

	"github.com/kindredhq/kindred/internal/schedule"
)

func ExampleFind() {
	load := func(name string) *time.Location {
		loc, err := time.LoadLocation(name)
		if err != nil {
			panic(err)
		}
		return loc
	}
	hours, err := schedule.ParseHours("09:00-17:00")
	if err != nil {
		panic(err)
	}
	members := []schedule.Member{
		{ID: "ana", Zone: load("Europe/London"), Hours: hours},
		{ID: "ben", Zone: load("Europe/Berlin"), Hours: hours},
		{ID: "chandra", Zone: load("Asia/Kolkata"), Hours: hours},
	}
	from := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	to := time.Date(2026, 8, 28, 0, 0, 0, 0, time.UTC)

	res := schedule.Find(members, 60, from, to)
	fmt.Println("found:", res.Found, "slots:", len(res.Slots), "best:", res.Best)
	for _, m := range members {
		fmt.Printf("%s: %s\n", m.ID, schedule.Local(res.Best, m.Zone, from).Format("Monday 15:04 MST"))
	}
	// Output:
	// found: true slots: 55 best: MON 10:30
	// ana: Monday 11:30 BST
	// ben: Monday 12:30 CEST
	// chandra: Monday 16:00 IST
}

func ExampleFind_blockers() {
	tokyo, _ := time.LoadLocation("Asia/Tokyo")
	la, _ := time.LoadLocation("America/Los_Angeles")
	members := []schedule.Member{
		{ID: "kenji", Zone: tokyo, Hours: schedule.Hours{Start: 9 * 60, End: 18 * 60}},
		{ID: "lucy", Zone: la, Hours: schedule.Hours{Start: 9 * 60, End: 17 * 60}},
	}
	winter := schedule.Find(members, 60, time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC), time.Date(2026, 2, 27, 0, 0, 0, 0, time.UTC))
	fmt.Println("winter:", winter.Found, winter.Slots)
	summer := schedule.Find(members, 60, time.Date(2026, 7, 6, 0, 0, 0, 0, time.UTC), time.Date(2026, 7, 31, 0, 0, 0, 0, time.UTC))
	fmt.Println("summer:", summer.Found, "blocked by", summer.Blockers)
	// Output:
	// winter: true [TUE 00:00 WED 00:00 THU 00:00 FRI 00:00]
	// summer: false blocked by [lucy]
}

func ExampleFindWeek() {
	var a, b schedule.Week
	for s := range 8 { // Sunday 23:00 to Monday 01:00 UTC
		a.Set(schedule.StepsPerWeek - 4 + s)
	}
	for s := range 3 { // Monday 00:00 to 00:45
		b.Set(s)
	}
	b.Set(schedule.StepsPerWeek - 1) // Sunday 23:45
	for _, s := range schedule.FindWeek([]schedule.Week{a, b}, 4) {
		fmt.Println(schedule.Slot{Start: s, Steps: 4})
	}
	// Output:
	// SUN 23:45
}
