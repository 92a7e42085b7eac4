package programs

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/errs"
)

const cycleColumns = `c.id, c.program_id, c.name, c.starts_on, c.ends_on, c.created_at, c.archived_at`

func scanCycle(sc db.Scanner) (Cycle, error) {
	var c Cycle
	var archived sql.NullTime
	err := sc.Scan(&c.ID, &c.ProgramID, &c.Name, &c.StartsOn, &c.EndsOn, &c.CreatedAt, &archived)
	c.CreatedAt, c.ArchivedAt = c.CreatedAt.UTC(), db.TimePtr(archived)
	return c, err
}

// CreateCycle validates c (ValidateCycle, against today) and stores it as
// a new cycle of program c.ProgramID with a new ID. A missing program is
// NotFound; an archived one, or a name the program already uses, is a
// Conflict (the name on field "name").
func (s *Store) CreateCycle(ctx context.Context, c Cycle) (Cycle, error) {
	if err := ValidateCycle(&c, s.now()).Err(); err != nil {
		return Cycle{}, err
	}
	c.ID, c.CreatedAt, c.ArchivedAt = db.NewID(cyclePrefix), s.now(), nil
	err := s.db.Tx(ctx, func(tx db.Querier) error {
		p, err := getProgram(ctx, tx, c.ProgramID)
		if err != nil {
			return err
		}
		if p.Archived() {
			return errs.E(errs.Conflict, "%s is archived: unarchive it to open a cycle", p.Name)
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO cycles (id, program_id, name, starts_on, ends_on, created_at)
			VALUES (?, ?, ?, ?, ?, ?)`, c.ID, c.ProgramID, c.Name, c.StartsOn, c.EndsOn, c.CreatedAt)
		if errs.Is(err, errs.Conflict) {
			return conflict("name", "this program already has a cycle named "+c.Name, err)
		}
		return err
	})
	if err != nil {
		return Cycle{}, fmt.Errorf("create cycle %q of program %s: %w", c.Name, c.ProgramID, err)
	}
	return c, nil
}

// GetCycle returns the cycle cycleID of program programID. A missing cycle,
// or a cycle of another program, is NotFound.
func (s *Store) GetCycle(ctx context.Context, programID, cycleID string) (Cycle, error) {
	c, err := getCycle(ctx, s.db.Read(), programID, cycleID)
	if err != nil {
		return Cycle{}, fmt.Errorf("get cycle %s of program %s: %w", cycleID, programID, err)
	}
	return c, nil
}

func getCycle(ctx context.Context, q db.Querier, programID, cycleID string) (Cycle, error) {
	c, err := scanCycle(q.QueryRowContext(ctx, "SELECT "+cycleColumns+" FROM cycles c WHERE c.id = ? AND c.program_id = ?",
		cycleID, programID))
	return c, db.NotFound(err, "no such cycle in this program")
}

// ListCycles returns the cycles of a program, latest start first. A missing
// program is NotFound.
func (s *Store) ListCycles(ctx context.Context, programID string) ([]Cycle, error) {
	q := s.db.Read()
	if _, err := getProgram(ctx, q, programID); err != nil {
		return nil, fmt.Errorf("list cycles of program %s: %w", programID, err)
	}
	out, err := db.QueryAll(ctx, q, scanCycle, "SELECT "+cycleColumns+" FROM cycles c WHERE c.program_id = ? ORDER BY c.starts_on DESC, c.name, c.id", programID)
	if err != nil {
		return nil, fmt.Errorf("list cycles of program %s: %w", programID, err)
	}
	return out, nil
}
