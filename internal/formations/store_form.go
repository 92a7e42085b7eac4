package formations

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/errs"
	"github.com/kindredhq/kindred/internal/person"
	"github.com/kindredhq/kindred/internal/programs"
	"github.com/kindredhq/kindred/internal/rotation"
)

// Form forms the circles of cycle r.CycleID of program r.ProgramID and
// stores them as the cycle's new draft, discarding an earlier draft; the
// published formation, if any, stays what members see until the draft is
// published. See the package documentation for what goes in. A cycle that
// has ended or is archived is refused (programs.CheckActive). A missing
// program or cycle is NotFound; bad sizes are Invalid on fields "size",
// "min_size" or "max_size"; a program without circles, a cycle without
// approved circle members, and requests the engine cannot meet (sizes
// that cannot partition the members, fewer facilitators than circles,
// managers everywhere) are Invalid; a formation made meanwhile is a
// Conflict.
func (s *Store) Form(ctx context.Context, r FormRequest) (Formation, error) {
	f, err := s.form(ctx, r)
	if err != nil {
		return Formation{}, fmt.Errorf("form circles of cycle %s: %w", r.CycleID, err)
	}
	return f, nil
}

func (s *Store) form(ctx context.Context, r FormRequest) (Formation, error) {
	p, c, err := s.cycleOf(ctx, r.ProgramID, r.CycleID)
	if err != nil {
		return Formation{}, err
	}
	if err := programs.CheckActive(p, c, programs.UseCircles, s.now()); err != nil {
		return Formation{}, err
	}
	size, minSize, maxSize, err := sizes(r)
	if err != nil {
		return Formation{}, err
	}
	ps, err := s.circleMembers(ctx, p.ID, c.ID)
	if err != nil {
		return Formation{}, err
	}
	if len(ps) == 0 {
		return Formation{}, errs.E(errs.Invalid, "nobody is an approved circle member of %s yet", c.Name)
	}
	q := s.db.Read()
	earlier, err := programs.EarlierCycleIDs(ctx, q, c)
	if err != nil {
		return Formation{}, err
	}
	past, err := historyCircles(ctx, q, earlier)
	if err != nil {
		return Formation{}, err
	}
	counts, err := facilitationCounts(ctx, q, earlier, nil)
	if err != nil {
		return Formation{}, err
	}
	var seq int
	if err := q.QueryRowContext(ctx, "SELECT COALESCE(MAX(seq), 0) + 1 FROM formations WHERE cycle_id = ?", c.ID).Scan(&seq); err != nil {
		return Formation{}, fmt.Errorf("number the formation: %w", err)
	}
	seed := r.Seed
	if seed == 0 {
		seed = int64(seq)
	}

	started := time.Now()
	from, until := cycleDates(c)
	sessions := SessionCount(c, p.Cadence)
	in := Input{People: byID(ps), From: from, To: until.AddDate(0, 0, -1), SessionMinutes: p.SessionMinutes,
		Sessions: sessions, Rounds: 1, History: past, Facilitated: counts, Seed: uint64(seed)}
	o := engineOptions(size, minSize, maxSize, p.SessionMinutes)
	in.Size, in.MinSize, in.MaxSize = o.Size, o.MinSize, o.MaxSize
	ar, err := Arrange(ctx, in)
	if err != nil {
		return Formation{}, err
	}
	plan, placedCircles := ar.Plan, ar.Rounds[0]
	withoutSlot := 0
	for _, pl := range placedCircles {
		if !pl.HasSlot {
			withoutSlot++
		}
	}
	now := s.now()
	f := Formation{
		ID: db.NewID(formationPrefix), ProgramID: p.ID, CycleID: c.ID, Seq: seq, Status: StatusDraft,
		Size: size, MinSize: minSize, MaxSize: maxSize, Seed: seed, SessionMinutes: p.SessionMinutes, Sessions: sessions,
		Totals: Totals{People: plan.People, Circles: len(placedCircles), Diversity: plan.Diversity, UpperBound: plan.UpperBound,
			RepeatPairs: plan.RepeatPairs, RepeatLowerBound: plan.RepeatLowerBound, CirclesWithoutSlot: withoutSlot,
			HistoryCircles: len(ar.History)},
		FacilitatorsMarked: ar.Marked, Millis: int(time.Since(started).Milliseconds()),
		CreatedBy: r.AdminID, CreatedAt: now, UpdatedAt: now,
	}
	err = s.db.Tx(ctx, func(tx db.Querier) error {
		if _, err := tx.ExecContext(ctx, "UPDATE formations SET status = ?, updated_at = ? WHERE cycle_id = ? AND status = ?",
			StatusDiscarded, now, c.ID, StatusDraft); err != nil {
			return fmt.Errorf("discard the earlier draft: %w", err)
		}
		if err := insertFormation(ctx, tx, f); err != nil {
			return err
		}
		return insertCircles(ctx, tx, f.ID, in.People, placedCircles, 1)
	})
	if err != nil {
		return Formation{}, err
	}
	return f, nil
}

