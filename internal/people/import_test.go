package people_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/kindredhq/kindred/internal/db/dbtest"
	"github.com/kindredhq/kindred/internal/orgtest"
	"github.com/kindredhq/kindred/internal/people"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

const header = "id,name,email,level,function,location,timezone,manager_id,skills_offered,work_hours,demo_gender\n"

const goodCSV = header +
	"E1,Ada Lovelace,ada@example.com,9,Engineering,London,Europe/London,,Go;Mentoring,08:00-16:00,woman\n" +
	"E2,Grace Hopper,grace@example.com,6,Engineering,New York,America/New_York,E1,Compilers,,\n" +
	"E3,Alan Turing,alan@example.com,3,Data,Bangalore,Asia/Kolkata,E2,,10:00-18:30,man\n"

func parse(t *testing.T, body string) *people.File {
	t.Helper()
	f, err := people.ParseCSV("people.csv", strings.NewReader(body))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	return f
}

func TestImportCreatesUpdatesAndIsIdempotent(t *testing.T) {
	orgtest.Each(t, func(t *testing.T, o *orgtest.Org) {
		s, ctx := o.People, o.Ctx
		res := o.Import(goodCSV)
		if res.Created != 3 || res.Updated != 0 {
			t.Fatalf("first import: %+v", res)
		}
		res, err := s.Import(ctx, parse(t, goodCSV))
		if err != nil {
			t.Fatal(err)
		}
		if res.Created != 0 || res.Updated != 0 || res.Unchanged != 3 {
			t.Fatalf("re-import changed something: %+v", res)
		}
		updated := strings.Replace(goodCSV, "Alan Turing,alan@example.com,3", "Alan Turing,alan.t@example.com,4", 1)
		res, err = s.Import(ctx, parse(t, updated))
		if err != nil {
			t.Fatal(err)
		}
		if res.Updated != 1 || res.Unchanged != 2 {
			t.Fatalf("update: %+v", res)
		}
		p, err := s.Get(ctx, "E3")
		if err != nil {
			t.Fatal(err)
		}
		if p.Email != "alan.t@example.com" || p.Level != 4 || p.ManagerID != "E2" || p.WorkHours() != "10:00-18:30" {
			t.Fatalf("E3 after update: %+v", p)
		}
		a, _ := s.Get(ctx, "E1")
		if strings.Join(a.SkillsOffered, ";") != "Go;Mentoring" || a.WorkHours() != "08:00-16:00" {
			t.Fatalf("E1: %+v", a)
		}
		if g, _ := s.Get(ctx, "E2"); g.WorkHours() != "09:00-17:00" {
			t.Fatalf("default work hours: %s", g.WorkHours())
		}
	})
}

func TestImportRejectsWholeFile(t *testing.T) {
	cases := []struct {
		name string
		body string
		want string // in the error
	}{
		{"unknown zone", header + "E9,X Y,x@example.com,3,Eng,Mars,Mars/Olympus,,,,\n", `line 2, column 7 (timezone): "Mars/Olympus" is not a known IANA time zone`},
		{"bad level", header + "E9,X Y,x@example.com,eleven,Eng,Paris,Europe/Paris,,,,\n", "line 2, column 4 (level)"},
		{"bad hours", header + "E9,X Y,x@example.com,3,Eng,Paris,Europe/Paris,,,17:00-09:00,\n", "line 2, column 10 (work_hours)"},
		{"duplicate email in file", goodCSV + "E4,Ada Again,ADA@example.com,2,Eng,London,Europe/London,,,,\n", `line 5, column 3 (email): email "ada@example.com" is also on line 2`},
		{"duplicate email stored", header + "E9,Other Ada,ada@example.com,2,Eng,London,Europe/London,,,,\n", `email "ada@example.com" already belongs to person "E1"`},
		{"missing manager", header + "E9,X Y,x@example.com,3,Eng,Paris,Europe/Paris,E404,,,\n", `line 2, column 8 (manager_id): manager "E404"`},
		{"manager cycle", header +
			"E1,Ada Lovelace,ada@example.com,9,Engineering,London,Europe/London,E3,,,\n" +
			"E2,Grace Hopper,grace@example.com,6,Engineering,New York,America/New_York,E1,,,\n" +
			"E3,Alan Turing,alan@example.com,3,Data,Bangalore,Asia/Kolkata,E2,,,\n", "manager cycle: E1 reports to E3 reports to E2 reports to E1"},
		{"own manager", header + "E9,X Y,x@example.com,3,Eng,Paris,Europe/Paris,E9,,,\n", "cannot be their own manager"},
		{"missing column", "id,name,email,level,function,location\nE9,X,x@example.com,3,Eng,Paris\n", `the required column "timezone" is missing`},
		{"ragged row", header + "E9,X Y,x@example.com\n", "line 2: has 3 fields, the header has 11"},
		{"bad quote", header + "E9,\"X Y,x@example.com,3,Eng,Paris,Europe/Paris,,,,\n", "not valid CSV"},
		{"empty", "", "the file is empty"},
		{"bad date", "id,name,email,level,function,location,timezone,hire_date\nE9,X Y,x@example.com,3,Eng,Paris,Europe/Paris,2024-02-30\n", `line 2, column 8 (hire_date): 2024-02-30: February 2024 has 29 days`},
	}
	orgtest.Each(t, func(t *testing.T, o *orgtest.Org) {
		s, ctx := o.People, o.Ctx
		o.Import(goodCSV)
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				f, err := people.ParseCSV("people.csv", strings.NewReader(tc.body))
				if err == nil {
					_, err = s.Import(ctx, f)
				}
				var ie *people.ImportError
				if !errors.As(err, &ie) {
					t.Fatalf("got %v, want an ImportError", err)
				}
				if !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "people.csv: ") {
					t.Fatalf("error %q does not say %q", err, tc.want)
				}
			})
		}
		n, _ := s.Count(ctx)
		if n != 3 {
			t.Fatalf("after rejected imports there are %d people, want 3", n)
		}
		p, _ := s.Get(ctx, "E1")
		if p.ManagerID != "" {
			t.Fatalf("rejected cycle import changed E1's manager to %q", p.ManagerID)
		}
	})
}

