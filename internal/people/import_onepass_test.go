package people_test

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/kindredhq/kindred/internal/orgtest"
	"github.com/kindredhq/kindred/internal/people"
)

// TestImportListsEveryProblemInOnePass is issue 9's finding: a 4-row file
// with many problems took 5 uploads to clear. testdata/waves.csv has 16
// problems of every kind (cells, whole rows, across rows, against the
// stored people, a manager cycle); one import lists them all, by line.
func TestImportListsEveryProblemInOnePass(t *testing.T) {
	want := []string{
		`line 2, column 2 (name): is required`,
		`line 2, column 3 (email): email "ada@example.com" already belongs to person "E1"`,
		`line 2, column 4 (level): level "eleven" must be a whole number from 1 to 10`,
		`line 2, column 7 (timezone): "Mars/Olympus" is not a known IANA time zone (such as Europe/Berlin or Asia/Kolkata)`,
		`line 2, column 8 (manager_id): manager "E9" is neither in this file nor among the people already imported`,
		`line 2, column 9 (hire_date): 2020-02-30: February 2020 has 29 days`,
		`line 2, column 10 (work_hours): `,
		`line 2, column 12 (facilitator): facilitator "maybe" must be yes or no`,
		`line 3, column 3 (email): "grace.example.com" is not an email address`,
		`line 3, column 5 (function): is required`,
		`line 3, column 8 (manager_id): manager cycle: E3 reports to E4 reports to E3`,
		`line 3, column 9 (hire_date): 0000-01-01 is out of range: it must be from 1900-01-01 to 2100-12-31`,
		`line 3, column 11 (capacity): capacity "0" must be a whole number from 1 to 50`,
		`line 4, column 9 (hire_date): 2019-13-01: there is no month 13 (months go from 01 to 12)`,
		`line 5, column 1 (id): id "E4" is also on line 4`,
		`line 5, column 3 (email): email "alan@example.com" is also on line 4`,
	}
	orgtest.Each(t, func(t *testing.T, o *orgtest.Org) {
		o.Import(header + "E1,Ada Lovelace,ada@example.com,9,Engineering,London,Europe/London,,,,\n")
		file, err := os.Open("testdata/waves.csv")
		if err != nil {
			t.Fatal(err)
		}
		defer file.Close()
		_, err = o.People.ImportCSV(o.Ctx, "waves.csv", file)
		var ie *people.ImportError
		if !errors.As(err, &ie) {
			t.Fatalf("want an ImportError, got %v", err)
		}
		var got []string
		for _, p := range ie.Problems {
			got = append(got, p.String())
		}
		if ie.More != 0 || len(got) != len(want) {
			t.Fatalf("got %d problems (+%d more), want %d:\n%s", len(got), ie.More, len(want), strings.Join(got, "\n"))
		}
		for i := range want {
			if !strings.HasPrefix(got[i], want[i]) {
				t.Errorf("problem %d:\n got %s\nwant %s", i+1, got[i], want[i])
			}
		}
		if lines := ie.Lines(); len(lines) != 4 || lines[0].Line != 2 || len(lines[0].Problems) != 8 || lines[3].Line != 5 {
			t.Errorf("grouped by line: %+v", lines)
		}
		if n, _ := o.People.Count(o.Ctx); n != 1 {
			t.Errorf("%d people stored after a rejected file, want 1", n)
		}
	})
}

// TestImportCountsProblemsBeyondTheCap lists MaxProblems problems in line
// order and counts the rest.
func TestImportCountsProblemsBeyondTheCap(t *testing.T) {
	orgtest.Each(t, func(t *testing.T, o *orgtest.Org) {
		var b strings.Builder
		b.WriteString(header)
		for i := range 30 {
			// Two problems a row: an unknown zone, and a manager nobody knows.
			b.WriteString("P" + strings.Repeat("x", i+1) + ",X Y,x" + strings.Repeat("x", i) + "@example.com,3,Eng,Mars,Mars/Olympus,NOBODY,,,\n")
		}
		_, err := o.People.ImportCSV(o.Ctx, "many.csv", strings.NewReader(b.String()))
		var ie *people.ImportError
		if !errors.As(err, &ie) {
			t.Fatalf("want an ImportError, got %v", err)
		}
		if len(ie.Problems) != people.MaxProblems || ie.More != 60-people.MaxProblems || ie.Count() != 60 {
			t.Fatalf("listed %d, more %d", len(ie.Problems), ie.More)
		}
		last := ie.Problems[people.MaxProblems-1]
		if last.Line != 11 || last.Field != "manager_id" {
			t.Errorf("the listed problems are not the first by line: last is %v", last)
		}
	})
}
