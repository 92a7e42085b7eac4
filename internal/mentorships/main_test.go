package mentorships_test

import (
	"context"
	"testing"
	"time"

	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/db/dbtest"
	"github.com/kindredhq/kindred/internal/mentorships"
	"github.com/kindredhq/kindred/internal/orgtest"
	"github.com/kindredhq/kindred/internal/programs"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

// now is the fixed current time of every store test: 1 November 2026.
var now = time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)

func fixedNow() time.Time { return now }

// orgCSV is a small organization: an admin; three mentors (mA manages e1,
// so they may never be paired); five mentees; boss manages mA.
const orgCSV = "id,name,email,level,function,location,timezone,manager_id,skills_offered,skills_wanted,interests,languages,role,capacity\n" +
	"adm,Ada Admin,adm@example.com,8,People,Berlin,Europe/Berlin,,,,,English,member,\n" +
	"boss,Bo Boss,boss@example.com,9,Engineering,Berlin,Europe/Berlin,,,,,English,member,\n" +
	"mA,Mia Anders,ma@example.com,7,Engineering,Berlin,Europe/Berlin,boss,Go;Architecture,,Climbing,English,mentor,2\n" +
	"mB,Mo Berg,mb@example.com,6,Sales,Paris,Europe/Paris,,Negotiation;Go,,Chess,English;French,mentor,1\n" +
	"mC,Mei Chen,mc@example.com,7,Design,London,Europe/London,,Public speaking;Design,,Climbing,English,mentor,2\n" +
	"e1,Eli One,e1@example.com,2,Engineering,Berlin,Europe/Berlin,mA,,Go,Climbing,English,mentee,\n" +
	"e2,Eva Two,e2@example.com,3,Sales,Paris,Europe/Paris,,,Go;Negotiation,Chess,French,mentee,\n" +
	"e3,Ezra Three,e3@example.com,2,Marketing,London,Europe/London,,,Public speaking,Climbing,English,mentee,\n" +
	"e4,Ena Four,e4@example.com,3,Finance,Berlin,Europe/Berlin,,,Architecture,,English,mentee,\n" +
	"e5,Emil Five,e5@example.com,4,Support,London,Europe/London,,,Design,,English,mentee,\n"

// world is the organization with program "Grow" (1:1 mentoring), its
// ended cycle Q3 and open cycle Q4.
type world struct {
	t   *testing.T
	ctx context.Context
	d   *db.DB
	o   *orgtest.Org
	ps  *programs.Store
	s   *mentorships.Store
	p   programs.Program
	q3  programs.Cycle
	q4  programs.Cycle
}

func newWorld(t *testing.T, d *db.DB) *world {
	t.Helper()
	o := orgtest.New(t, d, fixedNow)
	o.Import(orgCSV)
	w := &world{t: t, ctx: o.Ctx, d: d, o: o, ps: o.Programs}
	w.s = mentorships.NewStore(d, o.People, w.ps, nil, fixedNow)
	w.p = o.Program(programs.Program{Name: "Grow", CodeOfConduct: "Be kind.",
		Engagements: []string{programs.EngagementOneOnOne}, CreatedBy: "adm"})
	w.q3 = w.cycle("Q3 2026", "2026-07-01", "2026-09-30")
	w.q4 = w.cycle("Q4 2026", "2026-10-01", "2026-12-31")
	return w
}

func (w *world) cycle(name, start, end string) programs.Cycle {
	w.t.Helper()
	return w.o.Cycle(w.p.ID, name, start, end)
}

// enroll places people in a cycle directly, as an admin would (an ended
// cycle's people as on its first day: orgtest.Org.Enroll).
func (w *world) enroll(c programs.Cycle, role string, ids ...string) {
	w.t.Helper()
	w.o.Enroll(c, role, "adm", ids...)
}

// cohort enrolls the three mentors and five mentees in Q4.
func (w *world) cohort() {
	w.t.Helper()
	w.enroll(w.q4, programs.RoleMentor, "mA", "mB", "mC")
	w.enroll(w.q4, programs.RoleMentee, "e1", "e2", "e3", "e4", "e5")
}

// run runs matching for c; an ended cycle's run is history, made as on
// its first day (nobody runs matching on an ended cycle today).
func (w *world) run(c programs.Cycle) mentorships.Run {
	w.t.Helper()
	s := w.s
	if c.Status(now) == programs.CycleEnded {
		s = mentorships.NewStore(w.d, w.o.People, w.o.ProgramsOn(c.StartsOn), nil, orgtest.ClockOn(c.StartsOn))
	}
	r, err := s.Run(w.ctx, w.p.ID, c.ID, mentorships.RunOptions{AdminID: "adm"})
	if err != nil {
		w.t.Fatalf("run: %v", err)
	}
	return r
}

func (w *world) publish(c programs.Cycle, r mentorships.Run) mentorships.Run {
	w.t.Helper()
	r, err := w.s.Publish(w.ctx, w.p.ID, c.ID, r.ID, "adm")
	if err != nil {
		w.t.Fatalf("publish: %v", err)
	}
	return r
}

// pairs returns a run's pairs as mentee -> mentor.
func (w *world) pairs(c programs.Cycle, r mentorships.Run) map[string]string {
	w.t.Helper()
	out := map[string]string{}
	for _, p := range w.pairList(c, r) {
		out[p.MenteeID] = p.MentorID
	}
	return out
}

func (w *world) pairList(c programs.Cycle, r mentorships.Run) []mentorships.Pair {
	w.t.Helper()
	ps, err := w.s.Pairs(w.ctx, w.p.ID, c.ID, r.ID, mentorships.Page{})
	if err != nil {
		w.t.Fatal(err)
	}
	return ps
}

// eachWorld runs f on a new world on each engine, as a subtest.
func eachWorld(t *testing.T, f func(t *testing.T, w *world)) {
	t.Helper()
	dbtest.Each(t, func(t *testing.T, d *db.DB) { f(t, newWorld(t, d)) })
}
