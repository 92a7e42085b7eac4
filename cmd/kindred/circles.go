package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/kindredhq/kindred/internal/circles"
	"github.com/kindredhq/kindred/internal/formations"
	"github.com/kindredhq/kindred/internal/person"
	"github.com/kindredhq/kindred/internal/schedule"
)

const circlesUsage = "usage: kindred circles --people people.csv --size K [--min-size A --max-size B] [--rounds R] " +
	"[--history past.csv] [--from DATE --to DATE] [--session-minutes 60] [--config weights.json] [--seed S] " +
	"--out circles.csv --summary summary.json"

// circlesDefaultDays is the length of the date range when --to is not given.
const circlesDefaultDays = 90

// circlesHeader is the header of circles.csv. The first five columns are
// the contract (and the first three are what --history reads back); the
// rest describe the person for whoever reads the file.
var circlesHeader = []string{"round", "circle", "person_id", "role", "meeting_utc",
	"name", "level", "function", "location", "tenure_band", "timezone", "local_time"}

// Roles in circles.csv.
const (
	circleRoleFacilitator = "facilitator"
	circleRoleMember      = "member"
)

// circlesArgs is the parsed command line of kindred circles.
type circlesArgs struct {
	peoplePath, historyPath, configPath string
	outPath, summaryPath                string
	size, minSize, maxSize, rounds      int
	sessionMinutes                      int
	from, to                            time.Time // dates, 00:00 UTC
	seed                                uint64
}

