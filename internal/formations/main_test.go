package formations_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/db/dbtest"
	"github.com/kindredhq/kindred/internal/formations"
	"github.com/kindredhq/kindred/internal/orgtest"
	"github.com/kindredhq/kindred/internal/programs"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

// now is the fixed current time of every store test: 1 November 2026.
var now = time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)

func fixedNow() time.Time { return now }

// orgCSV is 16 circle members in Berlin, London, New York and Bangalore,
// whose working hours share 14:00-15:00 UTC in every week of the year (so
// every circle can meet), across four functions, nine levels and all
// tenure bands; c01 manages c02, so they never share a circle; six are
// marked facilitators. Auckland (far) shares no hour with anyone. adm is
// the program manager.
var orgCSV = func() string {
	var b strings.Builder
	b.WriteString("id,name,email,level,function,location,timezone,work_hours,hire_date,manager_id,facilitator\n")
	b.WriteString("adm,Ada Admin,adm@example.com,8,People,Berlin,Europe/Berlin,09:00-17:00,2010-01-04,,no\n")
	places := []struct{ loc, zone, hours string }{
		{"Berlin", "Europe/Berlin", "09:00-17:00"},
		{"London", "Europe/London", "09:00-17:00"},
		{"New York", "America/New_York", "09:00-17:00"},
		{"Bangalore", "Asia/Kolkata", "12:00-21:00"},
	}
	functions := []string{"Engineering", "Sales", "Design", "Finance"}
	hires := []string{"2026-03-02", "2024-05-06", "2020-02-03", "2012-09-10"}
	for i := range 16 {
		pl := places[i%4]
		manager := ""
		if i == 1 {
			manager = "c01"
		}
		fac := "no"
		if i%3 == 0 {
			fac = "yes"
		}
		fmt.Fprintf(&b, "c%02d,Person %02d,c%02d@example.com,%d,%s,%s,%s,%s,%s,%s,%s\n", i+1, i+1, i+1, 1+(i*7)%9,
			functions[(i/4+i)%4], pl.loc, pl.zone, pl.hours, hires[(i/2)%4], manager, fac)
	}
	b.WriteString("far,Fern Far,far@example.com,4,Sales,Auckland,Pacific/Auckland,09:00-17:00,2019-01-07,,yes\n")
	return b.String()
}()

// world is the organization with program "Circles" (cross-level circles,
// monthly, one-hour sessions), its ended cycle Q3, open cycle Q4 and
// upcoming Q1; the 16 members are approved circle members of Q3 and Q4.
type world struct {
	t   *testing.T
	ctx context.Context
	d   *db.DB
	o   *orgtest.Org
	ps  *programs.Store
	s   *formations.Store
	p   programs.Program
	q3  programs.Cycle
	q4  programs.Cycle
	q1  programs.Cycle
}

func newWorld(t *testing.T, d *db.DB) *world {
	t.Helper()
	o := orgtest.New(t, d, fixedNow)
	o.Import(orgCSV)
	w := &world{t: t, ctx: o.Ctx, d: d, o: o, ps: o.Programs}
	w.s = formations.NewStore(d, o.People, w.ps, nil, fixedNow)
	w.p = w.program("Circles")
	w.q3 = w.cycle(w.p, "Q3 2026", "2026-07-01", "2026-09-30")
	w.q4 = w.cycle(w.p, "Q4 2026", "2026-10-01", "2026-12-31")
	w.q1 = w.cycle(w.p, "Q1 2027", "2027-01-01", "2027-03-31")
	for i := range 16 {
		w.enroll(w.p, w.q3, fmt.Sprintf("c%02d", i+1))
		w.enroll(w.p, w.q4, fmt.Sprintf("c%02d", i+1))
	}
	return w
}

func (w *world) program(name string) programs.Program {
	w.t.Helper()
	return w.o.Program(programs.Program{Name: name, CodeOfConduct: "Be kind.", Cadence: programs.CadenceMonthly,
		SessionMinutes: 60, Engagements: []string{programs.EngagementCircles}, CreatedBy: "adm"})
}

func (w *world) cycle(p programs.Program, name, start, end string) programs.Cycle {
	w.t.Helper()
	return w.o.Cycle(p.ID, name, start, end)
}

func (w *world) enroll(_ programs.Program, c programs.Cycle, who string) {
	w.t.Helper()
	w.o.Enroll(c, programs.RoleCircleMember, "adm", who)
}

// form forms circles of exactly size people in cycle c with a seed.
// form forms the circles of c; an ended cycle's circles are history,
// formed as on its first day (nobody forms circles in an ended cycle today).
func (w *world) form(c programs.Cycle, size int, seed int64) formations.Formation {
	w.t.Helper()
	s := w.s
	if c.Status(fixedNow()) == programs.CycleEnded {
		s = formations.NewStore(w.d, w.o.People, w.o.ProgramsOn(c.StartsOn), nil, orgtest.ClockOn(c.StartsOn))
	}
	f, err := s.Form(w.ctx, formations.FormRequest{ProgramID: c.ProgramID, CycleID: c.ID, Size: size, Seed: seed, AdminID: "adm"})
	if err != nil {
		w.t.Fatalf("form %s: %v", c.Name, err)
	}
	return f
}

func (w *world) publish(f formations.Formation) formations.Formation {
	w.t.Helper()
	out, err := w.s.Publish(w.ctx, f.ProgramID, f.CycleID, f.ID, "adm")
	if err != nil {
		w.t.Fatalf("publish %s: %v", f.ID, err)
	}
	return out
}

// circles reads every circle of a formation.
func (w *world) circles(f formations.Formation) []formations.Circle {
	w.t.Helper()
	cs, err := w.s.Circles(w.ctx, f.ProgramID, f.CycleID, f.ID, 0, 0)
	if err != nil {
		w.t.Fatal(err)
	}
	return cs
}

func (w *world) latest(c programs.Cycle) formations.Latest {
	w.t.Helper()
	l, err := w.s.Latest(w.ctx, c.ProgramID, c.ID)
	if err != nil {
		w.t.Fatal(err)
	}
	return l
}

// ids returns the person ids of a circle's members.
func ids(c formations.Circle) []string {
	out := make([]string, len(c.Members))
	for i, m := range c.Members {
		out[i] = m.PersonID
	}
	return out
}

// repeats counts the pairs of circle-mates in now who shared a circle in
// before: the brute-force count.
func repeats(now, before []formations.Circle) int {
	met := map[[2]string]bool{}
	for _, c := range before {
		for _, a := range ids(c) {
			for _, b := range ids(c) {
				met[[2]string{a, b}] = a != b
			}
		}
	}
	n := 0
	for _, c := range now {
		m := ids(c)
		for i := range m {
			for j := i + 1; j < len(m); j++ {
				if met[[2]string{m[i], m[j]}] {
					n++
				}
			}
		}
	}
	return n
}

// eachWorld runs f on a new world on each engine, as a subtest.
func eachWorld(t *testing.T, f func(t *testing.T, w *world)) {
	t.Helper()
	dbtest.Each(t, func(t *testing.T, d *db.DB) { f(t, newWorld(t, d)) })
}
