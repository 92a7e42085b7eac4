package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestInputFilesRefuseNULAndInvalidUTF8 gives kindred match and kindred
// circles input files holding a NUL byte or bytes that are not UTF-8:
// each is an error naming the file, the line and the column (the fast
// scores reader hands such a file to the careful one), and nothing is
// written.
func TestInputFilesRefuseNULAndInvalidUTF8(t *testing.T) {
	dir := t.TempDir()
	f := func(name, body string) string { return writeFile(t, dir, name, body) }
	mentors := matchData + "mentors.csv"
	fixture := string(mustReadCircles(t, circlesPeople))
	circlesArgs := func(extra ...string) []string {
		return append([]string{"--size", "6", "--from", circlesFrom, "--to", circlesTo}, extra...)
	}
	for _, tc := range []struct {
		name    string
		circles bool
		args    []string
		want    string
	}{
		{"scores NUL", false, []string{"--mentors", mentors, "--scores", f("s1.csv", "mentor_id,mentee_id,score\nM1,E1,900\nM1,E\x002,800\n")},
			"s1.csv: line 3, column 2 (mentee_id): the cell holds a NUL byte (character 2); remove it"},
		{"scores not UTF-8", false, []string{"--mentors", mentors, "--scores", f("s2.csv", "mentor_id,mentee_id,score\nM1,E1,900\nM1,\xe92,800\n")},
			"s2.csv: line 3, column 2 (mentee_id): the cell is not valid UTF-8 text (byte 1, after character 0)"},
		{"scores header NUL", false, []string{"--mentors", mentors, "--scores", f("s3.csv", "mentor_id,mentee_id,score,no\x00te\nM1,E1,900,\n")},
			"s3.csv: line 1, column 4: the column name holds a NUL byte"},
		{"mentors not UTF-8", false, []string{"--mentors", f("m1.csv", "id,capacity\nM1,2\nM\xe92,1\n"), "--scores", matchData + "scores.csv"},
			"m1.csv: line 3, column 1 (id): the cell is not valid UTF-8 text"},
		{"people NUL", false, []string{"--people", f("p1.csv", "id,name,email,level,function,location,timezone,role\nA,Ann,a@example.com,3,Eng,X\x00,Europe/Paris,mentor\n")},
			"p1.csv: line 2, column 6 (location): the cell holds a NUL byte"},
		{"circles history NUL", true, circlesArgs("--people", circlesPeople, "--history", f("h1.csv", "round,circle,person_id\n1,1,E01\n1,1,E0\x002\n")),
			"h1.csv: line 3, column 3: the cell holds a NUL byte (character 3); remove it"},
		{"circles history header not UTF-8", true, circlesArgs("--people", circlesPeople, "--history", f("h2.csv", "round,circle,person_id,r\xf4le\n1,1,E01,\n")),
			"h2.csv: line 1, column 4: the column name is not valid UTF-8 text"},
		{"circles people not UTF-8", true, circlesArgs("--people", f("c1.csv", strings.Replace(fixture, "Amara", "Am\xe9ra", 1))),
			"c1.csv: line 2, column 2 (name): the cell is not valid UTF-8 text (byte 3, after character 2)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out string
			var err error
			if tc.circles {
				out = t.TempDir()
				args := append(tc.args, "--out", filepath.Join(out, "circles.csv"), "--summary", filepath.Join(out, "summary.json"))
				_, _, err = runCircles(t, args...)
			} else {
				out, _, err = runMatch(t, tc.args...)
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v\nwant one containing %q", err, tc.want)
			}
			if entries, _ := os.ReadDir(out); len(entries) > 0 {
				t.Errorf("files written despite the error: %v", entries)
			}
		})
	}
}
