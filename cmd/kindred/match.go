package main

import (
	"bytes"
	"cmp"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/kindredhq/kindred/internal/matching"
	"github.com/kindredhq/kindred/internal/matching/score"
	"github.com/kindredhq/kindred/internal/people"
)

const matchUsage = `usage:
  kindred match --people people.csv [--history pairs.csv] [--config weights.json]
                [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--k 20] [--candidates-out candidates.csv]
                --out matches.csv --summary summary.json [options]
  kindred match --mentors mentors.csv --scores scores.csv --out matches.csv --summary summary.json [options]
options: --objective participation|score, --min-score N, --locks FILE, --exclusions FILE, --stable
files: CSV with a header line; locks, exclusions and history are mentor_id,mentee_id`

// matchFlags are the settings of one kindred match run.
type matchFlags struct {
	people, history, config, mentors, scores string
	out, summary, candidatesOut              string
	locks, exclusions                        string
	objective                                matching.Objective
	minScore                                 int
	stable                                   bool
	k                                        int
	from, to                                 time.Time
}

// cmdMatch runs kindred match: files in, an optimal (or stable) matching
// and its summary out. Every input is checked before anything is
// written; on any error nothing is.
func cmdMatch(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	start := time.Now()
	f, err := parseMatchFlags(args, stderr)
	if err != nil {
		return err
	}
	prog := newProgress(stderr)
	defer prog.clear()
	var run *matchRun
	if f.people != "" {
		run, err = matchPeople(ctx, f, prog, stderr)
	} else {
		run, err = matchScores(ctx, f, prog)
	}
	if err != nil {
		return err
	}
	run.summary.Seconds = math.Round(time.Since(start).Seconds()*1000) / 1000
	summary, err := json.MarshalIndent(run.summary, "", "  ")
	if err != nil {
		return fmt.Errorf("match: summary: %w", err)
	}
	outputs := []output{{f.out, run.matches}, {f.summary, append(summary, '\n')}}
	if f.candidatesOut != "" {
		outputs = append(outputs, output{f.candidatesOut, run.candidates})
	}
	prog.clear()
	if err := writeOutputs(outputs); err != nil {
		return err
	}
	s := run.summary
	kind := "optimal"
	switch {
	case s.Stable:
		kind = "stable"
	case !s.Optimal:
		kind = "not proven optimal"
	}
	fmt.Fprintf(stdout, "matched %d of %d mentees with %d mentors: total score %d (%s, %s) in %.2fs\n",
		s.Matched, s.Mentees, s.Mentors, s.TotalScore, s.Objective, kind, s.Seconds)
	return nil
}

func parseMatchFlags(args []string, stderr io.Writer) (matchFlags, error) {
	var f matchFlags
	fs := newFlags("match", stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, matchUsage)
		fs.PrintDefaults()
	}
	fs.StringVar(&f.people, "people", "", "people in the import format, with role and capacity")
	fs.StringVar(&f.history, "history", "", "earlier pairs of the program: mentor_id,mentee_id")
	fs.StringVar(&f.config, "config", "", "the program's weights (JSON)")
	fs.StringVar(&f.mentors, "mentors", "", "mentors and capacities: id,capacity")
	fs.StringVar(&f.scores, "scores", "", "your own scores: mentor_id,mentee_id,score")
	fs.StringVar(&f.out, "out", "", "matches to write (CSV)")
	fs.StringVar(&f.summary, "summary", "", "summary to write (JSON)")
	fs.StringVar(&f.candidatesOut, "candidates-out", "", "every allowed pair to write: mentor_id,mentee_id,score")
	fs.StringVar(&f.locks, "locks", "", "pairs that must stay: mentor_id,mentee_id")
	fs.StringVar(&f.exclusions, "exclusions", "", "pairs that must not be: mentor_id,mentee_id")
	objective := fs.String("objective", "participation", "participation (match as many as possible, then best total) or score")
	fs.IntVar(&f.minScore, "min-score", 0, "forbid pairs scoring below this (0-1000)")
	fs.BoolVar(&f.stable, "stable", false, "return a stable matching instead of the optimal one")
	fs.IntVar(&f.k, "k", 20, "candidate mentors kept per mentee in large cohorts")
	from := fs.String("from", "", "first day of the cycle, YYYY-MM-DD (default today)")
	to := fs.String("to", "", "last day of the cycle, YYYY-MM-DD (default 13 weeks after --from)")
	if err := parseFlags(fs, args); err != nil {
		return f, err
	}
	bad := func(format string, args ...any) (matchFlags, error) {
		return f, usageError{fmt.Sprintf(format, args...) + "\n" + matchUsage}
	}
	if fs.NArg() > 0 {
		return bad("unexpected argument %q", fs.Arg(0))
	}
	set := map[string]bool{}
	fs.Visit(func(fl *flag.Flag) { set[fl.Name] = true })
	switch {
	case f.people != "" && (f.mentors != "" || f.scores != ""):
		return bad("give either --people or --mentors with --scores, not both")
	case f.people == "" && (f.mentors == "") != (f.scores == ""):
		return bad("--mentors and --scores go together")
	case f.people == "" && f.mentors == "":
		return bad("give --people, or --mentors with --scores")
	case f.out == "" || f.summary == "":
		return bad("--out and --summary are required")
	}
	if f.people == "" {
		for _, name := range []string{"history", "config", "candidates-out", "k", "from", "to"} {
			if set[name] {
				return bad("--%s needs --people (with --scores the scores are yours)", name)
			}
		}
	}
	var err error
	if f.objective, err = matching.ParseObjective(*objective); err != nil {
		return bad("--objective %q must be participation or score", *objective)
	}
	if f.minScore < 0 || f.minScore > matching.MaxScore {
		return bad("--min-score %d must be from 0 to %d", f.minScore, matching.MaxScore)
	}
	if f.k < 1 {
		return bad("--k %d must be at least 1", f.k)
	}
	if *from == "" {
		f.from = time.Now().UTC().Truncate(24 * time.Hour)
	} else if f.from, err = time.Parse(time.DateOnly, *from); err != nil {
		return bad("--from %q must be a date YYYY-MM-DD", *from)
	}
	if *to == "" {
		f.to = f.from.AddDate(0, 0, 7*13-1)
	} else if f.to, err = time.Parse(time.DateOnly, *to); err != nil {
		return bad("--to %q must be a date YYYY-MM-DD", *to)
	}
	if f.to.Before(f.from) {
		return bad("--to %s is before --from %s", f.to.Format(time.DateOnly), f.from.Format(time.DateOnly))
	}
	return f, nil
}

