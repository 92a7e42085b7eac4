package programs_test

import (
	"context"
	"testing"
	"time"

	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/db/dbtest"
	"github.com/kindredhq/kindred/internal/programs"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

// now is the fixed current time of every store test: 1 November 2026.
var now = time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)

func fixedNow() time.Time { return now }

// addPerson stores a person directly; the people package is not under test.
func addPerson(t *testing.T, d *db.DB, id, name string, active bool) {
	t.Helper()
	_, err := d.Write().ExecContext(context.Background(), `INSERT INTO people
		(id, name, email, level, function, location, timezone, active, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		id, name, id+"@example.com", 5, "Engineering", "Berlin", "Europe/Berlin", active, now, now)
	if err != nil {
		t.Fatalf("add person %s: %v", id, err)
	}
}

// world is a small organization with programs and cycles in every state.
type world struct {
	s   *programs.Store
	d   *db.DB
	ctx context.Context

	both, pairs, groups            programs.Program // engagements: 1:1+circles, 1:1 only, circles only
	open, ended, upcoming          programs.Cycle   // cycles of both
	pairsOpen, groupsOpen, another programs.Cycle   // open cycles of pairs and groups
}

// newWorld creates an admin "adm", an inactive person "gone", three programs
// and their cycles.
func newWorld(t *testing.T, d *db.DB) *world {
	t.Helper()
	w := &world{s: programs.NewStore(d, fixedNow), d: d, ctx: context.Background()}
	addPerson(t, d, "adm", "Admin Person", true)
	addPerson(t, d, "gone", "Gone Person", false)
	w.both = w.program(t, "Grow", programs.EngagementOneOnOne, programs.EngagementCircles)
	w.pairs = w.program(t, "Pairs", programs.EngagementOfficeHours)
	w.groups = w.program(t, "Circles", programs.EngagementPeerGroups)
	w.open = w.cycle(t, w.both.ID, "Q4 2026", "2026-10-01", "2026-12-31")
	w.ended = w.cycle(t, w.both.ID, "Q1 2026", "2026-01-01", "2026-03-31")
	w.upcoming = w.cycle(t, w.both.ID, "Q1 2027", "2027-01-01", "2027-03-31")
	w.pairsOpen = w.cycle(t, w.pairs.ID, "Autumn", "2026-09-01", "2026-11-01")
	w.groupsOpen = w.cycle(t, w.groups.ID, "Autumn", "2026-09-01", "2026-12-01")
	w.another = w.groupsOpen
	return w
}

func (w *world) program(t *testing.T, name string, engagements ...string) programs.Program {
	t.Helper()
	p, err := w.s.CreateProgram(w.ctx, programs.Program{
		Name: name, Purpose: "Grow people", CodeOfConduct: "Be kind; keep confidences.",
		Engagements: engagements, CreatedBy: "adm",
	})
	if err != nil {
		t.Fatalf("create program %s: %v", name, err)
	}
	return p
}

func (w *world) cycle(t *testing.T, programID, name, start, end string) programs.Cycle {
	t.Helper()
	c, err := w.s.CreateCycle(w.ctx, programs.Cycle{ProgramID: programID, Name: name, StartsOn: start, EndsOn: end})
	if err != nil {
		t.Fatalf("create cycle %s: %v", name, err)
	}
	return c
}

// apply returns a valid application of person to cycle c of program p.
func apply(p programs.Program, c programs.Cycle, person, role string) programs.Application {
	return programs.Application{
		ProgramID: p.ID, CycleID: c.ID, PersonID: person, Role: role,
		Motivation: "Curious about distributed systems", Goals: "Lead a design review", AcceptConduct: true,
	}
}
