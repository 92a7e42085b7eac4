package mentorships

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/errs"
	"github.com/kindredhq/kindred/internal/people"
)

// maxReason bounds a re-match request's reason, in characters.
const maxReason = 2000

// RequestRematch records a participant's request to undo their published
// pair: a mentee's pair with their mentor, or a mentor's pair with the
// mentee named by MenteeID (which may be left out when they have one). The
// reason is required (field "reason"). A cycle with nothing published, or
// a person without a published pair in it, is Invalid; a second open
// request about the same pair is a Conflict. A missing cycle is NotFound.
func (s *Store) RequestRematch(ctx context.Context, in RematchInput) (RematchRequest, error) {
	in.Reason = strings.TrimSpace(in.Reason)
	in.MenteeID = strings.TrimSpace(in.MenteeID)
	f := errs.Fields{}
	switch {
	case in.Reason == "":
		f.Add("reason", "tell the program manager what is not working, so they can find a better match")
	case utf8.RuneCountInString(in.Reason) > maxReason:
		f.Add("reason", "is longer than %d characters", maxReason)
	}
	if err := f.Err(); err != nil {
		return RematchRequest{}, err
	}
	_, c, err := s.cycleOf(ctx, in.ProgramID, in.CycleID)
	if err != nil {
		return RematchRequest{}, fmt.Errorf("ask for a re-match: %w", err)
	}
	var out RematchRequest
	err = s.db.Tx(ctx, func(tx db.Querier) error {
		pub, err := publishedRun(ctx, tx, c.ID)
		if errs.Is(err, errs.NotFound) {
			return errs.E(errs.Invalid, "this cycle's matches are not published yet")
		}
		if err != nil {
			return err
		}
		pair, err := requestedPair(ctx, tx, pub.ID, in)
		if err != nil {
			return err
		}
		id := db.NewID(requestPrefix)
		_, err = tx.ExecContext(ctx, `INSERT INTO rematch_requests (id, program_id, cycle_id, person_id, mentor_id, mentee_id,
			reason, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			id, c.ProgramID, c.ID, in.PersonID, pair.MentorID, pair.MenteeID, in.Reason, RequestOpen, s.now())
		if errs.Is(err, errs.Conflict) {
			return &errs.Error{Kind: errs.Conflict, Field: "reason", Message: "a re-match of this pair was already asked for; a program manager will answer it", Err: err}
		}
		if err != nil {
			return err
		}
		if out, err = getRequest(ctx, tx, c.ID, id); err != nil {
			return err
		}
		return s.mailRematchRequested(ctx, tx, out)
	})
	if err != nil {
		return RematchRequest{}, fmt.Errorf("ask for a re-match in cycle %s: %w", in.CycleID, err)
	}
	return out, nil
}

// requestedPair finds the published pair a request is about: the person's
// own, as mentee or as the mentor of in.MenteeID.
func requestedPair(ctx context.Context, q db.Querier, runID string, in RematchInput) (IDPair, error) {
	if in.MenteeID == "" || in.MenteeID == in.PersonID {
		var mentor string
		err := q.QueryRowContext(ctx, "SELECT mentor_id FROM match_pairs WHERE run_id = ? AND mentee_id = ?", runID, in.PersonID).Scan(&mentor)
		if err == nil {
			return IDPair{MentorID: mentor, MenteeID: in.PersonID}, nil
		}
		if err != sql.ErrNoRows {
			return IDPair{}, err
		}
	}
	mine, err := idPairs(ctx, q, "SELECT mentor_id, mentee_id FROM match_pairs WHERE run_id = ? AND mentor_id = ? ORDER BY mentee_id", runID, in.PersonID)
	if err != nil {
		return IDPair{}, err
	}
	switch {
	case len(mine) == 0:
		return IDPair{}, errs.E(errs.Invalid, "you have no published match in this cycle to re-match")
	case in.MenteeID == "" && len(mine) == 1:
		return mine[0], nil
	case in.MenteeID == "":
		return IDPair{}, errs.Field("mentee_id", "choose which of your mentees the request is about")
	}
	for _, p := range mine {
		if p.MenteeID == in.MenteeID {
			return p, nil
		}
	}
	return IDPair{}, errs.Field("mentee_id", "is not one of your mentees in this cycle")
}

const requestSelect = `SELECT r.id, r.program_id, r.cycle_id, r.person_id, r.mentor_id, r.mentee_id,
	r.reason, r.status, r.created_at, COALESCE(r.resolved_by, ''), r.resolved_at, COALESCE(r.resolved_run_id, '')
	FROM rematch_requests r`

func queryRequests(ctx context.Context, q db.Querier, where string, args ...any) ([]RematchRequest, error) {
	out, err := db.QueryAll(ctx, q, func(sc db.Scanner) (RematchRequest, error) {
		var r RematchRequest
		var resolved sql.NullTime
		err := sc.Scan(&r.ID, &r.ProgramID, &r.CycleID, &r.PersonID, &r.MentorID,
			&r.MenteeID, &r.Reason, &r.Status, &r.CreatedAt, &r.ResolvedBy, &resolved, &r.ResolvedRunID)
		r.CreatedAt, r.ResolvedAt = r.CreatedAt.UTC(), db.TimePtr(resolved)
		return r, err
	}, requestSelect+" WHERE "+where+" ORDER BY r.created_at, r.id", args...)
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, r := range out {
		ids = append(ids, r.PersonID, r.MentorID, r.MenteeID)
	}
	names, err := people.Names(ctx, q, ids)
	if err != nil {
		return nil, err
	}
	for k := range out {
		r := &out[k]
		r.PersonName, r.MentorName, r.MenteeName = names[r.PersonID], names[r.MentorID], names[r.MenteeID]
	}
	return out, nil
}

func getRequest(ctx context.Context, q db.Querier, cycleID, id string) (RematchRequest, error) {
	rs, err := queryRequests(ctx, q, "r.id = ? AND r.cycle_id = ?", id, cycleID)
	if err != nil {
		return RematchRequest{}, err
	}
	return db.First(rs, "no such re-match request in this cycle")
}

// RematchRequests returns the cycle's re-match requests, oldest first:
// the open ones only if open is set.
func (s *Store) RematchRequests(ctx context.Context, programID, cycleID string, open bool) ([]RematchRequest, error) {
	if _, _, err := s.cycleOf(ctx, programID, cycleID); err != nil {
		return nil, fmt.Errorf("re-match requests of cycle %s: %w", cycleID, err)
	}
	where, args := "r.cycle_id = ?", []any{cycleID}
	if open {
		where += " AND r.status = ?"
		args = append(args, RequestOpen)
	}
	out, err := queryRequests(ctx, s.db.Read(), where, args...)
	if err != nil {
		return nil, fmt.Errorf("re-match requests of cycle %s: %w", cycleID, err)
	}
	return out, nil
}

// ResolveRematch answers an open re-match request. With rematch set, the
// pair is excluded from the cycle and matching runs again with every other
// published pair held in place, so only the people of that pair (and
// mentees nobody had) move; the new draft is returned for review and
// publication. Without it the request is dismissed. A request of another
// cycle is NotFound; one already answered is a Conflict.
func (s *Store) ResolveRematch(ctx context.Context, programID, cycleID, requestID, adminID string, rematch bool) (RematchRequest, *Run, error) {
	if _, _, err := s.cycleOf(ctx, programID, cycleID); err != nil {
		return RematchRequest{}, nil, fmt.Errorf("resolve re-match request %s: %w", requestID, err)
	}
	q := s.db.Read()
	req, err := getRequest(ctx, q, cycleID, requestID)
	if err != nil {
		return RematchRequest{}, nil, fmt.Errorf("resolve re-match request %s: %w", requestID, err)
	}
	if req.Status != RequestOpen {
		return RematchRequest{}, nil, errs.E(errs.Conflict, "this request is already %s", req.Status)
	}
	resolve := func(tx db.Querier, status, runID string) error {
		res, err := tx.ExecContext(ctx, `UPDATE rematch_requests SET status = ?, resolved_by = ?, resolved_at = ?, resolved_run_id = ?
			WHERE id = ? AND status = ?`, status, db.NullString(adminID), s.now(), db.NullString(runID), req.ID, RequestOpen)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return errs.E(errs.Conflict, "the request was answered meanwhile")
		}
		return nil
	}
	if !rematch {
		err := s.db.Tx(ctx, func(tx db.Querier) error {
			if err := resolve(tx, RequestDismissed, ""); err != nil {
				return err
			}
			if req, err = getRequest(ctx, tx, cycleID, req.ID); err != nil {
				return err
			}
			return s.mailRematchResolved(ctx, tx, req)
		})
		if err != nil {
			return RematchRequest{}, nil, fmt.Errorf("dismiss re-match request %s: %w", requestID, err)
		}
		return req, nil, nil
	}

	pair := IDPair{MentorID: req.MentorID, MenteeID: req.MenteeID}
	pub, err := publishedPairs(ctx, q, cycleID)
	if err != nil {
		return RematchRequest{}, nil, fmt.Errorf("resolve re-match request %s: %w", requestID, err)
	}
	var keep []IDPair
	for _, p := range pub {
		if p.MenteeID != pair.MenteeID {
			keep = append(keep, p)
		}
	}
	change := func(r *rules) {
		var locks []IDPair
		for _, l := range r.locks {
			if l != pair {
				locks = append(locks, l)
			}
		}
		r.locks = locks
		r.exclusions = append(r.exclusions, pair)
	}
	after := func(tx db.Querier, runID string) error {
		if _, err := tx.ExecContext(ctx, "DELETE FROM match_locks WHERE cycle_id = ? AND mentor_id = ? AND mentee_id = ?",
			cycleID, pair.MentorID, pair.MenteeID); err != nil {
			return err
		}
		if err := insertExclusion(ctx, tx, cycleID, pair, adminID, s.now()); err != nil {
			return err
		}
		if err := resolve(tx, RequestRematched, runID); err != nil {
			return err
		}
		var err error
		if req, err = getRequest(ctx, tx, cycleID, req.ID); err != nil {
			return err
		}
		return s.mailRematchResolved(ctx, tx, req)
	}
	o := RunOptions{AdminID: adminID}
	if latest, err := s.Overview(ctx, programID, cycleID); err == nil && latest.Latest != nil {
		o.Objective, o.MinScore = latest.Latest.Objective, latest.Latest.MinScore
	}
	run, err := s.runWith(ctx, programID, cycleID, o, TriggerRematch, false, change, keep, after)
	if err != nil {
		return RematchRequest{}, nil, fmt.Errorf("re-match %s and %s: %w", req.MentorName, req.MenteeName, err)
	}
	return req, &run, nil
}

// OpenRematchRequests returns up to limit (1..MaxPage) open re-match
// requests of every cycle, oldest first: the program managers' start page
// shows them beside each cycle's matching page.
func (s *Store) OpenRematchRequests(ctx context.Context, limit int) ([]RematchRequest, error) {
	limit, _, err := Page{Limit: max(limit, 1)}.bounds()
	if err != nil {
		return nil, fmt.Errorf("open re-match requests: %w", err)
	}
	out, err := queryRequests(ctx, s.db.Read(), "r.id IN (SELECT id FROM rematch_requests WHERE status = ? ORDER BY created_at, id LIMIT ?)",
		RequestOpen, limit)
	if err != nil {
		return nil, fmt.Errorf("open re-match requests: %w", err)
	}
	return out, nil
}
