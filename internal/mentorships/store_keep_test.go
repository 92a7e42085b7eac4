package mentorships_test

import (
	"testing"

	"github.com/kindredhq/kindred/internal/mentorships"
	"github.com/kindredhq/kindred/internal/programs"
)

// TestRerunKeepsPublishedPairs is issue 9's finding 6: after a publish, one
// new mentor was approved and a re-run moved an already-published mentee
// to them for a few points more. A re-run now keeps every published pair
// that still holds; only "re-optimize everyone" moves them. The draft
// says, against the published run, which pairs are new, changed or gone.
func TestRerunKeepsPublishedPairs(t *testing.T) {
	eachWorld(t, func(t *testing.T, w *world) {
		w.cohort()
		pub := w.publish(w.q4, w.run(w.q4))
		before := w.pairs(w.q4, pub)
		// mD is made for e3 (Public speaking, Climbing, London, a level gap
		// of 3, another function): a better mentor than e3's published one.
		w.o.Import(orgCSV + "mD,Dana Dee,md@example.com,5,Legal,London,Europe/London,,Public speaking,,Climbing,English,mentor,1\n")
		w.enroll(w.q4, programs.RoleMentor, "mD")

		kept := w.run(w.q4)
		after := w.pairs(w.q4, kept)
		for mentee, mentor := range before {
			if after[mentee] != mentor {
				t.Errorf("a re-run moved published %s from %s to %s", mentee, mentor, after[mentee])
			}
		}
		if kept.Trigger != mentorships.TriggerRun {
			t.Errorf("trigger %q", kept.Trigger)
		}
		diff, err := w.s.Changes(w.ctx, w.p.ID, w.q4.ID, kept.ID)
		if err != nil || !diff.Published || len(diff.New)+len(diff.Changed)+len(diff.Gone) != 0 || diff.TotalChange != 0 {
			t.Errorf("changes of a run that kept everything: %+v %v", diff, err)
		}

		// Re-optimizing everyone may move them: e3 goes to mD.
		re, err := w.s.Run(w.ctx, w.p.ID, w.q4.ID, mentorships.RunOptions{AdminID: "adm", Reoptimize: true})
		if err != nil {
			t.Fatal(err)
		}
		if re.Trigger != mentorships.TriggerReoptimize {
			t.Errorf("trigger %q", re.Trigger)
		}
		moved := w.pairs(w.q4, re)
		if moved["e3"] != "mD" {
			t.Fatalf("re-optimized: e3 has %q, want mD (%v)", moved["e3"], moved)
		}
		diff, err = w.s.Changes(w.ctx, w.p.ID, w.q4.ID, re.ID)
		if err != nil {
			t.Fatal(err)
		}
		var e3 *mentorships.PairChange
		for k := range diff.Changed {
			if diff.Changed[k].MenteeID == "e3" {
				e3 = &diff.Changed[k]
			}
		}
		if e3 == nil || e3.OldMentorID != before["e3"] || e3.MentorID != "mD" || e3.MenteeName != "Ezra Three" ||
			e3.MentorName != "Dana Dee" || e3.OldMentorName == "" || e3.ScoreChange() <= 0 {
			t.Errorf("e3's change: %+v in %+v", e3, diff)
		}
		if diff.TotalChange != re.TotalScore-pub.TotalScore {
			t.Errorf("total change %d, want %d", diff.TotalChange, re.TotalScore-pub.TotalScore)
		}
		// An exclusion changes a published pair on the next run; the
		// other published pairs stay.
		x := mentorships.IDPair{MentorID: before["e2"], MenteeID: "e2"}
		if _, err := w.s.Exclude(w.ctx, w.p.ID, w.q4.ID, x, "adm"); err != nil {
			t.Fatal(err)
		}
		afterX := w.pairs(w.q4, w.run(w.q4))
		if afterX["e2"] == x.MentorID {
			t.Errorf("e2 kept excluded %s", x.MentorID)
		}
		for _, mentee := range []string{"e1", "e3", "e4", "e5"} {
			if afterX[mentee] != before[mentee] && before[mentee] != afterX["e2"] {
				t.Errorf("excluding e2's pair moved %s from %s to %s", mentee, before[mentee], afterX[mentee])
			}
		}

		// Before anything is published, there is nothing to compare with.
		w.enroll(w.q3, programs.RoleMentor, "mB")
		w.enroll(w.q3, programs.RoleMentee, "e2")
		first := w.run(w.q3)
		if diff, err := w.s.Changes(w.ctx, w.p.ID, w.q3.ID, first.ID); err != nil || diff.Published || len(diff.New) != 0 {
			t.Errorf("changes before a publish: %+v %v", diff, err)
		}
	})
}