// circleMembers reads the profiles of the cycle's approved circle members
// who are still active.
func (s *Store) circleMembers(ctx context.Context, programID, cycleID string) ([]person.Person, error) {
	es, err := s.programs.CycleEnrollments(ctx, programID, cycleID,
		programs.EnrollmentFilter{Role: programs.RoleCircleMember, Status: programs.StatusApproved})
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(es))
	for i, e := range es {
		ids[i] = e.PersonID
	}
	ps, err := s.people.GetMany(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("read circle members: %w", err)
	}
	// People who were deactivated keep their enrollment (it is history)
	// but join no new circle.
	return slices.DeleteFunc(ps, func(p person.Person) bool { return !p.Active }), nil
}

// insertFormation stores a formation's row.
func insertFormation(ctx context.Context, tx db.Querier, f Formation) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO formations (id, program_id, cycle_id, seq, status, size, min_size, max_size, seed,
		session_minutes, sessions, people, circles, diversity, upper_bound, repeat_pairs, repeat_lower_bound, circles_without_slot,
		history_circles, facilitators_marked, moves, millis, parent_id, created_by, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		f.ID, f.ProgramID, f.CycleID, f.Seq, f.Status, f.Size, f.MinSize, f.MaxSize, f.Seed,
		f.SessionMinutes, f.Sessions, f.People, f.Circles, f.Diversity, f.UpperBound, f.RepeatPairs, f.RepeatLowerBound,
		f.CirclesWithoutSlot, f.HistoryCircles, f.FacilitatorsMarked, f.Moves, f.Millis, db.NullString(f.ParentID),
		db.NullString(f.CreatedBy), f.CreatedAt, f.UpdatedAt)
	if errs.Is(err, errs.Conflict) {
		return errs.Wrap(errs.Conflict, err, "circles were formed for this cycle meanwhile; reload and try again")
	}
	if err != nil {
		return fmt.Errorf("store formation: %w", err)
	}
	return nil
}

// insertCircles stores circles numbered from first: each circle's row,
// its members with newcomers' buddies, and its roster.
func insertCircles(ctx context.Context, tx db.Querier, formationID string, people []person.Person, cs []Placed, first int) error {
	var circleRows, memberRows, turnRows [][]any
	for i, pl := range cs {
		num := first + i
		circleRows = append(circleRows, []any{formationID, num, pl.storedSlot(), pl.Slot.Start, strings.Join(pl.Blockers, ","), pl.Diversity})
		buddies := map[string]string{}
		for _, b := range pl.Roster.Buddies {
			buddies[b.Newcomer] = b.Buddy
		}
		for _, m := range pl.Members {
			id := people[m].ID
			memberRows = append(memberRows, []any{formationID, id, num, db.NullString(buddies[id])})
		}
		turnRows = appendTurnRows(turnRows, formationID, num, pl.Roster)
	}
	if err := db.InsertRows(ctx, tx, "formation_circles", []string{"formation_id", "num", "slot", "near_slot", "blockers", "diversity"}, circleRows); err != nil {
		return err
	}
	if err := db.InsertRows(ctx, tx, "formation_members", []string{"formation_id", "person_id", "circle", "buddy_id"}, memberRows); err != nil {
		return err
	}
	return insertTurns(ctx, tx, turnRows)
}

