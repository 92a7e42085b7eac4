package mentorships

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/kindredhq/kindred/internal/matching/score"
	"github.com/kindredhq/kindred/internal/people"
	"github.com/kindredhq/kindred/internal/programs"
)

// BlankProfile is an approved mentee of a cycle who left the data of some
// score factors empty: those factors earn them no points with any mentor.
type BlankProfile struct {
	MenteeID   string
	MenteeName string
	Factors    []string // score.FactorNames entries, in that order
}

// BlankProfiles returns the cycle's approved, active mentees who left
// blank a factor the program weighs, by name, so a program manager can ask
// them to fill in their profiles. A missing program or cycle is NotFound.
func (s *Store) BlankProfiles(ctx context.Context, programID, cycleID string) ([]BlankProfile, error) {
	_, c, err := s.cycleOf(ctx, programID, cycleID)
	if err != nil {
		return nil, fmt.Errorf("blank profiles of cycle %s: %w", cycleID, err)
	}
	q := s.db.Read()
	w, err := settings(ctx, q, programID)
	if err != nil {
		return nil, err
	}
	places, err := programs.ApprovedPlacements(ctx, q, c.ID)
	if err != nil {
		return nil, fmt.Errorf("blank profiles of cycle %s: %w", cycleID, err)
	}
	var ids []string
	for _, p := range places {
		if p.Role == programs.RoleMentee {
			ids = append(ids, p.PersonID)
		}
	}
	byID, err := s.loadPeople(ctx, ids)
	if err != nil {
		return nil, err
	}
	var out []BlankProfile
	for _, id := range ids {
		p, ok := byID[id]
		if !ok {
			continue
		}
		var blank []string
		for _, f := range score.BlankFactors(p) {
			if w.Weight(f) > 0 {
				blank = append(blank, f)
			}
		}
		if len(blank) > 0 {
			out = append(out, BlankProfile{MenteeID: p.ID, MenteeName: p.Name, Factors: blank})
		}
	}
	slices.SortFunc(out, func(a, b BlankProfile) int {
		return cmp.Or(cmp.Compare(people.FoldName(a.MenteeName), people.FoldName(b.MenteeName)), cmp.Compare(a.MenteeID, b.MenteeID))
	})
	return out, nil
}
