package programs_test

import (
	"strings"
	"testing"

	"github.com/kindredhq/kindred/internal/errs"
	"github.com/kindredhq/kindred/internal/errs/errstest"
	"github.com/kindredhq/kindred/internal/programs"
)

func TestCheckActive(t *testing.T) {
	eachWorld(t, func(t *testing.T, w *world) {
		archivedCycle, err := w.s.SetCycleArchived(w.Ctx, w.both.ID, w.upcoming.ID, true)
		if err != nil {
			t.Fatal(err)
		}
		archivedProgram := w.both
		archivedProgram.ArchivedAt = &now
		tests := []struct {
			name string
			p    programs.Program
			c    programs.Cycle
			use  string
			kind errs.Kind
			says string
		}{
			{"open cycle, enrollment", w.both, w.open, programs.UseEnrollment, 0, ""},
			{"open cycle, matching", w.both, w.open, programs.UseMatching, 0, ""},
			{"open cycle, circles", w.both, w.open, programs.UseCircles, 0, ""},
			{"upcoming cycle", w.both, w.upcoming, programs.UseMatching, 0, ""},
			{"ended cycle", w.both, w.ended, programs.UseMatching, errs.Conflict, "cycle Q1 2026 ended on 2026-03-31: it takes no more matching runs"},
			{"ended cycle, enrollment", w.both, w.ended, programs.UseEnrollment, errs.Conflict, "it takes no more enrollments"},
			{"archived cycle", w.both, archivedCycle, programs.UseCircles, errs.Conflict, "cycle Q1 2027 is archived"},
			{"archived program", archivedProgram, w.open, programs.UseEnrollment, errs.Conflict, "Grow is archived"},
			{"circles-only program, matching", w.groups, w.groupsOpen, programs.UseMatching, errs.Invalid, "Circles does not offer 1:1 mentoring"},
			{"1:1-only program, circles", w.pairs, w.pairsOpen, programs.UseCircles, errs.Invalid, "Pairs does not offer circles"},
		}
		for _, tt := range tests {
			err := programs.CheckActive(tt.p, tt.c, tt.use, now)
			if tt.kind == 0 {
				if err != nil {
					t.Errorf("%s: %v", tt.name, err)
				}
				continue
			}
			if errs.KindOf(err) != tt.kind || !strings.Contains(err.Error(), tt.says) {
				t.Errorf("%s: %v, want %v saying %q", tt.name, err, tt.kind, tt.says)
			}
		}
		// The store's check reads the stored program and cycle.
		errstest.WantErr(t, w.s.CheckActive(w.Ctx, w.both.ID, w.upcoming.ID, programs.UseMatching), errs.Conflict, "")
		errstest.WantErr(t, w.s.CheckActive(w.Ctx, w.both.ID, "nope", programs.UseMatching), errs.NotFound, "")
	})
}