// matchRun is what a run produced, rendered and ready to write.
type matchRun struct {
	matches, candidates []byte
	summary             matchSummary
}

// matchSummary is summary.json.
type matchSummary struct {
	Mentees          int                `json:"mentees"`
	Mentors          int                `json:"mentors"`
	Matched          int                `json:"matched"`
	TotalScore       int64              `json:"total_score"`
	Objective        string             `json:"objective"`
	Optimal          bool               `json:"optimal"`
	Seconds          float64            `json:"seconds"`
	Seats            int                `json:"seats"`
	MinScore         int                `json:"min_score"`
	From             string             `json:"from,omitempty"`
	To               string             `json:"to,omitempty"`
	Locks            int                `json:"locks"`
	Exclusions       int                `json:"exclusions"`
	Stable           bool               `json:"stable"`
	PriceOfStability *int64             `json:"price_of_stability,omitempty"`
	OptimalTotal     *int64             `json:"optimal_total_score,omitempty"`
	OptimalMatched   *int               `json:"optimal_matched,omitempty"`
	BlockingPairs    int                `json:"blocking_pairs"`
	Unmatched        []unmatchedMentee  `json:"unmatched"`
	Candidates       candidateSummary   `json:"candidates"`
	Pruning          score.Pruning      `json:"pruning"`
	Timings          map[string]float64 `json:"timings,omitempty"`
	Warnings         []string           `json:"warnings,omitempty"`
}

type unmatchedMentee struct {
	ID  string `json:"id"`
	Why string `json:"why"`
}

type candidateSummary struct {
	Arcs          int              `json:"arcs"`
	Exhaustive    bool             `json:"exhaustive"`
	K             int              `json:"k,omitempty"`
	Scored        int64            `json:"scored,omitempty"`
	Rejected      map[string]int64 `json:"rejected,omitempty"`
	BelowMinScore int64            `json:"below_min_score"`
}

// solved is a problem, its optimal result and the result reported (the
// stable one with --stable).
type solved struct {
	problem        matching.Problem
	optimal, final matching.Result
	verified       bool
	blocking       int // blocking pairs of final
}

// solve solves p optimally and, with --stable, stably; mentor and mentee
// name indices in errors.
func solve(p matching.Problem, f matchFlags, prog *progress, mentor, mentee func(int32) string, timings map[string]float64) (solved, error) {
	t := time.Now()
	prog.say("solving %d arcs", len(p.Arcs))
	opt, err := matching.Solve(p)
	if err != nil {
		return solved{}, solveError(err, f, mentor, mentee)
	}
	s := solved{problem: p, optimal: opt, final: opt, verified: opt.Verify(p) == nil}
	if f.stable {
		if s.final, err = matching.SolveStable(p); err != nil {
			return solved{}, solveError(err, f, mentor, mentee)
		}
	}
	if s.blocking, err = matching.BlockingPairs(p, s.final); err != nil {
		return solved{}, fmt.Errorf("match: %w", err)
	}
	timings["solve"] = since(t)
	return s, nil
}

// solveError names the people of a matching.InputError.
func solveError(err error, f matchFlags, mentor, mentee func(int32) string) error {
	var ie *matching.InputError
	if !errors.As(err, &ie) {
		return fmt.Errorf("match: %w", err)
	}
	who := ""
	if ie.Mentor >= 0 {
		who += " mentor " + mentor(ie.Mentor)
	}
	if ie.Mentee >= 0 {
		who += " mentee " + mentee(ie.Mentee)
	}
	where := ie.Field
	if ie.Field == "locks" && f.locks != "" {
		where = filepath.Base(f.locks)
	}
	return fmt.Errorf("match: %s:%s: %s", where, who, ie.Reason)
}

