package demo

import (
	"strings"
	"testing"
	"time"
)

// TestTaxonomy checks the tables generation draws from.
func TestTaxonomy(t *testing.T) {
	t.Run("skills", func(t *testing.T) {
		seen := map[string]bool{}
		total := 0
		for _, list := range append([][]string{crossSkills}, skillLists()...) {
			for _, s := range list {
				if k := strings.ToLower(s); seen[k] {
					t.Errorf("skill %q is listed twice", s)
				} else {
					seen[k] = true
				}
				total++
			}
		}
		if total < 50 || len(crossSkills) < 10 {
			t.Errorf("%d skills, %d cross-cutting; want about 60 with 10+ cross-cutting", total, len(crossSkills))
		}
		for s := range properSkills {
			if !seen[strings.ToLower(s)] {
				t.Errorf("proper skill %q is not in the taxonomy", s)
			}
		}
	})
	t.Run("functions", func(t *testing.T) {
		depts := map[string]string{}
		if len(functions) < 8 {
			t.Errorf("%d functions; want 8+", len(functions))
		}
		for _, f := range append([]function{executive}, functions...) {
			if f.name == "" || f.role == "" || len(f.depts) == 0 || f.women <= 0 || f.women >= 1 {
				t.Errorf("function %+v is incomplete", f)
			}
			for _, d := range append([]string{f.leadership()}, f.depts...) {
				if other, ok := depts[d]; ok && other != f.name {
					t.Errorf("department %q is in %s and %s", d, other, f.name)
				}
				depts[d] = f.name
			}
			if f.name != executive.name && (f.weight <= 0 || len(f.depts) < 2 || len(f.skills) < 4) {
				t.Errorf("function %s needs a weight, 2+ departments and 4+ skills", f.name)
			}
		}
		if depts[adminDepartment] != peopleFunction {
			t.Errorf("the demo admin's department %q is not in %s", adminDepartment, peopleFunction)
		}
	})
	t.Run("locations", func(t *testing.T) {
		names, zones := map[string]bool{}, map[string]bool{}
		for _, l := range locations {
			if names[l.name] {
				t.Errorf("location %q repeats", l.name)
			}
			names[l.name], zones[l.zone] = true, true
			if _, err := time.LoadLocation(l.zone); err != nil {
				t.Errorf("%s: %v", l.name, err)
			}
			if l.weight <= 0 || l.region < 0 || l.region >= len(namePools) || l.english <= 0.5 {
				t.Errorf("location %+v", l)
			}
		}
		if len(names) < 8 || len(zones) < 8 || !zones["Asia/Kolkata"] || !zones["Asia/Kathmandu"] {
			t.Errorf("%d locations in %d zones; want 8+ of each with Asia/Kolkata and Asia/Kathmandu", len(names), len(zones))
		}
	})
	t.Run("hours", func(t *testing.T) {
		for _, h := range hours {
			if h.start%15 != 0 || h.end%15 != 0 || h.end <= h.start || h.weight <= 0 {
				t.Errorf("hours %+v", h)
			}
		}
		if hours[0].start != 9*60 || hours[0].end != 17*60 || 2*hours[0].weight < sumHoursWeight() {
			t.Error("09:00-17:00 should be the most common working hours, for most people")
		}
	})
	t.Run("names", func(t *testing.T) {
		for r, p := range namePools {
			if len(p.women) < 10 || len(p.men) < 10 || len(p.last) < 10 {
				t.Errorf("name pool %d is small: %d, %d, %d", r, len(p.women), len(p.men), len(p.last))
			}
			for _, n := range append(append(append([]string{}, p.women...), p.men...), p.last...) {
				if emailLocal(n) == "" {
					t.Errorf("name %q has no letters for an email", n)
				}
			}
		}
		for in, want := range map[string]string{"Mei Ling": "meiling", "O'Brien": "obrien", "Müller": "muller", "João": "joao", "Élodie": "elodie", "Gutiérrez": "gutierrez"} {
			if got := emailLocal(in); got != want {
				t.Errorf("emailLocal(%q) = %q, want %q", in, got, want)
			}
		}
	})
	t.Run("interests", func(t *testing.T) {
		seen := map[string]bool{}
		for _, in := range interests {
			if seen[in] {
				t.Errorf("interest %q repeats", in)
			}
			seen[in] = true
		}
		if len(seen) < 20 {
			t.Errorf("%d interests; want about 25", len(seen))
		}
	})
}

func skillLists() [][]string {
	var out [][]string
	for _, f := range functions {
		out = append(out, f.skills)
	}
	return out
}

func sumHoursWeight() int {
	n := 0
	for _, h := range hours {
		n += h.weight
	}
	return n
}

func TestID(t *testing.T) {
	for _, tc := range []struct {
		i, width int
		want     string
	}{{0, 5, "E00001"}, {41, 5, "E00042"}, {99_999, 6, "E100000"}, {123_456, 5, "E123457"}} {
		if got := id(tc.i, tc.width); got != tc.want {
			t.Errorf("id(%d, %d) = %q, want %q", tc.i, tc.width, got, tc.want)
		}
	}
}
