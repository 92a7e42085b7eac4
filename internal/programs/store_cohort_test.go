package programs_test

import (
	"slices"
	"testing"

	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/db/dbtest"
	"github.com/kindredhq/kindred/internal/programs"
)

// What package mentorships reads of a cycle: its approved mentors and
// mentees, a role check, the cycles before it and its label.
func TestCohortReads(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		addPerson(t, d, "m1", "Mentor One", true)
		addPerson(t, d, "e1", "Mentee One", true)
		for _, r := range []programs.EnrollRequest{{PersonID: "m1", Role: programs.RoleMentor}, {PersonID: "e1", Role: programs.RoleMentee},
			{PersonID: "m1", Role: programs.RoleMentee}} {
			r.ProgramID, r.CycleID, r.AdminID = w.both.ID, w.open.ID, "adm"
			if _, err := w.s.Enroll(w.ctx, r); err != nil {
				t.Fatal(err)
			}
		}
		got, err := programs.ApprovedPlacements(w.ctx, d.Read(), w.open.ID)
		want := []programs.Placement{{Role: "mentee", PersonID: "e1"}, {Role: "mentee", PersonID: "m1"}, {Role: "mentor", PersonID: "m1"}}
		if err != nil || !slices.Equal(got, want) {
			t.Errorf("placements %v %v, want %v", got, err, want)
		}
		for _, c := range []struct {
			person, role string
			want         bool
		}{{"m1", programs.RoleMentor, true}, {"e1", programs.RoleMentor, false}, {"e1", programs.RoleMentee, true}} {
			if ok, err := programs.HasApprovedRole(w.ctx, d.Read(), w.open.ID, c.person, c.role); err != nil || ok != c.want {
				t.Errorf("%s as %s: %v %v, want %v", c.person, c.role, ok, err, c.want)
			}
		}
		earlier, err := programs.EarlierCycleIDs(w.ctx, d.Read(), w.open)
		if err != nil || !slices.Equal(earlier, []string{w.ended.ID}) {
			t.Errorf("earlier cycles %v %v, want %v", earlier, err, w.ended.ID)
		}
		l, err := programs.LabelOf(w.ctx, d.Read(), w.open.ID)
		if err != nil || l != (programs.CycleLabel{ProgramName: "Grow", CycleName: "Q4 2026", StartsOn: "2026-10-01", EndsOn: "2026-12-31"}) {
			t.Errorf("label %+v %v", l, err)
		}
		if _, err := programs.LabelOf(w.ctx, d.Read(), "cyc_missing"); err == nil {
			t.Errorf("a missing cycle has a label")
		}
	})
}
