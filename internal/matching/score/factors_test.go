package score

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kindredhq/kindred/internal/person"
)

func TestFactors(t *testing.T) {
	w := DefaultWeights()
	same := w
	same.FunctionPreference = PreferSame
	wide := w
	wide.FullOverlapHours = 20
	tests := []struct {
		name           string
		mentor, mentee person.Person
		w              Weights
		from, to       time.Time
		factor         string
		points         int
		counted        bool
		reason         string
	}{
		// skills
		{"skills all wanted", newPerson("M", offers("Go", "Public speaking", "Kubernetes")), newPerson("E", wants("go", "public speaking")),
			w, jan5, jan30, FactorSkills, 1000, true, "offers Go and Public speaking, which you want"},
		{"skills one of three", newPerson("M", offers("Go")), newPerson("E", wants("Go", "Rust", "Python")),
			w, jan5, jan30, FactorSkills, 500, true, "offers Go, which you want"},
		{"skills none", newPerson("M", offers("Java")), newPerson("E", wants("Go", "Rust")),
			w, jan5, jan30, FactorSkills, 0, true, "offers none of the skills you want (Go, Rust)"},
		{"skills not wanted", newPerson("M", offers("Go")), newPerson("E"),
			w, jan5, jan30, FactorSkills, 0, true, "you listed no skills you want to learn, so skills earn no points"},
		{"skills listed by nobody", newPerson("M"), newPerson("E"),
			w, jan5, jan30, FactorSkills, 0, false, "nobody in this cohort listed skills, so skills do not count"},
		// interests
		{"interests two", newPerson("M", likes("Chess", "Hiking", "Jazz")), newPerson("E", likes("hiking", "chess")),
			w, jan5, jan30, FactorInterests, 1000, true, "you share an interest in Chess and Hiking"},
		{"interests one of two", newPerson("M", likes("Chess", "Jazz")), newPerson("E", likes("chess", "Running", "Poetry")),
			w, jan5, jan30, FactorInterests, 500, true, "you share an interest in Chess"},
		{"interests none shared", newPerson("M", likes("Chess")), newPerson("E", likes("Running")),
			w, jan5, jan30, FactorInterests, 0, true, "no interests in common"},
		{"interests not listed", newPerson("M", likes("Chess")), newPerson("E"),
			w, jan5, jan30, FactorInterests, 0, true, "you listed no interests, so interests earn no points"},
		{"interests not listed by the mentor", newPerson("M"), newPerson("E", likes("Chess")),
			w, jan5, jan30, FactorInterests, 0, true, "your mentor listed no interests, so interests earn no points"},
		{"interests listed by nobody", newPerson("M"), newPerson("E"),
			w, jan5, jan30, FactorInterests, 0, false, "nobody in this cohort listed interests, so interests do not count"},
		// cross_function
		{"function different", newPerson("M", function("Design")), newPerson("E"),
			w, jan5, jan30, FactorCrossFunction, 1000, true, "different function: Design, a new perspective"},
		{"function same", newPerson("M"), newPerson("E"),
			w, jan5, jan30, FactorCrossFunction, 0, true, "same function as you: Engineering"},
		{"function same preferred", newPerson("M"), newPerson("E"),
			same, jan5, jan30, FactorCrossFunction, 1000, true, "same function as you: Engineering, close to your own work"},
		{"function different, same preferred", newPerson("M", function("Sales")), newPerson("E"),
			same, jan5, jan30, FactorCrossFunction, 0, true, "different function: Sales"},
		// level_gap
		{"level 3 above", newPerson("M", level(8)), newPerson("E", level(5)), w, jan5, jan30, FactorLevelGap, 1000, true, "3 levels above you"},
		{"level 2 above", newPerson("M", level(7)), newPerson("E", level(5)), w, jan5, jan30, FactorLevelGap, 1000, true, "2 levels above you"},
		{"level 1 above", newPerson("M", level(6)), newPerson("E", level(5)), w, jan5, jan30, FactorLevelGap, 600, true, "1 level above you"},
		{"level 4 above", newPerson("M", level(9)), newPerson("E", level(5)), w, jan5, jan30, FactorLevelGap, 750, true, "4 levels above you"},
		{"level 7 above", newPerson("M", level(9)), newPerson("E", level(2)), w, jan5, jan30, FactorLevelGap, 300, true, "7 levels above you"},
		{"level same", newPerson("M"), newPerson("E"), w, jan5, jan30, FactorLevelGap, 0, true, "same level as you"},
		{"level below", newPerson("M", level(3)), newPerson("E", level(5)), w, jan5, jan30, FactorLevelGap, 0, true, "2 levels below you"},
		// time_overlap: 4 hours a week earn full points by default.
		{"same zone", newPerson("M"), newPerson("E"), w, jan5, jan30, FactorTimeOverlap, 1000, true, "40 hours of shared working time each week"},
		{"India and US in winter", newPerson("M", zone("America/New_York", "07:00", "15:00")), newPerson("E", zone("Asia/Kolkata", "10:00", "18:00")),
			// 12:00-20:00 UTC and 04:30-12:30 UTC: 30 minutes a day.
			w, jan5, jan30, FactorTimeOverlap, 625, true, "2 hours 30 minutes of shared working time each week"},
		{"India and US in summer", newPerson("M", zone("America/New_York", "07:00", "15:00")), newPerson("E", zone("Asia/Kolkata", "10:00", "18:00")),
			// New York on EDT starts at 11:00 UTC: 90 minutes a day.
			w, apr6, apr24, FactorTimeOverlap, 1000, true, "7 hours 30 minutes of shared working time each week"},
		{"Nepal and Germany", newPerson("M", zone("Europe/Berlin", "12:00", "20:00")), newPerson("E", zone("Asia/Kathmandu", "09:00", "17:00")),
			// 11:00-19:00 UTC and 03:15-11:15 UTC: 15 minutes a day.
			w, jan5, jan30, FactorTimeOverlap, 312, true, "1 hour 15 minutes of shared working time each week"},
		{"Tokyo and Los Angeles across the date line", newPerson("M", zone("America/Los_Angeles", "09:00", "17:00")), newPerson("E", zone("Asia/Tokyo", "09:00", "17:00")),
			// Monday to Thursday 16:00-17:00 in Los Angeles is Tuesday to Friday 09:00-10:00 in Tokyo.
			w, jan5, jan30, FactorTimeOverlap, 1000, true, "4 hours of shared working time each week"},
		{"London and Auckland", newPerson("M", zone("Pacific/Auckland", "09:00", "17:00")), newPerson("E"),
			w, jan5, jan30, FactorTimeOverlap, 0, true, "no shared working time in a normal week"},
		{"London and New York between the two DST changes", newPerson("M", zone("America/New_York", "09:00", "17:00")), newPerson("E"),
			// New York is on EDT (13:00-21:00 UTC), London still on GMT: 4 hours a day.
			wide, mar9, mar20, FactorTimeOverlap, 1000, true, "20 hours of shared working time each week"},
		{"London and New York across the US DST change", newPerson("M", zone("America/New_York", "09:00", "17:00")), newPerson("E"),
			// Only what holds in every week counts: 14:00-17:00 UTC.
			wide, feb23, mar20, FactorTimeOverlap, 750, true, "15 hours of shared working time each week"},
		// language
		{"language shared", newPerson("M", speaks("English", "Spanish")), newPerson("E", speaks("spanish")),
			w, jan5, jan30, FactorLanguage, 1000, true, "you both speak Spanish"},
		{"language none shared", newPerson("M", speaks("English")), newPerson("E", speaks("Hindi")),
			w, jan5, jan30, FactorLanguage, 0, true, "no language in common"},
		{"language not listed", newPerson("M", speaks("English")), newPerson("E"),
			w, jan5, jan30, FactorLanguage, 0, true, "you listed no languages, so languages earn no points"},
		{"language listed by nobody", newPerson("M"), newPerson("E"),
			w, jan5, jan30, FactorLanguage, 0, false, "nobody in this cohort listed languages, so languages do not count"},
		// style
		{"style both", newPerson("M", styles("Hands-on", "direct")), newPerson("E", styles("hands-on", "Direct")),
			w, jan5, jan30, FactorStyle, 1000, true, "you share a learning style (hands-on) and a communication style (direct)"},
		{"style half", newPerson("M", styles("hands-on", "direct")), newPerson("E", styles("hands-on", "casual")),
			w, jan5, jan30, FactorStyle, 500, true, "you share a learning style (hands-on), but communicate differently (you: casual, mentor: direct)"},
		{"style none", newPerson("M", styles("reading", "direct")), newPerson("E", styles("visual", "casual")),
			w, jan5, jan30, FactorStyle, 0, true, "you learn differently (you: visual, mentor: reading) and communicate differently (you: casual, mentor: direct)"},
		{"style one side", newPerson("M", styles("reading", "")), newPerson("E", styles("visual", "casual")),
			w, jan5, jan30, FactorStyle, 0, true, "you learn differently (you: visual, mentor: reading)"},
		{"style not listed", newPerson("M", styles("reading", "direct")), newPerson("E"),
			w, jan5, jan30, FactorStyle, 0, true, "you gave no learning or communication style, so styles earn no points"},
		{"style not given by the mentor", newPerson("M"), newPerson("E", styles("visual", "casual")),
			w, jan5, jan30, FactorStyle, 0, true, "styles not compared: one of you gave none, so styles earn no points"},
		{"style given by nobody", newPerson("M"), newPerson("E"),
			w, jan5, jan30, FactorStyle, 0, false, "nobody in this cohort gave a learning or communication style, so styles do not count"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := mustScorer(t, []person.Person{tc.mentor}, []person.Person{tc.mentee}, nil, nil, tc.w, Options{From: tc.from, To: tc.to})
			x := s.Explain(0, 0)
			var f Factor
			for _, g := range x.Factors {
				if g.Name == tc.factor {
					f = g
				}
			}
			if f.Name == "" {
				t.Fatalf("no factor %s in %+v", tc.factor, x)
			}
			if f.Points != tc.points || (f.Weight > 0) != tc.counted || f.Reason != tc.reason {
				t.Errorf("%s = %d points, counted %v, %q\nwant   %d points, counted %v, %q",
					tc.factor, f.Points, f.Weight > 0, f.Reason, tc.points, tc.counted, tc.reason)
			}
			if x.Score != s.Score(0, 0) {
				t.Errorf("Explain score %d != Score %d", x.Score, s.Score(0, 0))
			}
			// The score is the rounded weighted average of the counted factors.
			num, den := 0, 0
			for _, g := range x.Factors {
				num += g.Points * g.Weight
				den += g.Weight
			}
			if want := (2*num + den) / (2 * den); x.Score != want {
				t.Errorf("score %d, want %d from %+v", x.Score, want, x.Factors)
			}
		})
	}
}