func TestParseAcceptsBOMCRLFAndCase(t *testing.T) {
	body := "\xef\xbb\xbfID,Name,EMAIL,Level,Function,Location,TimeZone,Shoe_Size\r\nE1,Ada,ada@example.com,3,Eng,Paris,Europe/Paris,42\r\n"
	f := parse(t, body)
	if len(f.Rows) != 1 || f.Rows[0].Person.Email != "ada@example.com" {
		t.Fatalf("rows: %+v", f.Rows)
	}
	if len(f.Warnings) != 1 || !strings.Contains(f.Warnings[0], "Shoe_Size") {
		t.Fatalf("warnings: %v", f.Warnings)
	}
}

func TestFileProblemsListTheFirstAndCountTheRest(t *testing.T) {
	var e people.FileProblems
	e.File = "scores.csv"
	if e.Any() {
		t.Fatal("no problem yet")
	}
	for i := range people.MaxProblems + 2 {
		e.Add(people.Problem{Line: i + 2, Column: 3, Field: "score", Message: "is not a number"})
	}
	lines := strings.Split(e.Error(), "\n")
	if len(e.Problems) != people.MaxProblems || e.More != 2 || len(lines) != people.MaxProblems+1 ||
		lines[0] != "scores.csv: line 2, column 3 (score): is not a number" || lines[len(lines)-1] != "scores.csv: and 2 more problems" {
		t.Fatalf("listed %d, more %d:\n%s", len(e.Problems), e.More, e.Error())
	}
	ie := &people.ImportError{FileProblems: e}
	if !strings.HasSuffix(ie.Error(), "\nnothing was imported") || !strings.HasPrefix(ie.Error(), e.Error()) {
		t.Fatalf("import error %q", ie.Error())
	}
}

// An import cannot be used to guess a person's demographics: the counts
// leave demographic columns out, and a stored (self-reported) value is
// never overwritten unless the admin says the file is the source of truth
// for demographics; such a value is recorded as coming from an import.
func TestImportNeitherRevealsNorOverwritesDemographics(t *testing.T) {
	orgtest.Each(t, func(t *testing.T, o *orgtest.Org) {
		o.Import(goodCSV) // E1 is a woman
		stored := func() (value, source string) {
			t.Helper()
			err := o.DB.Read().QueryRowContext(o.Ctx, "SELECT value, source FROM demographics WHERE person_id = 'E1' AND attribute = 'gender'").Scan(&value, &source)
			if err != nil {
				t.Fatal(err)
			}
			return value, source
		}
		row := func(gender string) string {
			return header + "E1,Ada Lovelace,ada@example.com,9,Engineering,London,Europe/London,,Go;Mentoring,08:00-16:00," + gender + "\n"
		}
		for _, guess := range []string{"woman", "man", "nonbinary"} {
			res, err := o.People.Import(o.Ctx, parse(t, row(guess)))
			if err != nil {
				t.Fatal(err)
			}
			if res.Created != 0 || res.Updated != 0 || res.Unchanged != 1 {
				t.Fatalf("guess %q: %+v, want the same answer for every guess (unchanged 1)", guess, res)
			}
			if v, src := stored(); v != "woman" || src != "self" {
				t.Fatalf("after guessing %q: stored %q from %q, want woman from self", guess, v, src)
			}
		}
		res, err := o.People.ImportWith(o.Ctx, parse(t, row("man")), people.ImportOptions{DemographicsAuthoritative: true})
		if err != nil {
			t.Fatal(err)
		}
		if res.Updated != 0 || res.Unchanged != 1 {
			t.Fatalf("authoritative import: %+v, want unchanged 1", res)
		}
		if v, src := stored(); v != "man" || src != "import" {
			t.Fatalf("after an authoritative import: stored %q from %q, want man from import", v, src)
		}
		// A value the person has not given yet is filled in by any import.
		res, err = o.People.ImportCSV(o.Ctx, "p.csv", strings.NewReader(strings.Replace(row("man"), "demo_gender", "demo_age_band", 1)))
		if err != nil || res.Unchanged != 1 {
			t.Fatalf("new attribute: %v %+v", err, res)
		}
		var band string
		if err := o.DB.Read().QueryRowContext(o.Ctx, "SELECT value FROM demographics WHERE person_id = 'E1' AND attribute = 'age_band'").Scan(&band); err != nil || band != "man" {
			t.Fatalf("new attribute stored %q: %v", band, err)
		}
	})
}
