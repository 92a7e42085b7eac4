package mentorships

import (
	"context"
	"fmt"

	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/mail"
	"github.com/kindredhq/kindred/internal/people"
	"github.com/kindredhq/kindred/internal/programs"
)

// mailNewPairs writes, in tx, the mails of a publish: to both people of
// each pair of run runID that the cycle's published run (if any) does not
// already hold, so a re-publish that keeps a pair does not tell them again.
func (s *Store) mailNewPairs(ctx context.Context, tx db.Querier, programID, cycleID, runID string) error {
	if s.mail == nil {
		return nil
	}
	type pair struct{ mentor, mentee string }
	var pairs []pair
	err := db.EachRow(ctx, tx, func(sc db.Scanner) error {
		var p pair
		err := sc.Scan(&p.mentor, &p.mentee)
		pairs = append(pairs, p)
		return err
	}, `SELECT n.mentor_id, n.mentee_id FROM match_pairs n
		WHERE n.run_id = ? AND NOT EXISTS (
			SELECT 1 FROM match_pairs o JOIN match_runs r ON r.id = o.run_id
			WHERE r.cycle_id = ? AND r.status = ? AND o.mentor_id = n.mentor_id AND o.mentee_id = n.mentee_id)
		ORDER BY n.mentee_id`, runID, cycleID, StatusPublished)
	if err != nil || len(pairs) == 0 {
		return err
	}
	label, err := programs.LabelOf(ctx, tx, cycleID)
	if err != nil {
		return err
	}
	ids := make([]string, 0, 2*len(pairs))
	for _, p := range pairs {
		ids = append(ids, p.mentor, p.mentee)
	}
	names, err := people.Names(ctx, tx, ids)
	if err != nil {
		return err
	}
	now := s.now()
	path := "/programs/" + programID + "/cycles/" + cycleID + "/matching"
	for _, p := range pairs {
		for _, m := range []struct{ to, role, other, otherRole string }{
			{p.mentor, "mentor", p.mentee, "mentee"},
			{p.mentee, "mentee", p.mentor, "mentor"},
		} {
			err := s.mail.Enqueue(ctx, tx, now, mail.Matched, m.to, mail.MatchedData{Role: m.role, Other: names[m.other], OtherRole: m.otherRole,
				Program: label.ProgramName, Cycle: label.CycleName, Path: path})
			if err != nil {
				return fmt.Errorf("mail the pair of %s: %w", p.mentee, err)
			}
		}
	}
	return nil
}

// rematchData is what the mails about request r say.
func rematchData(ctx context.Context, tx db.Querier, r RematchRequest) (mail.RematchData, error) {
	label, err := programs.LabelOf(ctx, tx, r.CycleID)
	if err != nil {
		return mail.RematchData{}, err
	}
	return mail.RematchData{Asker: r.PersonName, Mentor: r.MentorName, Mentee: r.MenteeName, Reason: r.Reason,
		Rematched: r.Status == RequestRematched, Program: label.ProgramName, Cycle: label.CycleName,
		Path: "/programs/" + r.ProgramID + "/cycles/" + r.CycleID + "/matching"}, nil
}

// mailRematchRequested writes, in tx, the mail of request r to every
// active program manager.
func (s *Store) mailRematchRequested(ctx context.Context, tx db.Querier, r RematchRequest) error {
	if s.mail == nil {
		return nil
	}
	admins, err := people.ActiveAdmins(ctx, tx)
	if err != nil {
		return err
	}
	return s.mailRematch(ctx, tx, r, mail.RematchRequested, admins...)
}

// mailRematchResolved writes, in tx, the answer to request r to whoever
// asked.
func (s *Store) mailRematchResolved(ctx context.Context, tx db.Querier, r RematchRequest) error {
	return s.mailRematch(ctx, tx, r, mail.RematchResolved, r.PersonID)
}

// mailRematch writes, in tx, the mail of kind about request r to each of
// the people to.
func (s *Store) mailRematch(ctx context.Context, tx db.Querier, r RematchRequest, kind mail.Kind, to ...string) error {
	if s.mail == nil || len(to) == 0 {
		return nil
	}
	data, err := rematchData(ctx, tx, r)
	if err != nil {
		return err
	}
	for _, id := range to {
		if err := s.mail.Enqueue(ctx, tx, s.now(), kind, id, data); err != nil {
			return err
		}
	}
	return nil
}
