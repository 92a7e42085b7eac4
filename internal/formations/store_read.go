package formations

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/errs"
	"github.com/kindredhq/kindred/internal/person"
	"github.com/kindredhq/kindred/internal/programs"
	"github.com/kindredhq/kindred/internal/schedule"
)

// Circles returns the circles of formation formationID of the cycle, from
// number first through last (both included; last 0 means to the end), each
// with its members (ordered by name, with their profiles) and roster: for
// program managers. A formation of another cycle is NotFound.
func (s *Store) Circles(ctx context.Context, programID, cycleID, formationID string, first, last int) ([]Circle, error) {
	cs, err := func() ([]Circle, error) {
		if _, _, err := s.cycleOf(ctx, programID, cycleID); err != nil {
			return nil, err
		}
		q := s.db.Read()
		f, err := getFormation(ctx, q, cycleID, formationID)
		if err != nil {
			return nil, err
		}
		if last <= 0 {
			last = f.Circles
		}
		return s.readCircles(ctx, q, f, max(first, 1), last)
	}()
	if err != nil {
		return nil, fmt.Errorf("circles of formation %s: %w", formationID, err)
	}
	return cs, nil
}

// readCircles reads circles first..last of formation f with members and
// rosters.
func (s *Store) readCircles(ctx context.Context, q db.Querier, f Formation, first, last int) ([]Circle, error) {
	steps := schedule.StepsFor(f.SessionMinutes)
	var out []Circle
	at := map[int]int{}
	err := db.EachRow(ctx, q, func(sc db.Scanner) error {
		var c Circle
		var slot, near int
		var blockers string
		if err := sc.Scan(&c.Number, &slot, &near, &blockers, &c.Diversity); err != nil {
			return err
		}
		c.HasSlot = slot >= 0
		c.Slot = schedule.Slot{Start: max(slot, 0), Steps: steps}
		c.NearSlot = schedule.Slot{Start: near, Steps: steps}
		if blockers != "" {
			c.Blockers = strings.Split(blockers, ",")
		}
		at[c.Number] = len(out)
		out = append(out, c)
		return nil
	}, `SELECT num, slot, near_slot, blockers, diversity FROM formation_circles
		WHERE formation_id = ? AND num BETWEEN ? AND ? ORDER BY num`, f.ID, first, last)
	if err != nil {
		return nil, fmt.Errorf("read circles: %w", err)
	}
	if len(out) == 0 {
		return nil, nil
	}

	var ids []string
	err = db.EachRow(ctx, q, func(sc db.Scanner) error {
		var m Member
		var circle int
		if err := sc.Scan(&m.PersonID, &circle, &m.BuddyID); err != nil {
			return err
		}
		if i, ok := at[circle]; ok {
			out[i].Members = append(out[i].Members, m)
			ids = append(ids, m.PersonID)
		}
		return nil
	}, `SELECT person_id, circle, COALESCE(buddy_id, '') FROM formation_members
		WHERE formation_id = ? AND circle BETWEEN ? AND ?`, f.ID, first, last)
	if err != nil {
		return nil, fmt.Errorf("read circle members: %w", err)
	}

	err = db.EachRow(ctx, q, func(sc db.Scanner) error {
		var t Turn
		var circle int
		if err := sc.Scan(&circle, &t.Session, &t.Facilitator, &t.CoFacilitator); err != nil {
			return err
		}
		if i, ok := at[circle]; ok {
			out[i].Turns = append(out[i].Turns, t)
		}
		return nil
	}, `SELECT circle, session, facilitator_id, COALESCE(co_facilitator_id, '') FROM formation_turns
		WHERE formation_id = ? AND circle BETWEEN ? AND ? ORDER BY circle, session`, f.ID, first, last)
	if err != nil {
		return nil, fmt.Errorf("read rosters: %w", err)
	}

	ps, err := s.people.GetMany(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("read circle members: %w", err)
	}
	byID := make(map[string]person.Person, len(ps))
	for _, p := range ps {
		byID[p.ID] = p
	}
	for i := range out {
		for j := range out[i].Members {
			out[i].Members[j].Person = byID[out[i].Members[j].PersonID]
		}
		slices.SortFunc(out[i].Members, func(a, b Member) int {
			if c := strings.Compare(strings.ToLower(a.Person.Name), strings.ToLower(b.Person.Name)); c != 0 {
				return c
			}
			return strings.Compare(a.PersonID, b.PersonID)
		})
	}
	return out, nil
}

