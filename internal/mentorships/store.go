package mentorships

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/people"
	"github.com/kindredhq/kindred/internal/programs"
)

// Store keeps match runs, locks, exclusions, availability and re-match
// requests in the database. It reads programs, cycles, enrollments and
// people through their own stores.
type Store struct {
	db       *db.DB
	people   *people.Store
	programs *programs.Store
	now      func() time.Time
	// Workers is the number of goroutines that score and explain pairs
	// (0: GOMAXPROCS). Results do not depend on it.
	Workers int
}

// NewStore returns a Store over d, reading people and programs through ps
// and gs. now gives the current time; nil means time.Now.
func NewStore(d *db.DB, ps *people.Store, gs *programs.Store, now func() time.Time) *Store {
	if now == nil {
		now = time.Now
	}
	return &Store{db: d, people: ps, programs: gs, now: func() time.Time { return now().UTC() }}
}

// ID prefixes.
const (
	runPrefix     = "run_"
	requestPrefix = "rmr_"
)

// scanner is a *sql.Row or *sql.Rows.
type scanner interface{ Scan(...any) error }

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

// insertRows inserts rows into table (columns cols) in batches, one
// statement per batch, which is much faster than a statement a row.
func insertRows(ctx context.Context, tx db.Querier, table string, cols []string, rows [][]any) error {
	const batch = 100
	for start := 0; start < len(rows); start += batch {
		end := min(start+batch, len(rows))
		var b strings.Builder
		b.WriteString("INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES ")
		args := make([]any, 0, (end-start)*len(cols))
		for k, r := range rows[start:end] {
			if k > 0 {
				b.WriteString(", ")
			}
			b.WriteString("(" + db.InClause(len(cols)) + ")")
			args = append(args, r...)
		}
		if _, err := tx.ExecContext(ctx, b.String(), args...); err != nil {
			return fmt.Errorf("insert into %s: %w", table, err)
		}
	}
	return nil
}
