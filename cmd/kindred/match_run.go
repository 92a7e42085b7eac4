package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/kindredhq/kindred/internal/csvsafe"
	"github.com/kindredhq/kindred/internal/matching"
	"github.com/kindredhq/kindred/internal/matching/score"
	"github.com/kindredhq/kindred/internal/mentorships"
	"github.com/kindredhq/kindred/internal/people"
	"github.com/kindredhq/kindred/internal/person"
)

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
			return nil, &ie.FileProblems
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
	c.everyone = make([]person.Person, len(file.Rows))
	byID := make(map[string]*person.Person, len(file.Rows))
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
		known := func(id string) string { // matches.csv quotes a formula-like id
			_, id, ok := csvsafe.Lookup(byID, id)
			if !ok {
				unknown++
			}
			return id
		}
		if _, err := readPairs(f.history, func(string, string) (int32, string) { return 0, "" },
			func(mentor, mentee string, _, _ int32) { c.history.Add(known(mentor), known(mentee)) }); err != nil {
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
		if j, _, ok := csvsafe.Lookup(ix, id); ok { // matches.csv quotes a formula-like id
			return j, ""
		}
		if p := byID[id]; p != nil {
			return -1, fmt.Sprintf("%q is in %s but is not a %s (role %s)", id, file.Name, role, p.MentoringRole)
		}
		return -1, fmt.Sprintf("unknown %s id %q (not in %s)", role, id, file.Name)
	}
	if f.exclusions != "" {
		if _, err := readPairs(f.exclusions, resolve, func(mentor, mentee string, j, i int32) {
			c.exclusions = append(c.exclusions, score.IDPair{Mentor: c.mentorID(j), Mentee: c.menteeID(i)})
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

// matchPeople is kindred match --people: the cohort's files into the
// pipeline (mentorships.Solve), its outcome into the CLI's files.
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
	scoring := since(t)
	caps := make([]int32, len(c.mentors))
	for j, p := range c.mentors {
		caps[j] = int32(max(p.Capacity, 0))
	}
	prog.say("solving")
	out, err := solve(mentorships.Problem{Capacity: caps, NumMentees: len(c.mentees), Scorer: sc,
		Locks: lockPairs(c.locks), Exclusions: c.exPairs, Pruning: true}, f, c.locks, c.mentorID, c.menteeID, "")
	if err != nil {
		return nil, err
	}
	maps.Copy(timings, out.Timings)
	timings["candidates"] = math.Round((timings["candidates"]+scoring)*1000) / 1000

	set := out.Candidates
	run := &matchRun{summary: matchSummary{Mentees: len(c.mentees), Mentors: len(c.mentors),
		From: f.from.Format(time.DateOnly), To: f.to.Format(time.DateOnly), Pruning: out.Pruning, Timings: timings, Warnings: c.warnings}}
	summarize(&run.summary, out, f, c.menteeID, "")
	run.summary.Candidates = candidateSummary{Arcs: len(set.Arcs), Exhaustive: set.Exhaustive, K: set.K,
		Scored: set.Scored, Rejected: set.Rejected, BelowMinScore: set.BelowMinScore}

	header := append([]string{"mentor_id", "mentee_id", "score", "locked"}, score.FactorNames...)
	rows := make([][]string, 0, len(out.Final.Pairs))
	for k, a := range out.Final.Pairs {
		x := out.Explanations[k]
		row := []string{c.mentorID(a.Mentor), c.menteeID(a.Mentee), strconv.Itoa(int(a.Score)), yesNo(out.Locked[a.Mentee])}
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
		for _, a := range out.Problem.Arcs {
			rows = append(rows, []string{c.mentorID(a.Mentor), c.menteeID(a.Mentee), strconv.Itoa(int(a.Score))})
		}
		run.candidates = renderCSV([]string{"mentor_id", "mentee_id", "score"}, rows)
	}
	return run, nil
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

	data, err := os.ReadFile(f.scores)
	if err != nil {
		return nil, fmt.Errorf("match: %w", err)
	}
	st := &table{name: filepath.Base(f.scores)}
	menteeIDs, menteeIx, arcs, ok := readScoresFast(data, newIDIndex(mentorIDs))
	if !ok { // something is amiss: the careful reader says what and where
		if menteeIDs, menteeIx, arcs, err = readScoresCareful(f.scores, mt.name, mentorIx); err != nil {
			return nil, err
		}
	}
	resolve := func(role, id string) (int32, string) {
		ix, file := menteeIx, st.name
		if role == "mentor" {
			ix, file = mentorIx, mt.name
		}
		if k, _, ok := csvsafe.Lookup(ix, id); ok { // matches.csv quotes a formula-like id
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
	}
	timings["read"] = since(t)

	out, err := solve(mentorships.Problem{Capacity: caps, NumMentees: len(menteeIDs), Arcs: arcs,
		Locks: lockPairs(locks), Exclusions: exPairs}, f, locks, mentorName, menteeName, st.name)
	if err != nil {
		return nil, err
	}
	maps.Copy(timings, out.Timings)
	delete(timings, "candidates")
	run := &matchRun{summary: matchSummary{Mentees: len(menteeIDs), Mentors: len(mentorIDs), Timings: timings}}
	summarize(&run.summary, out, f, menteeName, st.name)
	run.summary.Candidates = candidateSummary{Arcs: len(arcs), Exhaustive: true}
	rows := make([][]string, 0, len(out.Final.Pairs))
	for _, a := range out.Final.Pairs {
		rows = append(rows, []string{mentorIDs[a.Mentor], menteeIDs[a.Mentee], strconv.Itoa(int(a.Score)), yesNo(out.Locked[a.Mentee])})
	}
	run.matches = renderCSV([]string{"mentor_id", "mentee_id", "score", "locked"}, rows)
	return run, nil
}

// lockRow is a lock and the line it came from.
type lockRow struct {
	pair matching.Pair
	line int
}
