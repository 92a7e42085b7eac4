package circles

import (
	"math/rand/v2"
	"time"

	"github.com/kindredhq/kindred/internal/schedule"
)

// TenureBand returns the tenure band of someone hired at hire, as of asOf:
// 0 under one year, 1 from one to under three years, 2 from three to under
// seven, 3 seven years or more. Years are counted by calendar date in UTC
// (someone hired on 29 February has their anniversary on 1 March); a hire
// date after asOf counts as band 0.
func TenureBand(hire, asOf time.Time) int {
	hire, asOf = hire.UTC(), asOf.UTC()
	years := asOf.Year() - hire.Year()
	if hire.AddDate(years, 0, 0).After(asOf) {
		years--
	}
	switch {
	case years < 1:
		return 0
	case years < 3:
		return 1
	case years < 7:
		return 2
	default:
		return 3
	}
}

// GeneratedLocation returns the name and UTC offset (minutes east, no
// daylight saving time) of location code loc (0 to 7) of Generate, for
// reports; "" and 0 for other codes.
func GeneratedLocation(loc int) (name string, offset int) {
	if loc < 0 || loc >= len(generatedLocations) {
		return "", 0
	}
	l := generatedLocations[loc]
	return l.name, l.offset
}

// location is an office of a generated organization.
type location struct {
	name   string
	offset int     // minutes east of UTC, no daylight saving time
	share  float64 // of people
}

// generatedLocations are the locations of Generate.
var generatedLocations = []location{
	{"New York", -5 * 60, 0.10},
	{"São Paulo", -3 * 60, 0.06},
	{"London", 0, 0.22},
	{"Lisbon", 0, 0.06},
	{"Berlin", 60, 0.18},
	{"Lagos", 60, 0.10},
	{"Nairobi", 3 * 60, 0.12},
	{"Bangalore", 5*60 + 30, 0.16},
}

// worldLocations are the locations of GenerateWorld, offices from San
// Francisco to Sydney with shares like the demo organization's.
var worldLocations = []location{
	{"San Francisco", -8 * 60, 0.11},
	{"Mexico City", -6 * 60, 0.04},
	{"Chicago", -6 * 60, 0.05},
	{"New York", -5 * 60, 0.18},
	{"São Paulo", -3 * 60, 0.05},
	{"London", 0, 0.12},
	{"Berlin", 60, 0.11},
	{"Nairobi", 3 * 60, 0.03},
	{"Bangalore", 5*60 + 30, 0.14},
	{"Kathmandu", 5*60 + 45, 0.03},
	{"Singapore", 8 * 60, 0.06},
	{"Sydney", 10 * 60, 0.06},
}

// generatedFunctions are the shares of the ten function codes of Generate
// (engineering, sales, operations, support, marketing, product, design,
// finance, people, legal).
var generatedFunctions = []float64{0.30, 0.14, 0.10, 0.10, 0.08, 0.07, 0.06, 0.06, 0.05, 0.04}

// Generate returns n participants of a realistic made-up organization, for
// benchmarks, tests and demos:
//
//   - levels 1 (entry) to 10 in a pyramid, each level three quarters the
//     size of the one below;
//   - ten functions of unequal size, and the eight locations of
//     GeneratedLocation, spread from UTC-5 to UTC+5:30;
//   - tenure bands that lengthen with level;
//   - a management tree: everyone but one person reports to someone at the
//     next level up that has people;
//   - facilitators: from about a fifth of level 1 to most of level 10;
//   - working hours Monday to Friday in local time, starting between 7:00
//     and 10:00 and lasting 8 to 10 hours, a quarter of people more
//     flexible (7:00-19:00), so most but not all pairs share some hours.
//
// The result depends only on n and src.
func Generate(n int, src rand.Source) []Participant {
	return generate(n, src, generatedLocations)
}

// GenerateWorld is Generate with twelve locations from San Francisco
// (UTC-8) to Sydney (UTC+10), as in the demo organization: people at the
// two ends share no working hour, so most circles can only meet if they
// are formed by time zone. It tests and measures how Form keeps circles
// slotted when that costs diversity.
func GenerateWorld(n int, src rand.Source) []Participant {
	return generate(n, src, worldLocations)
}

func generate(n int, src rand.Source, locations []location) []Participant {
	rng := rand.New(src)
	levelShare := make([]float64, 10)
	for l, w := 0, 1.0; l < 10; l, w = l+1, w*0.75 {
		levelShare[l] = w
	}
	locShare := make([]float64, len(locations))
	for i, l := range locations {
		locShare[i] = l.share
	}
	people := make([]Participant, n)
	for i := range people {
		p := &people[i]
		p.Level = 1 + pick(rng, levelShare)
		p.Function = pick(rng, generatedFunctions)
		p.Location = pick(rng, locShare)
		senior := float64(p.Level-1) / 9
		p.Tenure = pick(rng, []float64{0.35 - 0.3*senior, 0.4 - 0.2*senior, 0.2 + 0.15*senior, 0.05 + 0.35*senior})
		p.Facilitator = rng.Float64() < 0.15+0.05*float64(p.Level)
		startMin, lenMin := 7*60+15*rng.IntN(13), 8*60+15*rng.IntN(9)
		if rng.IntN(4) == 0 {
			startMin, lenMin = 7*60, 12*60
		}
		p.Avail = workWeek(startMin, lenMin, locations[p.Location].offset)
	}
	// Management tree: by level, each person reports to a random person at
	// the nearest level above that has anyone.
	byLevel := make([][]int, 11)
	for i, p := range people {
		byLevel[p.Level] = append(byLevel[p.Level], i)
	}
	for l := 1; l <= 10; l++ {
		above := l + 1
		for above <= 10 && len(byLevel[above]) == 0 {
			above++
		}
		for _, i := range byLevel[l] {
			switch {
			case above <= 10:
				people[i].SetManager(byLevel[above][rng.IntN(len(byLevel[above]))])
			case i != byLevel[l][0]:
				// Top level: everyone reports to its first member.
				people[i].SetManager(byLevel[l][0])
			}
		}
	}
	return people
}

// pick returns an index drawn with probability proportional to weights.
func pick(rng *rand.Rand, weights []float64) int {
	total := 0.0
	for _, w := range weights {
		total += w
	}
	x := rng.Float64() * total
	for i, w := range weights {
		if x < w {
			return i
		}
		x -= w
	}
	return len(weights) - 1
}

// workWeek returns Monday-to-Friday local hours [start, start+length)
// minutes, for a zone offset minutes east of UTC, as UTC steps.
func workWeek(start, length, offset int) schedule.Week {
	var w schedule.Week
	for day := range 5 {
		from := (day*24*60 + start - offset) / schedule.StepMinutes
		for s := range length / schedule.StepMinutes {
			w.Set(from + s) // Set wraps modulo the week
		}
	}
	return w
}
