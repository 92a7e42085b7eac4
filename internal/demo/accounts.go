package demo

import (
	"slices"

	"github.com/kindredhq/kindred/internal/person"
)

// peopleFunction and adminDepartment locate the demo admin and sponsor.
const (
	peopleFunction  = "People"
	adminDepartment = "Learning & Development"
)

// accounts chooses the four demo sign-in accounts, gives them their
// emails and access roles, and adjusts the mentor and mentee just enough
// that the mentor can take the mentee and has a skill the mentee wants.
// Each choice is the first person in order who fits best, so it repeats.
func (g *gen) accounts(ps []person.Person) Accounts {
	used := make([]bool, len(ps))
	first := func(rules ...func(i int) bool) int {
		for _, fits := range rules {
			for i := 1; i < len(ps); i++ {
				if !used[i] && fits(i) {
					used[i] = true
					return i
				}
			}
		}
		panic("demo: no person fits a demo account") // the last rule always fits
	}
	inPeople := func(i int) bool { return ps[i].Function == peopleFunction }
	anyone := func(int) bool { return true }

	sponsor := first(func(i int) bool { return inPeople(i) && g.m[i].parent == 0 })
	ic := func(i int) bool { return g.m[i].reports == 0 }
	admin := first(
		func(i int) bool {
			return inPeople(i) && ps[i].Department == adminDepartment && ps[i].Level >= 4 && ps[i].Level <= 6
		},
		func(i int) bool { return inPeople(i) && ps[i].Department == adminDepartment && ps[i].Level >= 3 },
		func(i int) bool { return inPeople(i) && ic(i) && ps[i].Level >= 3 && ps[i].Level <= 6 },
		func(i int) bool { return inPeople(i) && ic(i) },
		anyone)
	if ic(admin) && ps[admin].Department != adminDepartment { // a program manager joins L&D
		g.m[admin].dept, ps[admin].Department = adminDepartment, adminDepartment
		if ps[admin].Bio != "" {
			ps[admin].Bio = g.bio(&g.m[admin], &ps[admin])
		}
	}
	mentor := first(
		func(i int) bool {
			p := &ps[i]
			return p.MentoringRole == person.MentoringMentor && p.Level >= 6 && p.Level <= 7 &&
				p.Capacity >= 2 && len(p.SkillsOffered) >= 3
		},
		func(i int) bool { return ps[i].IsMentor() && ps[i].Level >= 5 },
		func(i int) bool { return ps[i].Level >= 5 },
		anyone)
	mp := &ps[mentor]
	mp.MentoringRole = person.MentoringMentor
	mp.Capacity = max(mp.Capacity, 2)
	mp.SkillsOffered = g.skills(mp.SkillsOffered, g.m[mentor].fn, 2, 0.55, 0.35, nil)
	if mp.Bio == "" {
		mp.Bio = g.bio(&g.m[mentor], mp)
	}

	// The mentee: a junior outside the mentor's function and reporting
	// line, preferably in the same office and already wanting a skill the
	// mentor offers.
	eligible := func(i int) bool {
		return ps[i].MentoringRole == person.MentoringMentee && ps[i].Level >= 2 && ps[i].Level <= 4 &&
			ps[i].Function != mp.Function && !g.reportsTo(i, mentor) && !g.reportsTo(mentor, i)
	}
	wantsOffered := func(i int) bool {
		return slices.ContainsFunc(ps[i].SkillsWanted, func(s string) bool { return slices.Contains(mp.SkillsOffered, s) })
	}
	mentee := first(
		func(i int) bool { return eligible(i) && wantsOffered(i) && ps[i].Location == mp.Location },
		func(i int) bool { return eligible(i) && wantsOffered(i) },
		eligible,
		func(i int) bool { return ps[i].Level <= 4 && !g.reportsTo(i, mentor) && !g.reportsTo(mentor, i) },
		func(i int) bool { return !g.reportsTo(i, mentor) && !g.reportsTo(mentor, i) },
		anyone)
	ep := &ps[mentee]
	ep.MentoringRole = person.MentoringMentee
	ep.Capacity = 1
	if !wantsOffered(mentee) {
		ep.SkillsWanted = append([]string{mp.SkillsOffered[0]}, ep.SkillsWanted...)
		ep.SkillsOffered = slices.DeleteFunc(ep.SkillsOffered, func(s string) bool { return s == mp.SkillsOffered[0] })
	}
	ep.SkillsWanted = ep.SkillsWanted[:min(len(ep.SkillsWanted), 4)]
	ep.Bio = ""

	ps[admin].Email, ps[admin].AccessRole = AdminEmail, person.RoleAdmin
	ps[sponsor].Email, ps[sponsor].AccessRole = SponsorEmail, person.RoleSponsor
	mp.Email, ep.Email = MentorEmail, MenteeEmail
	return Accounts{Admin: ps[admin].ID, Sponsor: ps[sponsor].ID, Mentor: mp.ID, Mentee: ep.ID}
}

// ensureMentors makes sure each function has a few mentors (one for every
// ten people, at least one and at most three), promoting its most senior
// people at level 5 and up, who already offer skills, in order.
func (g *gen) ensureMentors(ps []person.Person) {
	size := make([]int, len(functions))
	mentors := make([]int, len(functions))
	for i := range ps {
		if fn := g.m[i].fn; fn >= 0 {
			size[fn]++
			if ps[i].IsMentor() {
				mentors[fn]++
			}
		}
	}
	for i := range ps {
		fn, p := g.m[i].fn, &ps[i]
		if fn < 0 || p.IsMentor() || p.Level < 5 || mentors[fn] >= min(3, max(1, size[fn]/10)) {
			continue
		}
		p.MentoringRole = person.MentoringMentor
		if len(p.SkillsWanted) > 0 {
			p.MentoringRole = person.MentoringBoth
		}
		p.Capacity = g.capacity()
		p.SkillsOffered = g.skills(p.SkillsOffered, fn, 2, 0.55, 0.35, p.SkillsWanted)
		p.Bio = g.bio(&g.m[i], p)
		mentors[fn]++
	}
}

// reportsTo reports whether boss is in the management chain above i.
func (g *gen) reportsTo(i, boss int) bool {
	for j := g.m[i].parent; j >= 0; j = g.m[j].parent {
		if j == boss {
			return true
		}
	}
	return false
}
