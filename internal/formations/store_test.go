package formations_test

import (
	"slices"
	"testing"
	"time"

	"github.com/kindredhq/kindred/internal/errs"
	"github.com/kindredhq/kindred/internal/formations"
	"github.com/kindredhq/kindred/internal/programs"
	"github.com/kindredhq/kindred/internal/schedule"
)

// checkCircles checks what every stored formation must hold: everyone
// placed once, sizes, a slot where the totals say so, per-circle diversity
// adding up to the total, a facilitator-eligible member and no manager with
// their report in each circle, and a fair roster of f.Sessions turns with a
// co-facilitator for newcomers that is their buddy.
func checkCircles(t *testing.T, f formations.Formation, cs []formations.Circle, members int) {
	t.Helper()
	if len(cs) != f.Circles || f.People != members {
		t.Fatalf("%d circles read, formation says %d circles of %d people (want %d people)", len(cs), f.Circles, f.People, members)
	}
	seen := map[string]bool{}
	div, without := 0, 0
	for _, c := range cs {
		div += c.Diversity
		if !c.HasSlot {
			without++
		}
		fac := false
		for _, m := range c.Members {
			if seen[m.PersonID] {
				t.Errorf("%s is in two circles", m.PersonID)
			}
			seen[m.PersonID] = true
			fac = fac || m.Person.Facilitator
			if _, ok := c.Member(m.Person.ManagerID); ok {
				t.Errorf("circle %d holds %s and their manager %s", c.Number, m.PersonID, m.Person.ManagerID)
			}
		}
		if !fac && f.FacilitatorsMarked {
			t.Errorf("circle %d has no facilitator", c.Number)
		}
		if len(c.Turns) != f.Sessions {
			t.Errorf("circle %d has %d turns, want %d", c.Number, len(c.Turns), f.Sessions)
		}
		led := map[string]int{}
		for i, turn := range c.Turns {
			m, ok := c.Member(turn.Facilitator)
			if !ok || turn.Session != i {
				t.Errorf("circle %d turn %d: %+v is not a member's session %d", c.Number, i, turn, i)
			}
			led[turn.Facilitator]++
			if turn.CoFacilitator != "" && turn.CoFacilitator != m.BuddyID {
				t.Errorf("circle %d turn %d: co-facilitator %s is not %s's buddy %s", c.Number, i, turn.CoFacilitator, m.PersonID, m.BuddyID)
			}
		}
		for id, n := range led {
			if n > 1 && len(led) < len(c.Members) {
				t.Errorf("circle %d: %s leads %d times before everyone led once", c.Number, id, n)
			}
		}
	}
	if len(seen) != members {
		t.Errorf("%d people placed, want %d", len(seen), members)
	}
	if div != f.Diversity || f.Diversity > f.UpperBound || without != f.CirclesWithoutSlot {
		t.Errorf("circles add up to diversity %d and %d without a slot; formation says %d (bound %d) and %d",
			div, without, f.Diversity, f.UpperBound, f.CirclesWithoutSlot)
	}
}

