package circles

import (
	"math/rand/v2"
	"testing"
	"time"
)

func TestTenureBand(t *testing.T) {
	asOf := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		hire string
		want int
	}{
		{"2026-03-02", 0}, // hired tomorrow
		{"2026-01-01", 0},
		{"2025-03-02", 0}, // one year tomorrow
		{"2025-03-01", 1}, // one year today
		{"2023-03-02", 1},
		{"2023-03-01", 2},
		{"2019-03-02", 2},
		{"2019-03-01", 3},
		{"1990-06-15", 3},
		{"2024-02-29", 1}, // leap day: anniversaries fall on 1 March
	} {
		hire, err := time.Parse(time.DateOnly, tc.hire)
		if err != nil {
			t.Fatal(err)
		}
		if got := TenureBand(hire, asOf); got != tc.want {
			t.Errorf("hired %s: band %d, want %d", tc.hire, got, tc.want)
		}
	}
	// Time zones do not shift the day: 23:00 in New York on the eve of the
	// anniversary is already the anniversary in UTC.
	ny := time.FixedZone("EST", -5*3600)
	hire := time.Date(2025, 2, 28, 23, 0, 0, 0, ny) // 1 March 04:00 UTC
	if got := TenureBand(hire, asOf); got != 1 {
		t.Errorf("hired on the eve in New York: band %d, want 1", got)
	}
}

func TestGenerate(t *testing.T) {
	people := Generate(5000, rand.NewPCG(1, 2))
	levels := make([]int, 11)
	fac, top := 0, 0
	for i, p := range people {
		levels[p.Level]++
		if p.Facilitator {
			fac++
		}
		if p.Function < 0 || p.Function >= 10 || p.Location < 0 || p.Location >= 8 || p.Tenure < 0 || p.Tenure > 3 {
			t.Fatalf("person %d: attribute out of range: %+v", i, p)
		}
		m, managed := p.Manager()
		switch {
		case !managed:
			top++
		case m == i || m < 0 || m >= len(people):
			t.Fatalf("person %d: manager %d", i, m)
		case people[m].Level < p.Level || people[m].Level == p.Level && people[m].ManagedBy != 0:
			t.Fatalf("person %d at level %d reports to level %d", i, p.Level, people[m].Level)
		}
		if w := p.Avail.Count(); w < 5*8*4 || w > 5*12*4 {
			t.Fatalf("person %d: %d available steps", i, w)
		}
	}
	if top != 1 {
		t.Errorf("%d people without a manager, want 1", top)
	}
	for l := 1; l < 10; l++ {
		if levels[l] < levels[l+1] {
			t.Errorf("level %d has %d people, fewer than level %d (%d)", l, levels[l], l+1, levels[l+1])
		}
	}
	if fac < len(people)/5 || fac > len(people)/2 {
		t.Errorf("%d facilitators of %d", fac, len(people))
	}
	// Most pairs share an hour, not all.
	shared := 0
	for i := range 1000 {
		a, b := people[2*i], people[2*i+1]
		if hasRun(a.Avail.And(b.Avail), 4) {
			shared++
		}
	}
	if shared < 600 || shared > 990 {
		t.Errorf("%d of 1000 pairs share an hour", shared)
	}
}
