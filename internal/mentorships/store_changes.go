package mentorships

import (
	"context"
	"fmt"

	"github.com/kindredhq/kindred/internal/errs"
	"github.com/kindredhq/kindred/internal/people"
)

// PairChange is one mentee's pair in a run set against the cycle's
// published run: new (no published mentor), changed (another mentor) or
// gone (no mentor in the run).
type PairChange struct {
	MenteeID      string
	MenteeName    string
	MentorID      string // in the run; "" when gone
	MentorName    string
	Score         int
	OldMentorID   string // in the published run; "" when new
	OldMentorName string
	OldScore      int
}

// ScoreChange is the pair's score in the run less its published score.
func (c PairChange) ScoreChange() int { return c.Score - c.OldScore }

// Changes is how a run differs from the cycle's published run, pair by
// pair, and in total.
type Changes struct {
	// Published reports that the cycle has a published run to compare
	// with; before the first publish every list is empty.
	Published    bool
	PublishedSeq int
	Same         int          // pairs as published
	New          []PairChange // mentees matched now who had no published mentor
	Changed      []PairChange // mentees with another mentor than published
	Gone         []PairChange // published mentees without a mentor now
	// TotalChange and MatchedChange are the run's total score and matched
	// mentees less the published run's.
	TotalChange   int64
	MatchedChange int
}

// Changes compares run runID of the cycle with the cycle's published run:
// which pairs are new, which changed (old mentor → new mentor) and which
// are gone, and the score difference. Each list is in name order (mentor,
// then mentee). A run of another cycle is NotFound.
func (s *Store) Changes(ctx context.Context, programID, cycleID, runID string) (Changes, error) {
	q := s.db.Read()
	run, err := getRun(ctx, q, programID, cycleID, runID)
	if err != nil {
		return Changes{}, fmt.Errorf("changes of run %s: %w", runID, err)
	}
	pub, err := publishedRun(ctx, q, cycleID)
	if errs.Is(err, errs.NotFound) {
		return Changes{}, nil
	}
	if err != nil {
		return Changes{}, fmt.Errorf("changes of run %s: %w", runID, err)
	}
	out := Changes{Published: true, PublishedSeq: pub.Seq, TotalChange: run.TotalScore - pub.TotalScore, MatchedChange: run.Matched - pub.Matched}
	read := func(id string) ([]Pair, error) {
		return queryPairs(ctx, q, " WHERE mp.run_id = ? ORDER BY "+people.NameKey("mo")+", mp.mentor_id, "+
			people.NameKey("me")+", mp.mentee_id", id)
	}
	now, err := read(run.ID)
	if err != nil {
		return Changes{}, fmt.Errorf("changes of run %s: %w", runID, err)
	}
	then, err := read(pub.ID)
	if err != nil {
		return Changes{}, fmt.Errorf("changes of run %s: %w", runID, err)
	}
	old := make(map[string]Pair, len(then))
	for _, p := range then {
		old[p.MenteeID] = p
	}
	matched := make(map[string]bool, len(now))
	for _, p := range now {
		matched[p.MenteeID] = true
		c := PairChange{MenteeID: p.MenteeID, MenteeName: p.MenteeName, MentorID: p.MentorID, MentorName: p.MentorName, Score: p.Score}
		o, ok := old[p.MenteeID]
		switch {
		case !ok:
			out.New = append(out.New, c)
		case o.MentorID != p.MentorID:
			c.OldMentorID, c.OldMentorName, c.OldScore = o.MentorID, o.MentorName, o.Score
			out.Changed = append(out.Changed, c)
		default:
			out.Same++
		}
	}
	for _, o := range then {
		if !matched[o.MenteeID] {
			out.Gone = append(out.Gone, PairChange{MenteeID: o.MenteeID, MenteeName: o.MenteeName,
				OldMentorID: o.MentorID, OldMentorName: o.MentorName, OldScore: o.Score})
		}
	}
	return out, nil
}
