package main

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/kindredhq/kindred/internal/matching"
	"github.com/kindredhq/kindred/internal/people"
	"github.com/kindredhq/kindred/internal/safetext"
)

func lockPairs(locks []lockRow) []matching.Pair {
	var out []matching.Pair
	for _, l := range locks {
		out = append(out, l.pair)
	}
	return out
}

// readLocks reads a locks file and checks what can be checked before
// solving: a mentee locked twice, a locked pair also excluded, a mentor
// locked beyond capacity.
func readLocks(path string, resolve func(role, id string) (int32, string), exclusions []matching.Pair,
	capacity func(int32) int32, mentor, mentee func(int32) string) ([]lockRow, error) {
	var locks []lockRow
	lines, err := readPairs(path, resolve, func(_, _ string, j, i int32) {
		locks = append(locks, lockRow{pair: matching.Pair{Mentor: j, Mentee: i}})
	})
	if err != nil {
		return nil, err
	}
	name := filepath.Base(path)
	byMentee := map[int32]int{}
	byMentor := map[int32][]int{}
	for k := range locks {
		l := &locks[k]
		l.line = lines[k]
		if prev, ok := byMentee[l.pair.Mentee]; ok {
			return nil, fmt.Errorf("%s: line %d: mentee %s is locked twice (to mentor %s on line %d and mentor %s)",
				name, l.line, mentee(l.pair.Mentee), mentor(locks[prev].pair.Mentor), locks[prev].line, mentor(l.pair.Mentor))
		}
		byMentee[l.pair.Mentee] = k
		if slices.Contains(exclusions, l.pair) {
			return nil, fmt.Errorf("%s: line %d: cannot lock mentor %s to mentee %s: the pair is also excluded",
				name, l.line, mentor(l.pair.Mentor), mentee(l.pair.Mentee))
		}
		byMentor[l.pair.Mentor] = append(byMentor[l.pair.Mentor], k)
		if ks := byMentor[l.pair.Mentor]; int32(len(ks)) > capacity(l.pair.Mentor) {
			var who []string
			for _, x := range ks {
				who = append(who, fmt.Sprintf("%s (line %d)", mentee(locks[x].pair.Mentee), locks[x].line))
			}
			return nil, fmt.Errorf("%s: line %d: cannot lock mentor %s to mentee %s: over capacity: mentor %s has capacity %d and is locked to %s",
				name, l.line, mentor(l.pair.Mentor), mentee(l.pair.Mentee), mentor(l.pair.Mentor), capacity(l.pair.Mentor), strings.Join(who, ", "))
		}
	}
	return locks, nil
}

// readPairs reads a mentor_id,mentee_id file. resolve maps an id of a
// role ("mentor" or "mentee") to an index, or returns why it cannot; add
// is called for each pair once the whole file checks out. It returns the
// line of each pair added.
func readPairs(path string, resolve func(role, id string) (int32, string), add func(mentor, mentee string, j, i int32)) ([]int, error) {
	t, err := readTable(path, "mentor_id", "mentee_id")
	if err != nil {
		return nil, err
	}
	type row struct {
		mentor, mentee string
		j, i           int32
		line           int
	}
	var rows []row
	seen := map[[2]string]int{}
	for _, r := range t.rows {
		mid, eid := t.cell(r, "mentor_id"), t.cell(r, "mentee_id")
		ok := true
		for _, c := range []struct{ col, role, id string }{{"mentor_id", "mentor", mid}, {"mentee_id", "mentee", eid}} {
			if c.id == "" {
				t.bad(r, c.col, "the %s id is empty", c.role)
				ok = false
			}
		}
		if !ok {
			continue
		}
		j, why := resolve("mentor", mid)
		if why != "" {
			t.bad(r, "mentor_id", "%s", why)
			ok = false
		}
		i, why := resolve("mentee", eid)
		if why != "" {
			t.bad(r, "mentee_id", "%s", why)
			ok = false
		}
		if prev := seen[[2]string{mid, eid}]; prev > 0 {
			t.bad(r, "mentee_id", "the pair (%s, %s) is also on line %d", mid, eid, prev)
			ok = false
		}
		seen[[2]string{mid, eid}] = r.line
		if ok {
			rows = append(rows, row{mid, eid, j, i, r.line})
		}
	}
	if err := t.err(); err != nil {
		return nil, err
	}
	lines := make([]int, len(rows))
	for k, r := range rows {
		add(r.mentor, r.mentee, r.j, r.i)
		lines[k] = r.line
	}
	return lines, nil
}

