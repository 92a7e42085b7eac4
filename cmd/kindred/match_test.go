package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

var updateMatch = flag.Bool("update-match", false, "rewrite the golden files of kindred match in testdata/match")

const matchData = "testdata/match/"

// matchRun runs kindred match with outputs in a fresh directory and
// returns that directory.
func runMatch(t *testing.T, args ...string) (dir string, stdout string, err error) {
	t.Helper()
	dir = t.TempDir()
	var out, errOut bytes.Buffer
	args = append([]string{"match", "--out", filepath.Join(dir, "matches.csv"), "--summary", filepath.Join(dir, "summary.json")}, args...)
	err = run(context.Background(), args, noEnv, &out, &errOut)
	return dir, out.String(), err
}

// summaryOf reads summary.json.
type testSummary struct {
	Mentees          int     `json:"mentees"`
	Mentors          int     `json:"mentors"`
	Matched          int     `json:"matched"`
	TotalScore       int64   `json:"total_score"`
	Objective        string  `json:"objective"`
	Optimal          bool    `json:"optimal"`
	Seconds          float64 `json:"seconds"`
	Stable           bool    `json:"stable"`
	PriceOfStability *int64  `json:"price_of_stability"`
	BlockingPairs    int     `json:"blocking_pairs"`
	Unmatched        []struct {
		ID  string `json:"id"`
		Why string `json:"why"`
	} `json:"unmatched"`
	Candidates struct {
		Arcs       int  `json:"arcs"`
		Exhaustive bool `json:"exhaustive"`
	} `json:"candidates"`
	Pruning struct {
		Pruned bool `json:"pruned"`
	} `json:"pruning"`
}

func readSummary(t *testing.T, dir string) testSummary {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	var s testSummary
	if err := json.Unmarshal(data, &s); err != nil {
		t.Fatal(err)
	}
	return s
}

// readMatches returns the rows of matches.csv, header first, as
// "mentor,mentee,score[,locked]" strings of the first columns.
func readMatches(t *testing.T, dir string, cols int) []string {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, "matches.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range recs {
		out = append(out, strings.Join(r[:cols], ","))
	}
	return out
}

