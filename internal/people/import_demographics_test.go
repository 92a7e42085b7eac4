package people_test

import (
	"strings"
	"testing"

	"github.com/kindredhq/kindred/internal/orgtest"
	"github.com/kindredhq/kindred/internal/people"
)

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
