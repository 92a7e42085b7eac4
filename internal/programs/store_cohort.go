package programs

import (
	"context"
	"fmt"

	"github.com/kindredhq/kindred/internal/db"
)

// Placement is a person's approved place in a cycle, as mentor or mentee.
type Placement struct{ Role, PersonID string }

// ApprovedPlacements returns the cycle's approved mentors and mentees, by
// role and person id. q may be a transaction.
func ApprovedPlacements(ctx context.Context, q db.Querier, cycleID string) ([]Placement, error) {
	out, err := db.QueryAll(ctx, q, func(sc db.Scanner) (Placement, error) {
		var p Placement
		err := sc.Scan(&p.Role, &p.PersonID)
		return p, err
	}, `SELECT role, person_id FROM enrollments WHERE cycle_id = ? AND status = ? AND role IN (?, ?)
		ORDER BY role, person_id`, cycleID, StatusApproved, RoleMentor, RoleMentee)
	if err != nil {
		return nil, fmt.Errorf("read the cycle's mentors and mentees: %w", err)
	}
	return out, nil
}

// HasApprovedRole reports whether the person holds an approved enrollment
// in the cycle with the role. q may be a transaction.
func HasApprovedRole(ctx context.Context, q db.Querier, cycleID, personID, role string) (bool, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM enrollments WHERE cycle_id = ? AND person_id = ? AND role = ? AND status = ?`,
		cycleID, personID, role, StatusApproved).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("read enrollment of %s: %w", personID, err)
	}
	return n > 0, nil
}

// EarlierCycleIDs returns the ids of the program's cycles, other than
// cycle c, that started before it. q may be a transaction.
func EarlierCycleIDs(ctx context.Context, q db.Querier, c Cycle) ([]string, error) {
	out, err := db.QueryAll(ctx, q, func(sc db.Scanner) (string, error) {
		var id string
		err := sc.Scan(&id)
		return id, err
	}, "SELECT id FROM cycles WHERE program_id = ? AND id <> ? AND starts_on < ? ORDER BY id", c.ProgramID, c.ID, c.StartsOn)
	if err != nil {
		return nil, fmt.Errorf("read the cycles before %s: %w", c.ID, err)
	}
	return out, nil
}

// CycleLabel is what a page shows of a cycle beside what happened in it:
// the program's and the cycle's names and the cycle's dates.
type CycleLabel struct{ ProgramName, CycleName, StartsOn, EndsOn string }

// LabelOf returns the label of cycle cycleID; a missing cycle is NotFound.
// q may be a transaction.
func LabelOf(ctx context.Context, q db.Querier, cycleID string) (CycleLabel, error) {
	var l CycleLabel
	err := q.QueryRowContext(ctx, `SELECT g.name, c.name, c.starts_on, c.ends_on FROM cycles c JOIN programs g ON g.id = c.program_id
		WHERE c.id = ?`, cycleID).Scan(&l.ProgramName, &l.CycleName, &l.StartsOn, &l.EndsOn)
	if err = db.NotFound(err, "no such cycle"); err != nil {
		return CycleLabel{}, fmt.Errorf("read cycle %s: %w", cycleID, err)
	}
	return l, nil
}