func writeFile(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// The instance of testdata/match/scores.csv, solved by hand: under
// participation M1-E2, M2-E1, M2-E3, M3-E4 (2550) and M4-E7, M5-E8 (910);
// under score M5-E7 (1000) beats M4-E7 + M5-E8. M1 and E1 would both
// rather be together (900) than with E2 (800) and M2 (850): a blocking pair.
func TestMatchScoresKnownOptimum(t *testing.T) {
	dir := t.TempDir()
	lock := writeFile(t, dir, "locks.csv", "mentor_id,mentee_id\nM1,E1\n")
	excl := writeFile(t, dir, "excl.csv", "Mentor_ID,Mentee_ID\r\nM3,E4\r\n")
	base := []string{"--mentors", matchData + "mentors.csv", "--scores", matchData + "scores.csv"}
	tests := []struct {
		name      string
		args      []string
		total     int64
		matched   int
		rows      []string
		unmatched []string
		blocking  int
	}{
		{"participation", nil, 3460, 6,
			[]string{"M1,E2,800,no", "M2,E1,850,no", "M2,E3,300,no", "M3,E4,600,no", "M4,E7,900,no", "M5,E8,10,no"}, []string{"E5"}, 2},
		{"score", []string{"--objective", "score"}, 3550, 5,
			[]string{"M1,E2,800,no", "M2,E1,850,no", "M2,E3,300,no", "M3,E4,600,no", "M5,E7,1000,no"}, []string{"E5", "E8"}, 1},
		{"min score", []string{"--min-score", "250"}, 3550, 5,
			[]string{"M1,E2,800,no", "M2,E1,850,no", "M2,E3,300,no", "M3,E4,600,no", "M5,E7,1000,no"}, []string{"E5", "E8"}, 1},
		{"lock kept", []string{"--locks", lock}, 3010, 6,
			[]string{"M1,E1,900,yes", "M2,E3,300,no", "M2,E4,200,no", "M3,E2,700,no", "M4,E7,900,no", "M5,E8,10,no"}, []string{"E5"}, 1},
		{"exclusion honored", []string{"--exclusions", excl}, 3010, 6,
			[]string{"M1,E1,900,no", "M2,E3,300,no", "M2,E4,200,no", "M3,E2,700,no", "M4,E7,900,no", "M5,E8,10,no"}, []string{"E5"}, 1},
		{"stable", []string{"--stable"}, 3100, 5,
			[]string{"M1,E1,900,no", "M2,E3,300,no", "M2,E4,200,no", "M3,E2,700,no", "M5,E7,1000,no"}, []string{"E5", "E8"}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir, stdout, err := runMatch(t, append(slices.Clone(base), tc.args...)...)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(stdout, "matched") {
				t.Errorf("stdout %q", stdout)
			}
			s := readSummary(t, dir)
			if s.TotalScore != tc.total || s.Matched != tc.matched || s.Mentees != 7 || s.Mentors != 5 || s.BlockingPairs != tc.blocking {
				t.Errorf("summary %+v, want total %d, matched %d, blocking %d", s, tc.total, tc.matched, tc.blocking)
			}
			if got := readMatches(t, dir, 4); !slices.Equal(got[1:], tc.rows) || got[0] != "mentor_id,mentee_id,score,locked" {
				t.Errorf("matches %q\nwant %q", got, tc.rows)
			}
			var ids []string
			for _, u := range s.Unmatched {
				ids = append(ids, u.ID)
				if !strings.HasPrefix(u.Why, "no mentor with capacity who passes the rules") {
					t.Errorf("why %q", u.Why)
				}
			}
			if !slices.Equal(ids, tc.unmatched) {
				t.Errorf("unmatched %v, want %v", ids, tc.unmatched)
			}
			stable := slices.Contains(tc.args, "--stable")
			if s.Stable != stable || s.Optimal == stable {
				t.Errorf("stable %v, optimal %v", s.Stable, s.Optimal)
			}
			if stable && (s.PriceOfStability == nil || *s.PriceOfStability != 3460-3100) {
				t.Errorf("price of stability %v, want 360", s.PriceOfStability)
			}
		})
	}
	dir, _, err := runMatch(t, append(base, "--min-score", "250")...)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range readSummary(t, dir).Unmatched {
		if want := map[string]string{
			"E5": "no mentor with capacity who passes the rules: of the 1 pairs listed in scores.csv, 1 below the minimum score of 250",
			"E8": "no mentor with capacity who passes the rules: of the 1 pairs listed in scores.csv, 1 below the minimum score of 250",
		}[u.ID]; u.Why != want {
			t.Errorf("%s: why %q, want %q", u.ID, u.Why, want)
		}
	}
}

