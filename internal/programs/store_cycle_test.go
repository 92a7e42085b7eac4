package programs_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/kindredhq/kindred/internal/errs"
	"github.com/kindredhq/kindred/internal/errs/errstest"
	"github.com/kindredhq/kindred/internal/programs"
)

func TestCycleStore(t *testing.T) {
	eachWorld(t, func(t *testing.T, w *world) {
		s, ctx := w.s, w.Ctx

		t.Run("create and get", func(t *testing.T) {
			if !strings.HasPrefix(w.open.ID, "cyc_") || len(w.open.ID) != 14 {
				t.Errorf("id %q", w.open.ID)
			}
			got, err := s.GetCycle(ctx, w.both.ID, w.open.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.Name != "Q4 2026" || got.StartsOn != "2026-10-01" || got.EndsOn != "2026-12-31" ||
				got.ProgramID != w.both.ID || !got.CreatedAt.Equal(now) {
				t.Errorf("read back %+v", got)
			}
			if st := got.Status(now); st != programs.CycleOpen {
				t.Errorf("status %s", st)
			}
		})

		tests := []struct {
			name       string
			cycle      programs.Cycle
			kind       errs.Kind
			field      string
			wantFields []string
		}{
			{"end before start", programs.Cycle{ProgramID: w.both.ID, Name: "Bad", StartsOn: "2026-05-01", EndsOn: "2026-04-01"},
				errs.Invalid, "ends_on", []string{"ends_on"}},
			{"end on start", programs.Cycle{ProgramID: w.both.ID, Name: "Bad", StartsOn: "2026-05-01", EndsOn: "2026-05-01"},
				errs.Invalid, "ends_on", []string{"ends_on"}},
			{"not dates", programs.Cycle{ProgramID: w.both.ID, Name: "", StartsOn: "May", EndsOn: "2026/06/01"},
				errs.Invalid, "name", []string{"ends_on", "name", "starts_on"}},
			{"name taken in the program, whatever the case", programs.Cycle{ProgramID: w.both.ID, Name: "q4 2026", StartsOn: "2027-01-01", EndsOn: "2027-02-01"},
				errs.Conflict, "name", []string{"name"}},
			{"missing program", programs.Cycle{ProgramID: "prg_nothere000", Name: "X", StartsOn: "2027-01-01", EndsOn: "2027-02-01"},
				errs.NotFound, "", nil},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, err := s.CreateCycle(ctx, tt.cycle)
				errstest.WantErr(t, err, tt.kind, tt.field)
				if got := errstest.FieldsOf(err); !slices.Equal(got, tt.wantFields) {
					t.Errorf("fields %v, want %v", got, tt.wantFields)
				}
			})
		}

		t.Run("same name in another program is fine", func(t *testing.T) {
			if _, err := s.CreateCycle(ctx, programs.Cycle{ProgramID: w.pairs.ID, Name: "Q4 2026", StartsOn: "2026-10-01", EndsOn: "2026-12-31"}); err != nil {
				t.Fatal(err)
			}
		})

		t.Run("a cycle of another program is NotFound", func(t *testing.T) {
			_, err := s.GetCycle(ctx, w.both.ID, w.groupsOpen.ID)
			errstest.WantErr(t, err, errs.NotFound, "")
			_, err = s.GetCycle(ctx, w.both.ID, "cyc_nothere000")
			errstest.WantErr(t, err, errs.NotFound, "")
		})

		t.Run("list is latest first", func(t *testing.T) {
			list, err := s.ListCycles(ctx, w.both.ID)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, c := range list {
				names = append(names, c.Name)
			}
			if want := []string{"Q1 2027", "Q4 2026", "Q1 2026"}; !slices.Equal(names, want) {
				t.Fatalf("cycles %v, want %v", names, want)
			}
			if list[0].Status(now) != programs.CycleUpcoming || list[2].Status(now) != programs.CycleEnded {
				t.Errorf("statuses %s %s", list[0].Status(now), list[2].Status(now))
			}
			if _, err := s.ListCycles(ctx, "prg_nothere000"); !errs.Is(err, errs.NotFound) {
				t.Errorf("missing program: %v", err)
			}
			empty := w.program("Empty", programs.EngagementCircles)
			if l, err := s.ListCycles(ctx, empty.ID); err != nil || len(l) != 0 {
				t.Errorf("empty program: %v %v", l, err)
			}
		})
	})
}
