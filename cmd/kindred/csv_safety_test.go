package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Spreadsheet safety (issue 10, finding 6): ids and names come from outside
// files and can be anything; the CSV files kindred match and kindred
// circles write must never hand a spreadsheet a formula.

// formulaIDs are ids a spreadsheet would run, and how they are written.
var formulaIDs = map[string]string{
	"=1+1":                       "'=1+1",
	"@SUM(A1)":                   "'@SUM(A1)",
	"-2+3":                       "'-2+3",
	"+cmd|' /C calc'!A0":         "'+cmd|' /C calc'!A0",
	`=HYPERLINK("evil.example")`: `'=HYPERLINK("evil.example")`,
}

// writeTestCSV writes records as a CSV file in dir, the way any outside
// tool would (no neutralising), and returns its path.
func writeTestCSV(t *testing.T, dir, name string, recs [][]string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := csv.NewWriter(f)
	w.WriteAll(recs)
	if err := cmpErr(w.Error(), f.Close()); err != nil {
		t.Fatal(err)
	}
	return path
}

func cmpErr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

// checkSpreadsheetSafe fails for any cell of the CSV file at path that
// starts with =, +, -, @, a tab or a carriage return and is not a plain
// number, and returns the file's records.
func checkSpreadsheetSafe(t *testing.T, path string) [][]string {
	t.Helper()
	recs := readCirclesCSVFile(t, path)
	for i, rec := range recs {
		for j, c := range rec {
			if c == "" || !strings.ContainsRune("=+-@\t\r", rune(c[0])) {
				continue
			}
			if strings.Trim(c[1:], "0123456789") != "" || len(c) == 1 {
				t.Errorf("%s: line %d, column %d starts a formula: %q", filepath.Base(path), i+1, j+1, c)
			}
		}
	}
	return recs
}

// renamePeople rewrites a people file: ids (and the manager_id cells that
// name them) and names by the given maps.
func renamePeople(recs [][]string, ids, names map[string]string) [][]string {
	out := [][]string{recs[0]}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	for _, r := range recs[1:] {
		r = slices.Clone(r)
		if n, ok := names[r[col["id"]]]; ok {
			r[col["name"]] = n
		}
		for _, c := range []string{"id", "manager_id"} {
			if v, ok := ids[r[col[c]]]; ok {
				r[col[c]] = v
			}
		}
		out = append(out, r)
	}
	return out
}

func TestCirclesOutputSpreadsheetSafe(t *testing.T) {
	dir := t.TempDir()
	ids := map[string]string{"E05": "=1+1", "E07": "@SUM(A1)", "E08": "-2+3", "E10": `=HYPERLINK("evil.example")`}
	names := map[string]string{"E11": "=HYPERLINK(\"http://evil\",\"x\")", "E13": "+1", "E15": "\t=1+1", "E17": "\r@x"}
	people := writeTestCSV(t, dir, "people.csv", renamePeople(readCirclesCSVFile(t, circlesPeople), ids, names))
	out, sum := filepath.Join(dir, "circles.csv"), filepath.Join(dir, "summary.json")
	if _, stderr, err := runCircles(t, "--people", people, "--size", "6", "--from", circlesFrom, "--to", circlesTo,
		"--out", out, "--summary", sum); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	recs := checkSpreadsheetSafe(t, out)
	written := map[string]bool{}
	for _, r := range recs[1:] {
		written[r[2]], written[r[5]] = true, true
	}
	for _, name := range []string{`'=HYPERLINK("http://evil","x")`, "+1", "'=1+1", "'@x"} {
		if !written[name] {
			t.Errorf("no name %q in circles.csv", name)
		}
	}
	for id := range ids {
		if w := formulaIDs[ids[id]]; !written[w] {
			t.Errorf("person %q is not in circles.csv as %q", ids[id], w)
		}
	}

	// circles.csv read back as the history finds every person again.
	if _, stderr, err := runCircles(t, "--people", people, "--size", "6", "--from", circlesFrom, "--to", circlesTo,
		"--history", out, "--out", filepath.Join(dir, "next.csv"), "--summary", sum); err != nil || stderr != "" {
		t.Fatalf("with circles.csv as the history: %v\n%s", err, stderr)
	}
}

