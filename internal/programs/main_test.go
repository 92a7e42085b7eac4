package programs_test

import (
	"testing"

	"github.com/kindredhq/kindred/internal/db/dbtest"
	"github.com/kindredhq/kindred/internal/orgtest"
	"github.com/kindredhq/kindred/internal/programs"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

// now is the fixed current time of every store test: 1 November 2026.
var now = orgtest.Now

// world is a small organization with programs and cycles in every state.
type world struct {
	*orgtest.Org
	s *programs.Store

	both, pairs, groups            programs.Program // engagements: 1:1+circles, 1:1 only, circles only
	open, ended, upcoming          programs.Cycle   // cycles of both
	pairsOpen, groupsOpen, another programs.Cycle   // open cycles of pairs and groups
}

// eachWorld runs fn on a new world on each dialect (orgtest.Each): an admin
// "adm", an inactive person "gone", three programs and their cycles.
func eachWorld(t *testing.T, fn func(t *testing.T, w *world)) {
	t.Helper()
	orgtest.Each(t, func(t *testing.T, o *orgtest.Org) { fn(t, newWorld(o)) })
}

func newWorld(o *orgtest.Org) *world {
	o.T.Helper()
	w := &world{Org: o, s: o.Programs}
	w.AddPerson("adm", "Admin Person", true)
	w.AddPerson("gone", "Gone Person", false)
	w.both = w.program("Grow", programs.EngagementOneOnOne, programs.EngagementCircles)
	w.pairs = w.program("Pairs", programs.EngagementOfficeHours)
	w.groups = w.program("Circles", programs.EngagementPeerGroups)
	w.open = w.Cycle(w.both.ID, "Q4 2026", "2026-10-01", "2026-12-31")
	w.ended = w.Cycle(w.both.ID, "Q1 2026", "2026-01-01", "2026-03-31")
	w.upcoming = w.Cycle(w.both.ID, "Q1 2027", "2027-01-01", "2027-03-31")
	w.pairsOpen = w.Cycle(w.pairs.ID, "Autumn", "2026-09-01", "2026-11-01")
	w.groupsOpen = w.Cycle(w.groups.ID, "Autumn", "2026-09-01", "2026-12-01")
	w.another = w.groupsOpen
	return w
}

// program creates a program of the engagements, created by "adm".
func (w *world) program(name string, engagements ...string) programs.Program {
	return w.Program(programs.Program{
		Name: name, Purpose: "Grow people", CodeOfConduct: "Be kind; keep confidences.",
		Engagements: engagements, CreatedBy: "adm",
	})
}

// apply returns a valid application of person to cycle c of program p.
func apply(p programs.Program, c programs.Cycle, person, role string) programs.Application {
	return programs.Application{
		ProgramID: p.ID, CycleID: c.ID, PersonID: person, Role: role,
		Motivation: "Curious about distributed systems", Goals: "Lead a design review", AcceptConduct: true,
	}
}
