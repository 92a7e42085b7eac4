package db

import (
	"database/sql"
	"errors"
	"time"

	"github.com/kindredhq/kindred/internal/errs"
)

// NotFound turns sql.ErrNoRows into a NotFound error with msg, and leaves
// other errors alone, so a store's "no such row" reads as the domain's
// "no such object".
func NotFound(err error, msg string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return errs.E(errs.NotFound, "%s", msg)
	}
	return err
}

// NullString stores an empty string as NULL (for optional references).
func NullString(s string) sql.NullString { return sql.NullString{String: s, Valid: s != ""} }

// NullTime stores a nil time as NULL and any other time in UTC.
func NullTime(t *time.Time) sql.NullTime {
	if t == nil {
		return sql.NullTime{}
	}
	return sql.NullTime{Time: t.UTC(), Valid: true}
}

// TimePtr returns the time of a nullable column, in UTC, or nil.
func TimePtr(t sql.NullTime) *time.Time {
	if !t.Valid {
		return nil
	}
	u := t.Time.UTC()
	return &u
}
