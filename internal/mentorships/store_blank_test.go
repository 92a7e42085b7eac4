package mentorships_test

import (
	"slices"
	"testing"

	"github.com/kindredhq/kindred/internal/errs"
)

// TestBlankProfiles lists the mentees who left factors blank, the factors
// the program weighs only.
func TestBlankProfiles(t *testing.T) {
	eachWorld(t, func(t *testing.T, w *world) {
		w.cohort()
		got, err := w.s.BlankProfiles(w.ctx, w.p.ID, w.q4.ID)
		if err != nil {
			t.Fatal(err)
		}
		by := map[string][]string{}
		for _, b := range got {
			by[b.MenteeID] = b.Factors
		}
		if len(got) != 5 || got[0].MenteeName != "Eli One" || !slices.Equal(by["e1"], []string{"style"}) ||
			!slices.Equal(by["e4"], []string{"interests", "style"}) {
			t.Errorf("blank profiles: %+v", got)
		}
		if _, err := w.s.ChangeSettings(w.ctx, w.p.ID, []byte(`{"style": 0}`), "adm"); err != nil {
			t.Fatal(err)
		}
		got, err = w.s.BlankProfiles(w.ctx, w.p.ID, w.q4.ID)
		if err != nil || len(got) != 2 || got[0].MenteeID != "e5" && got[0].MenteeID != "e4" {
			t.Errorf("without style: %+v %v", got, err)
		}
		if _, err := w.s.BlankProfiles(w.ctx, w.p.ID, "cyc_nope"); !errs.Is(err, errs.NotFound) {
			t.Errorf("a missing cycle: %v", err)
		}
	})
}
