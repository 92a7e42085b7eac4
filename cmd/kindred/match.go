package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"time"

	"github.com/kindredhq/kindred/internal/matching"
	"github.com/kindredhq/kindred/internal/matching/score"
	"github.com/kindredhq/kindred/internal/mentorships"
	"github.com/kindredhq/kindred/internal/person"
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

// solve runs the pipeline with the run's flags; locks are the locks file's
// rows (for line numbers), mentor and mentee name indices in errors, and
// scoresFile is the file of given scores (empty with people).
func solve(p mentorships.Problem, f matchFlags, locks []lockRow, mentor, mentee func(int32) string, scoresFile string) (*mentorships.Outcome, error) {
	p.Objective, p.MinScore, p.Stable, p.Blocking = f.objective, f.minScore, f.stable, true
	out, err := mentorships.Solve(p)
	var le *mentorships.LockError
	switch {
	case err == nil:
		return out, nil
	case errors.As(err, &le):
		what := ""
		switch {
		case le.NoArc:
			what = fmt.Sprintf("the pair is not in %s, so it is not allowed", scoresFile)
		case le.Rule != score.Allowed:
			what = le.Rule.Reason()
		default:
			what = fmt.Sprintf("the pair scores %d, below --min-score %d", le.Score, f.minScore)
		}
		return nil, fmt.Errorf("%s: line %d: cannot lock mentor %s to mentee %s: %s",
			filepath.Base(f.locks), locks[le.Lock].line, mentor(le.Pair.Mentor), mentee(le.Pair.Mentee), what)
	}
	var ie *matching.InputError
	if !errors.As(err, &ie) {
		return nil, fmt.Errorf("match: %w", err)
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
	return nil, fmt.Errorf("match: %s:%s: %s", where, who, ie.Reason)
}

// summarize fills the parts of the summary common to both modes: the
// figures and each unmatched mentee's reason in the CLI's words.
func summarize(s *matchSummary, out *mentorships.Outcome, f matchFlags, mentee func(int32) string, scoresFile string) {
	s.Matched, s.TotalScore = out.Final.Matched, out.Final.Total
	s.Objective = f.objective.String()
	s.Optimal = !f.stable && out.Verified
	s.MinScore = f.minScore
	s.Locks, s.Exclusions = len(out.Problem.Locks), len(out.Problem.Exclusions)
	s.Seats = out.Seats
	s.Stable = f.stable
	s.BlockingPairs = out.Blocking
	if f.stable {
		price := out.Optimal.Total - out.Final.Total
		total, matched := out.Optimal.Total, out.Optimal.Matched
		s.PriceOfStability, s.OptimalTotal, s.OptimalMatched = &price, &total, &matched
	}
	if !out.Verified && !f.stable {
		s.Warnings = append(s.Warnings, "the solver's certificate of optimality did not check out")
	}
	s.Unmatched = make([]unmatchedMentee, len(out.Unmatched))
	for k, w := range out.Unmatched {
		s.Unmatched[k] = unmatchedMentee{ID: mentee(w.Mentee), Why: w.CLIWords(scoresFile)}
	}
	sortUnmatched(s.Unmatched)
}

// cohort is what kindred match --people reads: the people, split into
// mentors and mentees (someone with role both is in each list), the
// program's weights and history, and the admin's locks and exclusions.
type cohort struct {
	everyone, mentors, mentees []person.Person
	weights                    score.Weights
	history                    score.History
	exclusions                 []score.IDPair
	exPairs                    []matching.Pair
	locks                      []lockRow
	warnings                   []string
}
