package formations

import (
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
	rows, err := q.QueryContext(ctx, `SELECT num, slot, near_slot, blockers, diversity FROM formation_circles
		WHERE formation_id = ? AND num BETWEEN ? AND ? ORDER BY num`, f.ID, first, last)
	if err != nil {
		return nil, fmt.Errorf("read circles: %w", err)
	}
	defer rows.Close()
	var out []Circle
	at := map[int]int{}
	for rows.Next() {
		var c Circle
		var slot, near int
		var blockers string
		if err := rows.Scan(&c.Number, &slot, &near, &blockers, &c.Diversity); err != nil {
			return nil, fmt.Errorf("read circles: %w", err)
		}
		c.HasSlot = slot >= 0
		c.Slot = schedule.Slot{Start: max(slot, 0), Steps: steps}
		c.NearSlot = schedule.Slot{Start: near, Steps: steps}
		if blockers != "" {
			c.Blockers = strings.Split(blockers, ",")
		}
		at[c.Number] = len(out)
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read circles: %w", err)
	}
	rows.Close()
	if len(out) == 0 {
		return nil, nil
	}

	mrows, err := q.QueryContext(ctx, `SELECT person_id, circle, COALESCE(buddy_id, '') FROM formation_members
		WHERE formation_id = ? AND circle BETWEEN ? AND ?`, f.ID, first, last)
	if err != nil {
		return nil, fmt.Errorf("read circle members: %w", err)
	}
	defer mrows.Close()
	var ids []string
	for mrows.Next() {
		var m Member
		var circle int
		if err := mrows.Scan(&m.PersonID, &circle, &m.BuddyID); err != nil {
			return nil, fmt.Errorf("read circle members: %w", err)
		}
		if i, ok := at[circle]; ok {
			out[i].Members = append(out[i].Members, m)
			ids = append(ids, m.PersonID)
		}
	}
	if err := mrows.Err(); err != nil {
		return nil, fmt.Errorf("read circle members: %w", err)
	}
	mrows.Close()

	trows, err := q.QueryContext(ctx, `SELECT circle, session, facilitator_id, COALESCE(co_facilitator_id, '') FROM formation_turns
		WHERE formation_id = ? AND circle BETWEEN ? AND ? ORDER BY circle, session`, f.ID, first, last)
	if err != nil {
		return nil, fmt.Errorf("read rosters: %w", err)
	}
	defer trows.Close()
	for trows.Next() {
		var t Turn
		var circle int
		if err := trows.Scan(&circle, &t.Session, &t.Facilitator, &t.CoFacilitator); err != nil {
			return nil, fmt.Errorf("read rosters: %w", err)
		}
		if i, ok := at[circle]; ok {
			out[i].Turns = append(out[i].Turns, t)
		}
	}
	if err := trows.Err(); err != nil {
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
	mine, err := s.mine(ctx, "f.cycle_id = ? AND g.id = ?", []any{cycleID, programID}, personID)
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
	mine, err := s.mine(ctx, "c.ends_on >= ?", []any{s.now().Format(programs.DateLayout)}, personID)
	if err != nil {
		return nil, fmt.Errorf("circles of %s: %w", personID, err)
	}
	return mine, nil
}

// mine reads the person's circles in published formations under an extra
// condition on the formation f, cycle c or program g. It reads only
// published formations and only the circles that hold the person.
func (s *Store) mine(ctx context.Context, where string, args []any, personID string) ([]MyCircle, error) {
	q := s.db.Read()
	rows, err := q.QueryContext(ctx, "SELECT "+formationColumns+`, m.circle, g.name, g.cadence, c.name, c.starts_on, c.ends_on
		FROM formation_members m
		JOIN formations f ON f.id = m.formation_id
		JOIN cycles c ON c.id = f.cycle_id
		JOIN programs g ON g.id = f.program_id
		WHERE m.person_id = ? AND f.status = ? AND `+where+`
		ORDER BY c.starts_on, lower(g.name), f.id`, append([]any{personID, StatusPublished}, args...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []MyCircle
	var nums []int
	for rows.Next() {
		var m MyCircle
		var num int
		f, err := scanFormation(scanFunc(func(dest ...any) error {
			return rows.Scan(append(dest, &num, &m.ProgramName, &m.Cadence, &m.CycleName, &m.Cycle.StartsOn, &m.Cycle.EndsOn)...)
		}))
		if err != nil {
			return nil, err
		}
		m.Formation, m.ProgramID, m.CycleID = f, f.ProgramID, f.CycleID
		m.Cycle.ID, m.Cycle.ProgramID, m.Cycle.Name = f.CycleID, f.ProgramID, m.CycleName
		out = append(out, m)
		nums = append(nums, num)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	for i := range out {
		cs, err := s.readCircles(ctx, q, out[i].Formation, nums[i], nums[i])
		if err != nil {
			return nil, err
		}
		if len(cs) != 1 {
			return nil, fmt.Errorf("circle %d of formation %s is missing", nums[i], out[i].Formation.ID)
		}
		out[i].Circle = cs[0]
		if cs[0].HasSlot {
			out[i].Sessions = SessionStarts(out[i].Cycle, out[i].Cadence, cs[0].Slot)
		}
	}
	return out, nil
}

// scanFunc adapts a function to the scanner interface.
type scanFunc func(dest ...any) error

func (f scanFunc) Scan(dest ...any) error { return f(dest...) }