// cmdCircles runs kindred circles: it reads people (and optionally earlier
// circles and weights), forms circles for one or more rounds, and writes
// circles.csv and summary.json. Nothing is written unless everything
// succeeds. Today's date, the default start of the range, is read here,
// the only clock the command uses.
func cmdCircles(ctx context.Context, args []string, _ func(string) string, stdout, stderr io.Writer) error {
	a, err := parseCirclesArgs(args, time.Now().UTC(), stderr)
	if err != nil {
		return err
	}
	start := time.Now()
	res, err := formCircles(ctx, a, stderr)
	if err != nil {
		return err
	}
	res.summary.Seconds = time.Since(start).Seconds()

	var csvBuf, jsonBuf bytes.Buffer
	if err := writeCirclesCSV(&csvBuf, res); err != nil {
		return fmt.Errorf("circles: %w", err)
	}
	enc := json.NewEncoder(&jsonBuf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(res.summary); err != nil {
		return fmt.Errorf("circles: encode summary: %w", err)
	}
	if err := writeCirclesFiles(map[string][]byte{a.outPath: csvBuf.Bytes(), a.summaryPath: jsonBuf.Bytes()}); err != nil {
		return fmt.Errorf("circles: %w", err)
	}
	s := res.summary
	fmt.Fprintf(stdout, "formed %d circles in %d round(s) for %d people: diversity %d of at most %d (gap %.2f%%), %d repeat pair(s), %d circle(s) without a meeting slot, in %.2fs\n",
		s.Circles, s.Rounds, s.People, s.Diversity, s.DiversityUpperBound, 100*s.Gap, s.RepeatPairs, s.CirclesWithoutSlot, s.Seconds)
	fmt.Fprintf(stdout, "wrote %s and %s\n", a.outPath, a.summaryPath)
	return nil
}

// parseCirclesArgs reads the command line; today is the default start of
// the date range.
func parseCirclesArgs(args []string, today time.Time, stderr io.Writer) (circlesArgs, error) {
	var a circlesArgs
	fs := newFlags("circles", stderr)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), circlesUsage)
		fs.PrintDefaults()
	}
	fs.StringVar(&a.peoplePath, "people", "", "people CSV in the import format (docs/formats.md)")
	fs.IntVar(&a.size, "size", 0, "circle size: exact, or the preferred size with --min-size and --max-size")
	fs.IntVar(&a.minSize, "min-size", 0, "smallest circle allowed (with --max-size)")
	fs.IntVar(&a.maxSize, "max-size", 0, "largest circle allowed (with --min-size)")
	fs.IntVar(&a.rounds, "rounds", 1, "number of rounds; people meet new faces in each")
	fs.StringVar(&a.historyPath, "history", "", "earlier circles (round,circle,person_id,...), whose pairs should not meet again")
	from := fs.String("from", "", "first date of the cycle, YYYY-MM-DD (default today, UTC)")
	to := fs.String("to", "", fmt.Sprintf("last date of the cycle, YYYY-MM-DD (default --from + %d days)", circlesDefaultDays))
	fs.IntVar(&a.sessionMinutes, "session-minutes", 60, "length of a session in minutes")
	fs.StringVar(&a.configPath, "config", "", `attribute weights as JSON: {"level":1,"function":1,"location":1,"tenure":1}`)
	fs.Uint64Var(&a.seed, "seed", 1, "random seed; the same seed gives the same circles")
	fs.StringVar(&a.outPath, "out", "", "where to write the circles (CSV)")
	fs.StringVar(&a.summaryPath, "summary", "", "where to write the summary (JSON)")
	if err := parseFlags(fs, args); err != nil {
		return a, err
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	var problems []string
	switch {
	case fs.NArg() > 0:
		problems = append(problems, fmt.Sprintf("unexpected argument %q", fs.Arg(0)))
	case a.peoplePath == "":
		problems = append(problems, "--people is required")
	}
	if a.outPath == "" || a.summaryPath == "" {
		problems = append(problems, "--out and --summary are required")
	} else if filepath.Clean(a.outPath) == filepath.Clean(a.summaryPath) {
		problems = append(problems, "--out and --summary must be different files")
	}
	switch {
	case set["min-size"] != set["max-size"]:
		problems = append(problems, "--min-size and --max-size go together")
	case !set["min-size"] && !set["size"]:
		problems = append(problems, "--size is required (or --min-size and --max-size)")
	case set["size"] && a.size < 2:
		problems = append(problems, fmt.Sprintf("--size must be at least 2, got %d", a.size))
	case set["min-size"] && a.minSize < 2:
		problems = append(problems, fmt.Sprintf("--min-size must be at least 2, got %d", a.minSize))
	case set["min-size"] && a.maxSize < a.minSize:
		problems = append(problems, fmt.Sprintf("--max-size %d is below --min-size %d", a.maxSize, a.minSize))
	case set["min-size"] && set["size"] && (a.size < a.minSize || a.size > a.maxSize):
		problems = append(problems, fmt.Sprintf("--size %d is outside --min-size %d and --max-size %d", a.size, a.minSize, a.maxSize))
	}
	if a.rounds < 1 {
		problems = append(problems, fmt.Sprintf("--rounds must be at least 1, got %d", a.rounds))
	}
	if a.sessionMinutes < 1 || a.sessionMinutes > schedule.MinutesPerDay {
		problems = append(problems, fmt.Sprintf("--session-minutes must be between 1 and %d, got %d", schedule.MinutesPerDay, a.sessionMinutes))
	}
	datesOK := true
	// date sets *dst to the flag's date, if given, noting a bad one.
	date := func(name, value, example string, dst *time.Time) {
		if value == "" {
			return
		}
		d, err := time.Parse(person.DateLayout, value)
		if err != nil {
			problems = append(problems, fmt.Sprintf("--%s %q is not a date like %s", name, value, example))
			datesOK = false
		}
		*dst = d
	}
	a.from = time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	date("from", *from, "2025-03-01", &a.from)
	a.to = a.from.AddDate(0, 0, circlesDefaultDays)
	date("to", *to, "2025-06-01", &a.to)
	if datesOK && a.to.Before(a.from) {
		problems = append(problems, fmt.Sprintf("--to %s is before --from %s", a.to.Format(person.DateLayout), a.from.Format(person.DateLayout)))
	}
	if len(problems) > 0 {
		return a, usageError{"circles: " + strings.Join(problems, "; ") + "\n" + circlesUsage}
	}
	return a, nil
}