func TestUpdateCycleAndArchive(t *testing.T) {
	eachWorld(t, func(t *testing.T, w *world) {
		s, ctx := w.s, w.Ctx
		c := w.upcoming
		c.Name, c.StartsOn, c.EndsOn = "  Early   2027 ", "2027-01-04", "2027-04-30"
		got, err := s.UpdateCycle(ctx, c)
		if err != nil || got.Name != "Early 2027" || got.StartsOn != "2027-01-04" || got.EndsOn != "2027-04-30" {
			t.Fatalf("update: %+v %v", got, err)
		}
		if again, err := s.GetCycle(ctx, w.both.ID, c.ID); err != nil || again != got {
			t.Fatalf("stored: %+v %v", again, err)
		}
		for name, tt := range map[string]struct {
			c     programs.Cycle
			kind  errs.Kind
			field string
		}{
			"1900 to 9999":     {programs.Cycle{ID: c.ID, ProgramID: w.both.ID, Name: "X", StartsOn: "1900-01-01", EndsOn: "9999-12-31"}, errs.Invalid, "ends_on"},
			"end before start": {programs.Cycle{ID: c.ID, ProgramID: w.both.ID, Name: "X", StartsOn: "2027-02-01", EndsOn: "2027-01-01"}, errs.Invalid, "ends_on"},
			"name of another":  {programs.Cycle{ID: c.ID, ProgramID: w.both.ID, Name: "q4 2026", StartsOn: "2027-01-04", EndsOn: "2027-04-30"}, errs.Conflict, "name"},
			"cycle of another": {programs.Cycle{ID: c.ID, ProgramID: w.pairs.ID, Name: "X", StartsOn: "2027-01-04", EndsOn: "2027-04-30"}, errs.NotFound, ""},
			"no such cycle":    {programs.Cycle{ID: "nope", ProgramID: w.both.ID, Name: "X", StartsOn: "2027-01-04", EndsOn: "2027-04-30"}, errs.NotFound, ""},
		} {
			t.Run(name, func(t *testing.T) {
				_, err := s.UpdateCycle(ctx, tt.c)
				errstest.WantErr(t, err, tt.kind, tt.field)
			})
		}

		// An archived cycle is read-only and takes nobody; unarchived, it does again.
		if a, err := s.SetCycleArchived(ctx, w.both.ID, c.ID, true); err != nil || !a.Archived() {
			t.Fatalf("archive: %+v %v", a, err)
		}
		if a, err := s.SetCycleArchived(ctx, w.both.ID, c.ID, true); err != nil || !a.Archived() {
			t.Fatalf("archive twice: %+v %v", a, err)
		}
		_, err = s.UpdateCycle(ctx, got)
		errstest.WantErr(t, err, errs.Conflict, "")
		_, err = s.Apply(ctx, apply(w.both, c, "adm", programs.RoleMentee))
		errstest.WantErr(t, err, errs.Invalid, "cycle_id")
		_, err = s.Enroll(ctx, programs.EnrollRequest{ProgramID: w.both.ID, CycleID: c.ID, PersonID: "adm", Role: programs.RoleMentee, AdminID: "adm"})
		errstest.WantErr(t, err, errs.Conflict, "")
		if a, err := s.SetCycleArchived(ctx, w.both.ID, c.ID, false); err != nil || a.Archived() {
			t.Fatalf("unarchive: %+v %v", a, err)
		}
		mine := mustApply(t, s, apply(w.both, c, "adm", programs.RoleMentee))
		if _, err := s.SetCycleArchived(ctx, w.both.ID, c.ID, true); err != nil {
			t.Fatal(err)
		}
		_, err = s.Withdraw(ctx, mine.ID, "adm")
		errstest.WantErr(t, err, errs.Conflict, "")
		if _, err := s.SetCycleArchived(ctx, w.both.ID, c.ID, false); err != nil {
			t.Fatal(err)
		}

		// An archived program: read-only, no new cycles, not among those people join.
		before := activeCycles(t, w, w.both.ID)
		p, err := s.SetProgramArchived(ctx, w.both.ID, true)
		if err != nil || !p.Archived() {
			t.Fatalf("archive program: %+v %v", p, err)
		}
		if before == 0 || activeCycles(t, w, w.both.ID) != 0 {
			t.Errorf("an archived program has active cycles: %d before", before)
		}
		_, err = s.UpdateProgram(ctx, p)
		errstest.WantErr(t, err, errs.Conflict, "")
		_, err = s.CreateCycle(ctx, programs.Cycle{ProgramID: p.ID, Name: "Q2 2027", StartsOn: "2027-04-01", EndsOn: "2027-06-30"})
		errstest.WantErr(t, err, errs.Conflict, "")
		_, err = s.Apply(ctx, apply(w.both, w.open, "adm", programs.RoleCircleMember))
		errstest.WantErr(t, err, errs.Invalid, "cycle_id")
		if p, err = s.SetProgramArchived(ctx, w.both.ID, false); err != nil || p.Archived() {
			t.Fatalf("unarchive program: %+v %v", p, err)
		}
		if activeCycles(t, w, w.both.ID) != before {
			t.Errorf("unarchiving did not bring the cycles back")
		}
		_, err = s.SetProgramArchived(ctx, "nope", true)
		errstest.WantErr(t, err, errs.NotFound, "")
	})
}

// activeCycles is ListPrograms' count of the cycles people can join.
func activeCycles(t *testing.T, w *world, programID string) int {
	t.Helper()
	list, err := w.s.ListPrograms(w.Ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range list {
		if p.ID == programID {
			return p.ActiveCycles
		}
	}
	t.Fatalf("program %s not listed", programID)
	return 0
}