func TestExplanationOfAGoodPair(t *testing.T) {
	mentor := newPerson("M", level(8), function("Design"), offers("Go", "Public speaking"), likes("Chess"),
		speaks("English", "Spanish"), styles("hands-on", "direct"), zone("America/New_York", "09:00", "17:00"))
	mentee := newPerson("E", level(5), wants("Go", "Public speaking"), likes("Chess", "Running"),
		speaks("Spanish"), styles("hands-on", "direct"), zone("America/Chicago", "09:00", "17:00"))
	s := mustScorer(t, []person.Person{mentor}, []person.Person{mentee}, nil, nil, DefaultWeights(), Options{})
	x := s.Explain(0, 0)
	if x.Score != 1000 {
		t.Errorf("score %d, want 1000: %+v", x.Score, x)
	}
	want := "offers Go and Public speaking, which you want; 35 hours of shared working time each week; " +
		"3 levels above you; you share an interest in Chess; different function: Design, a new perspective; " +
		"you both speak Spanish; you share a learning style (hands-on) and a communication style (direct)"
	if got := strings.Join(x.Reasons(), "; "); got != want {
		t.Errorf("reasons\n got %s\nwant %s", got, want)
	}
	if p, ok := x.Points(FactorLevelGap); p != 1000 || !ok {
		t.Errorf("Points(level_gap) = %d, %v", p, ok)
	}

	// Indifference to function drops the factor; a weight of 0 drops it too.
	w := DefaultWeights()
	w.FunctionPreference = Indifferent
	if err := w.SetWeight(FactorStyle, 0); err != nil {
		t.Fatal(err)
	}
	s = mustScorer(t, []person.Person{mentor}, []person.Person{mentee}, nil, nil, w, Options{})
	var names []string
	for _, f := range s.Explain(0, 0).Factors {
		names = append(names, f.Name)
	}
	if want := []string{"skills", "interests", "level_gap", "time_overlap", "language"}; !slices.Equal(names, want) {
		t.Errorf("factors %v, want %v", names, want)
	}
}

func TestLevelPointsAndFormat(t *testing.T) {
	for _, tc := range []struct{ gap, lo, hi, want int }{
		{-3, 2, 3, 0}, {0, 2, 3, 0}, {1, 2, 3, 600}, {2, 2, 3, 1000}, {3, 2, 3, 1000}, {4, 2, 3, 750},
		{9, 2, 3, 300}, {1, 3, 4, 200}, {2, 3, 4, 600}, {1, 1, 1, 1000}, {2, 1, 1, 750},
	} {
		if got := levelPoints(tc.gap, tc.lo, tc.hi); int(got) != tc.want {
			t.Errorf("levelPoints(%d, %d, %d) = %d, want %d", tc.gap, tc.lo, tc.hi, got, tc.want)
		}
	}
	for steps, want := range map[int]string{1: "15 minutes", 4: "1 hour", 5: "1 hour 15 minutes", 10: "2 hours 30 minutes", 160: "40 hours"} {
		if got := formatSteps(steps); got != want {
			t.Errorf("formatSteps(%d) = %q, want %q", steps, got, want)
		}
	}
}
