package web

import (
	"strings"

	"github.com/kindredhq/kindred/internal/mentorships"
)

// changesJSON is how a run differs from the cycle's published run; null
// before the first publish.
type changesJSON struct {
	PublishedSeq  int              `json:"published_seq"`
	Same          int              `json:"same"`
	New           []pairChangeJSON `json:"new"`
	Changed       []pairChangeJSON `json:"changed"`
	Gone          []pairChangeJSON `json:"gone"`
	TotalChange   int64            `json:"total_change"`
	MatchedChange int              `json:"matched_change"`
}

// pairChangeJSON is one mentee's pair against the published run: the
// mentor now (absent when gone) and then (absent when new).
type pairChangeJSON struct {
	MenteeID      string `json:"mentee_id"`
	MenteeName    string `json:"mentee_name"`
	MentorID      string `json:"mentor_id,omitempty"`
	MentorName    string `json:"mentor_name,omitempty"`
	Score         *int   `json:"score,omitempty"`
	OldMentorID   string `json:"old_mentor_id,omitempty"`
	OldMentorName string `json:"old_mentor_name,omitempty"`
	OldScore      *int   `json:"old_score,omitempty"`
	ScoreChange   int    `json:"score_change"`
}

func toPairChangesJSON(cs []mentorships.PairChange) []pairChangeJSON {
	out := make([]pairChangeJSON, len(cs))
	for k, c := range cs {
		j := pairChangeJSON{MenteeID: c.MenteeID, MenteeName: c.MenteeName, MentorID: c.MentorID, MentorName: c.MentorName,
			OldMentorID: c.OldMentorID, OldMentorName: c.OldMentorName, ScoreChange: c.ScoreChange()}
		if c.MentorID != "" {
			j.Score = &cs[k].Score
		}
		if c.OldMentorID != "" {
			j.OldScore = &cs[k].OldScore
		}
		out[k] = j
	}
	return out
}

func toChangesJSON(c mentorships.Changes) *changesJSON {
	if !c.Published {
		return nil
	}
	return &changesJSON{PublishedSeq: c.PublishedSeq, Same: c.Same, New: toPairChangesJSON(c.New), Changed: toPairChangesJSON(c.Changed),
		Gone: toPairChangesJSON(c.Gone), TotalChange: c.TotalChange, MatchedChange: c.MatchedChange}
}

// changesShown bounds each list of changes on the matching page; the API
// has them all.
const changesShown = 50

// Count words a count: "1 new pair", "3 new pairs", "no new pairs".
func (matchLabels) Count(n int, one, many string) string { return count(n, one, many) }

// count words a count, "no" for none: "no new pairs", "1 new pair".
func count(n int, one, many string) string {
	if n == 0 {
		return "no " + many
	}
	return plural(n, one, many)
}

// FirstChanges returns the first changesShown changes of a list.
func (matchLabels) FirstChanges(cs []mentorships.PairChange) []mentorships.PairChange {
	return cs[:min(changesShown, len(cs))]
}

// MoreChanges reports whether a list of c is longer than the page shows.
func (matchLabels) MoreChanges(c mentorships.Changes) bool {
	return max(len(c.New), len(c.Changed), len(c.Gone)) > changesShown
}

// ChangesShown is how many changes of each kind the page shows.
func (matchLabels) ChangesShown() int { return changesShown }

// FirstBlank returns the first changesShown mentees of a list of blank
// profiles.
func (matchLabels) FirstBlank(bs []mentorships.BlankProfile) []mentorships.BlankProfile {
	return bs[:min(changesShown, len(bs))]
}

// Factors words a list of factor names for people: "Skills, Language".
func (matchLabels) Factors(names []string) string {
	labels := make([]string, len(names))
	for k, n := range names {
		labels[k] = mentorships.FactorLabel(n)
	}
	return strings.Join(labels, ", ")
}
