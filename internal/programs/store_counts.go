package programs

import (
	"context"
	"fmt"

	"github.com/kindredhq/kindred/internal/db"
)

// Count is the number of distinct people in one cycle with one role and
// status: an aggregate for sponsors and dashboards, with no names of people.
type Count struct {
	ProgramID   string
	ProgramName string
	CycleID     string
	CycleName   string
	Role        string
	Status      string
	People      int
}

// Counts returns the number of people per cycle, role and status, of the
// program programID, or of every program if programID is empty, ordered by
// program name, cycle start, role and status. Combinations with nobody are
// left out. A missing program is NotFound.
func (s *Store) Counts(ctx context.Context, programID string) ([]Count, error) {
	q := s.db.Read()
	where := ""
	var args []any
	if programID != "" {
		if _, err := getProgram(ctx, q, programID); err != nil {
			return nil, fmt.Errorf("count enrollments of program %s: %w", programID, err)
		}
		where = " WHERE e.program_id = ?"
		args = append(args, programID)
	}
	out, err := db.QueryAll(ctx, q, func(r db.Scanner) (Count, error) {
		var c Count
		err := r.Scan(&c.ProgramID, &c.ProgramName, &c.CycleID, &c.CycleName, &c.Role, &c.Status, &c.People)
		return c, err
	}, `SELECT e.program_id, g.name, e.cycle_id, c.name, e.role, e.status, COUNT(DISTINCT e.person_id)
		FROM enrollments e
		JOIN cycles c ON c.id = e.cycle_id
		JOIN programs g ON g.id = e.program_id`+where+`
		GROUP BY e.program_id, g.name, e.cycle_id, c.name, c.starts_on, e.role, e.status
		ORDER BY lower(g.name), e.program_id, c.starts_on, c.name, e.cycle_id, `+roleOrder+`, e.status`, args...)
	if err != nil {
		return nil, fmt.Errorf("count enrollments: %w", err)
	}
	return out, nil
}

// ActiveParticipants returns the number of distinct people approved in a
// cycle of any program that has not ended: a person in two programs counts
// once.
func (s *Store) ActiveParticipants(ctx context.Context) (int, error) {
	var n int
	err := s.db.Read().QueryRowContext(ctx, `SELECT COUNT(DISTINCT e.person_id) FROM enrollments e
		JOIN cycles c ON c.id = e.cycle_id WHERE e.status = ? AND c.ends_on >= ?`, StatusApproved, s.today()).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count active participants: %w", err)
	}
	return n, nil
}