// circlesInput is everything formCircles reads, as the input of the one
// circles pipeline (formations.Arrange) plus what the outputs need.
type circlesInput struct {
	people  []person.Person
	zones   []*time.Location
	index   map[string]int // person ID -> index
	weights circles.Weights

	history     [][]string     // earlier circles, as person IDs in the people file
	historyFac  map[string]int // first-session facilitations in the history file
	historyRows int
	historyLeft []string // IDs in the history who are not in the people file
}

// circlesResult is an arranged plan with everything the two output files say.
type circlesResult struct {
	in      *circlesInput
	a       circlesArgs
	ar      *formations.Arrangement
	summary circlesSummary
}

// circlesSummary is summary.json: the digest of package circles plus what
// the command knows about the request.
type circlesSummary struct {
	circles.Summary
	// RepeatFree says whether a plan with no repeat pairs was "found",
	// is "impossible" (RepeatLowerBound > 0), or was "not found".
	RepeatFree     string                `json:"repeat_free"`
	Facilitators   int                   `json:"facilitators"`
	MinCircleSize  int                   `json:"min_circle_size"`
	MaxCircleSize  int                   `json:"max_circle_size"`
	SessionMinutes int                   `json:"session_minutes"`
	From           string                `json:"from"`
	To             string                `json:"to"`
	Weeks          int                   `json:"weeks"`
	Seed           uint64                `json:"seed"`
	Weights        circles.Weights       `json:"weights"`
	History        *circleHistorySummary `json:"history,omitempty"`
	PerRound       []circleRoundSummary  `json:"per_round"`
	WithoutSlot    []circleNoSlotSummary `json:"without_slot"`
}

type circleHistorySummary struct {
	Rows          int      `json:"rows"`
	Circles       int      `json:"circles"`        // with two or more known people
	IgnoredPeople []string `json:"ignored_people"` // IDs not in the people file
}

type circleRoundSummary struct {
	Round              int     `json:"round"`
	Circles            int     `json:"circles"`
	Diversity          int     `json:"diversity"`
	UpperBound         int     `json:"diversity_upper_bound"`
	Gap                float64 `json:"gap"`
	RepeatPairs        int     `json:"repeat_pairs"`
	CirclesWithoutSlot int     `json:"circles_without_slot"`
}

// circleNoSlotSummary explains one circle without a meeting slot: the slot most
// members could make and who cannot.
type circleNoSlotSummary struct {
	Round    int      `json:"round"`
	Circle   int      `json:"circle"`
	BestUTC  string   `json:"best_utc"`
	Blockers []string `json:"blockers"`
}

// formCircles reads the input files and forms the circles with the
// pipeline the product runs too. Warnings go to stderr.
func formCircles(ctx context.Context, a circlesArgs, stderr io.Writer) (*circlesResult, error) {
	var cache schedule.Cache
	in, err := readCirclesInput(a, stderr)
	if err != nil {
		return nil, err
	}
	ar, err := formations.Arrange(ctx, formations.Input{
		People: in.people, From: a.from, To: a.to, SessionMinutes: a.sessionMinutes, Sessions: 1,
		Size: a.size, MinSize: a.minSize, MaxSize: a.maxSize, Rounds: a.rounds,
		Weights: in.weights, History: in.history, Facilitated: in.historyFac,
		OnlyMarkedLead: true, Seed: a.seed, Cache: &cache,
	})
	if err != nil {
		if ce := (*formations.CircleError)(nil); errors.As(err, &ce) {
			return nil, fmt.Errorf("circles: %w", err)
		}
		return nil, fmt.Errorf("circles: %s: %w", filepath.Base(a.peoplePath), err)
	}
	res := &circlesResult{in: in, a: a, ar: ar}
	res.warnNoSlot(stderr)
	res.summarize()
	return res, nil
}