// storedSlot is the slot column of a placed circle: its start, or -1
// without a slot (the near slot is kept in near_slot).
func (pl Placed) storedSlot() int {
	if !pl.HasSlot {
		return -1
	}
	return pl.Slot.Start
}

// appendTurnRows appends the formation_turns rows of circle num's roster.
func appendTurnRows(rows [][]any, formationID string, num int, r rotation.Roster) [][]any {
	for _, t := range r.Turns {
		rows = append(rows, []any{formationID, num, t.Session, t.Facilitator, db.NullString(t.CoFacilitator)})
	}
	return rows
}

// insertTurns stores formation_turns rows made by appendTurnRows.
func insertTurns(ctx context.Context, tx db.Querier, rows [][]any) error {
	return db.InsertRows(ctx, tx, "formation_turns", []string{"formation_id", "circle", "session", "facilitator_id", "co_facilitator_id"}, rows)
}

// Publish makes the cycle's draft its published circles, recording adminID
// and the time, and supersedes the formation published before. When
// formationID is set it must be the draft (the one the program manager
// reviewed): otherwise the draft changed meanwhile, a Conflict. A cycle
// without a draft is a Conflict. A missing program or cycle is NotFound.
func (s *Store) Publish(ctx context.Context, programID, cycleID, formationID, adminID string) (Formation, error) {
	var out Formation
	err := func() error {
		p, c, err := s.cycleOf(ctx, programID, cycleID)
		if err != nil {
			return err
		}
		return s.db.Tx(ctx, func(tx db.Querier) error {
			l, err := latest(ctx, tx, cycleID)
			if err != nil {
				return err
			}
			switch {
			case l.Draft == nil && l.Published != nil && (formationID == "" || formationID == l.Published.ID):
				return errs.E(errs.Conflict, "these circles are already published; form or change them to publish again")
			case l.Draft == nil && l.Published == nil:
				return errs.E(errs.Conflict, "there are no circles to publish yet: form them first")
			case l.Draft == nil || (formationID != "" && formationID != l.Draft.ID):
				return errs.E(errs.Conflict, "the draft changed meanwhile; reload and review it before publishing")
			}
			now := s.now()
			if _, err := tx.ExecContext(ctx, "UPDATE formations SET status = ?, updated_at = ? WHERE cycle_id = ? AND status = ?",
				StatusSuperseded, now, cycleID, StatusPublished); err != nil {
				return fmt.Errorf("supersede the published circles: %w", err)
			}
			res, err := tx.ExecContext(ctx, `UPDATE formations SET status = ?, published_by = ?, published_at = ?, updated_at = ?
				WHERE id = ? AND status = ?`, StatusPublished, db.NullString(adminID), now, now, l.Draft.ID, StatusDraft)
			if err != nil {
				return fmt.Errorf("publish: %w", err)
			}
			if n, err := res.RowsAffected(); err != nil {
				return err
			} else if n == 0 {
				return errs.E(errs.Conflict, "the draft changed meanwhile; reload and review it before publishing")
			}
			if out, err = getFormation(ctx, tx, cycleID, l.Draft.ID); err != nil {
				return err
			}
			return s.mailCircles(ctx, tx, p, c, out, l.Published)
		})
	}()
	if err != nil {
		return Formation{}, fmt.Errorf("publish circles of cycle %s: %w", cycleID, err)
	}
	return out, nil
}
