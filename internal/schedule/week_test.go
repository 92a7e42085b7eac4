package schedule

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// randomWeek returns a week with long runs, like availability has.
func randomWeek(r *rand.Rand) Week {
	var w Week
	for s := 0; s < StepsPerWeek; {
		n := 1 + r.IntN(40)
		if r.IntN(2) == 0 {
			for k := range n {
				w.Set(s + k)
			}
		}
		s += n
	}
	return w
}

// naiveStarts is Week.Starts step by step.
func naiveStarts(w Week, n int) Week {
	var out Week
	if n > StepsPerWeek {
		return out
	}
	for s := range StepsPerWeek {
		ok := true
		for k := range max(n, 1) {
			ok = ok && w.Has(s+k)
		}
		if ok {
			out.Set(s)
		}
	}
	return out
}

func TestStartsMatchesNaive(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	weeks := []Week{{}, FullWeek()}
	for range 50 {
		weeks = append(weeks, randomWeek(r))
	}
	for i, w := range weeks {
		for _, n := range []int{-1, 0, 1, 2, 3, 4, 5, 7, 8, 12, 31, 64, 100, 671, 672, 673} {
			if got, want := w.Starts(n), naiveStarts(w, n); got != want {
				t.Fatalf("week %d, Starts(%d) = %s, want %s", i, n, describe(got), describe(want))
			}
		}
	}
}

func TestRotate(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 20 {
		w := randomWeek(r)
		for _, k := range []int{0, 1, 31, 32, 33, 63, 64, 65, 300, 640, 671, 672, -1, 1000} {
			got := w.rotate(k)
			for s := range StepsPerWeek {
				if got.Has(s) != w.Has(s+k) {
					t.Fatalf("rotate(%d): step %d is %v, want %v", k, s, got.Has(s), w.Has(s+k))
				}
			}
			if got[weekWords-1]&^lastWordMask != 0 {
				t.Fatalf("rotate(%d) set bits past the end of the week", k)
			}
		}
	}
}

func TestFindWeek(t *testing.T) {
	var sunMon Week // Sunday 23:30 to Monday 00:30 UTC
	for _, s := range []int{StepsPerWeek - 2, StepsPerWeek - 1, 0, 1} {
		sunMon.Set(s)
	}
	var tue Week // Tuesday 14:00-15:00 UTC
	for s := range 4 {
		tue.Set(StepsPerDay + 14*4 + s)
	}
	tests := []struct {
		name   string
		avails []Week
		steps  int
		want   []int
	}{
		{"wraps sunday to monday", []Week{sunMon}, 4, []int{StepsPerWeek - 2}},
		{"wrap with shorter run", []Week{sunMon}, 2, []int{0, StepsPerWeek - 2, StepsPerWeek - 1}},
		{"too long", []Week{sunMon}, 5, nil},
		{"one step", []Week{tue}, 1, []int{152, 153, 154, 155}},
		{"zero steps count as one", []Week{tue}, 0, []int{152, 153, 154, 155}},
		{"disjoint", []Week{sunMon, tue}, 1, nil},
		{"intersection", []Week{tue, FullWeek(), tue}, 3, []int{152, 153}},
		{"whole week", []Week{FullWeek()}, StepsPerWeek, FullWeek().AppendSteps(nil)},
		{"longer than a week", []Week{FullWeek()}, StepsPerWeek + 1, nil},
		{"no members", nil, 4, FullWeek().AppendSteps(nil)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := FindWeek(tt.avails, tt.steps); !slices.Equal(got, tt.want) {
				t.Errorf("FindWeek = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestFindWeekAllocations(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	avails := []Week{randomWeek(r), randomWeek(r), {}}
	if n := testing.AllocsPerRun(100, func() { _ = FindWeek(avails, 4) }); n != 0 {
		t.Errorf("FindWeek with no slot allocates %v times, want 0", n)
	}
	avails = []Week{FullWeek(), FullWeek()}
	if n := testing.AllocsPerRun(100, func() { _ = FindWeek(avails, 4) }); n > 1 {
		t.Errorf("FindWeek allocates %v times, want at most 1", n)
	}
	if n := testing.AllocsPerRun(100, func() { _ = Intersect(avails).Starts(4).IsEmpty() }); n != 0 {
		t.Errorf("Intersect(...).Starts allocates %v times, want 0", n)
	}
}

func TestWeekSetOps(t *testing.T) {
	full := FullWeek()
	if full.Count() != StepsPerWeek {
		t.Errorf("FullWeek has %d steps, want %d", full.Count(), StepsPerWeek)
	}
	var a, b Week
	a.Set(3)
	b.Set(StepsPerWeek - 1)
	if u := a.Or(b); !u.Has(3) || !u.Has(-1) || u.Count() != 2 {
		t.Errorf("Or = %s", describe(u))
	}
	if got := Intersect([]Week{a, a.Or(b)}); got != a {
		t.Errorf("Intersect = %s, want %s", describe(got), describe(a))
	}
	if got := a.Or(b).AppendSteps([]int{-7}); !slices.Equal(got, []int{-7, 3, StepsPerWeek - 1}) {
		t.Errorf("AppendSteps = %v", got)
	}
}