func TestMatchOutputSpreadsheetSafe(t *testing.T) {
	t.Run("people", func(t *testing.T) {
		dir := t.TempDir()
		ids := map[string]string{"M2": "@SUM(A1)", "E1": "=1+1", "E2": "-2+3", "E5": `=HYPERLINK("evil.example")`}
		people := writeTestCSV(t, dir, "people.csv", renamePeople(readCirclesCSVFile(t, matchData+"people.csv"), ids, nil))
		out, _, err := runMatch(t, "--people", people, "--candidates-out", filepath.Join(dir, "candidates.csv"))
		if err != nil {
			t.Fatal(err)
		}
		matches := checkSpreadsheetSafe(t, filepath.Join(out, "matches.csv"))
		candidates := checkSpreadsheetSafe(t, filepath.Join(dir, "candidates.csv"))
		for _, recs := range [][][]string{matches, candidates} {
			seen := map[string]bool{}
			for _, r := range recs[1:] {
				seen[r[0]], seen[r[1]] = true, true
			}
			if !seen["'@SUM(A1)"] || !seen["'=1+1"] {
				t.Errorf("the renamed mentor and mentee are not in %q", recs)
			}
		}

		// matches.csv read back as the history, the locks and the
		// exclusions names the same people: no id is unknown, locked
		// pairs stay matched, excluded ones do not.
		pairs := filepath.Join(out, "matches.csv")
		again, _, err := runMatch(t, "--people", people, "--history", pairs)
		if err != nil {
			t.Fatal(err)
		}
		if w := readSummaryWarnings(t, again); len(w) > 0 {
			t.Errorf("with matches.csv as the history: %q", w)
		}
		lock := writeTestCSV(t, dir, "locks.csv", [][]string{{"mentor_id", "mentee_id"}, matches[1][:2]})
		exclude := writeTestCSV(t, dir, "exclusions.csv", [][]string{{"mentor_id", "mentee_id"}, matches[2][:2]})
		again, _, err = runMatch(t, "--people", people, "--locks", lock, "--exclusions", exclude)
		if err != nil {
			t.Fatalf("with matches.csv rows as locks and exclusions: %v", err)
		}
		next := readCirclesCSVFile(t, filepath.Join(again, "matches.csv"))
		has := func(pair []string) bool {
			return slices.ContainsFunc(next[1:], func(r []string) bool { return slices.Equal(r[:2], pair[:2]) })
		}
		if !has(matches[1]) || has(matches[2]) {
			t.Errorf("locked %q and excluded %q, got %q", matches[1][:2], matches[2][:2], next)
		}
	})
	t.Run("scores", func(t *testing.T) {
		dir := t.TempDir()
		mentors := writeTestCSV(t, dir, "mentors.csv", [][]string{{"id", "capacity"}, {"=M1", "1"}, {"+M2", "1"}})
		scores := writeTestCSV(t, dir, "scores.csv", [][]string{{"mentor_id", "mentee_id", "score"},
			{"=M1", "@E1", "900"}, {"+M2", "-E2", "800"}, {"=M1", "-E2", "100"}})
		out, _, err := runMatch(t, "--mentors", mentors, "--scores", scores)
		if err != nil {
			t.Fatal(err)
		}
		got := checkSpreadsheetSafe(t, filepath.Join(out, "matches.csv"))
		want := [][]string{{"mentor_id", "mentee_id", "score", "locked"}, {"'+M2", "'-E2", "800", "no"}, {"'=M1", "'@E1", "900", "no"}}
		if !slices.EqualFunc(got, want, slices.Equal) {
			t.Errorf("matches.csv\n got %q\nwant %q", got, want)
		}
		// A pair of matches.csv, as an exclusion, names the same people.
		exclude := writeTestCSV(t, dir, "exclusions.csv", [][]string{{"mentor_id", "mentee_id"}, got[2][:2]})
		out, _, err = runMatch(t, "--mentors", mentors, "--scores", scores, "--exclusions", exclude)
		if err != nil {
			t.Fatal(err)
		}
		want = want[:2] // E1 has no other mentor
		if got := readCirclesCSVFile(t, filepath.Join(out, "matches.csv")); !slices.EqualFunc(got, want, slices.Equal) {
			t.Errorf("matches.csv with (=M1, @E1) excluded\n got %q\nwant %q", got, want)
		}
	})
}

// readSummaryWarnings reads the warnings of summary.json in dir.
func readSummaryWarnings(t *testing.T, dir string) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	var s struct {
		Warnings []string `json:"warnings"`
	}
	if err := json.Unmarshal(data, &s); err != nil {
		t.Fatal(err)
	}
	return s.Warnings
}