func TestFormStoresDraft(t *testing.T) {
	eachWorld(t, func(t *testing.T, w *world) {
		f := w.form(w.q4, 4, 1)
		if f.Status != formations.StatusDraft || f.Seq != 1 || f.Sessions != 3 || f.Size != 4 || f.MinSize != 4 || f.MaxSize != 4 {
			t.Fatalf("formation %+v", f)
		}
		cs := w.circles(f)
		checkCircles(t, f, cs, 16)
		for _, c := range cs {
			if len(c.Members) != 4 || !c.HasSlot {
				t.Errorf("circle %d: %d members, slot %v", c.Number, len(c.Members), c.HasSlot)
			}
			// 14:00-15:00 UTC on a weekday is the only hour they all share.
			if c.Slot.Start%schedule.StepsPerDay != 14*4 || c.Slot.Steps != 4 {
				t.Errorf("circle %d meets at %s (%d steps), want 14:00 UTC", c.Number, c.Slot, c.Slot.Steps)
			}
		}
		// Newcomers (hired under a year before 1 October) have a buddy.
		for _, c := range cs {
			for _, m := range c.Members {
				newcomer := m.Person.HireDate == "2026-03-02"
				if newcomer != (m.BuddyID != "") {
					t.Errorf("%s (hired %s) has buddy %q", m.PersonID, m.Person.HireDate, m.BuddyID)
				}
			}
		}
		l := w.latest(w.q4)
		if l.Draft == nil || l.Draft.ID != f.ID || l.Published != nil {
			t.Fatalf("latest %+v", l)
		}
		// A draft is nobody's circle yet.
		if _, err := w.s.Mine(w.ctx, w.p.ID, w.q4.ID, "c01"); !errs.Is(err, errs.NotFound) {
			t.Errorf("a draft shows as Mine: %v", err)
		}
		if _, err := w.s.Published(w.ctx, w.p.ID, w.q4.ID); !errs.Is(err, errs.NotFound) {
			t.Errorf("a draft shows as published: %v", err)
		}
		// The same seed gives the same circles.
		again := w.form(w.q4, 4, 1)
		if again.Seq != 2 || again.Diversity != f.Diversity {
			t.Errorf("re-forming with the same seed: %+v", again)
		}
		for i, c := range w.circles(again) {
			if !slices.Equal(ids(c), ids(cs[i])) {
				t.Errorf("circle %d differs with the same seed: %v, then %v", c.Number, ids(cs[i]), ids(c))
			}
		}
		if l := w.latest(w.q4); l.Draft.ID != again.ID {
			t.Errorf("the latest draft is %s, want %s", l.Draft.ID, again.ID)
		}
	})
}

func TestFormDefaultsAndErrors(t *testing.T) {
	eachWorld(t, func(t *testing.T, w *world) {
		f, err := w.s.Form(w.ctx, formations.FormRequest{ProgramID: w.p.ID, CycleID: w.q4.ID})
		if err != nil {
			t.Fatal(err)
		}
		if f.Size != 6 || f.MinSize != 5 || f.MaxSize != 8 || f.Seed != 1 {
			t.Errorf("defaults: %+v", f)
		}
		checkCircles(t, f, w.circles(f), 16)
		for _, tc := range []struct {
			name  string
			r     formations.FormRequest
			kind  errs.Kind
			field string
		}{
			{"min above max", formations.FormRequest{MinSize: 7, MaxSize: 5}, errs.Invalid, "max_size"},
			{"tiny", formations.FormRequest{Size: 1}, errs.Invalid, "size"},
			{"size outside", formations.FormRequest{Size: 9, MinSize: 4, MaxSize: 6}, errs.Invalid, "size"},
			{"cannot partition", formations.FormRequest{Size: 5}, errs.Invalid, ""},
			{"nobody enrolled", formations.FormRequest{CycleID: w.q1.ID}, errs.Invalid, ""},
			{"no such cycle", formations.FormRequest{CycleID: "cyc_nope"}, errs.NotFound, ""},
		} {
			r := tc.r
			r.ProgramID = w.p.ID
			if r.CycleID == "" {
				r.CycleID = w.q4.ID
			}
			_, err := w.s.Form(w.ctx, r)
			if !errs.Is(err, tc.kind) {
				t.Errorf("%s: %v, want kind %v", tc.name, err, tc.kind)
				continue
			}
			if e := errs.As(err); tc.field != "" && (e == nil || e.Field != tc.field) {
				t.Errorf("%s: %v, want field %s", tc.name, err, tc.field)
			}
		}
		// A program without circles forms none.
		pairs, err := w.ps.CreateProgram(w.ctx, programs.Program{Name: "Pairs", Engagements: []string{programs.EngagementOneOnOne}})
		if err != nil {
			t.Fatal(err)
		}
		c := w.cycle(pairs, "Q4", "2026-10-01", "2026-12-31")
		if _, err := w.s.Form(w.ctx, formations.FormRequest{ProgramID: pairs.ID, CycleID: c.ID}); !errs.Is(err, errs.Invalid) {
			t.Errorf("circles for a program without them: %v", err)
		}
	})
}

