package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/demo"
	"github.com/kindredhq/kindred/internal/mentorships"
	"github.com/kindredhq/kindred/internal/people"
	"github.com/kindredhq/kindred/internal/person"
	"github.com/kindredhq/kindred/internal/programs"
)

// quarter returns the name, first and last day of the calendar quarter
// containing t, shifted by offset quarters.
func quarter(t time.Time, offset int) (name, start, end string) {
	q := (int(t.Month())-1)/3 + offset
	first := time.Date(t.Year(), time.Month(3*q+1), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 3, -1)
	return fmt.Sprintf("%d Q%d", first.Year(), (int(first.Month())-1)/3+1), first.Format(programs.DateLayout), last.Format(programs.DateLayout)
}

// seedPrograms creates the demo's two programs, each with last quarter's
// cycle (ended) and this quarter's (open), and enrolls people the way a
// running program would have: most mentors approved, a few waiting for the
// program manager, mentees and circle members enrolled.
func seedPrograms(ctx context.Context, d *db.DB, org demo.Org, now time.Time) error {
	ps := programs.NewStore(d, people.NewStore(d, nil), nil, func() time.Time { return now })
	admin := org.Accounts.Admin
	conduct := "Treat every conversation as confidential unless everyone agrees to share it. " +
		"Come prepared, listen more than you speak, and give feedback that is kind, specific and honest. " +
		"Mentoring is not performance review: nothing said here is used in evaluations. " +
		"Report concerns to the program manager or through the confidential channel."
	mentoring, err := ps.CreateProgram(ctx, programs.Program{
		Name:               "Grow Together mentoring",
		Purpose:            "Pair people who want to grow with colleagues who have walked the path, across functions and locations.",
		Outcomes:           "Faster skill growth for mentees; stronger cross-functional ties; mentors who develop as leaders.",
		Cadence:            programs.CadenceBiweekly,
		SessionMinutes:     45,
		DecisionRights:     "Mentee and mentor set their goals together; the program manager decides matches and may re-match on request.",
		CodeOfConduct:      conduct,
		FacilitationMethod: programs.FacilitationOpenDiscussion,
		Engagements:        []string{programs.EngagementOneOnOne, programs.EngagementMicroMentoring, programs.EngagementOfficeHours},
		CreatedBy:          admin,
	})
	if err != nil {
		return fmt.Errorf("create mentoring program: %w", err)
	}
	circles, err := ps.CreateProgram(ctx, programs.Program{
		Name:               "Cross-level circles",
		Purpose:            "Monthly circles of six to eight colleagues from different levels, functions and locations who learn from each other's real cases.",
		Outcomes:           "Tacit knowledge shared across teams; a wider network for everyone; practice in facilitation for emerging leaders.",
		Cadence:            programs.CadenceMonthly,
		SessionMinutes:     60,
		DecisionRights:     "Circles choose their own topics by vote; facilitation rotates; the program manager forms circles each quarter.",
		CodeOfConduct:      conduct,
		FacilitationMethod: programs.FacilitationCaseClinic,
		Engagements:        []string{programs.EngagementCircles, programs.EngagementPeerGroups},
		CreatedBy:          admin,
	})
	if err != nil {
		return fmt.Errorf("create circles program: %w", err)
	}
	cycles := map[string][2]programs.Cycle{}
	for _, p := range []programs.Program{mentoring, circles} {
		var pair [2]programs.Cycle
		for i, off := range []int{-1, 0} {
			name, start, end := quarter(now, off)
			c, err := ps.CreateCycle(ctx, programs.Cycle{ProgramID: p.ID, Name: name, StartsOn: start, EndsOn: end})
			if err != nil {
				return fmt.Errorf("create cycle %s of %s: %w", name, p.Name, err)
			}
			pair[i] = c
		}
		cycles[p.ID] = pair
	}

	// Applications as people made them; most mentors were then approved by
	// the program manager, a few still wait. Last quarter's cycle keeps a
	// sample of past mentors as history.
	var approved, waiting []programs.Application
	past := 0
	// Nobody enrolls in an ended cycle today: its history was recorded
	// while it ran, so by a store whose clock is on its first day.
	then, _ := time.Parse(programs.DateLayout, cycles[mentoring.ID][0].StartsOn)
	history := programs.NewStore(d, people.NewStore(d, nil), nil, func() time.Time { return then })
	for i, p := range org.People {
		isAccount := p.ID == org.Accounts.Mentor || p.ID == org.Accounts.Mentee
		if p.ID == org.Accounts.Admin || p.ID == org.Accounts.Sponsor {
			continue
		}
		switch {
		case p.IsMentor() && (isAccount || i%10 < 7):
			if i%3 == 0 && past < 300 {
				past++
				pc := cycles[mentoring.ID][0]
				if _, err := history.Enroll(ctx, programs.EnrollRequest{ProgramID: mentoring.ID, CycleID: pc.ID, PersonID: p.ID, Role: programs.RoleMentor, AdminID: admin}); err != nil {
					return fmt.Errorf("enroll %s: %w", p.ID, err)
				}
			}
			a := programs.Application{ProgramID: mentoring.ID, CycleID: cycles[mentoring.ID][1].ID, PersonID: p.ID, Role: programs.RoleMentor,
				Motivation: mentorMotivation(p), Goals: "Help my mentees reach their next step; learn how other teams work.", AcceptConduct: true}
			if !isAccount && len(waiting) < 4 {
				waiting = append(waiting, a)
			} else {
				approved = append(approved, a)
			}
		case p.IsMentee() && (isAccount || i%10 < 8):
			approved = append(approved, programs.Application{ProgramID: mentoring.ID, CycleID: cycles[mentoring.ID][1].ID, PersonID: p.ID,
				Role: programs.RoleMentee, Motivation: menteeMotivation(p), Goals: menteeGoals(p), AcceptConduct: true})
		}
		if p.Facilitator || i%6 == 0 || isAccount {
			approved = append(approved, programs.Application{ProgramID: circles.ID, CycleID: cycles[circles.ID][1].ID, PersonID: p.ID,
				Role: programs.RoleCircleMember, AcceptConduct: true,
				Motivation: "I'm curious how colleagues in other functions and places handle problems like mine."})
		}
	}
	if _, err := ps.ApplyMany(ctx, approved, true, admin); err != nil {
		return fmt.Errorf("demo enrollments: %w", err)
	}
	if _, err := ps.ApplyMany(ctx, waiting, false, admin); err != nil {
		return fmt.Errorf("demo applications: %w", err)
	}
	if err := seedMatches(ctx, d, ps, mentoring.ID, cycles[mentoring.ID][1].ID, admin, now); err != nil {
		return err
	}
	return seedCircles(ctx, d, ps, circles.ID, cycles[circles.ID][1].ID, admin, now)
}

