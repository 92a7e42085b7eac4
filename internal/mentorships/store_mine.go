package mentorships

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

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
	rows, err := q.QueryContext(ctx, pairSelect+" WHERE mp.run_id = ? AND (mp.mentee_id = ? OR mp.mentor_id = ?) ORDER BY lower(me.name), mp.mentee_id",
		pub.ID, personID, personID)
	if err != nil {
		return Mine{}, fmt.Errorf("own matches in cycle %s: %w", cycleID, err)
	}
	pairs, err := scanPairs(rows)
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
// first: their start page's "Your mentor" and "Your mentees".
func (s *Store) PersonMatches(ctx context.Context, personID, today string) ([]Match, error) {
	rows, err := s.db.Read().QueryContext(ctx, `SELECT g.id, g.name, c.id, c.name, mp.run_id, mp.mentor_id, mo.name, mp.mentee_id, me.name,
		mp.score, mp.locked, mp.factors
		FROM match_pairs mp
		JOIN match_runs r ON r.id = mp.run_id
		JOIN cycles c ON c.id = r.cycle_id
		JOIN programs g ON g.id = r.program_id
		JOIN people mo ON mo.id = mp.mentor_id
		JOIN people me ON me.id = mp.mentee_id
		WHERE r.status = ? AND c.ends_on >= ? AND (mp.mentee_id = ? OR mp.mentor_id = ?)
		ORDER BY c.starts_on DESC, lower(g.name), g.id, lower(me.name), mp.mentee_id`, StatusPublished, today, personID, personID)
	if err != nil {
		return nil, fmt.Errorf("matches of %s: %w", personID, err)
	}
	defer rows.Close()
	var out []Match
	for rows.Next() {
		var m Match
		var factors string
		if err := rows.Scan(&m.ProgramID, &m.ProgramName, &m.CycleID, &m.CycleName, &m.RunID, &m.MentorID, &m.MentorName,
			&m.MenteeID, &m.MenteeName, &m.Score, &m.Locked, &factors); err != nil {
			return nil, fmt.Errorf("matches of %s: %w", personID, err)
		}
		if err := json.Unmarshal([]byte(factors), &m.Factors); err != nil {
			return nil, fmt.Errorf("matches of %s: %w", personID, err)
		}
		m.Role = programs.RoleMentor
		if m.MenteeID == personID {
			m.Role = programs.RoleMentee
		}
		out = append(out, m)
	}
	if err := rows.Err(); err != nil && err != sql.ErrNoRows {
		return nil, fmt.Errorf("matches of %s: %w", personID, err)
	}
	return out, nil
}