func TestNoSharedSlot(t *testing.T) {
	eachWorld(t, func(t *testing.T, w *world) {
		for _, who := range []string{"c01", "c02", "c03", "c05", "c06", "c07", "c08", "far"} {
			w.enroll(w.p, w.q1, who)
		}
		f := w.form(w.q1, 4, 1)
		cs := w.circles(f)
		checkCircles(t, f, cs, 8)
		if f.CirclesWithoutSlot != 1 {
			t.Fatalf("%d circles without a slot, want 1 (the one with Auckland)", f.CirclesWithoutSlot)
		}
		for _, c := range cs {
			_, far := c.Member("far")
			if far == c.HasSlot || far != (len(c.Blockers) > 0) {
				t.Errorf("circle %d (far: %v) has slot %v, blockers %v", c.Number, far, c.HasSlot, c.Blockers)
			}
		}
	})
}

func TestPublishSupersedes(t *testing.T) {
	eachWorld(t, func(t *testing.T, w *world) {
		if _, err := w.s.Publish(w.ctx, w.p.ID, w.q4.ID, "", "adm"); !errs.Is(err, errs.Conflict) {
			t.Errorf("publishing nothing: %v", err)
		}
		first := w.form(w.q4, 4, 1)
		pub := w.publish(first)
		if pub.Status != formations.StatusPublished || pub.PublishedBy != "adm" || pub.PublishedAt == nil || !pub.PublishedAt.Equal(now) {
			t.Fatalf("published %+v", pub)
		}
		if _, err := w.s.Publish(w.ctx, w.p.ID, w.q4.ID, first.ID, "adm"); !errs.Is(err, errs.Conflict) {
			t.Errorf("publishing twice: %v", err)
		}
		mine, err := w.s.Mine(w.ctx, w.p.ID, w.q4.ID, "c05")
		if err != nil {
			t.Fatal(err)
		}
		if mine.Formation.ID != first.ID || len(mine.Sessions) != 3 || mine.CycleName != "Q4 2026" {
			t.Fatalf("mine %+v", mine)
		}
		// The next meeting after 1 November 09:00 UTC is the second
		// session: the first weekday slot in November.
		next, ok := mine.Next(now)
		if !ok || next != mine.Sessions[1] || next.Month() != time.November || next.Before(now) {
			t.Errorf("next meeting %v (%v) of %v", next, ok, mine.Sessions)
		}
		if _, err := w.s.Mine(w.ctx, w.p.ID, w.q4.ID, "adm"); !errs.Is(err, errs.NotFound) {
			t.Errorf("a non-member's circle: %v", err)
		}

		// A new draft leaves the published circles in place for members.
		second := w.form(w.q4, 4, 7)
		if mine, err := w.s.Mine(w.ctx, w.p.ID, w.q4.ID, "c05"); err != nil || mine.Formation.ID != first.ID {
			t.Fatalf("after a new draft, mine is %s (%v), want %s", mine.Formation.ID, err, first.ID)
		}
		l := w.latest(w.q4)
		if l.Draft == nil || l.Draft.ID != second.ID || l.Published == nil || l.Published.ID != first.ID {
			t.Fatalf("latest %+v", l)
		}
		// Publishing a draft that is no longer the latest is refused.
		third := w.form(w.q4, 4, 9)
		if _, err := w.s.Publish(w.ctx, w.p.ID, w.q4.ID, second.ID, "adm"); !errs.Is(err, errs.Conflict) {
			t.Errorf("publishing a discarded draft: %v", err)
		}
		w.publish(third)
		l = w.latest(w.q4)
		if l.Draft != nil || l.Published.ID != third.ID {
			t.Fatalf("after publishing: %+v", l)
		}
		var statuses []string
		rows, err := w.d.Read().QueryContext(w.ctx, "SELECT status FROM formations WHERE cycle_id = ? ORDER BY seq", w.q4.ID)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var s string
			rows.Scan(&s)
			statuses = append(statuses, s)
		}
		if want := []string{"superseded", "discarded", "published"}; !slices.Equal(statuses, want) {
			t.Errorf("statuses %v, want %v", statuses, want)
		}
		mc, err := w.s.MyCircles(w.ctx, "c05")
		if err != nil || len(mc) != 1 || mc[0].Formation.ID != third.ID || mc[0].ProgramName != "Circles" {
			t.Errorf("my circles: %+v, %v", mc, err)
		}
	})
}

