package people

import (
	"context"
	"fmt"

	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/person"
)

// OrgChart returns everyone, active or not, with only their id and
// manager, by id: enough for management chains, which reach beyond any
// cohort. q may be a transaction.
func OrgChart(ctx context.Context, q db.Querier) ([]person.Person, error) {
	out, err := db.QueryAll(ctx, q, func(sc db.Scanner) (person.Person, error) {
		var p person.Person
		err := sc.Scan(&p.ID, &p.ManagerID)
		return p, err
	}, "SELECT id, COALESCE(manager_id, '') FROM people ORDER BY id")
	if err != nil {
		return nil, fmt.Errorf("read the organization chart: %w", err)
	}
	return out, nil
}

// CapacityOf returns how many mentees person id takes; a missing person is
// NotFound. q may be a transaction.
func CapacityOf(ctx context.Context, q db.Querier, id string) (int, error) {
	var n int
	err := q.QueryRowContext(ctx, "SELECT capacity FROM people WHERE id = ?", id).Scan(&n)
	if err = db.NotFound(err, "no such person"); err != nil {
		return 0, fmt.Errorf("read the capacity of %s: %w", id, err)
	}
	return n, nil
}

// Names returns the names of the people among ids, by id; ids of no one
// are left out. q may be a transaction.
func Names(ctx context.Context, q db.Querier, ids []string) (map[string]string, error) {
	out := make(map[string]string, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	args := make([]any, len(ids))
	for k, id := range ids {
		args[k] = id
	}
	err := db.EachRow(ctx, q, func(sc db.Scanner) error {
		var id, name string
		err := sc.Scan(&id, &name)
		out[id] = name
		return err
	}, "SELECT id, name FROM people WHERE id IN ("+db.InClause(len(ids))+")", args...)
	if err != nil {
		return nil, fmt.Errorf("read names: %w", err)
	}
	return out, nil
}
