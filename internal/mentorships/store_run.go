package mentorships

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/errs"
	"github.com/kindredhq/kindred/internal/people"
	"github.com/kindredhq/kindred/internal/programs"
)

// Run runs matching for cycle cycleID of program programID under the
// cycle's locks, exclusions and availability, and stores the result as a
// new draft, the cycle's latest run. Once a run is published, every
// published pair that still holds is kept, unless o.Reoptimize asks to
// re-optimize everyone. A re-run starts warm from the run before. A cycle
// that has ended or is archived, or a program that offers no 1:1
// mentoring, is refused (programs.CheckActive). A missing program or cycle
// is NotFound; bad options are Invalid on field "objective" or
// "min_score"; a lock that cannot hold is Invalid, naming the pair.
func (s *Store) Run(ctx context.Context, programID, cycleID string, o RunOptions) (Run, error) {
	trigger, keep := TriggerReoptimize, []IDPair(nil)
	if !o.Reoptimize {
		var err error
		trigger = TriggerRun
		if keep, err = publishedPairs(ctx, s.db.Read(), cycleID); err != nil {
			return Run{}, fmt.Errorf("run matching for cycle %s: read published pairs: %w", cycleID, err)
		}
	}
	run, err := s.runWith(ctx, programID, cycleID, o, trigger, true, nil, keep, nil)
	if err != nil {
		return Run{}, fmt.Errorf("run matching for cycle %s: %w", cycleID, err)
	}
	return run, nil
}

// runWith is every kind of run: it reads the cycle's rules, lets change
// adjust them in memory, solves with keep held in place, and stores the
// draft; then, in the same transaction, after(tx, runID) records what the
// run was for (new locks, a resolved request). With checkActive, an
// ended or archived cycle, or a program without 1:1 mentoring, is refused
// (programs.CheckActive) on the program and cycle read here.
func (s *Store) runWith(ctx context.Context, programID, cycleID string, o RunOptions, trigger string, checkActive bool,
	change func(*rules), keep []IDPair, after func(tx db.Querier, runID string) error) (Run, error) {
	p, c, err := s.cycleOf(ctx, programID, cycleID)
	if err != nil {
		return Run{}, err
	}
	if checkActive {
		if err := programs.CheckActive(p, c, programs.UseMatching, s.now()); err != nil {
			return Run{}, err
		}
	}
	if _, err := checkOptions(o); err != nil {
		return Run{}, err
	}
	r, err := s.loadRules(ctx, c.ID)
	if err != nil {
		return Run{}, err
	}
	if change != nil {
		change(&r)
	}
	co, err := s.loadCohort(ctx, p, c, r, keep, o.MinScore)
	if err != nil {
		return Run{}, err
	}
	prev, err := s.prevRun(ctx, c.ID)
	if err != nil {
		return Run{}, err
	}
	out, err := s.solve(co, o, prev)
	if err != nil {
		return Run{}, err
	}
	return s.save(ctx, out, trigger, o, after)
}

// prevRun reads the cycle's latest run as a warm start, or nil.
func (s *Store) prevRun(ctx context.Context, cycleID string) (*prevRun, error) {
	q := s.db.Read()
	var id string
	pr := &prevRun{prices: map[string]int64{}}
	err := q.QueryRowContext(ctx, "SELECT id, bonus FROM match_runs WHERE cycle_id = ? ORDER BY seq DESC LIMIT 1", cycleID).Scan(&id, &pr.bonus)
	if err == sql.ErrNoRows {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read the previous run: %w", err)
	}
	if pr.pairs, err = idPairs(ctx, q, "SELECT mentor_id, mentee_id FROM match_pairs WHERE run_id = ?", id); err != nil {
		return nil, fmt.Errorf("read the previous run: %w", err)
	}
	err = db.EachRow(ctx, q, func(sc db.Scanner) error {
		var m string
		var price int64
		err := sc.Scan(&m, &price)
		pr.prices[m] = price
		return err
	}, "SELECT mentor_id, price FROM match_run_mentors WHERE run_id = ?", id)
	if err != nil {
		return nil, fmt.Errorf("read the previous run: %w", err)
	}
	return pr, nil
}