// summarize fills the parts of the summary common to both modes.
func summarize(s *matchSummary, sv solved, f matchFlags) {
	s.Matched, s.TotalScore = sv.final.Matched, sv.final.Total
	s.Objective = f.objective.String()
	s.Optimal = !f.stable && sv.verified
	s.MinScore = f.minScore
	s.Locks, s.Exclusions = len(sv.problem.Locks), len(sv.problem.Exclusions)
	for _, c := range sv.problem.MentorCapacity {
		s.Seats += int(c)
	}
	s.Stable = f.stable
	s.BlockingPairs = sv.blocking
	if f.stable {
		price := sv.optimal.Total - sv.final.Total
		total, matched := sv.optimal.Total, sv.optimal.Matched
		s.PriceOfStability, s.OptimalTotal, s.OptimalMatched = &price, &total, &matched
	}
	if !sv.verified && !f.stable {
		s.Warnings = append(s.Warnings, "the solver's certificate of optimality did not check out")
	}
}

// cohort is what kindred match --people reads: the people, split into
// mentors and mentees (someone with role both is in each list), the
// program's weights and history, and the admin's locks and exclusions.
type cohort struct {
	everyone, mentors, mentees []people.Person
	weights                    score.Weights
	history                    score.History
	exclusions                 []score.IDPair
	exPairs                    []matching.Pair
	locks                      []lockRow
	warnings                   []string
}

// readCohort reads and checks every input file of kindred match --people.
func readCohort(f matchFlags, stderr io.Writer) (*cohort, error) {
	data, err := os.ReadFile(f.people)
	if err != nil {
		return nil, fmt.Errorf("match: %w", err)
	}
	file, err := people.ParseCSV(filepath.Base(f.people), bytes.NewReader(data))
	if err != nil {
		var ie *people.ImportError
		if errors.As(err, &ie) { // the same problems, without "nothing was imported"
			return nil, &fileError{file: ie.File, problems: ie.Problems, more: ie.More}
		}
		return nil, fmt.Errorf("match: %w", err)
	}
	c := &cohort{weights: score.DefaultWeights()}
	warn := func(format string, args ...any) {
		msg := fmt.Sprintf(format, args...)
		c.warnings = append(c.warnings, msg)
		fmt.Fprintln(stderr, "warning:", msg)
	}
	for _, w := range file.Warnings {
		warn("%s: %s", file.Name, w)
	}
	c.everyone = make([]people.Person, len(file.Rows))
	byID := make(map[string]*people.Person, len(file.Rows))
	for k, r := range file.Rows {
		c.everyone[k] = r.Person
		byID[r.Person.ID] = &c.everyone[k]
	}
	mentorIx, menteeIx := map[string]int32{}, map[string]int32{}
	var unknownMgr []string
	for _, p := range c.everyone {
		if p.IsMentor() {
			mentorIx[p.ID] = int32(len(c.mentors))
			c.mentors = append(c.mentors, p)
		}
		if p.IsMentee() {
			menteeIx[p.ID] = int32(len(c.mentees))
			c.mentees = append(c.mentees, p)
		}
		if p.ManagerID != "" && byID[p.ManagerID] == nil {
			unknownMgr = append(unknownMgr, p.ManagerID)
		}
	}
	if len(unknownMgr) > 0 {
		slices.Sort(unknownMgr)
		unknownMgr = slices.Compact(unknownMgr)
		warn("%s: %d manager ids are not in the file (%s); management chains stop there", file.Name, len(unknownMgr), listSome(unknownMgr, 5))
	}
	if f.config != "" {
		cf, err := os.Open(f.config)
		if err != nil {
			return nil, fmt.Errorf("match: %w", err)
		}
		c.weights, err = score.DecodeWeights(cf)
		cf.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", filepath.Base(f.config), err)
		}
	}
	if f.history != "" {
		// People who have left are no error: their pairs just do not matter.
		unknown := 0
		if _, err := readPairs(f.history, func(_, id string) (int32, string) {
			if byID[id] == nil {
				unknown++
			}
			return 0, ""
		}, func(mentor, mentee string, _, _ int32) { c.history.Add(mentor, mentee) }); err != nil {
			return nil, err
		}
		if unknown > 0 {
			warn("%s: %d ids are not in %s and were ignored", filepath.Base(f.history), unknown, file.Name)
		}
	}
	resolve := func(role, id string) (int32, string) {
		ix := menteeIx
		if role == "mentor" {
			ix = mentorIx
		}
		if j, ok := ix[id]; ok {
			return j, ""
		}
		if p := byID[id]; p != nil {
			return -1, fmt.Sprintf("%q is in %s but is not a %s (role %s)", id, file.Name, role, p.MentoringRole)
		}
		return -1, fmt.Sprintf("unknown %s id %q (not in %s)", role, id, file.Name)
	}
	if f.exclusions != "" {
		if _, err := readPairs(f.exclusions, resolve, func(mentor, mentee string, j, i int32) {
			c.exclusions = append(c.exclusions, score.IDPair{Mentor: mentor, Mentee: mentee})
			c.exPairs = append(c.exPairs, matching.Pair{Mentor: j, Mentee: i})
		}); err != nil {
			return nil, err
		}
	}
	if f.locks != "" {
		if c.locks, err = readLocks(f.locks, resolve, c.exPairs, func(j int32) int32 { return int32(c.mentors[j].Capacity) },
			c.mentorID, c.menteeID); err != nil {
			return nil, err
		}
	}
	return c, nil
}