// testdata/match/people.csv with skills as the only factor: E1 scores 500
// with M1 and 1000 with M2, E2 1000 with both, E3 reports to M1, E4 reports
// to M1 and shares no language with M2, and E5 was M2's mentee before.
func TestMatchPeopleKnownOptimum(t *testing.T) {
	dir := t.TempDir()
	cands := filepath.Join(dir, "candidates.csv")
	out, _, err := runMatch(t, "--people", matchData+"people.csv", "--config", matchData+"skills-only.json",
		"--history", matchData+"history.csv", "--candidates-out", cands, "--from", "2026-01-05", "--to", "2026-03-27")
	if err != nil {
		t.Fatal(err)
	}
	s := readSummary(t, out)
	if s.TotalScore != 3000 || s.Matched != 3 || s.Mentees != 5 || s.Mentors != 2 || !s.Optimal || !s.Candidates.Exhaustive || s.Pruning.Pruned {
		t.Errorf("summary %+v", s)
	}
	if got, want := readMatches(t, out, 4), []string{"mentor_id,mentee_id,score,locked", "M1,E2,1000,no", "M2,E1,1000,no", "M2,E3,1000,no"}; !slices.Equal(got, want) {
		t.Errorf("matches %q, want %q", got, want)
	}
	why := map[string]string{}
	for _, u := range s.Unmatched {
		why[u.ID] = u.Why
	}
	want := map[string]string{
		"E4": "no mentor with capacity who passes the rules: 1 is in your management chain, 1 has no language in common with you",
		"E5": "no mentor with capacity who passes the rules: the 1 mentor who passes the rules for you is full",
	}
	if len(why) != 2 || why["E4"] != want["E4"] || why["E5"] != want["E5"] {
		t.Errorf("unmatched %q\nwant %q", why, want)
	}
	data, err := os.ReadFile(cands)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(data), "mentor_id,mentee_id,score\nM1,E1,500\nM1,E2,1000\nM1,E5,0\nM2,E1,1000\nM2,E2,1000\nM2,E3,1000\n"; got != want {
		t.Errorf("candidates\n%s\nwant\n%s", got, want)
	}
	// The reasons column speaks to the mentee.
	recs, _ := csv.NewReader(bytes.NewReader(mustRead(t, filepath.Join(out, "matches.csv")))).ReadAll()
	if got := recs[1][len(recs[1])-1]; got != "offers Go, which you want" {
		t.Errorf("reasons %q", got)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestMatchPeopleGolden runs the default weights on a small international
// cohort and compares with golden files (go test -run MatchPeopleGolden
// -update-match rewrites them); a second run gives the same bytes.
func TestMatchPeopleGolden(t *testing.T) {
	args := []string{"--people", matchData + "cohort.csv", "--from", "2026-01-05", "--to", "2026-03-27"}
	var first [2][]byte
	for n := range 2 {
		dir, _, err := runMatch(t, args...)
		if err != nil {
			t.Fatal(err)
		}
		matches := mustRead(t, filepath.Join(dir, "matches.csv"))
		summary := stripTimes(t, mustRead(t, filepath.Join(dir, "summary.json")))
		if n == 0 {
			first = [2][]byte{matches, summary}
			continue
		}
		if !bytes.Equal(matches, first[0]) || !bytes.Equal(summary, first[1]) {
			t.Fatal("two runs on the same input differ")
		}
	}
	for k, name := range []string{"cohort.matches.csv", "cohort.summary.json"} {
		golden := matchData + name
		if *updateMatch {
			if err := os.WriteFile(golden, first[k], 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if want := mustRead(t, golden); !bytes.Equal(first[k], want) {
			t.Errorf("%s differs from the golden file (rerun with -update-match and review):\n%s", name, first[k])
		}
	}
	s := readSummary(t, writeDir(t, "summary.json", first[1]))
	if s.Matched != 8 || !s.Optimal || s.Mentees != 8 || s.Mentors != 5 || s.TotalScore != 4998 { // 5694 before a blank factor earned no points and 2 shared hours were required (issue 9)
		t.Errorf("summary %+v", s)
	}
}

func writeDir(t *testing.T, name string, data []byte) string {
	dir := t.TempDir()
	writeFile(t, dir, name, string(data))
	return dir
}

// stripTimes zeroes what depends on the clock: seconds and timings.
func stripTimes(t *testing.T, data []byte) []byte {
	t.Helper()
	var s matchSummary
	if err := json.Unmarshal(data, &s); err != nil {
		t.Fatal(err)
	}
	s.Seconds, s.Timings = 0, nil
	out, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(out, '\n')
}

func TestMatchStableHasNoBlockingPairs(t *testing.T) {
	for _, args := range [][]string{
		{"--mentors", matchData + "mentors.csv", "--scores", matchData + "scores.csv", "--stable"},
		{"--people", matchData + "cohort.csv", "--from", "2026-01-05", "--to", "2026-03-27", "--stable", "--objective", "score"},
	} {
		dir, _, err := runMatch(t, args...)
		if err != nil {
			t.Fatal(err)
		}
		if s := readSummary(t, dir); !s.Stable || s.BlockingPairs != 0 || s.PriceOfStability == nil || *s.PriceOfStability < 0 {
			t.Errorf("%v: summary %+v", args, s)
		}
	}
}

// Every bad input is an error naming the file, line and column, and
// nothing is written.
func TestMatchErrors(t *testing.T) {
	dir := t.TempDir()
	f := func(name, body string) string { return writeFile(t, dir, name, body) }
	mentors := matchData + "mentors.csv"
	scores := matchData + "scores.csv"
	people := matchData + "people.csv"
	byo := func(extra ...string) []string {
		return append([]string{"--mentors", mentors, "--scores", scores}, extra...)
	}
	tests := []struct {
		name  string
		args  []string
		usage bool // a command-line mistake: exit status 2
		want  string
	}{
		{"score not a number", []string{"--mentors", mentors, "--scores", f("s1.csv", "mentor_id,mentee_id,score\nM1,E1,900\nM1,E2,lots\n")}, false,
			`s1.csv: line 3, column 3 (score): "lots" must be a whole number from 0 to 1000`},
		{"score out of range", []string{"--mentors", mentors, "--scores", f("s2.csv", "mentee_id,mentor_id,score\nE1,M1,1001\n")}, false,
			`s2.csv: line 2, column 3 (score): "1001" must be a whole number from 0 to 1000`},
		{"unknown mentor", []string{"--mentors", mentors, "--scores", f("s3.csv", "mentor_id,mentee_id,score\nM9,E1,5\n")}, false,
			`s3.csv: line 2, column 1 (mentor_id): unknown mentor id "M9" (not in mentors.csv)`},
		{"duplicate pair", []string{"--mentors", mentors, "--scores", f("s4.csv", "mentor_id,mentee_id,score\nM1,E1,5\nM2,E1,5\nM1,E1,6\n")}, false,
			`s4.csv: line 4, column 2 (mentee_id): the pair (M1, E1) is also on line 2`},
		{"missing column", []string{"--mentors", mentors, "--scores", f("s5.csv", "mentor,mentee_id,score\nM1,E1,5\n")}, false,
			`s5.csv: line 1 (mentor_id): the required column "mentor_id" is missing from the header`},
		{"self pair", []string{"--mentors", mentors, "--scores", f("s6.csv", "mentor_id,mentee_id,score\nM1,M1,5\n")}, false,
			`s6.csv: line 2, column 2 (mentee_id): "M1" cannot mentor themselves`},
		{"bad csv", []string{"--mentors", mentors, "--scores", f("s7.csv", "mentor_id,mentee_id,score\nM1,\"E1,5\n")}, false,
			`s7.csv: line 2, column 10: not valid CSV`},
		{"short row", []string{"--mentors", mentors, "--scores", f("s8.csv", "mentor_id,mentee_id,score\nM1,E1\n")}, false,
			`s8.csv: line 2: has 2 fields, the header has 3`},
		{"empty file", []string{"--mentors", mentors, "--scores", f("s9.csv", "")}, false,
			`s9.csv: the file is empty`},
		{"bad capacity", []string{"--mentors", f("m1.csv", "id,capacity\nM1,2\nM2,-1\n"), "--scores", scores}, false,
			`m1.csv: line 3, column 2 (capacity): "-1" must be a whole number from 0 to 1000000`},
		{"duplicate mentor", []string{"--mentors", f("m2.csv", "id,capacity\nM1,2\nM1,1\n"), "--scores", scores}, false,
			`m2.csv: line 3, column 1 (id): mentor "M1" is also on line 2`},
		{"lock unknown mentee", byo("--locks", f("l1.csv", "mentor_id,mentee_id\nM1,E9\n")), false,
			`l1.csv: line 2, column 2 (mentee_id): unknown mentee id "E9" (not in scores.csv)`},
		{"lock over capacity", byo("--locks", f("l2.csv", "mentor_id,mentee_id\nM1,E1\nM1,E2\n")), false,
			`l2.csv: line 3: cannot lock mentor M1 to mentee E2: over capacity: mentor M1 has capacity 1 and is locked to E1 (line 2), E2 (line 3)`},
		{"lock not allowed", byo("--locks", f("l3.csv", "mentor_id,mentee_id\nM4,E1\n")), false,
			`l3.csv: line 2: cannot lock mentor M4 to mentee E1: the pair is not in scores.csv, so it is not allowed`},
		{"lock below min score", byo("--min-score", "500", "--locks", f("l4.csv", "mentor_id,mentee_id\nM2,E3\n")), false,
			`l4.csv: line 2: cannot lock mentor M2 to mentee E3: the pair scores 300, below --min-score 500`},
		{"lock twice", byo("--locks", f("l5.csv", "mentor_id,mentee_id\nM1,E1\nM2,E1\n")), false,
			`l5.csv: line 3: mentee E1 is locked twice (to mentor M1 on line 2 and mentor M2)`},
		{"lock excluded", byo("--locks", f("l6.csv", "mentor_id,mentee_id\nM1,E1\n"), "--exclusions", f("x1.csv", "mentor_id,mentee_id\nM1,E1\n")), false,
			`l6.csv: line 2: cannot lock mentor M1 to mentee E1: the pair is also excluded`},
		{"exclusion empty id", byo("--exclusions", f("x2.csv", "mentor_id,mentee_id\n,E1\n")), false,
			`x2.csv: line 2, column 1 (mentor_id): the mentor id is empty`},
		{"people bad cell", []string{"--people", f("p1.csv", "id,name,email,level,function,location,timezone,role\nA,Ann,a@example.com,3,Eng,X,Europe/Paris,mentor\nB,Bob,b@example.com,eleven,Eng,X,Europe/Paris,mentee\n")}, false,
			`p1.csv: line 3, column 4 (level): level "eleven" must be a whole number from 1 to 10`},
		{"people lock breaks a rule", []string{"--people", people, "--locks", f("l7.csv", "mentor_id,mentee_id\nM1,E3\n")}, false,
			`l7.csv: line 2: cannot lock mentor M1 to mentee E3: one is in the other's management chain`},
		{"people lock not a mentor", []string{"--people", people, "--locks", f("l8.csv", "mentor_id,mentee_id\nE1,E3\n")}, false,
			`l8.csv: line 2, column 1 (mentor_id): "E1" is in people.csv but is not a mentor (role mentee)`},
		{"people lock over capacity", []string{"--people", people, "--locks", f("l9.csv", "mentor_id,mentee_id\nM1,E1\nM1,E2\n")}, false,
			`cannot lock mentor M1 to mentee E2: over capacity: mentor M1 has capacity 1`},
		{"config unknown key", []string{"--people", people, "--config", f("w.json", `{"skils": 3}`)}, false,
			`w.json: weights: unknown key "skils"`},
		{"history bad header", []string{"--people", people, "--history", f("h.csv", "a,b\nM1,E1\n")}, false,
			`h.csv: line 1 (mentor_id): the required column "mentor_id" is missing`},
		{"missing file", byo("--locks", filepath.Join(dir, "nope.csv")), false, "nope.csv"},
		{"both modes", []string{"--people", people, "--mentors", mentors, "--scores", scores}, true, "either --people or --mentors"},
		{"no mode", []string{}, true, "give --people, or --mentors with --scores"},
		{"scores without mentors", []string{"--scores", scores}, true, "--mentors and --scores go together"},
		{"bad objective", byo("--objective", "joy"), true, `--objective "joy" must be participation or score`},
		{"bad min score", byo("--min-score", "1001"), true, "--min-score 1001 must be from 0 to 1000"},
		{"history with scores", byo("--history", scores), true, "--history needs --people"},
		{"bad date", []string{"--people", people, "--from", "2026-13-01"}, true, `--from "2026-13-01" must be a date`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, _, err := runMatch(t, tc.args...)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v\nwant one containing %q", err, tc.want)
			}
			if code := exitCode(err); (code == 2) != tc.usage || code == 0 {
				t.Errorf("exit status %d", code)
			}
			if entries, _ := os.ReadDir(out); len(entries) > 0 {
				t.Errorf("files written despite the error: %v", entries)
			}
		})
	}
	// --out and --summary are required.
	var errOut bytes.Buffer
	err := run(context.Background(), []string{"match", "--mentors", mentors, "--scores", scores}, noEnv, &bytes.Buffer{}, &errOut)
	if exitCode(err) != 2 || !strings.Contains(err.Error(), "--out and --summary are required") {
		t.Errorf("no outputs: %v", err)
	}
}

// Progress goes to a terminal only: a regular file as stderr stays empty.
func TestMatchQuietWhenNotATerminal(t *testing.T) {
	dir := t.TempDir()
	stderr, err := os.Create(filepath.Join(dir, "stderr"))
	if err != nil {
		t.Fatal(err)
	}
	defer stderr.Close()
	args := []string{"match", "--people", matchData + "cohort.csv", "--from", "2026-01-05",
		"--out", filepath.Join(dir, "m.csv"), "--summary", filepath.Join(dir, "s.json")}
	if err := run(context.Background(), args, noEnv, &bytes.Buffer{}, stderr); err != nil {
		t.Fatal(err)
	}
	if data := mustRead(t, stderr.Name()); len(data) > 0 {
		t.Errorf("stderr %q", data)
	}
	if p := newProgress(stderr); p.w != nil {
		t.Error("a regular file counts as a terminal")
	}
}
