package formations

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/errs"
	"github.com/kindredhq/kindred/internal/mail"
	"github.com/kindredhq/kindred/internal/people"
	"github.com/kindredhq/kindred/internal/programs"
)

// Store keeps formations, their circles, members and rosters in the
// database. It reads programs, cycles, enrollments and people through their
// own stores.
type Store struct {
	db       *db.DB
	people   *people.Store
	programs *programs.Store
	mail     *mail.Outbox
	now      func() time.Time
}

// NewStore returns a Store over d, reading people and programs through ps
// and gs, that writes the mails of its changes (published circles) to out;
// nil out writes none. now gives the current time; nil means time.Now.
func NewStore(d *db.DB, ps *people.Store, gs *programs.Store, out *mail.Outbox, now func() time.Time) *Store {
	return &Store{db: d, people: ps, programs: gs, mail: out, now: db.UTCClock(now)}
}

const formationPrefix = "frm_"

const formationColumns = `f.id, f.program_id, f.cycle_id, f.seq, f.status, f.size, f.min_size, f.max_size, f.seed,
	f.session_minutes, f.sessions, f.people, f.circles, f.diversity, f.upper_bound, f.repeat_pairs, f.repeat_lower_bound,
	f.circles_without_slot, f.history_circles, f.facilitators_marked, f.moves, f.millis, COALESCE(f.parent_id, ''),
	COALESCE(f.created_by, ''), f.created_at, f.updated_at, COALESCE(f.published_by, ''), f.published_at`

func scanFormation(sc db.Scanner) (Formation, error) {
	var f Formation
	var published sql.NullTime
	err := sc.Scan(&f.ID, &f.ProgramID, &f.CycleID, &f.Seq, &f.Status, &f.Size, &f.MinSize, &f.MaxSize, &f.Seed,
		&f.SessionMinutes, &f.Sessions, &f.People, &f.Circles, &f.Diversity, &f.UpperBound, &f.RepeatPairs, &f.RepeatLowerBound,
		&f.CirclesWithoutSlot, &f.HistoryCircles, &f.FacilitatorsMarked, &f.Moves, &f.Millis, &f.ParentID,
		&f.CreatedBy, &f.CreatedAt, &f.UpdatedAt, &f.PublishedBy, &published)
	f.CreatedAt, f.UpdatedAt = f.CreatedAt.UTC(), f.UpdatedAt.UTC()
	if published.Valid {
		t := published.Time.UTC()
		f.PublishedAt = &t
	}
	return f, err
}

// getFormation reads one formation of a cycle.
func getFormation(ctx context.Context, q db.Querier, cycleID, id string) (Formation, error) {
	f, err := scanFormation(q.QueryRowContext(ctx, "SELECT "+formationColumns+" FROM formations f WHERE f.id = ? AND f.cycle_id = ?", id, cycleID))
	return f, db.NotFound(err, "no such formation in this cycle")
}

// latest reads the cycle's draft (the latest formation, when it is a
// draft) and its published formation.
func latest(ctx context.Context, q db.Querier, cycleID string) (Latest, error) {
	var l Latest
	rows, err := q.QueryContext(ctx, "SELECT "+formationColumns+` FROM formations f
		WHERE f.cycle_id = ? AND f.status IN (?, ?) ORDER BY f.seq`, cycleID, StatusDraft, StatusPublished)
	if err != nil {
		return Latest{}, fmt.Errorf("read formations: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		f, err := scanFormation(rows)
		if err != nil {
			return Latest{}, fmt.Errorf("read formations: %w", err)
		}
		if f.Status == StatusPublished {
			l.Published = &f
		} else {
			l.Draft = &f
		}
	}
	if err := rows.Err(); err != nil {
		return Latest{}, fmt.Errorf("read formations: %w", err)
	}
	return l, nil
}

// cycleOf reads the program and the cycle; a cycle of another program is
// NotFound.
func (s *Store) cycleOf(ctx context.Context, programID, cycleID string) (programs.Program, programs.Cycle, error) {
	p, err := s.programs.GetProgram(ctx, programID)
	if err != nil {
		return programs.Program{}, programs.Cycle{}, err
	}
	c, err := s.programs.GetCycle(ctx, programID, cycleID)
	if err != nil {
		return programs.Program{}, programs.Cycle{}, err
	}
	return p, c, nil
}

// Latest returns the cycle's draft and published formation, either of
// which may be nil: for program managers. A missing program or cycle is
// NotFound.
func (s *Store) Latest(ctx context.Context, programID, cycleID string) (Latest, error) {
	if _, _, err := s.cycleOf(ctx, programID, cycleID); err != nil {
		return Latest{}, fmt.Errorf("formations of cycle %s: %w", cycleID, err)
	}
	l, err := latest(ctx, s.db.Read(), cycleID)
	if err != nil {
		return Latest{}, fmt.Errorf("formations of cycle %s: %w", cycleID, err)
	}
	return l, nil
}

// Published returns the cycle's published formation, or NotFound when it
// has none: the figures sponsors see.
func (s *Store) Published(ctx context.Context, programID, cycleID string) (Formation, error) {
	l, err := s.Latest(ctx, programID, cycleID)
	if err != nil {
		return Formation{}, err
	}
	if l.Published == nil {
		return Formation{}, fmt.Errorf("published circles of cycle %s: %w", cycleID, errs.E(errs.NotFound, "the circles of this cycle are not published yet"))
	}
	return *l.Published, nil
}