func (c *cohort) mentorID(j int32) string { return c.mentors[j].ID }
func (c *cohort) menteeID(i int32) string { return c.mentees[i].ID }

// matchPeople is kindred match --people: score, prune, solve, explain.
func matchPeople(_ context.Context, f matchFlags, prog *progress, stderr io.Writer) (*matchRun, error) {
	timings := map[string]float64{}
	t := time.Now()
	prog.say("reading %s", filepath.Base(f.people))
	c, err := readCohort(f, stderr)
	if err != nil {
		return nil, err
	}
	timings["read"] = since(t)

	t = time.Now()
	prog.say("scoring %d mentees x %d mentors", len(c.mentees), len(c.mentors))
	sc, err := score.NewScorer(c.mentors, c.mentees, score.NewOrg(c.everyone), &c.history, c.weights, score.Options{
		K: f.k, MinScore: f.minScore, From: f.from, To: f.to, Exclusions: c.exclusions,
		Progress: prog.percent("scoring candidates"),
	})
	if err != nil {
		return nil, fmt.Errorf("match: %w", err)
	}
	set := sc.Candidates()
	arcs, err := addLocks(f, c, sc, set.Arcs)
	if err != nil {
		return nil, err
	}
	timings["candidates"] = since(t)

	caps := make([]int32, len(c.mentors))
	for j, p := range c.mentors {
		caps[j] = int32(max(p.Capacity, 0))
	}
	p := matching.Problem{MentorCapacity: caps, NumMentees: len(c.mentees), Arcs: arcs, Objective: f.objective,
		MinScore: int32(f.minScore), Locks: lockPairs(c.locks), Exclusions: c.exPairs}
	sv, err := solve(p, f, prog, c.mentorID, c.menteeID, timings)
	if err != nil {
		return nil, err
	}

	t = time.Now()
	prog.say("measuring the cost of pruning")
	pr, err := sc.PruningLoss(set, sv.optimal, score.PruningOptions{Objective: f.objective, MinScore: f.minScore, Locks: p.Locks})
	if err != nil {
		return nil, fmt.Errorf("match: %w", err)
	}
	timings["pruning"] = since(t)

	run := &matchRun{summary: matchSummary{Mentees: len(c.mentees), Mentors: len(c.mentors),
		From: f.from.Format(time.DateOnly), To: f.to.Format(time.DateOnly), Pruning: pr, Timings: timings, Warnings: c.warnings}}
	summarize(&run.summary, sv, f)
	run.summary.Candidates = candidateSummary{Arcs: len(set.Arcs), Exhaustive: set.Exhaustive, K: set.K,
		Scored: set.Scored, Rejected: set.Rejected, BelowMinScore: set.BelowMinScore}

	// Unmatched mentees and why: a mentee with candidates lost them to
	// others; one without is told which rules ruled out whom.
	arcCount := make([]int, len(c.mentees))
	for _, a := range arcs {
		if int(a.Score) >= f.minScore {
			arcCount[a.Mentee]++
		}
	}
	matched := make([]bool, len(c.mentees))
	for _, a := range sv.final.Pairs {
		matched[a.Mentee] = true
	}
	const maxWhy = 2000 // full checks of mentees without candidates, O(mentors) each
	whys := 0
	run.summary.Unmatched = []unmatchedMentee{}
	for i := range c.mentees {
		if matched[i] {
			continue
		}
		why := "no mentor with capacity who passes the rules: " + allFull(arcCount[i], set.Exhaustive)
		if arcCount[i] == 0 {
			if whys < maxWhy {
				why = sc.Why(i).String()
				whys++
			} else {
				why = "no mentor with capacity who passes the rules"
			}
		}
		run.summary.Unmatched = append(run.summary.Unmatched, unmatchedMentee{ID: c.mentees[i].ID, Why: why})
	}
	sortUnmatched(run.summary.Unmatched)

	locked := map[matching.Pair]bool{}
	for _, q := range p.Locks {
		locked[q] = true
	}
	header := append([]string{"mentor_id", "mentee_id", "score", "locked"}, score.FactorNames...)
	rows := make([][]string, 0, len(sv.final.Pairs))
	for _, a := range sv.final.Pairs {
		x := sc.Explain(int(a.Mentor), int(a.Mentee))
		row := []string{c.mentorID(a.Mentor), c.menteeID(a.Mentee), strconv.Itoa(int(a.Score)), yesNo(locked[matching.Pair{Mentor: a.Mentor, Mentee: a.Mentee}])}
		for _, name := range score.FactorNames {
			if pts, ok := x.Points(name); ok {
				row = append(row, strconv.Itoa(pts))
			} else {
				row = append(row, "")
			}
		}
		rows = append(rows, append(row, strings.Join(x.Reasons(), "; ")))
	}
	run.matches = renderCSV(append(header, "reasons"), rows)
	if f.candidatesOut != "" {
		rows = rows[:0]
		for _, a := range arcs {
			rows = append(rows, []string{c.mentorID(a.Mentor), c.menteeID(a.Mentee), strconv.Itoa(int(a.Score))})
		}
		run.candidates = renderCSV([]string{"mentor_id", "mentee_id", "score"}, rows)
	}
	return run, nil
}

