package schedule

import (
	"math/rand/v2"
	"testing"
	"time"
)

// benchZones are 40 zones in the proportions of a global organization:
// the big offices repeat.
var benchZones = []string{
	"America/New_York", "America/New_York", "America/New_York", "America/Chicago", "America/Denver",
	"America/Los_Angeles", "America/Los_Angeles", "America/Toronto", "America/Mexico_City", "America/Sao_Paulo",
	"America/Bogota", "America/Santiago", "America/St_Johns", "Europe/London", "Europe/London",
	"Europe/Dublin", "Europe/Paris", "Europe/Berlin", "Europe/Madrid", "Europe/Amsterdam",
	"Europe/Warsaw", "Europe/Kyiv", "Europe/Istanbul", "Africa/Lagos", "Africa/Nairobi",
	"Africa/Johannesburg", "Africa/Cairo", "Asia/Dubai", "Asia/Tehran", "Asia/Kolkata",
	"Asia/Kathmandu", "Asia/Dhaka", "Asia/Singapore", "Asia/Shanghai", "Asia/Tokyo",
	"Asia/Seoul", "Australia/Sydney", "Australia/Adelaide", "Australia/Lord_Howe", "Pacific/Auckland",
	"Pacific/Chatham", "Asia/Jakarta",
}

// benchPeople returns n people with working hours drawn from a few common
// patterns, as an organization has.
func benchPeople(b *testing.B, n int) []Member {
	hours := []Hours{{540, 1020}, {540, 1020}, {480, 960}, {510, 1050}, {600, 1080}, {420, 900}, {570, 1050}, {540, 1080}}
	locs := map[string]*time.Location{}
	r := rand.New(rand.NewPCG(1, 1))
	people := make([]Member, n)
	for i := range people {
		name := benchZones[r.IntN(len(benchZones))]
		if locs[name] == nil {
			locs[name] = zone(b, name)
		}
		people[i] = Member{Zone: locs[name], Hours: hours[r.IntN(len(hours))]}
	}
	return people
}

// BenchmarkAvailability100k computes the availability of 100,000 people
// over a 13-week cycle with a fresh cache each time.
func BenchmarkAvailability100k(b *testing.B) {
	people := benchPeople(b, 100_000)
	from := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	to := from.AddDate(0, 0, 13*7-1)
	var distinct int
	for b.Loop() {
		var c Cache
		for _, p := range people {
			c.Availability(p.Zone, p.Hours, from, to)
		}
		distinct = c.Len()
	}
	b.ReportMetric(float64(distinct), "distinct")
}

// BenchmarkAvailability13Weeks computes one availability over 13 weeks
// without a cache.
func BenchmarkAvailability13Weeks(b *testing.B) {
	loc := zone(b, "Australia/Lord_Howe")
	from := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	to := from.AddDate(0, 0, 13*7-1)
	for b.Loop() {
		Availability(loc, nineToFive, from, to)
	}
}

// BenchmarkFindWeek looks for a one-hour slot for a circle of 8, as
// circle formation does in its inner loop.
func BenchmarkFindWeek(b *testing.B) {
	people := benchPeople(b, 8)
	from := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	avails := make([]Week, len(people))
	for i, p := range people {
		avails[i] = Availability(p.Zone, p.Hours, from, from.AddDate(0, 0, 90))
	}
	b.Run("list", func(b *testing.B) {
		for b.Loop() {
			FindWeek(avails, 4)
		}
	})
	b.Run("exists", func(b *testing.B) {
		for b.Loop() {
			_ = Intersect(avails).Starts(4).IsEmpty()
		}
	})
}

// BenchmarkFind finds and scores a slot for a circle of 8 with a warm
// cache.
func BenchmarkFind(b *testing.B) {
	people := benchPeople(b, 8)
	from := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	to := from.AddDate(0, 0, 90)
	var c Cache
	for b.Loop() {
		c.Find(people, 60, from, to)
	}
}
