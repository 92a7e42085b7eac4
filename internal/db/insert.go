package db

import (
	"context"
	"fmt"
	"strings"
)

// InsertRows inserts rows into table (columns cols) in batches, one
// statement per batch, which is much faster than a statement a row.
func InsertRows(ctx context.Context, tx Querier, table string, cols []string, rows [][]any) error {
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
			b.WriteString("(" + InClause(len(cols)) + ")")
			args = append(args, r...)
		}
		if _, err := tx.ExecContext(ctx, b.String(), args...); err != nil {
			return fmt.Errorf("insert into %s: %w", table, err)
		}
	}
	return nil
}
