package db

import (
	"context"

	"github.com/kindredhq/kindred/internal/errs"
)

// Scanner is a *sql.Row or *sql.Rows: what a store's scan function reads
// one row from.
type Scanner interface{ Scan(dest ...any) error }

// EachRow runs query on q and calls fn on each row in order, stopping at
// the first error.
func EachRow(ctx context.Context, q Querier, fn func(Scanner) error, query string, args ...any) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// QueryAll runs query on q and returns every row as scan reads it, in order.
func QueryAll[T any](ctx context.Context, q Querier, scan func(Scanner) (T, error), query string, args ...any) ([]T, error) {
	var out []T
	err := EachRow(ctx, q, func(r Scanner) error {
		v, err := scan(r)
		out = append(out, v)
		return err
	}, query, args...)
	if err != nil {
		return nil, err
	}
	return out, nil
}

// First returns the first of rows, as a query that reads at most one
// object gives them, or a NotFound error with msg when there is none.
func First[T any](rows []T, msg string) (T, error) {
	if len(rows) == 0 {
		var zero T
		return zero, errs.E(errs.NotFound, "%s", msg)
	}
	return rows[0], nil
}
