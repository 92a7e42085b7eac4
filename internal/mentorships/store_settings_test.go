package mentorships_test

import (
	"testing"

	"github.com/kindredhq/kindred/internal/errs"
	"github.com/kindredhq/kindred/internal/errs/errstest"
	"github.com/kindredhq/kindred/internal/mentorships"
	"github.com/kindredhq/kindred/internal/programs"
)

// TestMinSharedHoursIsAHardRule: a program's minimum of shared working
// hours a week (default 2) keeps apart a mentor and mentee whose days
// barely meet, whatever their score; a program manager may change it.
func TestMinSharedHoursIsAHardRule(t *testing.T) {
	eachWorld(t, func(t *testing.T, w *world) {
		// Kiri in Auckland shares no working hour with Mo in Paris.
		w.o.Import(orgCSV + "eK,Kiri Kay,ek@example.com,3,Sales,Auckland,Pacific/Auckland,,,Negotiation,Chess,French,mentee,\n")
		w.enroll(w.q4, programs.RoleMentor, "mB")
		w.enroll(w.q4, programs.RoleMentee, "eK")
		st, err := w.s.Settings(w.ctx, w.p.ID)
		if err != nil || st.MinSharedHours != 2 {
			t.Fatalf("default settings: %+v %v", st, err)
		}
		r := w.run(w.q4)
		us, err := w.s.UnmatchedOf(w.ctx, w.p.ID, w.q4.ID, r.ID, mentorships.Page{})
		if err != nil || r.Matched != 0 || len(us) != 1 || us[0].Rules["too_few_shared_hours"] != 1 {
			t.Fatalf("with the default minimum: matched %d, unmatched %+v %v", r.Matched, us, err)
		}

		// Bad input names the field and changes nothing.
		for _, bad := range []string{"two", "-1", "41", "NaN", ""} {
			_, err := w.s.SetMinSharedHours(w.ctx, w.p.ID, bad, "adm")
			errstest.WantErr(t, err, errs.Invalid, "min_shared_hours")
		}
		_, err = w.s.ChangeSettings(w.ctx, w.p.ID, []byte(`{"min_shared_hour": 1}`), "adm")
		errstest.WantErr(t, err, errs.Invalid, "")
		if _, err := w.s.SetMinSharedHours(w.ctx, "prg_nope", "1", "adm"); !errs.Is(err, errs.NotFound) {
			t.Errorf("a missing program: %v", err)
		}
		if st, _ := w.s.Settings(w.ctx, w.p.ID); st.MinSharedHours != 2 {
			t.Errorf("a refused change was saved: %v", st.MinSharedHours)
		}

		// No minimum: they are matched; other settings keep their values.
		if _, err := w.s.ChangeSettings(w.ctx, w.p.ID, []byte(`{"full_overlap_hours": 6}`), "adm"); err != nil {
			t.Fatal(err)
		}
		st, err = w.s.SetMinSharedHours(w.ctx, w.p.ID, "0", "adm")
		if err != nil || st.MinSharedHours != 0 || st.FullOverlapHours != 6 {
			t.Fatalf("set 0: %+v %v", st, err)
		}
		if r := w.run(w.q4); r.Matched != 1 {
			t.Errorf("without a minimum: matched %d", r.Matched)
		}
		if st, err := w.s.SetMinSharedHours(w.ctx, w.p.ID, "1,5", "adm"); err != nil || st.MinSharedHours != 1.5 {
			t.Errorf("set 1,5: %+v %v", st, err)
		}
	})
}
