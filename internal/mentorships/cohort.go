package mentorships

import (
	"context"
	"fmt"
	"time"

	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/matching/score"
	"github.com/kindredhq/kindred/internal/people"
	"github.com/kindredhq/kindred/internal/person"
	"github.com/kindredhq/kindred/internal/programs"
)

// rules are the program manager's decisions about a cycle that a run
// honors: locks, exclusions, and the mentors who take no new mentees.
type rules struct {
	locks       []IDPair
	exclusions  []IDPair
	unavailable map[string]bool
}

// cohort is what one run needs: the cycle's people in a fixed order, their
// capacities in this run, and a scorer over them.
type cohort struct {
	program  programs.Program
	cycle    programs.Cycle
	rules    rules
	mentors  []person.Person // approved, active, in enrollment order
	mentees  []person.Person
	mentorAt map[string]int32
	menteeAt map[string]int32
	capacity []int32 // seats per mentor in this run
	// keep are pairs held in place for this run only: an unavailable
	// mentor's published mentees, or every other published pair when one
	// pair is re-matched.
	keep   []IDPair
	scorer *score.Scorer
}

// loadRules reads the cycle's locks, exclusions and unavailable mentors.
func (s *Store) loadRules(ctx context.Context, cycleID string) (rules, error) {
	q := s.db.Read()
	r := rules{unavailable: map[string]bool{}}
	var err error
	if r.locks, err = idPairs(ctx, q, "SELECT mentor_id, mentee_id FROM match_locks WHERE cycle_id = ? ORDER BY mentee_id", cycleID); err != nil {
		return rules{}, fmt.Errorf("read locks: %w", err)
	}
	if r.exclusions, err = idPairs(ctx, q, "SELECT mentor_id, mentee_id FROM match_exclusions WHERE cycle_id = ? ORDER BY mentor_id, mentee_id", cycleID); err != nil {
		return rules{}, fmt.Errorf("read exclusions: %w", err)
	}
	rows, err := q.QueryContext(ctx, "SELECT person_id FROM match_unavailable WHERE cycle_id = ?", cycleID)
	if err != nil {
		return rules{}, fmt.Errorf("read availability: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return rules{}, fmt.Errorf("read availability: %w", err)
		}
		r.unavailable[id] = true
	}
	return r, rows.Err()
}

// idPairs reads (mentor, mentee) rows.
func idPairs(ctx context.Context, q db.Querier, query string, args ...any) ([]IDPair, error) {
	return db.QueryAll(ctx, q, func(sc db.Scanner) (IDPair, error) {
		var p IDPair
		err := sc.Scan(&p.MentorID, &p.MenteeID)
		return p, err
	}, query, args...)
}

// publishedPairs returns the pairs of the cycle's published run, or none.
func publishedPairs(ctx context.Context, q db.Querier, cycleID string) ([]IDPair, error) {
	return idPairs(ctx, q, `SELECT mp.mentor_id, mp.mentee_id FROM match_pairs mp JOIN match_runs r ON r.id = mp.run_id
		WHERE r.cycle_id = ? AND r.status = ? ORDER BY mp.mentee_id`, cycleID, StatusPublished)
}

// history returns the pairs published in the program's cycles that
// started before this one.
func history(ctx context.Context, q db.Querier, c programs.Cycle) (*score.History, error) {
	h := &score.History{}
	earlier, err := programs.EarlierCycleIDs(ctx, q, c)
	if err != nil || len(earlier) == 0 {
		return h, err
	}
	args := []any{c.ProgramID, StatusPublished}
	for _, id := range earlier {
		args = append(args, id)
	}
	ps, err := idPairs(ctx, q, `SELECT mp.mentor_id, mp.mentee_id FROM match_pairs mp JOIN match_runs r ON r.id = mp.run_id
		WHERE r.program_id = ? AND r.status = ? AND r.cycle_id IN (`+db.InClause(len(earlier))+`)`, args...)
	if err != nil {
		return nil, fmt.Errorf("read earlier cycles' pairs: %w", err)
	}
	for _, p := range ps {
		h.Add(p.MentorID, p.MenteeID)
	}
	return h, nil
}

// loadPeople returns the active people among ids, by id.
func (s *Store) loadPeople(ctx context.Context, ids []string) (map[string]person.Person, error) {
	list, err := s.people.GetMany(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("read the cohort's people: %w", err)
	}
	out := make(map[string]person.Person, len(ids))
	for _, p := range list {
		if p.Active {
			out[p.ID] = p
		}
	}
	return out, nil
}

