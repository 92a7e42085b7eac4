package formations

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/kindredhq/kindred/internal/circles"
	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/errs"
	"github.com/kindredhq/kindred/internal/person"
	"github.com/kindredhq/kindred/internal/programs"
	"github.com/kindredhq/kindred/internal/schedule"
)

// PreviewMove reports what moving r.PersonID to circle r.ToCircle of the
// cycle's working formation (its draft, else its published formation)
// would do, changing nothing: the diversity and gap before and after, the
// two circles' weekly slots before and after, repeats, and the rules the
// move would break. A person not in the circles is Invalid on field
// "person_id"; a circle that does not exist, or their own, is Invalid on
// field "to_circle"; a cycle without circles, or a formation other than
// r.FormationID (when set), is a Conflict.
func (s *Store) PreviewMove(ctx context.Context, r MoveRequest) (Effect, error) {
	mp, err := s.planMove(ctx, r)
	if err != nil {
		return Effect{}, fmt.Errorf("preview moving %s: %w", r.PersonID, err)
	}
	return mp.effect, nil
}

// Move moves r.PersonID to circle r.ToCircle, as PreviewMove describes,
// and returns the effect and the changed draft. The two circles get their
// slot, diversity, roster and buddies anew. A move on the published
// formation changes a new draft copied from it, so members see the change
// only once it is published. A move that breaks a hard rule (a manager and
// their report together, a circle left without a facilitator or empty) is
// Invalid on field "to_circle"; errors are otherwise as for PreviewMove,
// and a change made meanwhile is a Conflict.
func (s *Store) Move(ctx context.Context, r MoveRequest) (Effect, Formation, error) {
	e, f, err := s.move(ctx, r)
	if err != nil {
		return Effect{}, Formation{}, fmt.Errorf("move %s to circle %d: %w", r.PersonID, r.ToCircle, err)
	}
	return e, f, nil
}

