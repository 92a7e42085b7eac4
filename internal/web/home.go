package web

import (
	"context"
	"net/http"
	"slices"

	"github.com/kindredhq/kindred/internal/access"
	"github.com/kindredhq/kindred/internal/mentorships"
	"github.com/kindredhq/kindred/internal/programs"
)

// roleTotal is one bar of the sponsor's participation chart.
type roleTotal struct {
	Label  string
	People int
}

// home is each person's start page: their published mentor and mentees,
// their enrollments and what they can join; for admins the work waiting for them; for sponsors and admins the
// participation at a glance.
func (s *Server) home(w http.ResponseWriter, r *http.Request) error {
	v := viewer(r)
	ctx := r.Context()
	data := map[string]any{"Title": "Home", "Section": "home", "L": labels{}}
	mine, err := s.programs.PersonEnrollments(ctx, v.PersonID)
	if err != nil {
		return err
	}
	data["Mine"] = mine
	matches, err := s.matches.PersonMatches(ctx, v.PersonID, s.today().Format(programs.DateLayout))
	if err != nil {
		return err
	}
	var asMentee, asMentor []mentorships.Match
	for _, m := range matches {
		if m.Role == programs.RoleMentee {
			asMentee = append(asMentee, m)
		} else {
			asMentor = append(asMentor, m)
		}
	}
	data["AsMentee"], data["AsMentor"] = asMentee, asMentor
	if data["MyCircles"], err = s.myCircleCards(r); err != nil {
		return err
	}
	list, err := s.programs.ListPrograms(ctx)
	if err != nil {
		return err
	}
	data["Open"] = joinable(list, mine, s.today().Format(programs.DateLayout))
	data["AnyOpen"] = slices.ContainsFunc(list, func(p programs.ProgramSummary) bool { return p.ActiveCycles > 0 })
	if access.CanSeeAggregates(v) {
		n, err := s.people.Count(ctx)
		if err != nil {
			return err
		}
		participants, err := s.programs.ActiveParticipants(ctx)
		if err != nil {
			return err
		}
		byRole, err := s.programs.ActiveByRole(ctx)
		if err != nil {
			return err
		}
		var totals []roleTotal
		maxN := 1
		for _, role := range programs.Roles {
			totals = append(totals, roleTotal{Label: programs.RoleLabel(role), People: byRole[role]})
			maxN = max(maxN, byRole[role])
		}
		data["People"] = n
		data["Programs"] = len(list)
		data["Participants"] = participants
		data["RoleTotals"] = totals
		data["RoleMax"] = maxN
	}
	if access.CanManagePrograms(v) {
		pending, err := s.programs.PendingApprovals(ctx)
		if err != nil {
			return err
		}
		data["Pending"] = pending
		if data["Rematches"], err = s.openRematches(ctx); err != nil {
			return err
		}
	}
	return s.render(w, r, http.StatusOK, "home", data)
}

// joinable are the programs with a cycle that has not ended, less those
// the person already takes part in (applied or approved in such a cycle).
func joinable(list []programs.ProgramSummary, mine []programs.Enrollment, today string) []programs.ProgramSummary {
	in := map[string]bool{}
	for _, e := range mine {
		if e.Active() && e.CycleEndsOn >= today {
			in[e.ProgramID] = true
		}
	}
	var open []programs.ProgramSummary
	for _, p := range list {
		if p.ActiveCycles > 0 && !in[p.ID] {
			open = append(open, p)
		}
	}
	return open
}

// homeRematches is how many open re-match requests the start page lists.
const homeRematches = 20

// rematchRow is an open re-match request on the start page, with the
// program and cycle it belongs to.
type rematchRow struct {
	mentorships.RematchRequest
	ProgramName, CycleName string
}

// openRematches lists the oldest open re-match requests of every cycle
// for a program manager's start page.
func (s *Server) openRematches(ctx context.Context) ([]rematchRow, error) {
	reqs, err := s.matches.OpenRematchRequests(ctx, homeRematches)
	if err != nil {
		return nil, err
	}
	type key struct{ program, cycle string }
	names := map[key][2]string{}
	out := make([]rematchRow, len(reqs))
	for i, r := range reqs {
		k := key{r.ProgramID, r.CycleID}
		n, ok := names[k]
		if !ok {
			p, err := s.programs.GetProgram(ctx, r.ProgramID)
			if err != nil {
				return nil, err
			}
			c, err := s.programs.GetCycle(ctx, r.ProgramID, r.CycleID)
			if err != nil {
				return nil, err
			}
			n = [2]string{p.Name, c.Name}
			names[k] = n
		}
		out[i] = rematchRow{RematchRequest: r, ProgramName: n[0], CycleName: n[1]}
	}
	return out, nil
}
