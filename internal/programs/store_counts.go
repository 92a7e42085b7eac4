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

// ActiveByRole returns, per role, the number of distinct people approved in
// a cycle that has not ended, like ActiveParticipants: an ended cycle's
// mentors are not counted beside the current cycle's.
func (s *Store) ActiveByRole(ctx context.Context) (map[string]int, error) {
	type row struct {
		role string
		n    int
	}
	rows, err := db.QueryAll(ctx, s.db.Read(), func(r db.Scanner) (x row, err error) {
		return x, r.Scan(&x.role, &x.n)
	}, `SELECT e.role, COUNT(DISTINCT e.person_id) FROM enrollments e
		JOIN cycles c ON c.id = e.cycle_id WHERE e.status = ? AND c.ends_on >= ? GROUP BY e.role`, StatusApproved, s.today())
	if err != nil {
		return nil, fmt.Errorf("count active participants by role: %w", err)
	}
	out := make(map[string]int, len(rows))
	for _, x := range rows {
		out[x.role] = x.n
	}
	return out, nil
}
