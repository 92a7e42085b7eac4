package db

import (
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// dialectDifferences lists every difference allowed between a migration's
// sqlite/ and postgres/ text: the file, and one line as each engine spells
// it. Anything else that differs fails TestDialectMigrationsDifferOnlyAsListed.
// Example of an entry: {"0008_files.sql", "    body BLOB NOT NULL", "    body BYTEA NOT NULL"}.
var dialectDifferences = []lineDifference{}

// lineDifference is one line that differs between the dialects' texts.
type lineDifference struct{ file, sqlite, postgres string }

// differences returns the lines where two texts of file differ; texts of
// different line counts differ as a whole.
func differences(file, lite, pg string) []lineDifference {
	a, b := strings.Split(lite, "\n"), strings.Split(pg, "\n")
	if len(a) != len(b) {
		return []lineDifference{{file, lite, pg}}
	}
	var out []lineDifference
	for i := range a {
		if a[i] != b[i] {
			out = append(out, lineDifference{file, a[i], b[i]})
		}
	}
	return out
}

// checkDialectFiles compares the dialect files of fsys against each other
// and against allowed, and returns what is wrong: unlisted differences,
// listed differences no file has any more, and dialect files with the same
// text (they belong in common/).
func checkDialectFiles(t *testing.T, fsys fs.FS, allowed []lineDifference) []string {
	t.Helper()
	lite, err := migrationNames(fsys, string(SQLite))
	if err != nil {
		t.Fatal(err)
	}
	pg, err := migrationNames(fsys, string(Postgres))
	if err != nil {
		t.Fatal(err)
	}
	var problems []string
	for _, name := range pg {
		if !slices.Contains(lite, name) {
			problems = append(problems, "postgres/"+name+" has no sqlite/ twin")
		}
	}
	used := make([]bool, len(allowed))
	for _, name := range lite {
		if !slices.Contains(pg, name) {
			problems = append(problems, "sqlite/"+name+" has no postgres/ twin")
			continue
		}
		a, errA := fs.ReadFile(fsys, "migrations/sqlite/"+name)
		b, errB := fs.ReadFile(fsys, "migrations/postgres/"+name)
		if errA != nil || errB != nil {
			t.Fatal(errA, errB)
		}
		diffs := differences(name, string(a), string(b))
		if len(diffs) == 0 {
			problems = append(problems, name+" is the same for both dialects: move it to common/")
		}
		for _, d := range diffs {
			i := slices.Index(allowed, d)
			if i < 0 {
				problems = append(problems, "unlisted difference in "+name+": sqlite "+d.sqlite+" | postgres "+d.postgres)
				continue
			}
			used[i] = true
		}
	}
	for i, d := range allowed {
		if !used[i] {
			problems = append(problems, "listed difference not found in "+d.file+": "+d.sqlite+" | "+d.postgres)
		}
	}
	return problems
}

func TestDialectMigrationsDifferOnlyAsListed(t *testing.T) {
	for _, p := range checkDialectFiles(t, migrationFiles, dialectDifferences) {
		t.Error(p)
	}
}

// TestMigrationChecksCatchDrift proves the checks above and the layout
// rules of Migrations on small made-up folders.
func TestMigrationChecksCatchDrift(t *testing.T) {
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	base := fstest.MapFS{
		"migrations/common/0001_a.sql":   file("CREATE TABLE a (id TEXT);\n"),
		"migrations/sqlite/0002_b.sql":   file("CREATE TABLE b (\n    body BLOB\n);\n"),
		"migrations/postgres/0002_b.sql": file("CREATE TABLE b (\n    body BYTEA\n);\n"),
	}
	allowed := []lineDifference{{"0002_b.sql", "    body BLOB", "    body BYTEA"}}
	with := func(extra map[string]string) fstest.MapFS {
		m := fstest.MapFS{}
		for k, v := range base {
			m[k] = v
		}
		for k, v := range extra {
			if v == "" {
				delete(m, k)
			} else {
				m[k] = file(v)
			}
		}
		return m
	}
	cases := []struct {
		name     string
		fsys     fstest.MapFS
		allowed  []lineDifference
		problems int  // from checkDialectFiles
		layout   bool // Migrations refuses the layout
	}{
		{"listed difference", base, allowed, 0, false},
		{"unlisted difference", base, nil, 1, false},
		{"stale listed difference", with(map[string]string{"migrations/postgres/0002_b.sql": "CREATE TABLE b (\n    body BLOB\n);\n"}), allowed, 2, false},
		{"one dialect only", with(map[string]string{"migrations/postgres/0002_b.sql": ""}), allowed, 2, true},
		{"common and a dialect", with(map[string]string{"migrations/common/0002_b.sql": "x"}), allowed, 0, true},
		{"gap in numbers", with(map[string]string{"migrations/common/0004_c.sql": "x"}), allowed, 0, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := checkDialectFiles(t, c.fsys, c.allowed); len(got) != c.problems {
				t.Errorf("problems %q, want %d", got, c.problems)
			}
			for _, d := range []Dialect{SQLite, Postgres} {
				ms, err := migrationsFrom(c.fsys, d)
				if (err != nil) != c.layout {
					t.Errorf("%s: err %v, want refused %v", d, err, c.layout)
				}
				if err == nil && (len(ms) != 2 || ms[1].SQL != string(c.fsys["migrations/"+string(d)+"/0002_b.sql"].Data)) {
					t.Errorf("%s: got %+v, want common 0001 and the dialect's own 0002", d, ms)
				}
			}
		})
	}
}
