package programs

import (
	"database/sql"
	"errors"
	"time"

	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/errs"
)

// Store keeps programs, cycles and enrollments in the database.
type Store struct {
	db  *db.DB
	now func() time.Time
}

// NewStore returns a Store over d. now gives the current time (UTC); nil
// means time.Now. The current day, for cycle status, is its UTC date.
func NewStore(d *db.DB, now func() time.Time) *Store {
	if now == nil {
		now = time.Now
	}
	return &Store{db: d, now: func() time.Time { return now().UTC() }}
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

// notFound turns sql.ErrNoRows into a NotFound error with msg, and leaves
// other errors alone.
func notFound(err error, msg string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return errs.E(errs.NotFound, "%s", msg)
	}
	return err
}

// nullString stores an empty string as NULL (for optional references).
func nullString(s string) sql.NullString { return sql.NullString{String: s, Valid: s != ""} }

// nullTime stores a nil time as NULL.
func nullTime(t *time.Time) sql.NullTime {
	if t == nil {
		return sql.NullTime{}
	}
	return sql.NullTime{Time: t.UTC(), Valid: true}
}

// timePtr returns the time of a nullable column, in UTC, or nil.
func timePtr(t sql.NullTime) *time.Time {
	if !t.Valid {
		return nil
	}
	u := t.Time.UTC()
	return &u
}

// scanner is a *sql.Row or *sql.Rows.
type scanner interface{ Scan(...any) error }
