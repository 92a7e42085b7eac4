package mentorships

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/errs"
	"github.com/kindredhq/kindred/internal/people"
	"github.com/kindredhq/kindred/internal/programs"
)

// Locks and exclusions are a program manager's decisions about pairs of a
// cycle; every later run honors them. Availability is a mentor's own.

// checkPair checks that a pair's people take part in the cycle: the mentor
// approved as mentor and the mentee as mentee (fields "mentor_id",
// "mentee_id"), and that they are two people.
func checkPair(ctx context.Context, q db.Querier, cycleID string, p IDPair) error {
	f := errs.Fields{}
	for _, side := range []struct{ field, id, role string }{
		{"mentor_id", p.MentorID, programs.RoleMentor}, {"mentee_id", p.MenteeID, programs.RoleMentee}} {
		if side.id == "" {
			f.Add(side.field, "is required")
			continue
		}
		ok, err := programs.HasApprovedRole(ctx, q, cycleID, side.id, side.role)
		if err != nil {
			return err
		}
		if !ok {
			f.Add(side.field, "%s is not an approved %s of this cycle", side.id, side.role)
		}
	}
	if p.MentorID != "" && p.MentorID == p.MenteeID {
		f.Add("mentee_id", "a person cannot mentor themselves")
	}
	return f.Err()
}

// pairIn reports whether table (match_locks or match_exclusions) holds the
// pair in the cycle.
func pairIn(ctx context.Context, q db.Querier, table, cycleID string, p IDPair) (bool, error) {
	var n int
	err := q.QueryRowContext(ctx, "SELECT COUNT(*) FROM "+table+" WHERE cycle_id = ? AND mentor_id = ? AND mentee_id = ?",
		cycleID, p.MentorID, p.MenteeID).Scan(&n)
	return n > 0, err
}

func trimPair(p IDPair) IDPair {
	return IDPair{MentorID: strings.TrimSpace(p.MentorID), MenteeID: strings.TrimSpace(p.MenteeID)}
}

// Lock fixes a pair for the cycle's later runs. Locking a locked pair again
// changes nothing. People who are not the cycle's approved mentor and
// mentee are Invalid; a mentee locked to another mentor, or an excluded
// pair, is a Conflict; locking more mentees to a mentor than their
// capacity is Invalid on field "mentor_id".
func (s *Store) Lock(ctx context.Context, programID, cycleID string, p IDPair, adminID string) (Lock, error) {
	p = trimPair(p)
	var out Lock
	_, c, err := s.cycleOf(ctx, programID, cycleID)
	if err != nil {
		return Lock{}, fmt.Errorf("lock a pair: %w", err)
	}
	err = s.db.Tx(ctx, func(tx db.Querier) error {
		if err := checkPair(ctx, tx, c.ID, p); err != nil {
			return err
		}
		var mentor string
		err := tx.QueryRowContext(ctx, "SELECT mentor_id FROM match_locks WHERE cycle_id = ? AND mentee_id = ?", c.ID, p.MenteeID).Scan(&mentor)
		switch {
		case err == nil && mentor == p.MentorID:
			out, err = getLock(ctx, tx, "match_locks", c.ID, p)
			return err
		case err == nil:
			return &errs.Error{Kind: errs.Conflict, Field: "mentee_id", Message: "this mentee is locked to another mentor; unlock that pair first"}
		case !errors.Is(err, sql.ErrNoRows):
			return err
		}
		if excluded, err := pairIn(ctx, tx, "match_exclusions", c.ID, p); err != nil || excluded {
			return cmp.Or(err, errs.E(errs.Conflict, "this pair is excluded; remove the exclusion before locking it"))
		}
		var locked int
		if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM match_locks WHERE cycle_id = ? AND mentor_id = ?",
			c.ID, p.MentorID).Scan(&locked); err != nil {
			return err
		}
		capacity, err := people.CapacityOf(ctx, tx, p.MentorID)
		if err != nil {
			return err
		}
		if locked >= capacity {
			return errs.Field("mentor_id", "this mentor takes %d mentees and already has %d locked", capacity, locked)
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO match_locks (cycle_id, mentee_id, mentor_id, created_by, created_at) VALUES (?, ?, ?, ?, ?)",
			c.ID, p.MenteeID, p.MentorID, db.NullString(adminID), s.now()); err != nil {
			return err
		}
		out, err = getLock(ctx, tx, "match_locks", c.ID, p)
		return err
	})
	if err != nil {
		return Lock{}, fmt.Errorf("lock %s and %s: %w", p.MentorID, p.MenteeID, err)
	}
	return out, nil
}