// addLocks checks that every locked pair passes the rules and the minimum
// score, and adds it to the candidates if pruning left it out.
func addLocks(f matchFlags, c *cohort, sc *score.Scorer, arcs []matching.Arc) ([]matching.Arc, error) {
	if len(c.locks) == 0 {
		return arcs, nil
	}
	have := map[matching.Pair]bool{}
	for _, a := range arcs {
		have[matching.Pair{Mentor: a.Mentor, Mentee: a.Mentee}] = true
	}
	name := filepath.Base(f.locks)
	for _, l := range c.locks {
		j, i := l.pair.Mentor, l.pair.Mentee
		if r := sc.Check(int(j), int(i)); r != score.Allowed {
			return nil, fmt.Errorf("%s: line %d: cannot lock mentor %s to mentee %s: %s", name, l.line, c.mentorID(j), c.menteeID(i), r.Reason())
		}
		s := sc.Score(int(j), int(i))
		if s < f.minScore {
			return nil, fmt.Errorf("%s: line %d: cannot lock mentor %s to mentee %s: the pair scores %d, below --min-score %d", name, l.line, c.mentorID(j), c.menteeID(i), s, f.minScore)
		}
		if !have[l.pair] {
			arcs = append(arcs, matching.Arc{Mentor: j, Mentee: i, Score: int32(s)})
			have[l.pair] = true
		}
	}
	return arcs, nil
}