// seedMatches runs matching for the mentoring program's current cycle and
// publishes it, as the program manager would have, so the demo's mentor
// and mentee see their matches.
func seedMatches(ctx context.Context, d *db.DB, ps *programs.Store, programID, cycleID, admin string, now time.Time) error {
	clock := func() time.Time { return now }
	ms := mentorships.NewStore(d, people.NewStore(d, clock), ps, nil, clock)
	run, err := ms.Run(ctx, programID, cycleID, mentorships.RunOptions{AdminID: admin})
	if err != nil {
		return fmt.Errorf("demo matching: %w", err)
	}
	if _, err := ms.Publish(ctx, programID, cycleID, run.ID, admin); err != nil {
		return fmt.Errorf("demo matching: %w", err)
	}
	return nil
}

func mentorMotivation(p person.Person) string {
	if len(p.SkillsOffered) == 0 {
		return "I'd like to give back what my own mentors gave me."
	}
	return "I'd like to share what I've learned about " + strings.Join(p.SkillsOffered, ", ") + " and hear how others see it."
}

func menteeMotivation(p person.Person) string {
	if p.Level <= 2 {
		return "I'm early in my career in " + p.Function + " and want to learn how colleagues in other teams grow."
	}
	return "I've grown in " + p.Function + " and want a wider view of the organization before my next step."
}

func menteeGoals(p person.Person) string {
	if len(p.SkillsWanted) == 0 {
		return "Find my next step."
	}
	return "Grow in " + strings.Join(p.SkillsWanted, ", ") + "."
}