// Unlock removes a lock. A pair that is not locked is NotFound.
func (s *Store) Unlock(ctx context.Context, programID, cycleID string, p IDPair) error {
	if err := s.remove(ctx, programID, cycleID, "match_locks", trimPair(p), "this pair is not locked"); err != nil {
		return fmt.Errorf("unlock %s and %s: %w", p.MentorID, p.MenteeID, err)
	}
	return nil
}

// Exclude rules a pair out of the cycle's later runs. Excluding an
// excluded pair again changes nothing. People who are not the cycle's
// approved mentor and mentee are Invalid; a locked pair is a Conflict.
func (s *Store) Exclude(ctx context.Context, programID, cycleID string, p IDPair, adminID string) (Exclusion, error) {
	p = trimPair(p)
	_, c, err := s.cycleOf(ctx, programID, cycleID)
	if err != nil {
		return Exclusion{}, fmt.Errorf("exclude a pair: %w", err)
	}
	var out Exclusion
	err = s.db.Tx(ctx, func(tx db.Querier) error {
		if err := checkPair(ctx, tx, c.ID, p); err != nil {
			return err
		}
		if locked, err := pairIn(ctx, tx, "match_locks", c.ID, p); err != nil || locked {
			return cmp.Or(err, errs.E(errs.Conflict, "this pair is locked; unlock it before excluding it"))
		}
		if err := insertExclusion(ctx, tx, c.ID, p, adminID, s.now()); err != nil {
			return err
		}
		out, err = getLock(ctx, tx, "match_exclusions", c.ID, p)
		return err
	})
	if err != nil {
		return Exclusion{}, fmt.Errorf("exclude %s and %s: %w", p.MentorID, p.MenteeID, err)
	}
	return out, nil
}

