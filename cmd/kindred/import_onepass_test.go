package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/kindredhq/kindred/internal/db/dbtest"
)

// TestImportCommandListsEveryProblemAtOnce runs `kindred import people` on
// issue 9's 4-row file (internal/people/testdata/waves.csv): on an empty
// database it has 15 problems (the 16th is an email of a stored person),
// and one run lists them all, in line order, including the unknown manager
// and the manager cycle found only across rows.
func TestImportCommandListsEveryProblemAtOnce(t *testing.T) {
	for _, dialect := range dbtest.Dialects {
		t.Run(string(dialect), func(t *testing.T) {
			t.Parallel()
			var out, errOut bytes.Buffer
			err := run(context.Background(), []string{"import", "people", "../../internal/people/testdata/waves.csv", "--db", dbtest.DSN(t, dialect)}, noEnv, &out, &errOut)
			if err == nil || exitCode(err) != 1 {
				t.Fatalf("want a rejected file, got %v", err)
			}
			msg := err.Error()
			if n := strings.Count(msg, "waves.csv: line "); n != 15 {
				t.Fatalf("%d problems listed, want 15:\n%s", n, msg)
			}
			last := 0
			for _, want := range []string{
				`waves.csv: line 2, column 2 (name): is required`,
				`waves.csv: line 2, column 8 (manager_id): manager "E9" is neither in this file nor among the people already imported`,
				`waves.csv: line 2, column 9 (hire_date): 2020-02-30: February 2020 has 29 days`,
				`waves.csv: line 3, column 8 (manager_id): manager cycle: E3 reports to E4 reports to E3`,
				`waves.csv: line 3, column 9 (hire_date): 0000-01-01 is out of range`,
				`waves.csv: line 4, column 9 (hire_date): 2019-13-01: there is no month 13`,
				`waves.csv: line 5, column 3 (email): email "alan@example.com" is also on line 4`,
				"nothing was imported",
			} {
				i := strings.Index(msg, want)
				if i < last {
					t.Errorf("missing or out of order: %s\n%s", want, msg)
					continue
				}
				last = i
			}
		})
	}
}