// save stores a solved run as the cycle's newest draft.
func (s *Store) save(ctx context.Context, out *outcome, trigger string, o RunOptions, after func(tx db.Querier, runID string) error) (Run, error) {
	co, res, t := out.co, out.result, out.totals
	id := db.NewID(runPrefix)
	now := s.now()
	pairRows := make([][]any, len(res.Pairs))
	for k, a := range res.Pairs {
		factors, err := json.Marshal(out.factors[k])
		if err != nil {
			return Run{}, fmt.Errorf("encode factors: %w", err)
		}
		pairRows[k] = []any{id, co.mentees[a.Mentee].ID, co.mentors[a.Mentor].ID, a.Score, out.locked[a.Mentee], string(factors)}
	}
	taken := make([]int, len(co.mentors))
	for _, a := range res.Pairs {
		taken[a.Mentor]++
	}
	mentorRows := make([][]any, len(co.mentors))
	for j, m := range co.mentors {
		var price int64
		if j < len(res.Certificate.MentorPrice) {
			price = res.Certificate.MentorPrice[j]
		}
		mentorRows[j] = []any{id, m.ID, co.capacity[j], taken[j], price}
	}
	blocking, err := json.Marshal(out.blocking)
	if err != nil {
		return Run{}, fmt.Errorf("encode blocking pairs: %w", err)
	}
	if out.blocking == nil {
		blocking = []byte("[]")
	}
	unmatchedRows := make([][]any, len(out.unmatched))
	for k, u := range out.unmatched {
		rules, err := json.Marshal(u.Rules)
		if err != nil {
			return Run{}, fmt.Errorf("encode rules: %w", err)
		}
		unmatchedRows[k] = []any{id, u.MenteeID, u.Reason, string(rules)}
	}
	var run Run
	err = s.db.Tx(ctx, func(tx db.Querier) error {
		var seq int
		var parent sql.NullString
		err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(seq), 0) + 1, (SELECT id FROM match_runs WHERE cycle_id = ? ORDER BY seq DESC LIMIT 1)
			FROM match_runs WHERE cycle_id = ?`, co.cycle.ID, co.cycle.ID).Scan(&seq, &parent)
		if err != nil {
			return fmt.Errorf("number the run: %w", err)
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO match_runs (id, program_id, cycle_id, seq, status, parent_id, trigger_kind,
			objective, min_score, mentees, mentors, seats, matched, total_score, optimal, pruned, candidates, bonus, millis,
			created_by, created_at, blocking, blocking_examples) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			id, co.program.ID, co.cycle.ID, seq, StatusDraft, parent, trigger, out.objective.String(), out.minScore,
			t.Mentees, t.Mentors, t.Seats, t.Matched, t.TotalScore, t.Optimal, t.Pruned, t.Candidates,
			res.Certificate.Bonus, t.Millis, db.NullString(o.AdminID), now, t.Blocking, string(blocking))
		if errs.Is(err, errs.Conflict) {
			return errs.Wrap(errs.Conflict, err, "another run of this cycle finished meanwhile; reload and run again")
		}
		if err != nil {
			return fmt.Errorf("store the run: %w", err)
		}
		if err := db.InsertRows(ctx, tx, "match_run_mentors", []string{"run_id", "mentor_id", "capacity", "taken", "price"}, mentorRows); err != nil {
			return err
		}
		if err := db.InsertRows(ctx, tx, "match_pairs", []string{"run_id", "mentee_id", "mentor_id", "score", "locked", "factors"}, pairRows); err != nil {
			return err
		}
		if err := db.InsertRows(ctx, tx, "match_unmatched", []string{"run_id", "mentee_id", "reason", "rules"}, unmatchedRows); err != nil {
			return err
		}
		if after != nil {
			if err := after(tx, id); err != nil {
				return err
			}
		}
		run, err = getRun(ctx, tx, co.program.ID, co.cycle.ID, id)
		return err
	})
	if err != nil {
		return Run{}, err
	}
	return run, nil
}

const runSelect = `SELECT r.id, r.program_id, r.cycle_id, r.seq, r.status, COALESCE(r.parent_id, ''), r.trigger_kind,
	r.objective, r.min_score, r.mentees, r.mentors, r.seats, r.matched, r.total_score, r.optimal, r.pruned, r.candidates,
	r.millis, COALESCE(r.created_by, ''), r.created_at, COALESCE(r.published_by, ''), r.published_at,
	COALESCE(p.total_score, 0), COALESCE(p.matched, 0), r.blocking, r.blocking_examples
	FROM match_runs r
	LEFT JOIN match_runs p ON p.id = r.parent_id`

func scanRun(sc db.Scanner) (Run, error) {
	var r Run
	var published sql.NullTime
	var blocking string
	err := sc.Scan(&r.ID, &r.ProgramID, &r.CycleID, &r.Seq, &r.Status, &r.ParentID, &r.Trigger,
		&r.Objective, &r.MinScore, &r.Mentees, &r.Mentors, &r.Seats, &r.Matched, &r.TotalScore, &r.Optimal, &r.Pruned, &r.Candidates,
		&r.Millis, &r.CreatedBy, &r.CreatedAt, &r.PublishedBy, &published,
		&r.ParentTotal, &r.ParentMatch, &r.Blocking, &blocking)
	if err != nil {
		return Run{}, err
	}
	r.CreatedAt = r.CreatedAt.UTC()
	r.PublishedAt = db.TimePtr(published)
	if err := json.Unmarshal([]byte(blocking), &r.BlockingExamples); err != nil {
		return Run{}, fmt.Errorf("read the blocking pairs of run %s: %w", r.ID, err)
	}
	return r, nil
}

// label fills in the runs' program and cycle names and dates, which the
// programs package keeps; runs are of one cycle.
func label(ctx context.Context, q db.Querier, runs ...*Run) error {
	if len(runs) == 0 {
		return nil
	}
	l, err := programs.LabelOf(ctx, q, runs[0].CycleID)
	if err != nil {
		return err
	}
	for _, r := range runs {
		r.ProgramName, r.CycleName, r.CycleStarts, r.CycleEndsOn = l.ProgramName, l.CycleName, l.StartsOn, l.EndsOn
	}
	return nil
}

// scanRunLabeled scans one run and labels it.
func scanRunLabeled(ctx context.Context, q db.Querier, query string, args ...any) (Run, error) {
	r, err := scanRun(q.QueryRowContext(ctx, query, args...))
	if err != nil {
		return Run{}, err
	}
	return r, label(ctx, q, &r)
}

func getRun(ctx context.Context, q db.Querier, programID, cycleID, runID string) (Run, error) {
	r, err := scanRunLabeled(ctx, q, runSelect+" WHERE r.id = ? AND r.cycle_id = ? AND r.program_id = ?", runID, cycleID, programID)
	return r, db.NotFound(err, "no such match run in this cycle")
}

// GetRun returns run runID of the cycle. A run of another cycle is
// NotFound.
func (s *Store) GetRun(ctx context.Context, programID, cycleID, runID string) (Run, error) {
	r, err := getRun(ctx, s.db.Read(), programID, cycleID, runID)
	if err != nil {
		return Run{}, fmt.Errorf("get run %s: %w", runID, err)
	}
	return r, nil
}

// Overview is a cycle's matching at a glance: its latest run (the current
// draft, unless it is the published one) and its published run.
type Overview struct {
	Latest    *Run // nil before the first run
	Published *Run // nil until a run is published
	Runs      int  // runs so far
}

// Draft returns the latest run if it is a draft, or nil.
func (o Overview) Draft() *Run {
	if o.Latest != nil && o.Latest.Status == StatusDraft {
		return o.Latest
	}
	return nil
}

// Overview returns the cycle's latest and published runs. A missing
// program or cycle is NotFound.
func (s *Store) Overview(ctx context.Context, programID, cycleID string) (Overview, error) {
	if _, _, err := s.cycleOf(ctx, programID, cycleID); err != nil {
		return Overview{}, fmt.Errorf("matching of cycle %s: %w", cycleID, err)
	}
	q := s.db.Read()
	var o Overview
	latest, err := scanRunLabeled(ctx, q, runSelect+" WHERE r.cycle_id = ? ORDER BY r.seq DESC LIMIT 1", cycleID)
	switch {
	case err == sql.ErrNoRows:
		return o, nil
	case err != nil:
		return Overview{}, fmt.Errorf("matching of cycle %s: %w", cycleID, err)
	}
	o.Latest, o.Runs = &latest, latest.Seq
	pub, err := publishedRun(ctx, q, cycleID)
	if err != nil && !errs.Is(err, errs.NotFound) {
		return Overview{}, fmt.Errorf("matching of cycle %s: %w", cycleID, err)
	}
	if err == nil {
		o.Published = &pub
	}
	return o, nil
}

func publishedRun(ctx context.Context, q db.Querier, cycleID string) (Run, error) {
	r, err := scanRunLabeled(ctx, q, runSelect+" WHERE r.cycle_id = ? AND r.status = ?", cycleID, StatusPublished)
	return r, db.NotFound(err, "this cycle has no published matches yet")
}

// Published returns the cycle's published run: its totals are what a
// sponsor sees. A cycle with nothing published is NotFound.
func (s *Store) Published(ctx context.Context, programID, cycleID string) (Run, error) {
	if _, _, err := s.cycleOf(ctx, programID, cycleID); err != nil {
		return Run{}, fmt.Errorf("published matches of cycle %s: %w", cycleID, err)
	}
	r, err := publishedRun(ctx, s.db.Read(), cycleID)
	if err != nil {
		return Run{}, fmt.Errorf("published matches of cycle %s: %w", cycleID, err)
	}
	return r, nil
}

// Publish makes draft runID the cycle's published matches; the run
// published before, if any, is superseded. Only the cycle's latest run may
// be published, so that what a program manager reviewed is what people
// see: an older or already published run is a Conflict. A run of another
// cycle is NotFound.
func (s *Store) Publish(ctx context.Context, programID, cycleID, runID, adminID string) (Run, error) {
	var out Run
	err := s.db.Tx(ctx, func(tx db.Querier) error {
		r, err := getRun(ctx, tx, programID, cycleID, runID)
		if err != nil {
			return err
		}
		if r.Status != StatusDraft {
			return errs.E(errs.Conflict, "run %d is %s, not a draft", r.Seq, r.Status)
		}
		var last int
		if err := tx.QueryRowContext(ctx, "SELECT MAX(seq) FROM match_runs WHERE cycle_id = ?", cycleID).Scan(&last); err != nil {
			return err
		}
		if r.Seq != last {
			return errs.E(errs.Conflict, "run %d is not the latest: review run %d and publish that", r.Seq, last)
		}
		if err := s.mailNewPairs(ctx, tx, programID, cycleID, r.ID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE match_runs SET status = ? WHERE cycle_id = ? AND status = ?",
			StatusSuperseded, cycleID, StatusPublished); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE match_runs SET status = ?, published_by = ?, published_at = ? WHERE id = ?",
			StatusPublished, db.NullString(adminID), s.now(), r.ID); err != nil {
			return err
		}
		out, err = getRun(ctx, tx, programID, cycleID, r.ID)
		return err
	})
	if err != nil {
		return Run{}, fmt.Errorf("publish run %s: %w", runID, err)
	}
	return out, nil
}

// Page bounds a list: at most Limit items (1..MaxPage; 0 means MaxPage)
// after skipping Offset.
type Page struct {
	Limit, Offset int
}

// MaxPage is the largest page of pairs or unmatched mentees one read
// returns.
const MaxPage = 1000

func (p Page) bounds() (int, int, error) {
	f := errs.Fields{}
	if p.Limit < 0 || p.Limit > MaxPage {
		f.Add("limit", "must be from 1 to %d", MaxPage)
	}
	if p.Offset < 0 {
		f.Add("offset", "must not be negative")
	}
	if p.Limit == 0 {
		p.Limit = MaxPage
	}
	return p.Limit, p.Offset, f.Err()
}

// pairSelect reads pairs with the names of their people, joined through
// people's NameJoin.
var pairSelect = `SELECT mp.run_id, mp.mentor_id, ` + people.NameColumn("mo") + `, mp.mentee_id, ` + people.NameColumn("me") +
	`, mp.score, mp.locked, mp.factors FROM match_pairs mp ` + people.NameJoin("mo", "mp.mentor_id") + " " + people.NameJoin("me", "mp.mentee_id")

// queryPairs reads the pairs of pairSelect + rest (conditions, order,
// limit) with args.
func queryPairs(ctx context.Context, q db.Querier, rest string, args ...any) ([]Pair, error) {
	return db.QueryAll(ctx, q, func(sc db.Scanner) (Pair, error) {
		var p Pair
		var factors string
		if err := sc.Scan(&p.RunID, &p.MentorID, &p.MentorName, &p.MenteeID, &p.MenteeName, &p.Score, &p.Locked, &factors); err != nil {
			return p, err
		}
		if err := json.Unmarshal([]byte(factors), &p.Factors); err != nil {
			return p, fmt.Errorf("read the factors of %s and %s: %w", p.MentorID, p.MenteeID, err)
		}
		return p, nil
	}, pairSelect+rest, args...)
}

// runPage checks a page and that the run is the cycle's, and returns the
// reader to page through it with.
func (s *Store) runPage(ctx context.Context, programID, cycleID, runID string, pg Page) (db.Querier, int, int, error) {
	limit, offset, err := pg.bounds()
	if err != nil {
		return nil, 0, 0, err
	}
	q := s.db.Read()
	if _, err := getRun(ctx, q, programID, cycleID, runID); err != nil {
		return nil, 0, 0, err
	}
	return q, limit, offset, nil
}

// Pairs returns a page of run runID's pairs, by mentor name and then
// mentee name. A run of another cycle is NotFound.
func (s *Store) Pairs(ctx context.Context, programID, cycleID, runID string, pg Page) ([]Pair, error) {
	q, limit, offset, err := s.runPage(ctx, programID, cycleID, runID, pg)
	if err != nil {
		return nil, fmt.Errorf("pairs of run %s: %w", runID, err)
	}
	out, err := queryPairs(ctx, q, " WHERE mp.run_id = ? ORDER BY "+people.NameKey("mo")+", mp.mentor_id, "+
		people.NameKey("me")+", mp.mentee_id LIMIT ? OFFSET ?", runID, limit, offset)
	if err != nil {
		return nil, fmt.Errorf("pairs of run %s: %w", runID, err)
	}
	return out, nil
}

// FindPairs returns up to limit (1..MaxPage) of run runID's pairs whose
// mentee's name, email or employee id holds every word of q, by mentee
// name: the choices of a form that names a mentee of the run, among all
// its pairs rather than one page of them. A run of another cycle is
// NotFound.
func (s *Store) FindPairs(ctx context.Context, programID, cycleID, runID, q string, limit int) ([]Pair, error) {
	rq, limit, _, err := s.runPage(ctx, programID, cycleID, runID, Page{Limit: max(limit, 1)})
	if err != nil {
		return nil, fmt.Errorf("find pairs of run %s: %w", runID, err)
	}
	cond, args := people.NameMatch("me", q)
	out, err := queryPairs(ctx, rq, " WHERE mp.run_id = ? AND "+cond+" ORDER BY "+people.NameKey("me")+", mp.mentee_id LIMIT ?",
		append(append([]any{runID}, args...), limit)...)
	if err != nil {
		return nil, fmt.Errorf("find pairs of run %s: %w", runID, err)
	}
	return out, nil
}

// UnmatchedOf returns a page of the mentees run runID left without a
// mentor, by name, with why. A run of another cycle is NotFound.
func (s *Store) UnmatchedOf(ctx context.Context, programID, cycleID, runID string, pg Page) ([]Unmatched, error) {
	q, limit, offset, err := s.runPage(ctx, programID, cycleID, runID, pg)
	if err != nil {
		return nil, fmt.Errorf("unmatched of run %s: %w", runID, err)
	}
	rows, err := q.QueryContext(ctx, "SELECT u.run_id, u.mentee_id, "+people.NameColumn("p")+", u.reason, u.rules FROM match_unmatched u "+
		people.NameJoin("p", "u.mentee_id")+" WHERE u.run_id = ? ORDER BY "+people.NameKey("p")+", u.mentee_id LIMIT ? OFFSET ?", runID, limit, offset)
	if err != nil {
		return nil, fmt.Errorf("unmatched of run %s: %w", runID, err)
	}
	defer rows.Close()
	var out []Unmatched
	for rows.Next() {
		var u Unmatched
		var rules string
		if err := rows.Scan(&u.RunID, &u.MenteeID, &u.MenteeName, &u.Reason, &rules); err != nil {
			return nil, fmt.Errorf("unmatched of run %s: %w", runID, err)
		}
		if err := json.Unmarshal([]byte(rules), &u.Rules); err != nil {
			return nil, fmt.Errorf("unmatched of run %s: %w", runID, err)
		}
		out = append(out, u)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("unmatched of run %s: %w", runID, err)
	}
	return out, nil
}

// pairOf returns the pair of mentee menteeID in run runID.
func pairOf(ctx context.Context, q db.Querier, runID, menteeID string) (Pair, error) {
	ps, err := queryPairs(ctx, q, " WHERE mp.run_id = ? AND mp.mentee_id = ?", runID, menteeID)
	if err != nil {
		return Pair{}, err
	}
	return db.First(ps, "no pair")
}

// Swap swaps the mentors of two mentees of the cycle's latest run: each is
// locked to the other's mentor, and matching runs again, so the new draft
// shows what the swap did to the total. Mentees without a mentor in the
// latest run, or with the same mentor, are Invalid on field "mentee_a" or
// "mentee_b"; a swapped pair that breaks a hard rule is Invalid, naming it.
func (s *Store) Swap(ctx context.Context, programID, cycleID, menteeA, menteeB, adminID string) (Run, error) {
	ov, err := s.Overview(ctx, programID, cycleID)
	if err != nil {
		return Run{}, err
	}
	if ov.Latest == nil {
		return Run{}, errs.E(errs.Invalid, "run matching before swapping mentees")
	}
	latest := ov.Latest
	q := s.db.Read()
	pa, err := s.swapSide(ctx, q, latest.ID, menteeA, "mentee_a")
	if err != nil {
		return Run{}, err
	}
	pb, err := s.swapSide(ctx, q, latest.ID, menteeB, "mentee_b")
	if err != nil {
		return Run{}, err
	}
	if pa.MenteeID == pb.MenteeID {
		return Run{}, errs.Field("mentee_b", "%s cannot swap mentors with themselves: choose another mentee", pa.MenteeName)
	}
	if pa.MentorID == pb.MentorID {
		return Run{}, errs.Field("mentee_b", "%s and %s both have %s as their mentor: choose a mentee with another mentor", pa.MenteeName, pb.MenteeName, pa.MentorName)
	}
	newLocks := []IDPair{{MentorID: pb.MentorID, MenteeID: pa.MenteeID}, {MentorID: pa.MentorID, MenteeID: pb.MenteeID}}
	change := func(r *rules) {
		var kept []IDPair
		for _, l := range r.locks {
			if l.MenteeID != pa.MenteeID && l.MenteeID != pb.MenteeID {
				kept = append(kept, l)
			}
		}
		r.locks = append(kept, newLocks...)
	}
	after := func(tx db.Querier, _ string) error {
		if _, err := tx.ExecContext(ctx, "DELETE FROM match_locks WHERE cycle_id = ? AND mentee_id IN (?, ?)", cycleID, pa.MenteeID, pb.MenteeID); err != nil {
			return err
		}
		for _, l := range newLocks {
			if _, err := tx.ExecContext(ctx, "INSERT INTO match_locks (cycle_id, mentee_id, mentor_id, created_by, created_at) VALUES (?, ?, ?, ?, ?)",
				cycleID, l.MenteeID, l.MentorID, db.NullString(adminID), s.now()); err != nil {
				return err
			}
		}
		return nil
	}
	// Everyone else keeps their mentor of the latest run: a swap moves
	// the two mentees only.
	others, err := idPairs(ctx, q, "SELECT mentor_id, mentee_id FROM match_pairs WHERE run_id = ? AND mentee_id NOT IN (?, ?) ORDER BY mentee_id",
		latest.ID, pa.MenteeID, pb.MenteeID)
	if err != nil {
		return Run{}, fmt.Errorf("read the pairs of run %d: %w", latest.Seq, err)
	}
	o := RunOptions{Objective: latest.Objective, MinScore: latest.MinScore, AdminID: adminID}
	run, err := s.runWith(ctx, programID, cycleID, o, TriggerSwap, false, change, others, after)
	if err != nil {
		return Run{}, fmt.Errorf("swap the mentors of %s and %s: %w", pa.MenteeName, pb.MenteeName, err)
	}
	return run, nil
}

func (s *Store) swapSide(ctx context.Context, q db.Querier, runID, menteeID, field string) (Pair, error) {
	if menteeID == "" {
		return Pair{}, errs.Field(field, "choose a mentee")
	}
	p, err := pairOf(ctx, q, runID, menteeID)
	if errs.Is(err, errs.NotFound) {
		return Pair{}, errs.Field(field, "%s has no mentor in the latest run", menteeID)
	}
	if err != nil {
		return Pair{}, fmt.Errorf("read the pair of %s: %w", menteeID, err)
	}
	return p, nil
}

// Runs returns every run of the cycle, latest first: the audit trail of
// drafts, the published run and superseded ones.
func (s *Store) Runs(ctx context.Context, programID, cycleID string) ([]Run, error) {
	if _, _, err := s.cycleOf(ctx, programID, cycleID); err != nil {
		return nil, fmt.Errorf("runs of cycle %s: %w", cycleID, err)
	}
	rows, err := s.db.Read().QueryContext(ctx, runSelect+" WHERE r.cycle_id = ? ORDER BY r.seq DESC", cycleID)
	if err != nil {
		return nil, fmt.Errorf("runs of cycle %s: %w", cycleID, err)
	}
	defer rows.Close()
	var out []Run
	for rows.Next() {
		r, err := scanRun(rows)
		if err != nil {
			return nil, fmt.Errorf("runs of cycle %s: %w", cycleID, err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("runs of cycle %s: %w", cycleID, err)
	}
	runs := make([]*Run, len(out))
	for k := range out {
		runs[k] = &out[k]
	}
	if err := label(ctx, s.db.Read(), runs...); err != nil {
		return nil, fmt.Errorf("runs of cycle %s: %w", cycleID, err)
	}
	return out, nil
}