// insertExclusion stores an exclusion unless it exists.
func insertExclusion(ctx context.Context, tx db.Querier, cycleID string, p IDPair, adminID string, now time.Time) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO match_exclusions (cycle_id, mentor_id, mentee_id, created_by, created_at)
		VALUES (?, ?, ?, ?, ?) ON CONFLICT (cycle_id, mentor_id, mentee_id) DO NOTHING`,
		cycleID, p.MentorID, p.MenteeID, db.NullString(adminID), now)
	return err
}

// Unexclude removes an exclusion. A pair that is not excluded is NotFound.
func (s *Store) Unexclude(ctx context.Context, programID, cycleID string, p IDPair) error {
	if err := s.remove(ctx, programID, cycleID, "match_exclusions", trimPair(p), "this pair is not excluded"); err != nil {
		return fmt.Errorf("remove the exclusion of %s and %s: %w", p.MentorID, p.MenteeID, err)
	}
	return nil
}

func (s *Store) remove(ctx context.Context, programID, cycleID, table string, p IDPair, missing string) error {
	if _, _, err := s.cycleOf(ctx, programID, cycleID); err != nil {
		return err
	}
	res, err := s.db.Write().ExecContext(ctx, "DELETE FROM "+table+" WHERE cycle_id = ? AND mentor_id = ? AND mentee_id = ?",
		cycleID, p.MentorID, p.MenteeID)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return errs.E(errs.NotFound, "%s", missing)
	}
	return nil
}

// lockSelect reads locks or exclusions (the table is %s) with the names
// of their people, joined through people's NameJoin.
var lockSelect = `SELECT l.cycle_id, l.mentor_id, ` + people.NameColumn("mo") + `, l.mentee_id, ` + people.NameColumn("me") +
	`, COALESCE(l.created_by, ''), l.created_at FROM %s l ` + people.NameJoin("mo", "l.mentor_id") + " " + people.NameJoin("me", "l.mentee_id")

// lockOrder orders locks or exclusions by mentor name, then mentee name.
var lockOrder = " ORDER BY " + people.NameKey("mo") + ", l.mentor_id, " + people.NameKey("me") + ", l.mentee_id"

func scanLocks(ctx context.Context, q db.Querier, table, where string, args ...any) ([]Lock, error) {
	return db.QueryAll(ctx, q, func(sc db.Scanner) (Lock, error) {
		var l Lock
		err := sc.Scan(&l.CycleID, &l.MentorID, &l.MentorName, &l.MenteeID, &l.MenteeName, &l.CreatedBy, &l.CreatedAt)
		l.CreatedAt = l.CreatedAt.UTC()
		return l, err
	}, fmt.Sprintf(lockSelect, table)+" WHERE "+where+lockOrder, args...)
}

func getLock(ctx context.Context, q db.Querier, table, cycleID string, p IDPair) (Lock, error) {
	ls, err := scanLocks(ctx, q, table, "l.cycle_id = ? AND l.mentor_id = ? AND l.mentee_id = ?", cycleID, p.MentorID, p.MenteeID)
	if err != nil {
		return Lock{}, err
	}
	return db.First(ls, "no such pair")
}

// Locks returns the cycle's locks, by mentor name and mentee name.
func (s *Store) Locks(ctx context.Context, programID, cycleID string) ([]Lock, error) {
	if _, _, err := s.cycleOf(ctx, programID, cycleID); err != nil {
		return nil, fmt.Errorf("locks of cycle %s: %w", cycleID, err)
	}
	out, err := scanLocks(ctx, s.db.Read(), "match_locks", "l.cycle_id = ?", cycleID)
	if err != nil {
		return nil, fmt.Errorf("locks of cycle %s: %w", cycleID, err)
	}
	return out, nil
}

// Exclusions returns the cycle's exclusions, by mentor name and mentee
// name.
func (s *Store) Exclusions(ctx context.Context, programID, cycleID string) ([]Exclusion, error) {
	if _, _, err := s.cycleOf(ctx, programID, cycleID); err != nil {
		return nil, fmt.Errorf("exclusions of cycle %s: %w", cycleID, err)
	}
	out, err := scanLocks(ctx, s.db.Read(), "match_exclusions", "l.cycle_id = ?", cycleID)
	if err != nil {
		return nil, fmt.Errorf("exclusions of cycle %s: %w", cycleID, err)
	}
	return out, nil
}

// SetUnavailable records whether a mentor of the cycle takes new mentees:
// an unavailable mentor keeps the mentees they have and gets no new one in
// later runs. A person who is not an approved mentor of the cycle is
// Forbidden.
func (s *Store) SetUnavailable(ctx context.Context, programID, cycleID, personID string, unavailable bool) error {
	_, c, err := s.cycleOf(ctx, programID, cycleID)
	if err != nil {
		return fmt.Errorf("set availability: %w", err)
	}
	err = s.db.Tx(ctx, func(tx db.Querier) error {
		ok, err := programs.HasApprovedRole(ctx, tx, c.ID, personID, programs.RoleMentor)
		if err != nil {
			return err
		}
		if !ok {
			return errs.E(errs.Forbidden, "only the mentors of this cycle set their availability")
		}
		if !unavailable {
			_, err := tx.ExecContext(ctx, "DELETE FROM match_unavailable WHERE cycle_id = ? AND person_id = ?", c.ID, personID)
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO match_unavailable (cycle_id, person_id, created_at) VALUES (?, ?, ?)
			ON CONFLICT (cycle_id, person_id) DO NOTHING`, c.ID, personID, s.now())
		return err
	})
	if err != nil {
		return fmt.Errorf("set availability of %s: %w", personID, err)
	}
	return nil
}
