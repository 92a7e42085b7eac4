package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/kindredhq/kindred/internal/circles"
	"github.com/kindredhq/kindred/internal/csvsafe"
	"github.com/kindredhq/kindred/internal/people"
	"github.com/kindredhq/kindred/internal/person"
	"github.com/kindredhq/kindred/internal/safetext"
)

// readCirclesInput reads the people, history and weights files, checking
// what the pipeline takes on trust (time zones, hire dates).
func readCirclesInput(a circlesArgs, stderr io.Writer) (*circlesInput, error) {
	f, err := os.Open(a.peoplePath)
	if err != nil {
		return nil, fmt.Errorf("circles: %w", err)
	}
	defer f.Close()
	name := filepath.Base(a.peoplePath)
	file, err := people.ParseCSV(name, f)
	if err != nil {
		return nil, fmt.Errorf("circles: %w", err)
	}
	for _, w := range file.Warnings {
		fmt.Fprintf(stderr, "warning: %s: %s\n", name, w)
	}
	n := len(file.Rows)
	in := &circlesInput{
		people: make([]person.Person, n),
		zones:  make([]*time.Location, n),
		index:  make(map[string]int, n),
	}
	for i, row := range file.Rows {
		p := row.Person
		in.people[i] = p
		in.index[p.ID] = i
		zone, err := time.LoadLocation(p.Timezone)
		if err != nil {
			return nil, fmt.Errorf("circles: %s: line %d (timezone): %w", name, row.Line, err)
		}
		in.zones[i] = zone
		if p.HireDate != "" {
			if _, err := time.Parse(person.DateLayout, p.HireDate); err != nil {
				return nil, fmt.Errorf("circles: %s: line %d (hire_date): %w", name, row.Line, err)
			}
		}
	}
	var outside []string
	for _, p := range in.people {
		if _, ok := in.index[p.ManagerID]; !ok && p.ManagerID != "" {
			outside = append(outside, p.ManagerID)
		}
	}
	if len(outside) > 0 {
		slices.Sort(outside)
		outside = slices.Compact(outside)
		fmt.Fprintf(stderr, "warning: %s: %d manager(s) not in the file, so not taking part: %s\n", name, len(outside), circlesListSome(outside, 10))
	}

	if in.weights, err = readCircleWeights(a.configPath); err != nil {
		return nil, err
	}
	if a.historyPath != "" {
		if err := in.readHistory(a.historyPath, stderr); err != nil {
			return nil, err
		}
	}
	return in, nil
}

// circlesListSome joins the first max items of list, saying how many were left out.
func circlesListSome(list []string, max int) string {
	if len(list) <= max {
		return strings.Join(list, ", ")
	}
	return strings.Join(list[:max], ", ") + fmt.Sprintf(" and %d more", len(list)-max)
}

// readCircleWeights reads the --config file, if any. Missing keys weigh 1;
// unknown keys, values that are not whole numbers from 0 to 1000 and all
// four at zero are errors.
func readCircleWeights(path string) (circles.Weights, error) {
	w := circles.Weights{Level: 1, Function: 1, Location: 1, Tenure: 1}
	if path == "" {
		return w, nil
	}
	name := filepath.Base(path)
	data, err := os.ReadFile(path)
	if err != nil {
		return w, fmt.Errorf("circles: %w", err)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			line, col := circlesLineCol(data, se.Offset)
			return w, fmt.Errorf("circles: %s: line %d, column %d: not valid JSON: %w", name, line, col, err)
		}
		return w, fmt.Errorf("circles: %s: want an object like {\"level\":1,\"function\":1,\"location\":1,\"tenure\":1}: %w", name, err)
	}
	fields := map[string]*int{"level": &w.Level, "function": &w.Function, "location": &w.Location, "tenure": &w.Tenure}
	var unknown, bad []string
	for _, k := range slices.Sorted(maps.Keys(raw)) {
		dst, ok := fields[k]
		if !ok {
			unknown = append(unknown, strconv.Quote(k))
			continue
		}
		var v int
		if err := json.Unmarshal(raw[k], &v); err != nil || v < 0 || v > 1000 {
			bad = append(bad, fmt.Sprintf("%q is %s, want a whole number from 0 to 1000", k, raw[k]))
			continue
		}
		*dst = v
	}
	switch {
	case len(unknown) > 0:
		return w, fmt.Errorf("circles: %s: unknown key(s) %s; the keys are level, function, location and tenure", name, strings.Join(unknown, ", "))
	case len(bad) > 0:
		return w, fmt.Errorf("circles: %s: %s", name, strings.Join(bad, "; "))
	case w == circles.Weights{}:
		return w, fmt.Errorf("circles: %s: all weights are zero; give at least one attribute a positive weight", name)
	}
	return w, nil
}