// matchScores is kindred match --mentors --scores: the scores are given.
func matchScores(_ context.Context, f matchFlags, prog *progress) (*matchRun, error) {
	timings := map[string]float64{}
	t := time.Now()
	prog.say("reading %s and %s", filepath.Base(f.mentors), filepath.Base(f.scores))
	mt, err := readTable(f.mentors, "id", "capacity")
	if err != nil {
		return nil, err
	}
	var mentorIDs []string
	var caps []int32
	mentorIx := map[string]int32{}
	mentorLine := map[string]int{}
	for _, r := range mt.rows {
		id := mt.cell(r, "id")
		switch {
		case id == "":
			mt.bad(r, "id", "the id is empty")
			continue
		case mentorLine[id] > 0:
			mt.bad(r, "id", "mentor %q is also on line %d", id, mentorLine[id])
			continue
		}
		c, _ := mt.integer(r, "capacity", 0, 1_000_000)
		mentorLine[id] = r.line
		mentorIx[id] = int32(len(mentorIDs))
		mentorIDs = append(mentorIDs, id)
		caps = append(caps, int32(c))
	}
	if err := mt.err(); err != nil {
		return nil, err
	}

	st, err := readTable(f.scores, "mentor_id", "mentee_id", "score")
	if err != nil {
		return nil, err
	}
	var menteeIDs []string
	menteeIx := map[string]int32{}
	var arcs []matching.Arc
	seen := map[matching.Pair]int{} // pair -> line
	scoreOf := map[matching.Pair]int32{}
	for _, r := range st.rows {
		mid, eid := st.cell(r, "mentor_id"), st.cell(r, "mentee_id")
		j, ok := mentorIx[mid]
		if !ok {
			st.bad(r, "mentor_id", "unknown mentor id %q (not in %s)", mid, mt.name)
		}
		if eid == "" {
			st.bad(r, "mentee_id", "the mentee id is empty")
			ok = false
		} else if eid == mid {
			st.bad(r, "mentee_id", "%q cannot mentor themselves", eid)
			ok = false
		}
		s, okScore := st.integer(r, "score", 0, matching.MaxScore)
		if !ok || !okScore {
			continue
		}
		i, known := menteeIx[eid]
		if !known {
			i = int32(len(menteeIDs))
			menteeIx[eid] = i
			menteeIDs = append(menteeIDs, eid)
		}
		q := matching.Pair{Mentor: j, Mentee: i}
		if prev := seen[q]; prev > 0 {
			st.bad(r, "mentee_id", "the pair (%s, %s) is also on line %d", mid, eid, prev)
			continue
		}
		seen[q] = r.line
		scoreOf[q] = int32(s)
		arcs = append(arcs, matching.Arc{Mentor: j, Mentee: i, Score: int32(s)})
	}
	if err := st.err(); err != nil {
		return nil, err
	}
	resolve := func(role, id string) (int32, string) {
		ix, file := menteeIx, st.name
		if role == "mentor" {
			ix, file = mentorIx, mt.name
		}
		if k, ok := ix[id]; ok {
			return k, ""
		}
		return -1, fmt.Sprintf("unknown %s id %q (not in %s)", role, id, file)
	}
	var exPairs []matching.Pair
	if f.exclusions != "" {
		if _, err := readPairs(f.exclusions, resolve, func(_, _ string, j, i int32) {
			exPairs = append(exPairs, matching.Pair{Mentor: j, Mentee: i})
		}); err != nil {
			return nil, err
		}
	}
	var locks []lockRow
	mentorName := func(j int32) string { return mentorIDs[j] }
	menteeName := func(i int32) string { return menteeIDs[i] }
	if f.locks != "" {
		if locks, err = readLocks(f.locks, resolve, exPairs, func(j int32) int32 { return caps[j] }, mentorName, menteeName); err != nil {
			return nil, err
		}
		for _, l := range locks {
			line := seen[l.pair]
			if line == 0 {
				return nil, fmt.Errorf("%s: line %d: cannot lock mentor %s to mentee %s: the pair is not in %s, so it is not allowed",
					filepath.Base(f.locks), l.line, mentorName(l.pair.Mentor), menteeName(l.pair.Mentee), st.name)
			}
			if s := scoreOf[l.pair]; int(s) < f.minScore {
				return nil, fmt.Errorf("%s: line %d: cannot lock mentor %s to mentee %s: the pair scores %d, below --min-score %d",
					filepath.Base(f.locks), l.line, mentorName(l.pair.Mentor), menteeName(l.pair.Mentee), s, f.minScore)
			}
		}
	}
	timings["read"] = since(t)

	p := matching.Problem{MentorCapacity: caps, NumMentees: len(menteeIDs), Arcs: arcs, Objective: f.objective,
		MinScore: int32(f.minScore), Locks: lockPairs(locks), Exclusions: exPairs}
	sv, err := solve(p, f, prog, mentorName, menteeName, timings)
	if err != nil {
		return nil, err
	}
	run := &matchRun{summary: matchSummary{Mentees: len(menteeIDs), Mentors: len(mentorIDs), Timings: timings}}
	summarize(&run.summary, sv, f)
	run.summary.Unmatched = []unmatchedMentee{}
	run.summary.Candidates = candidateSummary{Arcs: len(arcs), Exhaustive: true}

	excluded := map[matching.Pair]bool{}
	for _, q := range exPairs {
		excluded[q] = true
	}
	type tally struct{ listed, excluded, below, noSeat int }
	tallies := make([]tally, len(menteeIDs))
	for _, a := range arcs {
		tl := &tallies[a.Mentee]
		tl.listed++
		switch {
		case excluded[matching.Pair{Mentor: a.Mentor, Mentee: a.Mentee}]:
			tl.excluded++
		case int(a.Score) < f.minScore:
			tl.below++
		case caps[a.Mentor] == 0:
			tl.noSeat++
		}
	}
	matched := make([]bool, len(menteeIDs))
	for _, a := range sv.final.Pairs {
		matched[a.Mentee] = true
	}
	for i, tl := range tallies {
		if matched[i] {
			continue
		}
		why := "no mentor with capacity who passes the rules"
		if ok := tl.listed - tl.excluded - tl.below - tl.noSeat; ok > 0 {
			why += ": " + allFull(ok, true)
		} else {
			var parts []string
			for _, c := range []struct {
				n    int
				what string
			}{{tl.excluded, "excluded by an admin"}, {tl.below, fmt.Sprintf("below the minimum score of %d", f.minScore)}, {tl.noSeat, "with a mentor of capacity 0"}} {
				if c.n > 0 {
					parts = append(parts, fmt.Sprintf("%d %s", c.n, c.what))
				}
			}
			why += fmt.Sprintf(": of the %d pairs listed in %s, %s", tl.listed, st.name, strings.Join(parts, ", "))
		}
		run.summary.Unmatched = append(run.summary.Unmatched, unmatchedMentee{ID: menteeIDs[i], Why: why})
	}
	sortUnmatched(run.summary.Unmatched)

	locked := map[matching.Pair]bool{}
	for _, q := range p.Locks {
		locked[q] = true
	}
	rows := make([][]string, 0, len(sv.final.Pairs))
	for _, a := range sv.final.Pairs {
		rows = append(rows, []string{mentorIDs[a.Mentor], menteeIDs[a.Mentee], strconv.Itoa(int(a.Score)),
			yesNo(locked[matching.Pair{Mentor: a.Mentor, Mentee: a.Mentee}])})
	}
	run.matches = renderCSV([]string{"mentor_id", "mentee_id", "score", "locked"}, rows)
	return run, nil
}

// lockRow is a lock and the line it came from.
type lockRow struct {
	pair matching.Pair
	line int
}

func lockPairs(locks []lockRow) []matching.Pair {
	var out []matching.Pair
	for _, l := range locks {
		out = append(out, l.pair)
	}
	return out
}