// table is a CSV file read whole, its header mapped to column positions,
// collecting the problems of its cells.
type table struct {
	name  string
	cols  map[string]int
	rows  []tableRow
	probs people.FileProblems
}

type tableRow struct {
	line int
	rec  []string
}

// readTable reads a CSV file whose header must have the given columns
// (case-insensitive, any order; other columns are ignored).
func readTable(path string, columns ...string) (*table, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("match: %w", err)
	}
	t := &table{name: filepath.Base(path), cols: map[string]int{}}
	t.probs.File = t.name
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err == io.EOF {
		t.probs.Add(people.Problem{Message: "the file is empty; it needs a header line: " + strings.Join(columns, ",")})
		return nil, &t.probs
	}
	if err != nil {
		t.probs.Add(csvProblem(err))
		return nil, &t.probs
	}
	for k, h := range header {
		if problem := safetext.Problem(h); problem != "" {
			t.probs.Add(people.Problem{Line: 1, Column: k + 1, Message: "the column name " + problem})
			continue
		}
		h = strings.ToLower(strings.TrimSpace(h))
		if prev, dup := t.cols[h]; dup && h != "" {
			t.probs.Add(people.Problem{Line: 1, Column: k + 1, Field: h, Message: fmt.Sprintf("column %q appears twice (columns %d and %d)", h, prev+1, k+1)})
		}
		t.cols[h] = k
	}
	for _, c := range columns {
		if _, ok := t.cols[c]; !ok {
			t.probs.Add(people.Problem{Line: 1, Field: c, Message: fmt.Sprintf("the required column %q is missing from the header (want %s)", c, strings.Join(columns, ","))})
		}
	}
	if t.probs.Any() {
		return nil, &t.probs
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.probs.Add(csvProblem(err))
			return nil, &t.probs
		}
		line, _ := cr.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		if len(rec) != len(header) {
			t.probs.Add(people.Problem{Line: line, Message: fmt.Sprintf("has %d fields, the header has %d", len(rec), len(header))})
			continue
		}
		if t.badText(line, header, rec) {
			continue
		}
		t.rows = append(t.rows, tableRow{line: line, rec: rec})
	}
	return t, nil
}

// badText records a problem for each cell of rec holding a NUL byte or
// bytes that are not UTF-8, and reports whether there was one.
func (t *table) badText(line int, header, rec []string) bool {
	found := false
	for k, v := range rec {
		if problem := safetext.Problem(v); problem != "" {
			t.probs.Add(people.Problem{Line: line, Column: k + 1, Field: strings.ToLower(strings.TrimSpace(header[k])), Message: "the cell " + problem})
			found = true
		}
	}
	return found
}

func csvProblem(err error) people.Problem {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return people.Problem{Line: pe.Line, Column: pe.Column, Message: "not valid CSV: " + pe.Err.Error()}
	}
	return people.Problem{Message: "not valid CSV: " + err.Error()}
}

func (t *table) cell(r tableRow, col string) string { return strings.TrimSpace(r.rec[t.cols[col]]) }

func (t *table) bad(r tableRow, col, format string, args ...any) {
	t.probs.Add(people.Problem{Line: r.line, Column: t.cols[col] + 1, Field: col, Message: fmt.Sprintf(format, args...)})
}

// integer reads a whole number in [lo, hi], recording a problem if the
// cell is not one.
func (t *table) integer(r tableRow, col string, lo, hi int) (int, bool) {
	v := t.cell(r, col)
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		t.bad(r, col, "%q must be a whole number from %d to %d", v, lo, hi)
		return 0, false
	}
	return n, true
}

func (t *table) err() error {
	if !t.probs.Any() {
		return nil
	}
	return &t.probs
}