// circlesLineCol turns a byte offset into a 1-based line and column.
func circlesLineCol(data []byte, offset int64) (line, col int) {
	offset = min(max(offset, 0), int64(len(data)))
	before := data[:offset]
	line = bytes.Count(before, []byte("\n")) + 1
	col = int(offset) - (bytes.LastIndexByte(before, '\n') + 1)
	return line, max(col, 1)
}

// circleHistoryColumns are the first columns of a history file, as circles.csv
// writes them.
var circleHistoryColumns = []string{"round", "circle", "person_id"}

// readHistory reads earlier circles: a CSV whose header starts with
// round,circle,person_id (circles.csv is one). People in the same round
// and circle have met. IDs not in the people file are ignored with a
// warning; anything malformed is an error naming line and column. A role
// column, if present, counts earlier facilitators so the rotation goes on.
func (in *circlesInput) readHistory(path string, stderr io.Writer) error {
	name := filepath.Base(path)
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("circles: %w", err)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	bad := func(line, col int, field, format string, args ...any) error {
		where := fmt.Sprintf("line %d", line)
		if col > 0 {
			where += fmt.Sprintf(", column %d", col)
		}
		if field != "" {
			where += " (" + field + ")"
		}
		return fmt.Errorf("circles: %s: %s: %s", name, where, fmt.Sprintf(format, args...))
	}
	csvErr := func(err error) error {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return bad(pe.Line, pe.Column, "", "not valid CSV: %v", pe.Err)
		}
		return fmt.Errorf("circles: %s: %w", name, err)
	}
	header, err := cr.Read()
	if err == io.EOF {
		return bad(1, 0, "", "the file is empty; it needs a header starting %s", strings.Join(circleHistoryColumns, ","))
	}
	if err != nil {
		return csvErr(err)
	}
	for i, h := range header {
		if problem := safetext.Problem(h); problem != "" {
			return bad(1, i+1, "", "the column name %s", problem)
		}
	}
	for i, want := range circleHistoryColumns {
		if i >= len(header) || !strings.EqualFold(strings.TrimSpace(header[i]), want) {
			got := ""
			if i < len(header) {
				got = header[i]
			}
			return bad(1, i+1, want, "the header must start with %s, found %q", strings.Join(circleHistoryColumns, ","), got)
		}
	}
	roleCol := -1
	for i, h := range header {
		if strings.EqualFold(strings.TrimSpace(h), "role") {
			roleCol = i
		}
	}

	type key struct{ round, circle int }
	groups := map[key][]string{}
	var order []key
	where := map[[3]int]int{} // round, circle, person -> line
	unknown := map[string]bool{}
	in.historyFac = map[string]int{}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return csvErr(err)
		}
		line, _ := cr.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // a blank line
		}
		for i, v := range rec {
			if problem := safetext.Problem(v); problem != "" {
				return bad(line, i+1, "", "the cell %s", problem)
			}
		}
		if len(rec) < len(circleHistoryColumns) {
			return bad(line, 0, "", "has %d fields, want at least %d (%s)", len(rec), len(circleHistoryColumns), strings.Join(circleHistoryColumns, ","))
		}
		var k key
		for i, dst := range []*int{&k.round, &k.circle} {
			v := strings.TrimSpace(rec[i])
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 {
				return bad(line, i+1, circleHistoryColumns[i], "%q is not a whole number of 1 or more", v)
			}
			*dst = n
		}
		id := strings.TrimSpace(rec[2])
		if id == "" {
			return bad(line, 3, "person_id", "is empty")
		}
		in.historyRows++
		p, id, ok := csvsafe.Lookup(in.index, id) // circles.csv quotes a formula-like id
		if !ok {
			unknown[id] = true
			continue
		}
		at := [3]int{k.round, k.circle, p}
		if prev, dup := where[at]; dup {
			return bad(line, 3, "person_id", "%s is already in round %d, circle %d on line %d", id, k.round, k.circle, prev)
		}
		where[at] = line
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], id)
		if roleCol >= 0 && roleCol < len(rec) && strings.EqualFold(strings.TrimSpace(rec[roleCol]), circleRoleFacilitator) {
			in.historyFac[id]++
		}
	}
	for _, k := range order {
		if g := groups[k]; len(g) >= 2 {
			in.history = append(in.history, g)
		}
	}
	if len(unknown) > 0 {
		in.historyLeft = slices.Sorted(maps.Keys(unknown))
		fmt.Fprintf(stderr, "warning: %s: %d person id(s) not in the people file were ignored (they may have left): %s\n",
			name, len(in.historyLeft), circlesListSome(in.historyLeft, 10))
	}
	return nil
}
