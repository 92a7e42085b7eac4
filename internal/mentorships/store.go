package mentorships

import (
	"context"
	"time"

	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/mail"
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
	mail     *mail.Outbox
	now      func() time.Time
	// Workers is the number of goroutines that score and explain pairs
	// (0: GOMAXPROCS). Results do not depend on it.
	Workers int
}

// NewStore returns a Store over d, reading people and programs through ps
// and gs, that writes the mails of its changes (published matches,
// re-match requests and answers) to out; nil out writes none. now gives
// the current time; nil means time.Now.
func NewStore(d *db.DB, ps *people.Store, gs *programs.Store, out *mail.Outbox, now func() time.Time) *Store {
	return &Store{db: d, people: ps, programs: gs, mail: out, now: db.UTCClock(now)}
}

// ID prefixes.
const (
	runPrefix     = "run_"
	requestPrefix = "rmr_"
)

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
