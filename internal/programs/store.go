package programs

import (
	"time"

	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/errs"
	"github.com/kindredhq/kindred/internal/mail"
	"github.com/kindredhq/kindred/internal/people"
)

// Store keeps programs, cycles and enrollments in the database. It reads
// people (who exists, is active, their names) through people.
type Store struct {
	db     *db.DB
	people *people.Store
	mail   *mail.Outbox
	now    func() time.Time
}

// NewStore returns a Store over d and the people of ps that writes the
// mails of its changes (decisions on applications) to out; nil out writes
// none. now gives the current time (UTC); nil means time.Now. The current
// day, for cycle status, is its UTC date.
func NewStore(d *db.DB, ps *people.Store, out *mail.Outbox, now func() time.Time) *Store {
	return &Store{db: d, people: ps, mail: out, now: db.UTCClock(now)}
}

// today returns the current UTC date as YYYY-MM-DD.
func (s *Store) today() string { return s.now().Format(DateLayout) }

// ID prefixes, one per kind of object.
const (
	programPrefix    = "prg_"
	cyclePrefix      = "cyc_"
	enrollmentPrefix = "enr_"
)

// conflict is a Conflict error about one form field, keeping the cause.
func conflict(field, msg string, cause error) error {
	return &errs.Error{Kind: errs.Conflict, Field: field, Message: msg, Err: cause}
}
