package circles

import (
	"math/rand/v2"
	"testing"

	"github.com/kindredhq/kindred/internal/schedule"
)

func randomWeek(rng *rand.Rand, density float64) schedule.Week {
	var w schedule.Week
	for s := range schedule.StepsPerWeek {
		if rng.Float64() < density {
			w.Set(s)
		}
	}
	return w
}

func TestRotate(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	for range 50 {
		w := randomWeek(rng, 0.5)
		for _, k := range []int{0, 1, 31, 32, 63, 64, 65, 100, 640, 671, 672, 673, -1, -300} {
			got := rotate(w, k)
			for s := range schedule.StepsPerWeek {
				if got.Has(s) != w.Has(s+k) {
					t.Fatalf("rotate by %d: step %d is %v, want %v", k, s, got.Has(s), w.Has(s+k))
				}
			}
			if got.Count() != w.Count() {
				t.Fatalf("rotate by %d changed the count", k)
			}
		}
	}
}

func TestStartsOf(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 2))
	weeks := []schedule.Week{{}, fullWeek()}
	for _, d := range []float64{0.3, 0.7, 0.9, 0.97} {
		for range 10 {
			weeks = append(weeks, randomWeek(rng, d))
		}
	}
	for i, w := range weeks {
		for _, k := range []int{1, 2, 3, 4, 5, 7, 8, 9, 16, 96, 671, 672} {
			got := startsOf(w, k)
			for s := range schedule.StepsPerWeek {
				if got.Has(s) != naiveRunAt(w, s, k) {
					t.Fatalf("week %d, run %d: start %d is %v", i, k, s, got.Has(s))
				}
			}
			if hasRun(w, k) != naiveHasRun(w, k) {
				t.Fatalf("week %d, run %d: hasRun wrong", i, k)
			}
		}
	}
}

func TestRunWrapsSundayToMonday(t *testing.T) {
	// Sunday 23:30 to Monday 00:30 UTC: one hour across the week's end.
	var w schedule.Week
	for _, s := range []int{schedule.StepsPerWeek - 2, schedule.StepsPerWeek - 1, 0, 1} {
		w.Set(s)
	}
	if !hasRun(w, 4) || hasRun(w, 5) {
		t.Error("the hour across the week's end is not a run of exactly 4")
	}
	if got := chooseSlot(startsOf(w, 4)); got != schedule.StepsPerWeek-2 {
		t.Errorf("slot %d, want %d", got, schedule.StepsPerWeek-2)
	}
}

func TestChooseSlot(t *testing.T) {
	set := func(steps ...int) schedule.Week {
		var w schedule.Week
		for _, s := range steps {
			w.Set(s)
		}
		return w
	}
	for _, tc := range []struct {
		name   string
		starts schedule.Week
		want   int
	}{
		{"none", schedule.Week{}, -1},
		{"one", set(100), 100},
		{"middle of the longest run", set(10, 11, 200, 201, 202, 203, 204), 202},
		{"even run takes the earlier middle", set(50, 51, 52, 53), 51},
		{"run across the week's end", set(670, 671, 0, 1, 2, 300), 0},
		{"everything", fullWeek(), schedule.StepsPerWeek / 2},
	} {
		if got := chooseSlot(tc.starts); got != tc.want {
			t.Errorf("%s: slot %d, want %d", tc.name, got, tc.want)
		}
	}
}
