// Package formationstest sets up, in a test database, what forming
// circles through the product needs: people imported from a CSV in the
// import format, a circles program of monthly one-hour sessions, one cycle,
// and everyone in the file enrolled in it as an approved circle member.
package formationstest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/formations"
	"github.com/kindredhq/kindred/internal/people"
	"github.com/kindredhq/kindred/internal/programs"
)

// Cycle is a cycle ready to form circles in, with the stores over it.
type Cycle struct {
	Store    *formations.Store
	Program  programs.Program
	Cycle    programs.Cycle
	People   *people.Store
	Programs *programs.Store
}

// ImportPeople imports csv, in the people import format, into d and
// returns the people store (with now as its clock) and the parsed file. It
// fails t on any error.
func ImportPeople(t testing.TB, d *db.DB, csv string, now func() time.Time) (*people.Store, *people.File) {
	t.Helper()
	f, err := people.ParseCSV("people.csv", strings.NewReader(csv))
	if err != nil {
		t.Fatal(err)
	}
	pe := people.NewStore(d, now)
	if _, err := pe.Import(context.Background(), f); err != nil {
		t.Fatal(err)
	}
	return pe, f
}

// NewCycle imports csv into d, creates the program (made by admin, a
// person in csv) and a cycle from startsOn to endsOn (YYYY-MM-DD), and
// enrolls everyone in csv; now is every store's clock. It fails t on any
// error.
func NewCycle(t testing.TB, d *db.DB, csv, admin, startsOn, endsOn string, now func() time.Time) Cycle {
	t.Helper()
	ctx := context.Background()
	pe, f := ImportPeople(t, d, csv, now)
	c := Cycle{People: pe, Programs: programs.NewStore(d, pe, nil, now)}
	var err error
	c.Program, err = c.Programs.CreateProgram(ctx, programs.Program{Name: "Circles", CodeOfConduct: "Be kind.",
		Cadence: programs.CadenceMonthly, SessionMinutes: 60, Engagements: []string{programs.EngagementCircles}, CreatedBy: admin})
	if err != nil {
		t.Fatal(err)
	}
	c.Cycle, err = c.Programs.CreateCycle(ctx, programs.Cycle{ProgramID: c.Program.ID, Name: "Cycle", StartsOn: startsOn, EndsOn: endsOn})
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range f.Rows {
		if _, err := c.Programs.Enroll(ctx, programs.EnrollRequest{ProgramID: c.Program.ID, CycleID: c.Cycle.ID,
			PersonID: row.Person.ID, Role: programs.RoleCircleMember, AdminID: admin}); err != nil {
			t.Fatal(err)
		}
	}
	c.Store = formations.NewStore(d, c.People, c.Programs, nil, now)
	return c
}

// Form forms circles of exactly size people with seed, as admin, and
// returns every circle of the draft. It fails t on any error.
func (c Cycle) Form(t testing.TB, size int, seed int64, admin string) []formations.Circle {
	t.Helper()
	ctx := context.Background()
	f, err := c.Store.Form(ctx, formations.FormRequest{ProgramID: c.Program.ID, CycleID: c.Cycle.ID, Size: size, Seed: seed, AdminID: admin})
	if err != nil {
		t.Fatal(err)
	}
	cs, err := c.Store.Circles(ctx, c.Program.ID, c.Cycle.ID, f.ID, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	return cs
}