func TestHistoryReducesRepeats(t *testing.T) {
	eachWorld(t, func(t *testing.T, w *world) {
		q3 := w.form(w.q3, 4, 1)
		// Q3 is not published yet, so Q4 knows no history.
		blind := w.form(w.q4, 4, 1)
		if blind.HistoryCircles != 0 {
			t.Fatalf("history before publishing: %d circles", blind.HistoryCircles)
		}
		before := repeats(w.circles(blind), w.circles(q3))
		w.publish(q3)
		aware := w.form(w.q4, 4, 1)
		cs := w.circles(aware)
		checkCircles(t, aware, cs, 16)
		after := repeats(cs, w.circles(q3))
		if aware.HistoryCircles != 4 || aware.RepeatPairs != after {
			t.Errorf("formation reports %d history circles and %d repeats; brute force counts %d", aware.HistoryCircles, aware.RepeatPairs, after)
		}
		// 16 people in circles of 4 have a second round with no repeat.
		if after != 0 || before <= after {
			t.Errorf("repeats: %d without history, %d with", before, after)
		}
		// Facilitation counts too: those who led in Q3 lead later in Q4.
		led := map[string]int{}
		for _, c := range w.circles(q3) {
			for _, turn := range c.Turns {
				led[turn.Facilitator]++
			}
		}
		for _, c := range cs {
			first := c.Turns[0].Facilitator
			for _, m := range c.Members {
				if led[m.PersonID] < led[first] {
					t.Errorf("circle %d: %s (led %d times) opens before %s (led %d)", c.Number, first, led[first], m.PersonID, led[m.PersonID])
				}
			}
		}
	})
}

