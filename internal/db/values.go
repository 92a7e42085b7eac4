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

// RequireChange returns the error of an Exec, or, when the Exec changed no
// row, an error of kind k saying msg: NotFound for a missing row, Conflict
// for one that changed meanwhile.
func RequireChange(res sql.Result, err error, k errs.Kind, msg string) error {
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return errs.E(k, "%s", msg)
	}
	return nil
}
