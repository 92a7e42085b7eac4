package web

import (
	"net/http"

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
	data := map[string]any{"Title": "Home", "Section": "home"}
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
	var open []programs.ProgramSummary
	for _, p := range list {
		if p.ActiveCycles > 0 {
			open = append(open, p)
		}
	}
	data["Open"] = open
	if access.CanSeeAggregates(v) {
		n, err := s.people.Count(ctx)
		if err != nil {
			return err
		}
		counts, err := s.programs.Counts(ctx, "")
		if err != nil {
			return err
		}
		byRole := map[string]int{}
		participants, err := s.programs.ActiveParticipants(ctx)
		if err != nil {
			return err
		}
		for _, c := range counts {
			if c.Status == programs.StatusApproved {
				byRole[c.Role] += c.People
			}
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
	}
	return s.render(w, r, http.StatusOK, "home", data)
}
