package programs_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kindredhq/kindred/internal/errs"
	"github.com/kindredhq/kindred/internal/errs/errstest"
	"github.com/kindredhq/kindred/internal/programs"
)

func TestProgramStore(t *testing.T) {
	eachWorld(t, func(t *testing.T, w *world) {
		s, ctx := w.s, w.Ctx

		t.Run("create stores the charter", func(t *testing.T) {
			in := programs.Program{
				Name: " Engineering  Circles ", Purpose: "Cross-level learning", Outcomes: "Broader networks",
				Cadence: programs.CadenceBiweekly, SessionMinutes: 90, DecisionRights: "Members choose topics",
				CodeOfConduct: "Confidential by default", FacilitationMethod: programs.FacilitationCaseClinic,
				Engagements: []string{"peer_groups", "circles"}, CreatedBy: "adm",
			}
			p, err := s.CreateProgram(ctx, in)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(p.ID, "prg_") || len(p.ID) != 14 {
				t.Errorf("id %q", p.ID)
			}
			got, err := s.GetProgram(ctx, p.ID)
			if err != nil {
				t.Fatal(err)
			}
			want := p
			if !got.CreatedAt.Equal(now) || !got.UpdatedAt.Equal(now) {
				t.Errorf("times %v %v, want %v", got.CreatedAt, got.UpdatedAt, now)
			}
			got.CreatedAt, got.UpdatedAt, want.CreatedAt, want.UpdatedAt = time.Time{}, time.Time{}, time.Time{}, time.Time{}
			if got.Name != "Engineering Circles" || !slices.Equal(got.Engagements, []string{"circles", "peer_groups"}) {
				t.Errorf("not normalized: %+v", got)
			}
			if !equalPrograms(got, want) {
				t.Errorf("read back %+v\nwant %+v", got, want)
			}
		})

		t.Run("invalid program is rejected by field", func(t *testing.T) {
			_, err := s.CreateProgram(ctx, programs.Program{Name: "", SessionMinutes: 5})
			errstest.WantErr(t, err, errs.Invalid, "name")
			if got := errstest.FieldsOf(err); !slices.Equal(got, []string{"engagements", "name", "session_minutes"}) {
				t.Errorf("fields %v", got)
			}
		})

		t.Run("name taken is a conflict on name, whatever the case", func(t *testing.T) {
			p := validProgram()
			p.Name = "GROW"
			_, err := s.CreateProgram(ctx, p)
			errstest.WantErr(t, err, errs.Conflict, "name")
			upd := w.pairs
			upd.Name = "grow"
			_, err = s.UpdateProgram(ctx, upd)
			errstest.WantErr(t, err, errs.Conflict, "name")
		})

		t.Run("update replaces the charter", func(t *testing.T) {
			later := now.Add(time.Hour)
			s2 := programs.NewStore(w.DB, w.People, nil, func() time.Time { return later })
			upd := w.pairs
			upd.Name, upd.SessionMinutes, upd.Engagements = "Pairs and more", 45, []string{"one_on_one", "micro_mentoring"}
			got, err := s2.UpdateProgram(ctx, upd)
			if err != nil {
				t.Fatal(err)
			}
			if got.Name != "Pairs and more" || got.SessionMinutes != 45 || !got.UpdatedAt.Equal(later) ||
				!got.CreatedAt.Equal(now) || got.CreatedBy != "adm" {
				t.Errorf("updated: %+v", got)
			}
		})

		t.Run("update of a missing program is NotFound", func(t *testing.T) {
			p := validProgram()
			p.ID = "prg_missing000"
			_, err := s.UpdateProgram(ctx, p)
			errstest.WantErr(t, err, errs.NotFound, "")
		})

		t.Run("update cannot drop a role people hold in a current cycle", func(t *testing.T) {
			w.AddPerson("cm", "Circle Member", true)
			if _, err := s.Apply(ctx, apply(w.both, w.open, "cm", programs.RoleCircleMember)); err != nil {
				t.Fatal(err)
			}
			upd := w.both
			upd.Engagements = []string{"one_on_one"}
			_, err := s.UpdateProgram(ctx, upd)
			errstest.WantErr(t, err, errs.Invalid, "engagements")
		})

		t.Run("get of a missing program is NotFound", func(t *testing.T) {
			_, err := s.GetProgram(ctx, "prg_nothere000")
			errstest.WantErr(t, err, errs.NotFound, "")
		})

		t.Run("list orders by name with counts", func(t *testing.T) {
			w.AddPerson("m1", "Mentee One", true)
			w.AddPerson("m2", "Mentor Two", true)
			mustApply(t, s, apply(w.both, w.upcoming, "m1", programs.RoleMentee))   // approved, active cycle
			mustApply(t, s, apply(w.both, w.open, "m1", programs.RoleCircleMember)) // same person counts once
			mustApply(t, s, apply(w.both, w.open, "m2", programs.RoleMentor))       // applied: not counted
			w.Enroll(w.ended, programs.RoleMentor, "adm", "m2")                     // ended cycle: not counted
			list, err := s.ListPrograms(ctx)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			byName := map[string]programs.ProgramSummary{}
			for _, p := range list {
				names = append(names, p.Name)
				byName[p.Name] = p
			}
			if want := []string{"Circles", "Engineering Circles", "Grow", "Pairs and more"}; !slices.Equal(names, want) {
				t.Fatalf("names %v, want %v", names, want)
			}
			grow := byName["Grow"]
			// Grow: cm and m1 approved in active cycles.
			if grow.Cycles != 3 || grow.ActiveCycles != 2 || grow.Participants != 2 {
				t.Errorf("Grow: cycles %d active %d participants %d, want 3 2 2", grow.Cycles, grow.ActiveCycles, grow.Participants)
			}
			if c := byName["Engineering Circles"]; c.Cycles != 0 || c.ActiveCycles != 0 || c.Participants != 0 {
				t.Errorf("Engineering Circles: %+v", c)
			}
			if pm := byName["Pairs and more"]; pm.Cycles != 1 || pm.ActiveCycles != 1 {
				t.Errorf("Pairs: cycle ending today is still active: %+v", pm)
			}
		})
	})
}

func mustApply(t *testing.T, s *programs.Store, a programs.Application) programs.Enrollment {
	t.Helper()
	e, err := s.Apply(t.Context(), a)
	if err != nil {
		t.Fatalf("apply %s as %s: %v", a.PersonID, a.Role, err)
	}
	return e
}

func equalPrograms(a, b programs.Program) bool {
	return a.ID == b.ID && a.Name == b.Name && a.Purpose == b.Purpose && a.Outcomes == b.Outcomes &&
		a.Cadence == b.Cadence && a.SessionMinutes == b.SessionMinutes && a.DecisionRights == b.DecisionRights &&
		a.CodeOfConduct == b.CodeOfConduct && a.FacilitationMethod == b.FacilitationMethod &&
		slices.Equal(a.Engagements, b.Engagements) && a.CreatedBy == b.CreatedBy &&
		a.CreatedAt.Equal(b.CreatedAt) && a.UpdatedAt.Equal(b.UpdatedAt)
}
