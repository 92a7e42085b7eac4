package formations

import (
	"context"
	"fmt"

	"github.com/kindredhq/kindred/internal/db"
)

// publishedIn is the condition on formation f and its arguments: f is
// published in one of the cycles.
func publishedIn(cycleIDs []string) (string, []any) {
	args := []any{StatusPublished}
	for _, id := range cycleIDs {
		args = append(args, id)
	}
	return "f.status = ? AND f.cycle_id IN (" + db.InClause(len(cycleIDs)) + ")", args
}

// historyCircles reads the circles published in the cycles, as lists of
// person ids.
func historyCircles(ctx context.Context, q db.Querier, cycleIDs []string) ([][]string, error) {
	if len(cycleIDs) == 0 {
		return nil, nil
	}
	where, args := publishedIn(cycleIDs)
	rows, err := q.QueryContext(ctx, `SELECT m.formation_id, m.circle, m.person_id FROM formation_members m
		JOIN formations f ON f.id = m.formation_id
		WHERE `+where+` ORDER BY m.formation_id, m.circle`, args...)
	if err != nil {
		return nil, fmt.Errorf("read earlier circles: %w", err)
	}
	defer rows.Close()
	var out [][]string
	lastF, lastC := "", -1
	for rows.Next() {
		var fid, pid string
		var circle int
		if err := rows.Scan(&fid, &circle, &pid); err != nil {
			return nil, fmt.Errorf("read earlier circles: %w", err)
		}
		if fid != lastF || circle != lastC {
			out = append(out, nil)
			lastF, lastC = fid, circle
		}
		out[len(out)-1] = append(out[len(out)-1], pid)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read earlier circles: %w", err)
	}
	return out, nil
}

// facilitationCounts counts the sessions each person facilitated in the
// circles published in the cycles; only for the ids given, or everyone
// when ids is nil.
func facilitationCounts(ctx context.Context, q db.Querier, cycleIDs, ids []string) (map[string]int, error) {
	out := map[string]int{}
	if len(cycleIDs) == 0 {
		return out, nil
	}
	where, args := publishedIn(cycleIDs)
	query := `SELECT t.facilitator_id, COUNT(*) FROM formation_turns t
		JOIN formations f ON f.id = t.formation_id
		WHERE ` + where
	if ids != nil {
		query += " AND t.facilitator_id IN (" + db.InClause(len(ids)) + ")"
		for _, id := range ids {
			args = append(args, id)
		}
	}
	err := db.EachRow(ctx, q, func(sc db.Scanner) error {
		var id string
		var n int
		err := sc.Scan(&id, &n)
		out[id] = n
		return err
	}, query+" GROUP BY t.facilitator_id", args...)
	if err != nil {
		return nil, fmt.Errorf("read earlier facilitation: %w", err)
	}
	return out, nil
}

// metBefore returns the people who shared a circle with the person in the
// circles published in the cycles.
func metBefore(ctx context.Context, q db.Querier, cycleIDs []string, personID string) (map[string]bool, error) {
	out := map[string]bool{}
	if len(cycleIDs) == 0 {
		return out, nil
	}
	where, args := publishedIn(cycleIDs)
	rows, err := q.QueryContext(ctx, `SELECT DISTINCT o.person_id FROM formation_members m
		JOIN formation_members o ON o.formation_id = m.formation_id AND o.circle = m.circle
		JOIN formations f ON f.id = m.formation_id
		WHERE m.person_id = ? AND o.person_id <> m.person_id AND `+where, append([]any{personID}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("read earlier circle-mates: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("read earlier circle-mates: %w", err)
		}
		out[id] = true
	}
	return out, rows.Err()
}