// readLocks reads a locks file and checks what can be checked before
// solving: a mentee locked twice, a locked pair also excluded, a mentor
// locked beyond capacity.
func readLocks(path string, resolve func(role, id string) (int32, string), exclusions []matching.Pair,
	capacity func(int32) int32, mentor, mentee func(int32) string) ([]lockRow, error) {
	var locks []lockRow
	lines, err := readPairs(path, resolve, func(_, _ string, j, i int32) {
		locks = append(locks, lockRow{pair: matching.Pair{Mentor: j, Mentee: i}})
	})
	if err != nil {
		return nil, err
	}
	name := filepath.Base(path)
	byMentee := map[int32]int{}
	byMentor := map[int32][]int{}
	for k := range locks {
		l := &locks[k]
		l.line = lines[k]
		if prev, ok := byMentee[l.pair.Mentee]; ok {
			return nil, fmt.Errorf("%s: line %d: mentee %s is locked twice (to mentor %s on line %d and mentor %s)",
				name, l.line, mentee(l.pair.Mentee), mentor(locks[prev].pair.Mentor), locks[prev].line, mentor(l.pair.Mentor))
		}
		byMentee[l.pair.Mentee] = k
		if slices.Contains(exclusions, l.pair) {
			return nil, fmt.Errorf("%s: line %d: cannot lock mentor %s to mentee %s: the pair is also excluded",
				name, l.line, mentor(l.pair.Mentor), mentee(l.pair.Mentee))
		}
		byMentor[l.pair.Mentor] = append(byMentor[l.pair.Mentor], k)
		if ks := byMentor[l.pair.Mentor]; int32(len(ks)) > capacity(l.pair.Mentor) {
			var who []string
			for _, x := range ks {
				who = append(who, fmt.Sprintf("%s (line %d)", mentee(locks[x].pair.Mentee), locks[x].line))
			}
			return nil, fmt.Errorf("%s: line %d: cannot lock mentor %s to mentee %s: over capacity: mentor %s has capacity %d and is locked to %s",
				name, l.line, mentor(l.pair.Mentor), mentee(l.pair.Mentee), mentor(l.pair.Mentor), capacity(l.pair.Mentor), strings.Join(who, ", "))
		}
	}
	return locks, nil
}

// readPairs reads a mentor_id,mentee_id file. resolve maps an id of a
// role ("mentor" or "mentee") to an index, or returns why it cannot; add
// is called for each pair once the whole file checks out. It returns the
// line of each pair added.
func readPairs(path string, resolve func(role, id string) (int32, string), add func(mentor, mentee string, j, i int32)) ([]int, error) {
	t, err := readTable(path, "mentor_id", "mentee_id")
	if err != nil {
		return nil, err
	}
	type row struct {
		mentor, mentee string
		j, i           int32
		line           int
	}
	var rows []row
	seen := map[[2]string]int{}
	for _, r := range t.rows {
		mid, eid := t.cell(r, "mentor_id"), t.cell(r, "mentee_id")
		ok := true
		for _, c := range []struct{ col, role, id string }{{"mentor_id", "mentor", mid}, {"mentee_id", "mentee", eid}} {
			if c.id == "" {
				t.bad(r, c.col, "the %s id is empty", c.role)
				ok = false
			}
		}
		if !ok {
			continue
		}
		j, why := resolve("mentor", mid)
		if why != "" {
			t.bad(r, "mentor_id", "%s", why)
			ok = false
		}
		i, why := resolve("mentee", eid)
		if why != "" {
			t.bad(r, "mentee_id", "%s", why)
			ok = false
		}
		if prev := seen[[2]string{mid, eid}]; prev > 0 {
			t.bad(r, "mentee_id", "the pair (%s, %s) is also on line %d", mid, eid, prev)
			ok = false
		}
		seen[[2]string{mid, eid}] = r.line
		if ok {
			rows = append(rows, row{mid, eid, j, i, r.line})
		}
	}
	if err := t.err(); err != nil {
		return nil, err
	}
	lines := make([]int, len(rows))
	for k, r := range rows {
		add(r.mentor, r.mentee, r.j, r.i)
		lines[k] = r.line
	}
	return lines, nil
}

// table is a CSV file read whole, its header mapped to column positions,
// collecting the problems of its cells.
type table struct {
	name  string
	cols  map[string]int
	rows  []tableRow
	probs fileError
}

type tableRow struct {
	line int
	rec  []string
}

// readTable reads a CSV file whose header must have the given columns
// (case-insensitive, any order; other columns are ignored).
func readTable(path string, columns ...string) (*table, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("match: %w", err)
	}
	t := &table{name: filepath.Base(path), cols: map[string]int{}}
	t.probs.file = t.name
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err == io.EOF {
		t.probs.add(people.Problem{Message: "the file is empty; it needs a header line: " + strings.Join(columns, ",")})
		return nil, &t.probs
	}
	if err != nil {
		t.probs.add(csvProblem(err))
		return nil, &t.probs
	}
	for k, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		if prev, dup := t.cols[h]; dup && h != "" {
			t.probs.add(people.Problem{Line: 1, Column: k + 1, Field: h, Message: fmt.Sprintf("column %q appears twice (columns %d and %d)", h, prev+1, k+1)})
		}
		t.cols[h] = k
	}
	for _, c := range columns {
		if _, ok := t.cols[c]; !ok {
			t.probs.add(people.Problem{Line: 1, Field: c, Message: fmt.Sprintf("the required column %q is missing from the header (want %s)", c, strings.Join(columns, ","))})
		}
	}
	if len(t.probs.problems) > 0 {
		return nil, &t.probs
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.probs.add(csvProblem(err))
			return nil, &t.probs
		}
		line, _ := cr.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		if len(rec) != len(header) {
			t.probs.add(people.Problem{Line: line, Message: fmt.Sprintf("has %d fields, the header has %d", len(rec), len(header))})
			continue
		}
		t.rows = append(t.rows, tableRow{line: line, rec: rec})
	}
	return t, nil
}

