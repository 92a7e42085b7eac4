package programs

import (
	"context"
	"fmt"

	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/errs"
)

// UpdateCycle changes the name and dates of cycle c.ID of program
// c.ProgramID under the rules of ValidateCycle (against today). A missing
// cycle is NotFound; an archived cycle or program is read-only (Conflict);
// a name the program already uses is a Conflict on field "name".
func (s *Store) UpdateCycle(ctx context.Context, c Cycle) (Cycle, error) {
	if err := ValidateCycle(&c, s.now()).Err(); err != nil {
		return Cycle{}, err
	}
	var out Cycle
	err := s.db.Tx(ctx, func(tx db.Querier) error {
		p, old, err := programAndCycle(ctx, tx, c.ProgramID, c.ID)
		if err != nil {
			return err
		}
		switch {
		case p.Archived():
			return errs.E(errs.Conflict, "%s is archived: unarchive it to change its cycles", p.Name)
		case old.Archived():
			return errs.E(errs.Conflict, "cycle %s is archived: unarchive it to change it", old.Name)
		}
		_, err = tx.ExecContext(ctx, `UPDATE cycles SET name = ?, starts_on = ?, ends_on = ? WHERE id = ?`,
			c.Name, c.StartsOn, c.EndsOn, c.ID)
		if errs.Is(err, errs.Conflict) {
			return conflict("name", "this program already has a cycle named "+c.Name, err)
		}
		if err != nil {
			return err
		}
		out, err = getCycle(ctx, tx, c.ProgramID, c.ID)
		return err
	})
	if err != nil {
		return Cycle{}, fmt.Errorf("update cycle %s of program %s: %w", c.ID, c.ProgramID, err)
	}
	return out, nil
}

// SetProgramArchived archives the program (read-only, hidden from the
// lists people join from, with its cycles) or brings it back. Archiving
// what is archived, or unarchiving what is not, changes nothing. A missing
// program is NotFound.
func (s *Store) SetProgramArchived(ctx context.Context, id string, archived bool) (Program, error) {
	var out Program
	err := s.db.Tx(ctx, func(tx db.Querier) error {
		p, err := getProgram(ctx, tx, id)
		if err != nil {
			return err
		}
		if p.Archived() != archived {
			if _, err := tx.ExecContext(ctx, `UPDATE programs SET archived_at = ? WHERE id = ?`, s.archivedAt(archived), id); err != nil {
				return err
			}
		}
		out, err = getProgram(ctx, tx, id)
		return err
	})
	if err != nil {
		return Program{}, fmt.Errorf("archive program %s (%t): %w", id, archived, err)
	}
	return out, nil
}

// SetCycleArchived archives the cycle (read-only: no enrollment, matching
// or circles; hidden from the lists people join from) or brings it back.
// Archiving what is archived, or unarchiving what is not, changes nothing.
// A missing cycle is NotFound.
func (s *Store) SetCycleArchived(ctx context.Context, programID, cycleID string, archived bool) (Cycle, error) {
	var out Cycle
	err := s.db.Tx(ctx, func(tx db.Querier) error {
		c, err := getCycle(ctx, tx, programID, cycleID)
		if err != nil {
			return err
		}
		if c.Archived() != archived {
			if _, err := tx.ExecContext(ctx, `UPDATE cycles SET archived_at = ? WHERE id = ?`, s.archivedAt(archived), cycleID); err != nil {
				return err
			}
		}
		out, err = getCycle(ctx, tx, programID, cycleID)
		return err
	})
	if err != nil {
		return Cycle{}, fmt.Errorf("archive cycle %s (%t): %w", cycleID, archived, err)
	}
	return out, nil
}

// CheckActive is CheckActive for cycle cycleID of program programID as
// stored now: the check the matching and circles stores call before a run
// or a formation. A missing program or cycle is NotFound.
func (s *Store) CheckActive(ctx context.Context, programID, cycleID, use string) error {
	return s.checkActive(ctx, s.db.Read(), programID, cycleID, use)
}

func (s *Store) checkActive(ctx context.Context, q db.Querier, programID, cycleID, use string) error {
	p, c, err := programAndCycle(ctx, q, programID, cycleID)
	if err != nil {
		return err
	}
	return CheckActive(p, c, use, s.now())
}

func programAndCycle(ctx context.Context, q db.Querier, programID, cycleID string) (Program, Cycle, error) {
	p, err := getProgram(ctx, q, programID)
	if err != nil {
		return Program{}, Cycle{}, err
	}
	c, err := getCycle(ctx, q, programID, cycleID)
	return p, c, err
}

// archivedAt is the value of an archived_at column: now, or NULL.
func (s *Store) archivedAt(archived bool) any {
	if !archived {
		return nil
	}
	return s.now()
}
