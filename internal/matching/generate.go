package matching

import "math/rand/v2"

// Generate returns a random Problem for tests, benchmarks and demos:
// mentees and mentors, each mentor with a capacity uniform in 1..4, and
// perMentee distinct candidate mentors per mentee (all mentors if there
// are fewer). The same src state gives the same Problem.
//
// Scores have structure, like a real candidate list: everyone has a topic
// on a circle, mentors (placed on the circle in index order) have a
// quality, and a pair scores quality (0..300) + topic closeness (0..500) +
// noise (0..200). Three candidates in four are drawn among the mentors
// whose topics are nearest the mentee's (a twentieth of all mentors), the
// rest anywhere, so good mentors nearby compete for the same mentees, as
// in a real best-K candidate list. The objective is Participation, with no
// locks or exclusions. It takes O(mentees * perMentee^2) time.
func Generate(mentees, mentors, perMentee int, src rand.Source) Problem {
	r := rand.New(src)
	p := Problem{MentorCapacity: make([]int32, mentors), NumMentees: mentees}
	quality := make([]int32, mentors)
	for j := range mentors {
		p.MentorCapacity[j] = 1 + r.Int32N(4)
		quality[j] = r.Int32N(301)
	}
	k := min(perMentee, mentors)
	if k <= 0 {
		return p
	}
	window := max(4*k, mentors/20) // mentors near a topic
	p.Arcs = make([]Arc, 0, mentees*k)
	for i := range mentees {
		topic := r.IntN(1000)
		center := topic * mentors / 1000
		start := len(p.Arcs)
		for len(p.Arcs)-start < k {
			var j int
			if window < mentors && r.IntN(4) != 0 {
				j = (center + r.IntN(window) - window/2 + mentors) % mentors
			} else {
				j = r.IntN(mentors)
			}
			if hasMentor(p.Arcs[start:], int32(j)) {
				continue
			}
			d := abs(topic - j*1000/mentors)
			d = min(d, 1000-d) // circular distance, 0..500
			s := quality[j] + int32(500-d) + r.Int32N(201)
			p.Arcs = append(p.Arcs, Arc{Mentor: int32(j), Mentee: int32(i), Score: s})
		}
	}
	return p
}

func hasMentor(arcs []Arc, j int32) bool {
	for _, a := range arcs {
		if a.Mentor == j {
			return true
		}
	}
	return false
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