func csvProblem(err error) people.Problem {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return people.Problem{Line: pe.Line, Column: pe.Column, Message: "not valid CSV: " + pe.Err.Error()}
	}
	return people.Problem{Message: "not valid CSV: " + err.Error()}
}

func (t *table) cell(r tableRow, col string) string { return strings.TrimSpace(r.rec[t.cols[col]]) }

func (t *table) bad(r tableRow, col, format string, args ...any) {
	t.probs.add(people.Problem{Line: r.line, Column: t.cols[col] + 1, Field: col, Message: fmt.Sprintf(format, args...)})
}

// integer reads a whole number in [lo, hi], recording a problem if the
// cell is not one.
func (t *table) integer(r tableRow, col string, lo, hi int) (int, bool) {
	v := t.cell(r, col)
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		t.bad(r, col, "%q must be a whole number from %d to %d", v, lo, hi)
		return 0, false
	}
	return n, true
}

func (t *table) err() error {
	if len(t.probs.problems) == 0 {
		return nil
	}
	return &t.probs
}

// fileError lists what is wrong with an input file, one problem a line:
// "scores.csv: line 4, column 3 (score): ...". Nothing was written.
type fileError struct {
	file     string
	problems []people.Problem
	more     int
}

func (e *fileError) add(p people.Problem) {
	if len(e.problems) < 20 {
		e.problems = append(e.problems, p)
	} else {
		e.more++
	}
}

func (e *fileError) Error() string {
	var b strings.Builder
	for k, p := range e.problems {
		if k > 0 {
			b.WriteString("\n")
		}
		b.WriteString(e.file + ": " + p.String())
	}
	if e.more > 0 {
		fmt.Fprintf(&b, "\n%s: and %d more problems", e.file, e.more)
	}
	return b.String()
}

// renderCSV renders a header and rows sorted by their first two columns
// (mentor_id, mentee_id).
func renderCSV(header []string, rows [][]string) []byte {
	slices.SortFunc(rows, func(a, b []string) int { return cmp.Or(strings.Compare(a[0], b[0]), strings.Compare(a[1], b[1])) })
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write(header)
	w.WriteAll(rows) // writes to memory cannot fail
	return buf.Bytes()
}

func sortUnmatched(u []unmatchedMentee) {
	slices.SortFunc(u, func(a, b unmatchedMentee) int { return strings.Compare(a.ID, b.ID) })
}

// output is a file to write and its contents.
type output struct {
	path string
	data []byte
}

// writeOutputs writes each file to a temporary file beside it, then
// renames them all into place, so that no output is ever half written.
func writeOutputs(outs []output) error {
	var tmps []string
	defer func() {
		for _, t := range tmps {
			os.Remove(t)
		}
	}()
	for _, o := range outs {
		f, err := os.CreateTemp(filepath.Dir(o.path), "."+filepath.Base(o.path)+".*")
		if err != nil {
			return fmt.Errorf("match: %w", err)
		}
		tmps = append(tmps, f.Name())
		_, err = f.Write(o.data)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = os.Chmod(f.Name(), 0o644)
		}
		if err != nil {
			return fmt.Errorf("match: write %s: %w", o.path, err)
		}
	}
	for k, o := range outs {
		if err := os.Rename(tmps[k], o.path); err != nil {
			return fmt.Errorf("match: write %s: %w", o.path, err)
		}
	}
	tmps = nil
	return nil
}

// allFull says that the n mentors a mentee may have are taken.
func allFull(n int, exhaustive bool) string {
	switch {
	case !exhaustive:
		return fmt.Sprintf("your %d best-scoring mentors who pass the rules are all full", n)
	case n == 1:
		return "the 1 mentor who passes the rules for you is full"
	default:
		return fmt.Sprintf("the %d mentors who pass the rules for you are all full", n)
	}
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func since(t time.Time) float64 { return math.Round(time.Since(t).Seconds()*1000) / 1000 }

// listSome lists up to n items, then how many more.
func listSome(items []string, n int) string {
	if len(items) <= n {
		return strings.Join(items, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(items[:n], ", "), len(items)-n)
}

// progress shows what a long run is doing on stderr, only when stderr is a
// terminal; otherwise it is silent.
type progress struct {
	w     io.Writer
	shown bool
	last  time.Time
}

func newProgress(stderr io.Writer) *progress {
	f, ok := stderr.(*os.File)
	if !ok {
		return &progress{}
	}
	fi, err := f.Stat()
	if err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		return &progress{}
	}
	return &progress{w: f}
}

// say replaces the progress line.
func (p *progress) say(format string, args ...any) {
	if p.w == nil {
		return
	}
	fmt.Fprintf(p.w, "\r\033[Kkindred match: "+format, args...)
	p.shown = true
}

// percent returns a callback showing a percentage at most ten times a
// second, or nil when silent.
func (p *progress) percent(what string) func(done, total int) {
	if p.w == nil {
		return nil
	}
	return func(done, total int) {
		if now := time.Now(); now.Sub(p.last) >= 100*time.Millisecond || done == total {
			p.last = now
			p.say("%s %d%%", what, done*100/max(total, 1))
		}
	}
}

// clear erases the progress line.
func (p *progress) clear() {
	if p.w != nil && p.shown {
		fmt.Fprint(p.w, "\r\033[K")
		p.shown = false
	}
}
