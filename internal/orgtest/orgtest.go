// Package orgtest builds test organizations on a real database: people
// imported from CSV text or added one by one, and programs, cycles and
// enrollments made through the stores, every store reading one fixed
// clock. Store and HTTP tests start from it instead of each writing the
// same setup; a helper fails the test on any error.
//
// A test opens its database with dbtest (dbtest.Each or dbtest.Open) and
// hands it to New.
package orgtest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/db/dbtest"
	"github.com/kindredhq/kindred/internal/people"
	"github.com/kindredhq/kindred/internal/person"
	"github.com/kindredhq/kindred/internal/programs"
)

// Now is the fixed current time of store tests: 1 November 2026, 09:00 UTC.
var Now = time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)

// Clock returns Now; it is the clock of an Org made with a nil clock.
func Clock() time.Time { return Now }

// Org is a test organization: a database and the stores over it, sharing
// one clock.
type Org struct {
	T        testing.TB
	Ctx      context.Context
	DB       *db.DB
	Now      func() time.Time
	People   *people.Store
	Programs *programs.Store
}

// New returns an empty organization over d whose stores read now (nil
// means Clock).
func New(t testing.TB, d *db.DB, now func() time.Time) *Org {
	if now == nil {
		now = Clock
	}
	ps := people.NewStore(d, now)
	return &Org{T: t, Ctx: context.Background(), DB: d, Now: now, People: ps, Programs: programs.NewStore(d, ps, nil, now)}
}

// Import imports people from the text of an HR file (people.ParseCSV's
// format) and returns what the import did.
func (o *Org) Import(csv string) people.ImportResult {
	o.T.Helper()
	f, err := people.ParseCSV("org.csv", strings.NewReader(csv))
	if err != nil {
		o.T.Fatalf("parse org: %v", err)
	}
	res, err := o.People.Import(o.Ctx, f)
	if err != nil {
		o.T.Fatalf("import org: %v", err)
	}
	return res
}

// AddPerson adds one person, with email id@example.com and the profile of
// an engineer in Berlin at level 5, active or not.
func (o *Org) AddPerson(id, name string, active bool) {
	o.T.Helper()
	_, err := o.People.Create(o.Ctx, person.Person{ID: id, Name: name, Email: id + "@example.com", Level: 5,
		Function: "Engineering", Location: "Berlin", Timezone: "Europe/Berlin"})
	if err != nil {
		o.T.Fatalf("add person %s: %v", id, err)
	}
	if !active {
		o.Deactivate(id)
	}
}

// Deactivate marks people as no longer active.
func (o *Org) Deactivate(ids ...string) {
	o.T.Helper()
	for _, id := range ids {
		if err := o.People.SetActive(o.Ctx, id, false); err != nil {
			o.T.Fatalf("deactivate %s: %v", id, err)
		}
	}
}

// Program creates a program.
func (o *Org) Program(p programs.Program) programs.Program {
	o.T.Helper()
	p, err := o.Programs.CreateProgram(o.Ctx, p)
	if err != nil {
		o.T.Fatalf("create program %s: %v", p.Name, err)
	}
	return p
}

// Cycle creates a cycle of a program, from start to end (YYYY-MM-DD).
func (o *Org) Cycle(programID, name, start, end string) programs.Cycle {
	o.T.Helper()
	c, err := o.Programs.CreateCycle(o.Ctx, programs.Cycle{ProgramID: programID, Name: name, StartsOn: start, EndsOn: end})
	if err != nil {
		o.T.Fatalf("create cycle %s: %v", name, err)
	}
	return c
}

// Enroll places people in a cycle in a role, as admin adminID would. A
// cycle that has ended is history: its people are enrolled as on its first
// day (ProgramsOn), since nobody enrolls in an ended cycle today.
func (o *Org) Enroll(c programs.Cycle, role, adminID string, ids ...string) {
	o.T.Helper()
	st := o.Programs
	if c.Status(o.Now()) == programs.CycleEnded {
		st = o.ProgramsOn(c.StartsOn)
	}
	for _, id := range ids {
		_, err := st.Enroll(o.Ctx, programs.EnrollRequest{ProgramID: c.ProgramID, CycleID: c.ID, PersonID: id, Role: role, AdminID: adminID})
		if err != nil {
			o.T.Fatalf("enroll %s as %s: %v", id, role, err)
		}
	}
}

// ClockOn is a clock stopped at 09:00 UTC on day (YYYY-MM-DD): for making
// the history of a cycle that has ended as it was made at the time.
func ClockOn(day string) func() time.Time {
	t, err := time.Parse(programs.DateLayout, day)
	if err != nil {
		panic("orgtest.ClockOn: " + err.Error())
	}
	t = t.Add(9 * time.Hour)
	return func() time.Time { return t }
}

// ProgramsOn is a programs store over the organization's database whose
// clock is ClockOn(day).
func (o *Org) ProgramsOn(day string) *programs.Store {
	return programs.NewStore(o.DB, o.People, nil, ClockOn(day))
}

// Each runs fn as a parallel subtest on an empty organization over a fresh
// database of each dialect (dbtest.Each), with the clock Clock.
func Each(t *testing.T, fn func(t *testing.T, o *Org)) {
	t.Helper()
	dbtest.Each(t, func(t *testing.T, d *db.DB) { fn(t, New(t, d, nil)) })
}
