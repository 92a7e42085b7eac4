package programs

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/errs"
)

// UpdateCycle changes the name and dates of cycle c.ID of program
// c.ProgramID, as EditCycle does with a change that replaces all three.
func (s *Store) UpdateCycle(ctx context.Context, c Cycle) (Cycle, error) {
	return s.EditCycle(ctx, c.ProgramID, c.ID, "", func(dst *Cycle) { dst.Name, dst.StartsOn, dst.EndsOn = c.Name, c.StartsOn, c.EndsOn })
}

// EditCycle reads cycle cycleID of program programID, applies change to its
// name and dates and stores them under the rules of ValidateCycle (against
// today), in one write transaction that holds the cycle's row, so that two
// edits at the same time never undo each other. If version is not empty it
// must equal the stored cycle's CycleVersion, or nothing is stored and the
// error is Stale. A missing cycle is NotFound; an archived cycle or program
// is read-only (Conflict); a name the program already uses is a Conflict on
// field "name".
func (s *Store) EditCycle(ctx context.Context, programID, cycleID, version string, change func(*Cycle)) (Cycle, error) {
	var out Cycle
	err := s.db.Tx(ctx, func(tx db.Querier) error {
		// Take the row's write lock before reading it, so no other edit
		// runs between the read and the write.
		res, err := tx.ExecContext(ctx, "UPDATE cycles SET name = name WHERE id = ? AND program_id = ?", cycleID, programID)
		if err := db.RequireChange(res, err, errs.NotFound, "no such cycle"); err != nil {
			return err
		}
		p, old, err := programAndCycle(ctx, tx, programID, cycleID)
		if err != nil {
			return err
		}
		switch {
		case version != "" && version != CycleVersion(old):
			return errs.E(errs.Stale, "this cycle was changed by someone else meanwhile: read it again and redo your change")
		case p.Archived():
			return errs.E(errs.Conflict, "%s is archived: unarchive it to change its cycles", p.Name)
		case old.Archived():
			return errs.E(errs.Conflict, "cycle %s is archived: unarchive it to change it", old.Name)
		}
		c := old
		change(&c)
		if err := ValidateCycle(&c, s.now()).Err(); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE cycles SET name = ?, starts_on = ?, ends_on = ? WHERE id = ?`,
			c.Name, c.StartsOn, c.EndsOn, cycleID)
		if errs.Is(err, errs.Conflict) {
			return conflict("name", "this program already has a cycle named "+c.Name, err)
		}
		if err != nil {
			return err
		}
		out, err = getCycle(ctx, tx, programID, cycleID)
		return err
	})
	if err != nil {
		return Cycle{}, fmt.Errorf("update cycle %s of program %s: %w", cycleID, programID, err)
	}
	return out, nil
}

// CycleVersion names the stored state of c's name and dates, for the ETag
// of a cycle in the API.
func CycleVersion(c Cycle) string {
	sum := sha256.Sum256([]byte(c.Name + "\x00" + c.StartsOn + "\x00" + c.EndsOn))
	return hex.EncodeToString(sum[:12])
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