// CircleOf returns the number of the circle that holds the person in
// formation formationID, or NotFound.
func (s *Store) CircleOf(ctx context.Context, formationID, personID string) (int, error) {
	var n int
	err := s.db.Read().QueryRowContext(ctx, "SELECT circle FROM formation_members WHERE formation_id = ? AND person_id = ?",
		formationID, personID).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("circle of %s: %w", personID, db.NotFound(err, "this person is in none of these circles"))
	}
	return n, nil
}

// errNoCircle is what a person without a published circle in a cycle
// hears, whether or not a draft exists.
var errNoCircle = errs.E(errs.NotFound, "you have no published circle in this cycle")

// Mine returns the person's own circle in the cycle's published
// formation. Without one (no published formation, only a draft, or not a
// member) it is NotFound, the same in every case.
func (s *Store) Mine(ctx context.Context, programID, cycleID, personID string) (MyCircle, error) {
	mine, err := s.mine(ctx, "f.cycle_id = ? AND f.program_id = ?", []any{cycleID, programID}, nil, personID)
	if err != nil {
		return MyCircle{}, fmt.Errorf("circle of %s in cycle %s: %w", personID, cycleID, err)
	}
	if len(mine) == 0 {
		return MyCircle{}, fmt.Errorf("circle of %s in cycle %s: %w", personID, cycleID, errNoCircle)
	}
	return mine[0], nil
}

// MyCircles returns the person's circles in the published formations of
// cycles that have not ended today (UTC), earliest cycle first: for their
// start page.
func (s *Store) MyCircles(ctx context.Context, personID string) ([]MyCircle, error) {
	today := s.now().Format(programs.DateLayout)
	mine, err := s.mine(ctx, "", nil, func(c programs.Cycle) bool { return c.EndsOn >= today }, personID)
	if err != nil {
		return nil, fmt.Errorf("circles of %s: %w", personID, err)
	}
	return mine, nil
}

// mine reads the person's circles in published formations under an extra
// condition on the formation f (where, with its args; "" for none) and on
// the cycle (keep; nil keeps all), earliest cycle first, then by program
// name. It reads only published formations and only the circles that hold
// the person; programs and cycles come from the programs store, which owns
// them.
func (s *Store) mine(ctx context.Context, where string, args []any, keep func(programs.Cycle) bool, personID string) ([]MyCircle, error) {
	q := s.db.Read()
	if where != "" {
		where = " AND " + where
	}
	rows, err := q.QueryContext(ctx, "SELECT "+formationColumns+`, m.circle
		FROM formation_members m
		JOIN formations f ON f.id = m.formation_id
		WHERE m.person_id = ? AND f.status = ?`+where, append([]any{personID, StatusPublished}, args...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []MyCircle
	var nums []int
	for rows.Next() {
		var num int
		f, err := scanFormation(scanFunc(func(dest ...any) error { return rows.Scan(append(dest, &num)...) }))
		if err != nil {
			return nil, err
		}
		out = append(out, MyCircle{Formation: f, ProgramID: f.ProgramID, CycleID: f.CycleID})
		nums = append(nums, num)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	kept, keptNums := out[:0], nums[:0]
	for i, m := range out {
		p, c, err := s.cycleOf(ctx, m.ProgramID, m.CycleID)
		if err != nil {
			return nil, err
		}
		if keep != nil && !keep(c) {
			continue
		}
		m.ProgramName, m.Cadence, m.CycleName, m.Cycle = p.Name, p.Cadence, c.Name, c
		kept, keptNums = append(kept, m), append(keptNums, nums[i])
	}
	out, nums = kept, keptNums
	order := make([]int, len(out))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		x, y := out[a], out[b]
		return cmp.Or(strings.Compare(x.Cycle.StartsOn, y.Cycle.StartsOn),
			strings.Compare(strings.ToLower(x.ProgramName), strings.ToLower(y.ProgramName)),
			strings.Compare(x.Formation.ID, y.Formation.ID))
	})
	sorted := make([]MyCircle, len(out))
	for i, k := range order {
		sorted[i] = out[k]
		cs, err := s.readCircles(ctx, q, out[k].Formation, nums[k], nums[k])
		if err != nil {
			return nil, err
		}
		if len(cs) != 1 {
			return nil, fmt.Errorf("circle %d of formation %s is missing", nums[k], out[k].Formation.ID)
		}
		sorted[i].Circle = cs[0]
		if cs[0].HasSlot {
			sorted[i].Sessions = SessionStarts(sorted[i].Cycle, sorted[i].Cadence, cs[0].Slot)
		}
	}
	return sorted, nil
}

// scanFunc adapts a function to the scanner interface.
type scanFunc func(dest ...any) error

func (f scanFunc) Scan(dest ...any) error { return f(dest...) }
