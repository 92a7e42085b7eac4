package programs_test

import (
	"errors"
	"testing"

	"github.com/kindredhq/kindred/internal/errs"
	"github.com/kindredhq/kindred/internal/programs"
)

func TestApplyManyIsAllOrNothing(t *testing.T) {
	eachWorld(t, func(t *testing.T, w *world) {
		w.AddPerson("p1", "One", true)
		w.AddPerson("p2", "Two", true)
		good := []programs.Application{
			apply(w.both, w.open, "p1", programs.RoleMentor),
			apply(w.both, w.open, "p2", programs.RoleMentee),
		}
		bad := append(append([]programs.Application{}, good...), apply(w.both, w.open, "gone", programs.RoleMentee))
		_, err := w.s.ApplyMany(w.Ctx, bad, false, "adm")
		var be *programs.BulkError
		if !errors.As(err, &be) || be.Index != 2 || !errs.Is(err, errs.Invalid) {
			t.Fatalf("bad entry: got %v, want a BulkError at index 2 of kind Invalid", err)
		}
		if es, _ := w.s.CycleEnrollments(w.Ctx, w.both.ID, w.open.ID, programs.EnrollmentFilter{}); len(es) != 0 {
			t.Fatalf("a rejected bulk request stored %d enrollments", len(es))
		}
		out, err := w.s.ApplyMany(w.Ctx, good, true, "adm")
		if err != nil {
			t.Fatal(err)
		}
		if len(out) != 2 || out[0].Status != programs.StatusApproved || out[0].DecidedBy != "adm" || out[1].Status != programs.StatusApproved {
			t.Fatalf("stored %+v", out)
		}
		_, err = w.s.ApplyMany(w.Ctx, good[:1], true, "adm")
		if !errors.As(err, &be) || !errs.Is(err, errs.Conflict) {
			t.Fatalf("duplicate: got %v, want a Conflict", err)
		}
	})
}

func TestActiveParticipantsCountsPeopleOnce(t *testing.T) {
	eachWorld(t, func(t *testing.T, w *world) {
		w.AddPerson("p1", "One", true)
		w.AddPerson("p2", "Two", true)
		apps := []programs.Application{
			apply(w.both, w.open, "p1", programs.RoleMentee),
			apply(w.both, w.open, "p1", programs.RoleCircleMember),
			apply(w.pairs, w.pairsOpen, "p1", programs.RoleMentee),
			apply(w.both, w.open, "p2", programs.RoleMentor), // applied, not approved
		}
		if _, err := w.s.ApplyMany(w.Ctx, apps, false, "adm"); err != nil {
			t.Fatal(err)
		}
		n, err := w.s.ActiveParticipants(w.Ctx)
		if err != nil || n != 1 {
			t.Fatalf("active participants: %d, %v; want 1 (p1, counted once)", n, err)
		}
	})
}
