package mentorships

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/errs"
	"github.com/kindredhq/kindred/internal/people"
	"github.com/kindredhq/kindred/internal/programs"
)

// What participants see: only published runs, only their own pairs. Every
// query here is restricted by the person's id and by status published.

// Mine returns what person personID sees of the cycle's matching: their
// published mentor (as mentee), their published mentees, remaining
// capacity and availability (as mentor), and their re-match requests. A
// person who takes no part gets an empty Mine. A missing cycle is
// NotFound.
func (s *Store) Mine(ctx context.Context, programID, cycleID, personID string) (Mine, error) {
	if _, _, err := s.cycleOf(ctx, programID, cycleID); err != nil {
		return Mine{}, fmt.Errorf("own matches in cycle %s: %w", cycleID, err)
	}
	q := s.db.Read()
	m := Mine{PersonID: personID}
	var err error
	if m.IsMentee, err = programs.HasApprovedRole(ctx, q, cycleID, personID, programs.RoleMentee); err != nil {
		return Mine{}, err
	}
	if m.IsMentor, err = programs.HasApprovedRole(ctx, q, cycleID, personID, programs.RoleMentor); err != nil {
		return Mine{}, err
	}
	if m.IsMentor {
		if m.Capacity, err = people.CapacityOf(ctx, q, personID); err != nil {
			return Mine{}, err
		}
		var n int
		if err := q.QueryRowContext(ctx, "SELECT COUNT(*) FROM match_unavailable WHERE cycle_id = ? AND person_id = ?", cycleID, personID).Scan(&n); err != nil {
			return Mine{}, fmt.Errorf("read availability of %s: %w", personID, err)
		}
		m.Unavailable = n > 0
	}
	pub, err := publishedRun(ctx, q, cycleID)
	switch {
	case errs.Is(err, errs.NotFound):
		return m, nil
	case err != nil:
		return Mine{}, fmt.Errorf("own matches in cycle %s: %w", cycleID, err)
	}
	m.Published, m.RunID, m.PublishedAt = true, pub.ID, pub.PublishedAt
	pairs, err := queryPairs(ctx, q, " WHERE mp.run_id = ? AND (mp.mentee_id = ? OR mp.mentor_id = ?) ORDER BY "+people.NameKey("me")+", mp.mentee_id",
		pub.ID, personID, personID)
	if err != nil {
		return Mine{}, fmt.Errorf("own matches in cycle %s: %w", cycleID, err)
	}
	for _, p := range pairs {
		if p.MenteeID == personID {
			m.Mentor = &p
		} else {
			m.Mentees = append(m.Mentees, p)
		}
	}
	if m.Requests, err = queryRequests(ctx, q, "r.cycle_id = ? AND r.person_id = ?", cycleID, personID); err != nil {
		return Mine{}, fmt.Errorf("own re-match requests in cycle %s: %w", cycleID, err)
	}
	return m, nil
}

// PersonMatches returns a person's published pairs, as mentor or mentee,
// in cycles that have not ended on day today (YYYY-MM-DD), latest cycle
// first: their start page's "Your mentor" and "Your mentees". The pairs
// come from match_pairs with their people's names; the program and cycle
// of each from programs.LabelOf (a person has few published runs).
func (s *Store) PersonMatches(ctx context.Context, personID, today string) ([]Match, error) {
	q := s.db.Read()
	type placed struct {
		Match
		startsOn string
	}
	var ps []placed
	labels := map[string]programs.CycleLabel{}
	err := db.EachRow(ctx, q, func(sc db.Scanner) error {
		var m Match
		var factors string
		if err := sc.Scan(&m.ProgramID, &m.CycleID, &m.RunID, &m.MentorID, &m.MentorName,
			&m.MenteeID, &m.MenteeName, &m.Score, &m.Locked, &factors); err != nil {
			return err
		}
		if err := json.Unmarshal([]byte(factors), &m.Factors); err != nil {
			return err
		}
		m.Role = programs.RoleMentor
		if m.MenteeID == personID {
			m.Role = programs.RoleMentee
		}
		ps = append(ps, placed{Match: m})
		return nil
	}, `SELECT r.program_id, r.cycle_id, mp.run_id, mp.mentor_id, `+people.NameColumn("mo")+`, mp.mentee_id, `+people.NameColumn("me")+`,
		mp.score, mp.locked, mp.factors
		FROM match_pairs mp JOIN match_runs r ON r.id = mp.run_id `+people.NameJoin("mo", "mp.mentor_id")+" "+people.NameJoin("me", "mp.mentee_id")+`
		WHERE r.status = ? AND (mp.mentee_id = ? OR mp.mentor_id = ?)`, StatusPublished, personID, personID)
	if err != nil {
		return nil, fmt.Errorf("matches of %s: %w", personID, err)
	}
	out := make([]Match, 0, len(ps))
	kept := ps[:0]
	for _, p := range ps {
		l, ok := labels[p.CycleID]
		if !ok {
			if l, err = programs.LabelOf(ctx, q, p.CycleID); err != nil {
				return nil, fmt.Errorf("matches of %s: %w", personID, err)
			}
			labels[p.CycleID] = l
		}
		if l.EndsOn < today {
			continue
		}
		p.ProgramName, p.CycleName, p.startsOn = l.ProgramName, l.CycleName, l.StartsOn
		kept = append(kept, p)
	}
	slices.SortFunc(kept, func(a, b placed) int {
		return cmp.Or(strings.Compare(b.startsOn, a.startsOn),
			strings.Compare(people.FoldName(a.ProgramName), people.FoldName(b.ProgramName)), strings.Compare(a.ProgramID, b.ProgramID),
			strings.Compare(people.FoldName(a.MenteeName), people.FoldName(b.MenteeName)), strings.Compare(a.MenteeID, b.MenteeID))
	})
	for _, p := range kept {
		out = append(out, p.Match)
	}
	return out, nil
}