func (s *Store) move(ctx context.Context, r MoveRequest) (Effect, Formation, error) {
	mp, err := s.planMove(ctx, r)
	if err != nil {
		return Effect{}, Formation{}, err
	}
	e := mp.effect
	switch {
	case e.LeavesEmpty:
		return Effect{}, Formation{}, errs.Field("to_circle", "%s is alone in circle %d: moving them would leave it empty", e.PersonName, e.From)
	case e.ManagerConflict:
		return Effect{}, Formation{}, errs.Field("to_circle", "circle %d holds %s's manager or a direct report", e.To, e.PersonName)
	case e.FromLosesFacilitator:
		return Effect{}, Formation{}, errs.Field("to_circle", "%s is the last facilitator of circle %d", e.PersonName, e.From)
	}
	var out Formation
	err = s.db.Tx(ctx, func(tx db.Querier) error {
		l, err := latest(ctx, tx, mp.f.CycleID)
		if err != nil {
			return err
		}
		w := l.Working()
		if w == nil || w.ID != mp.f.ID || w.Moves != mp.f.Moves {
			return errs.E(errs.Conflict, "the circles changed meanwhile; reload and try again")
		}
		now := s.now()
		target := *w
		if w.Status == StatusPublished {
			if target, err = copyFormation(ctx, tx, *w, r.AdminID, now); err != nil {
				return err
			}
		}
		res, err := tx.ExecContext(ctx, `UPDATE formations SET diversity = diversity + ?, upper_bound = upper_bound + ?,
			repeat_pairs = repeat_pairs + ?, moves = moves + 1, updated_at = ? WHERE id = ? AND moves = ?`,
			e.Diversity, e.UpperBoundAfter-e.UpperBoundBefore, e.Repeats, now, target.ID, target.Moves)
		if err != nil {
			return fmt.Errorf("update formation: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return errs.E(errs.Conflict, "the circles changed meanwhile; reload and try again")
		}
		if _, err := tx.ExecContext(ctx, "UPDATE formation_members SET circle = ? WHERE formation_id = ? AND person_id = ?",
			e.To, target.ID, e.PersonID); err != nil {
			return fmt.Errorf("move member: %w", err)
		}
		if err := replaceCircles(ctx, tx, target.ID, []int{e.From, e.To}, []Placed{mp.from, mp.to}); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE formations SET circles_without_slot =
			(SELECT COUNT(*) FROM formation_circles WHERE formation_id = ? AND slot < 0) WHERE id = ?`, target.ID, target.ID); err != nil {
			return fmt.Errorf("count circles without a slot: %w", err)
		}
		out, err = getFormation(ctx, tx, target.CycleID, target.ID)
		return err
	})
	if err != nil {
		return Effect{}, Formation{}, err
	}
	return e, out, nil
}

// movePlan is a move worked out on the working formation f: its effect,
// and the two circles as they will be.
type movePlan struct {
	f        Formation
	effect   Effect
	co       *cohort
	from, to Placed
}

// planMove works out a move without changing anything.
func (s *Store) planMove(ctx context.Context, r MoveRequest) (movePlan, error) {
	r.PersonID = strings.TrimSpace(r.PersonID)
	bad := errs.Fields{}
	if r.PersonID == "" {
		bad.Add("person_id", "is required")
	}
	if r.ToCircle < 1 {
		bad.Add("to_circle", "choose the circle to move them to")
	}
	if err := bad.Err(); err != nil {
		return movePlan{}, err
	}
	_, c, err := s.cycleOf(ctx, r.ProgramID, r.CycleID)
	if err != nil {
		return movePlan{}, err
	}
	q := s.db.Read()
	l, err := latest(ctx, q, c.ID)
	if err != nil {
		return movePlan{}, err
	}
	f := l.Working()
	switch {
	case f == nil:
		return movePlan{}, errs.E(errs.Conflict, "there are no circles to change yet: form them first")
	case r.FormationID != "" && r.FormationID != f.ID:
		return movePlan{}, errs.E(errs.Conflict, "the circles changed meanwhile; reload and try again")
	}
	var fromNum int
	err = q.QueryRowContext(ctx, "SELECT circle FROM formation_members WHERE formation_id = ? AND person_id = ?", f.ID, r.PersonID).Scan(&fromNum)
	if err != nil {
		if err = db.NotFound(err, ""); errs.Is(err, errs.NotFound) {
			return movePlan{}, errs.Field("person_id", "%q is in none of these circles", r.PersonID)
		}
		return movePlan{}, fmt.Errorf("find the person's circle: %w", err)
	}
	switch {
	case r.ToCircle > f.Circles:
		return movePlan{}, errs.Field("to_circle", "there is no circle %d: circles are numbered 1 to %d", r.ToCircle, f.Circles)
	case r.ToCircle == fromNum:
		return movePlan{}, errs.Field("to_circle", "they are already in circle %d", fromNum)
	}
	fromC, err := s.readCircles(ctx, q, *f, fromNum, fromNum)
	if err != nil {
		return movePlan{}, err
	}
	toC, err := s.readCircles(ctx, q, *f, r.ToCircle, r.ToCircle)
	if err != nil {
		return movePlan{}, err
	}
	if len(fromC) != 1 || len(toC) != 1 {
		return movePlan{}, fmt.Errorf("circles %d and %d of formation %s are incomplete", fromNum, r.ToCircle, f.ID)
	}
	mp := movePlan{f: *f}
	var ps []person.Person
	var ids []string
	for _, m := range append(slices.Clone(fromC[0].Members), toC[0].Members...) {
		ps = append(ps, m.Person)
		ids = append(ids, m.PersonID)
	}
	from, until := cycleDates(c)
	mp.co = newCohort(byID(ps), from, until.AddDate(0, 0, -1), f.SessionMinutes, &schedule.Cache{})
	co := mp.co
	indices := func(ms []Member) []int {
		out := make([]int, len(ms))
		for i, m := range ms {
			out[i] = co.index[m.PersonID]
		}
		slices.Sort(out)
		return out
	}
	who := co.index[r.PersonID]
	fromIdx, toIdx := indices(fromC[0].Members), indices(toC[0].Members)
	round := circles.Round{Circles: []circles.Circle{{Members: fromIdx}, {Members: toIdx}}}

	earlier, err := programs.EarlierCycleIDs(ctx, q, c)
	if err != nil {
		return movePlan{}, err
	}
	met, err := metBefore(ctx, q, earlier, r.PersonID)
	if err != nil {
		return movePlan{}, err
	}
	opts := engineOptions(f.Size, f.MinSize, f.MaxSize, f.SessionMinutes)
	for id := range met {
		if i, ok := co.index[id]; ok {
			opts.History = append(opts.History, []int{who, i})
		}
	}
	parts := co.parts
	if f.FacilitatorsMarked && !co.marked {
		// Facilitators are marked in the cohort but none of these two
		// circles has one: MoveEffect must still know that not everyone
		// is eligible, so it sees one marked person outside both circles.
		parts = append(slices.Clone(parts), circles.Participant{Facilitator: true})
	}
	eff, err := circles.MoveEffect(parts, round, who, 1, opts)
	if err != nil {
		return movePlan{}, err
	}

	fromAfter := slices.DeleteFunc(slices.Clone(fromIdx), func(i int) bool { return i == who })
	toAfter := append(slices.Clone(toIdx), who)
	slices.Sort(toAfter)
	counts, err := facilitationCounts(ctx, q, earlier, ids)
	if err != nil {
		return movePlan{}, err
	}
	e := Effect{PersonID: r.PersonID, PersonName: co.people[who].Name, From: fromNum, To: r.ToCircle,
		FromSize: len(fromAfter), ToSize: len(toAfter), Repeats: eff.Repeats,
		ManagerConflict: eff.ManagerConflict, FromLosesFacilitator: eff.FromLosesFacilitator, LeavesEmpty: len(fromAfter) == 0,
		SizesOK:        eff.SizesOK,
		FromSlotBefore: CircleSlot{fromC[0].Slot, fromC[0].HasSlot}, ToSlotBefore: CircleSlot{toC[0].Slot, toC[0].HasSlot}}
	if !e.LeavesEmpty {
		if mp.from, err = co.place(fromAfter, scheduleOnly, f.Sessions, counts); err != nil {
			return movePlan{}, fmt.Errorf("roster of circle %d: %w", fromNum, err)
		}
		e.FromSlotAfter = CircleSlot{mp.from.Slot, mp.from.HasSlot}
	}
	if mp.to, err = co.place(toAfter, scheduleOnly, f.Sessions, counts); err != nil {
		return movePlan{}, fmt.Errorf("roster of circle %d: %w", r.ToCircle, err)
	}
	e.ToSlotAfter = CircleSlot{mp.to.Slot, mp.to.HasSlot}
	// The change of diversity from the stored circles to the new ones; it
	// is MoveEffect's unless a profile changed since the circles were
	// formed, and keeps the formation's total the sum of its circles.
	e.Diversity = mp.from.Diversity + mp.to.Diversity - fromC[0].Diversity - toC[0].Diversity
	e.DiversityBefore, e.DiversityAfter = f.Diversity, f.Diversity+e.Diversity
	// The bound is, per attribute, the pairs of circle-mates less the
	// fewest same-category pairs any partition into this many circles
	// has; only the first part depends on the sizes.
	pairs := func(n int) int { return n * (n - 1) / 2 }
	morePairs := pairs(len(fromAfter)) + pairs(len(toAfter)) - pairs(len(fromIdx)) - pairs(len(toIdx))
	e.UpperBoundBefore, e.UpperBoundAfter = f.UpperBound, f.UpperBound+attributes*morePairs
	e.GapBefore = f.Totals.Gap()
	after := f.Totals
	after.Diversity, after.UpperBound = e.DiversityAfter, e.UpperBoundAfter
	e.GapAfter = after.Gap()
	mp.effect = e
	return mp, nil
}

// copyFormation copies formation src, with its circles, members and
// rosters, into a new draft of its cycle, for changing published circles.
func copyFormation(ctx context.Context, tx db.Querier, src Formation, adminID string, now time.Time) (Formation, error) {
	f := src
	if err := tx.QueryRowContext(ctx, "SELECT COALESCE(MAX(seq), 0) + 1 FROM formations WHERE cycle_id = ?", src.CycleID).Scan(&f.Seq); err != nil {
		return Formation{}, fmt.Errorf("number the draft: %w", err)
	}
	f.ID, f.Status, f.ParentID = db.NewID(formationPrefix), StatusDraft, src.ID
	f.CreatedBy, f.CreatedAt, f.UpdatedAt, f.PublishedBy, f.PublishedAt = adminID, now, now, "", nil
	if err := insertFormation(ctx, tx, f); err != nil {
		return Formation{}, err
	}
	for _, table := range []struct{ name, cols string }{
		{"formation_circles", "num, slot, near_slot, blockers, diversity"},
		{"formation_members", "person_id, circle, buddy_id"},
		{"formation_turns", "circle, session, facilitator_id, co_facilitator_id"},
	} {
		_, err := tx.ExecContext(ctx, "INSERT INTO "+table.name+" (formation_id, "+table.cols+") SELECT CAST(? AS TEXT), "+
			table.cols+" FROM "+table.name+" WHERE formation_id = ?", f.ID, src.ID)
		if err != nil {
			return Formation{}, fmt.Errorf("copy %s: %w", table.name, err)
		}
	}
	return f, nil
}

// replaceCircles rewrites circles nums of a formation as cs: their slot and
// diversity, their members' buddies and their rosters. Membership itself
// is the caller's.
func replaceCircles(ctx context.Context, tx db.Querier, formationID string, nums []int, cs []Placed) error {
	in := db.InClause(len(nums))
	args := []any{formationID}
	for _, n := range nums {
		args = append(args, n)
	}
	if _, err := tx.ExecContext(ctx, "UPDATE formation_members SET buddy_id = NULL WHERE formation_id = ? AND circle IN ("+in+")", args...); err != nil {
		return fmt.Errorf("clear buddies: %w", err)
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM formation_turns WHERE formation_id = ? AND circle IN ("+in+")", args...); err != nil {
		return fmt.Errorf("clear rosters: %w", err)
	}
	var turns [][]any
	for i, pl := range cs {
		num := nums[i]
		if _, err := tx.ExecContext(ctx, `UPDATE formation_circles SET slot = ?, near_slot = ?, blockers = ?, diversity = ?
			WHERE formation_id = ? AND num = ?`, pl.storedSlot(), pl.Slot.Start, strings.Join(pl.Blockers, ","), pl.Diversity, formationID, num); err != nil {
			return fmt.Errorf("update circle %d: %w", num, err)
		}
		for _, b := range pl.Roster.Buddies {
			if b.Buddy == "" {
				continue
			}
			if _, err := tx.ExecContext(ctx, "UPDATE formation_members SET buddy_id = ? WHERE formation_id = ? AND person_id = ?",
				b.Buddy, formationID, b.Newcomer); err != nil {
				return fmt.Errorf("set buddy: %w", err)
			}
		}
		turns = appendTurnRows(turns, formationID, num, pl.Roster)
	}
	return insertTurns(ctx, tx, turns)
}