func TestMove(t *testing.T) {
	eachWorld(t, func(t *testing.T, w *world) {
		f := w.form(w.q4, 4, 1)
		cs := w.circles(f)
		// Move someone who is not a facilitator and not c01's report.
		var who string
		var from formations.Circle
		for _, c := range cs {
			for _, m := range c.Members {
				if who == "" && !m.Person.Facilitator && m.PersonID != "c02" {
					who, from = m.PersonID, c
				}
			}
		}
		to := cs[0]
		if to.Number == from.Number {
			to = cs[1]
		}
		req := formations.MoveRequest{ProgramID: w.p.ID, CycleID: w.q4.ID, FormationID: f.ID, PersonID: who, ToCircle: to.Number, AdminID: "adm"}
		e, err := w.s.PreviewMove(w.ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		if e.From != from.Number || e.To != to.Number || e.FromSize != 3 || e.ToSize != 5 || e.SizesOK || !e.Allowed() ||
			e.DiversityBefore != f.Diversity || e.DiversityAfter != f.Diversity+e.Diversity {
			t.Fatalf("effect %+v", e)
		}
		if !e.FromSlotBefore.HasSlot || e.FromSlotBefore.Slot != from.Slot || e.ToSlotBefore.Slot != to.Slot || !e.ToSlotAfter.HasSlot {
			t.Errorf("slots in the effect %+v; circles meet at %s and %s", e, from.Slot, to.Slot)
		}
		// A preview changes nothing.
		if l := w.latest(w.q4); l.Draft.Moves != 0 || l.Draft.Diversity != f.Diversity {
			t.Fatalf("a preview changed the draft: %+v", l.Draft)
		}
		e2, moved, err := w.s.Move(w.ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		if e2 != e || moved.ID != f.ID || moved.Moves != 1 || moved.Diversity != e.DiversityAfter || moved.RepeatPairs != f.RepeatPairs+e.Repeats ||
			moved.UpperBound != e.UpperBoundAfter || e.UpperBoundAfter != f.UpperBound+4 {
			t.Fatalf("moved %+v with %+v", moved, e2)
		}
		after := w.circles(moved)
		checkCircles(t, moved, after, 16)
		if _, ok := after[to.Number-1].Member(who); !ok || len(after[to.Number-1].Members) != 5 || len(after[from.Number-1].Members) != 3 {
			t.Fatalf("%s is not in circle %d: %v", who, to.Number, ids(after[to.Number-1]))
		}
		if after[to.Number-1].Slot != e.ToSlotAfter.Slot || after[from.Number-1].Slot != e.FromSlotAfter.Slot {
			t.Errorf("stored slots %s, %s; the preview said %s, %s", after[from.Number-1].Slot, after[to.Number-1].Slot, e.FromSlotAfter, e.ToSlotAfter)
		}
		// The same request again: they are in that circle already.
		if _, err := w.s.PreviewMove(w.ctx, req); !errs.Is(err, errs.Invalid) {
			t.Errorf("moving into their own circle: %v", err)
		}
		for _, tc := range []struct {
			name  string
			r     formations.MoveRequest
			kind  errs.Kind
			field string
		}{
			{"nobody", formations.MoveRequest{PersonID: "adm", ToCircle: 1}, errs.Invalid, "person_id"},
			{"no such circle", formations.MoveRequest{PersonID: who, ToCircle: 99}, errs.Invalid, "to_circle"},
			{"no circle", formations.MoveRequest{PersonID: who}, errs.Invalid, "to_circle"},
			{"stale", formations.MoveRequest{PersonID: who, ToCircle: from.Number, FormationID: "frm_old"}, errs.Conflict, ""},
		} {
			r := tc.r
			r.ProgramID, r.CycleID = w.p.ID, w.q4.ID
			_, _, err := w.s.Move(w.ctx, r)
			if !errs.Is(err, tc.kind) {
				t.Errorf("%s: %v, want kind %v", tc.name, err, tc.kind)
			} else if e := errs.As(err); tc.field != "" && e.Field != tc.field {
				t.Errorf("%s: %v, want field %s", tc.name, err, tc.field)
			}
		}
		// c02 may not join their manager c01.
		c01, err := w.s.CircleOf(w.ctx, f.ID, "c01")
		if err != nil {
			t.Fatal(err)
		}
		r := formations.MoveRequest{ProgramID: w.p.ID, CycleID: w.q4.ID, PersonID: "c02", ToCircle: c01}
		if e, err := w.s.PreviewMove(w.ctx, r); err != nil || !e.ManagerConflict || e.Allowed() {
			t.Errorf("preview joining one's manager: %+v, %v", e, err)
		}
		if _, _, err := w.s.Move(w.ctx, r); !errs.Is(err, errs.Invalid) || errs.As(err).Field != "to_circle" {
			t.Errorf("joining one's manager: %v", err)
		}

		// Moving someone in the published circles changes a new draft.
		pub := w.publish(moved)
		back := formations.MoveRequest{ProgramID: w.p.ID, CycleID: w.q4.ID, FormationID: pub.ID, PersonID: who, ToCircle: from.Number, AdminID: "adm"}
		_, draft, err := w.s.Move(w.ctx, back)
		if err != nil {
			t.Fatal(err)
		}
		if draft.ID == pub.ID || draft.ParentID != pub.ID || draft.Status != formations.StatusDraft || draft.Moves != 2 || draft.Diversity != f.Diversity {
			t.Fatalf("draft from the published circles: %+v (diversity at first %d)", draft, f.Diversity)
		}
		checkCircles(t, draft, w.circles(draft), 16)
		if mine, err := w.s.Mine(w.ctx, w.p.ID, w.q4.ID, who); err != nil || mine.Circle.Number != to.Number || mine.Formation.ID != pub.ID {
			t.Errorf("members see the draft: circle %d of %s (%v)", mine.Circle.Number, mine.Formation.ID, err)
		}
	})
}

func TestSessionCount(t *testing.T) {
	q := programs.Cycle{StartsOn: "2026-10-01", EndsOn: "2026-12-31"}
	for cadence, want := range map[string]int{programs.CadenceWeekly: 13, programs.CadenceBiweekly: 6,
		programs.CadenceMonthly: 3, programs.CadenceQuarterly: 1} {
		if n := formations.SessionCount(q, cadence); n != want {
			t.Errorf("%s: %d sessions, want %d", cadence, n, want)
		}
	}
	short := programs.Cycle{StartsOn: "2026-10-01", EndsOn: "2026-10-20"}
	if n := formations.SessionCount(short, programs.CadenceMonthly); n != 1 {
		t.Errorf("a short cycle has %d monthly sessions, want 1", n)
	}
	slot, _ := schedule.ParseSlot("TUE 14:00")
	starts := formations.SessionStarts(q, programs.CadenceMonthly, slot)
	want := []string{"2026-10-06 14:00", "2026-11-03 14:00", "2026-12-01 14:00"}
	for i, s := range starts {
		if s.Format("2006-01-02 15:04") != want[i] || s.Location() != time.UTC {
			t.Errorf("session %d at %v, want %s UTC", i, s, want[i])
		}
	}
}