// loadCohort reads the cycle's approved mentors and mentees and prepares
// them for scoring under r, with keep held in place for this run and
// candidate pairs scoring below minScore left out.
func (s *Store) loadCohort(ctx context.Context, p programs.Program, c programs.Cycle, r rules, keep []IDPair, minScore int) (*cohort, error) {
	q := s.db.Read()
	// The approved mentors and mentees, by person id: the index order of
	// the run, so the same cohort always gives the same problem.
	enrolled, err := programs.ApprovedPlacements(ctx, q, c.ID)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var ids []string
	for _, e := range enrolled {
		if !seen[e.PersonID] {
			seen[e.PersonID] = true
			ids = append(ids, e.PersonID)
		}
	}
	byID, err := s.loadPeople(ctx, ids)
	if err != nil {
		return nil, err
	}
	co := &cohort{program: p, cycle: c, rules: r, mentorAt: map[string]int32{}, menteeAt: map[string]int32{}}
	for _, e := range enrolled {
		person, ok := byID[e.PersonID]
		switch {
		case !ok:
		case e.Role == programs.RoleMentor:
			co.mentorAt[person.ID] = int32(len(co.mentors))
			co.mentors = append(co.mentors, person)
		default:
			co.menteeAt[person.ID] = int32(len(co.mentees))
			co.mentees = append(co.mentees, person)
		}
	}

	// An unavailable mentor keeps the mentees they have (their published
	// pairs and locks) and takes no new one.
	locked := map[string]bool{}
	for _, l := range r.locks {
		locked[l.MenteeID] = true
	}
	co.keep = keep
	if len(r.unavailable) > 0 {
		pub, err := publishedPairs(ctx, q, c.ID)
		if err != nil {
			return nil, fmt.Errorf("read published pairs: %w", err)
		}
		kept := map[string]bool{}
		for _, k := range keep {
			kept[k.MenteeID] = true
		}
		for _, pp := range pub {
			if r.unavailable[pp.MentorID] && !locked[pp.MenteeID] && !kept[pp.MenteeID] {
				co.keep = append(co.keep, pp)
				kept[pp.MenteeID] = true
			}
		}
	}
	co.capacity = make([]int32, len(co.mentors))
	held := map[string]int32{}
	for _, l := range append(append([]IDPair(nil), r.locks...), co.keep...) {
		held[l.MentorID]++
	}
	for j := range co.mentors {
		m := &co.mentors[j]
		if r.unavailable[m.ID] {
			m.Capacity = int(min(held[m.ID], int32(max(m.Capacity, 0))))
		}
		co.capacity[j] = int32(max(m.Capacity, 0))
	}

	h, err := history(ctx, q, c)
	if err != nil {
		return nil, err
	}
	chart, err := people.OrgChart(ctx, q)
	if err != nil {
		return nil, err
	}
	from, err := time.Parse(programs.DateLayout, c.StartsOn)
	if err != nil {
		return nil, fmt.Errorf("cycle %s starts on %q: %w", c.ID, c.StartsOn, err)
	}
	to, err := time.Parse(programs.DateLayout, c.EndsOn)
	if err != nil {
		return nil, fmt.Errorf("cycle %s ends on %q: %w", c.ID, c.EndsOn, err)
	}
	excl := make([]score.IDPair, len(r.exclusions))
	for k, x := range r.exclusions {
		excl[k] = score.IDPair{Mentor: x.MentorID, Mentee: x.MenteeID}
	}
	w, err := settings(ctx, q, p.ID)
	if err != nil {
		return nil, err
	}
	co.scorer, err = score.NewScorer(co.mentors, co.mentees, score.NewOrg(chart), h, w,
		score.Options{From: from, To: to, Exclusions: excl, MinScore: minScore, Workers: s.Workers})
	if err != nil {
		return nil, fmt.Errorf("prepare the cohort for scoring: %w", err)
	}
	return co, nil
}

// pairName names a pair for messages: "Mia Mentor and Max Mentee".
func (co *cohort) pairName(mentor, mentee int32) string {
	a, b := "a mentor", "a mentee"
	if mentor >= 0 && int(mentor) < len(co.mentors) {
		a = co.mentors[mentor].Name
	}
	if mentee >= 0 && int(mentee) < len(co.mentees) {
		b = co.mentees[mentee].Name
	}
	return a + " and " + b
}

// index returns the indices of a pair's people in the cohort, or ok false
// if either does not take part.
func (co *cohort) index(p IDPair) (mentor, mentee int32, ok bool) {
	j, okj := co.mentorAt[p.MentorID]
	i, oki := co.menteeAt[p.MenteeID]
	return j, i, okj && oki
}
