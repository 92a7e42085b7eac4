package db

import "context"

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
