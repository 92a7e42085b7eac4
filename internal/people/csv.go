package people

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/kindredhq/kindred/internal/errs"
	"github.com/kindredhq/kindred/internal/person"
	"github.com/kindredhq/kindred/internal/safetext"
)

// Import columns. The first seven are required; any column named demo_*
// is a self-reported demographic attribute. The format is documented in
// docs/formats.md.
var (
	RequiredColumns = []string{"id", "name", "email", "level", "function", "location", "timezone"}
	OptionalColumns = []string{"department", "work_hours", "hire_date", "manager_id", "languages",
		"skills_offered", "skills_wanted", "interests", "role", "capacity", "facilitator",
		"learning_style", "communication_style"}
)

// DemographicPrefix starts the name of a demographic column.
const DemographicPrefix = "demo_"

// MaxProblems caps how many problems a FileProblems lists.
const MaxProblems = 20

// Row is one person read from an import file, with where it came from.
type Row struct {
	Line         int
	Person       person.Person
	Demographics map[string]string // attribute (without demo_) -> value; empty values omitted
	bad          bool              // the row has a problem of its own; it is never stored
}

// File is a parsed import file.
type File struct {
	Name     string
	Rows     []Row
	Columns  map[string]bool // the known columns present in the header
	Warnings []string        // e.g. unknown columns that were ignored
	index    map[string]int  // column name -> 0-based position
}

// Has reports whether the file has the column, so an update touches only
// the fields the file speaks about.
func (f *File) Has(column string) bool { return f.Columns[column] }

// Problem is one thing wrong with an import file, at a place.
type Problem struct {
	Line    int    `json:"line,omitempty"`   // 1-based line of the file; 0 for the file as a whole
	Column  int    `json:"column,omitempty"` // 1-based column; 0 when not about one cell
	Field   string `json:"field,omitempty"`  // the column's name, when known
	Message string `json:"message"`
}

// String formats the problem as "line 4, column 7 (timezone): message".
func (p Problem) String() string {
	var b strings.Builder
	if p.Line > 0 {
		fmt.Fprintf(&b, "line %d", p.Line)
	}
	if p.Column > 0 {
		fmt.Fprintf(&b, ", column %d", p.Column)
	}
	if p.Field != "" {
		if b.Len() > 0 {
			b.WriteString(" ")
		}
		fmt.Fprintf(&b, "(%s)", p.Field)
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	b.WriteString(p.Message)
	return b.String()
}

// FileProblems is what is wrong with one input file: the first
// MaxProblems problems found and how many more there were. The HR import
// reports it (inside ImportError) and so does any command that reads a
// file of rows, so problems read the same everywhere.
type FileProblems struct {
	File     string
	Problems []Problem
	More     int // problems found beyond those listed
}

// Error lists the problems one a line: "people.csv: line 4, column 7
// (timezone): ...".
func (e *FileProblems) Error() string {
	var b strings.Builder
	for i, p := range e.Problems {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(e.File + ": " + p.String())
	}
	if e.More > 0 {
		fmt.Fprintf(&b, "\n%s: and %d more problems", e.File, e.More)
	}
	return b.String()
}

// Add records a problem, or only counts it once MaxProblems are listed.
func (e *FileProblems) Add(p Problem) {
	if len(e.Problems) < MaxProblems {
		e.Problems = append(e.Problems, p)
	} else {
		e.More++
	}
}

// merge adds the problems of o, both lists in line order, keeping the
// first MaxProblems by line and counting the rest: the first MaxProblems of
// the union are among the first MaxProblems of each.
func (e *FileProblems) merge(o FileProblems) {
	all := append(slices.Clone(e.Problems), o.Problems...)
	slices.SortStableFunc(all, func(a, b Problem) int { return cmp.Compare(a.Line, b.Line) })
	more := e.More + o.More
	if len(all) > MaxProblems {
		more += len(all) - MaxProblems
		all = all[:MaxProblems]
	}
	// Within a line, left to right; problems about no one cell last.
	slices.SortStableFunc(all, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(columnOrder(a.Column), columnOrder(b.Column)))
	})
	e.Problems, e.More = all, more
}

// Count is how many problems were found, listed or not.
func (e *FileProblems) Count() int { return len(e.Problems) + e.More }

// Lines groups the listed problems by line, in line order, for pages
// that show each line once.
func (e *FileProblems) Lines() []LineProblems {
	var out []LineProblems
	for _, p := range e.Problems {
		if n := len(out); n > 0 && out[n-1].Line == p.Line {
			out[n-1].Problems = append(out[n-1].Problems, p)
			continue
		}
		out = append(out, LineProblems{Line: p.Line, Problems: []Problem{p}})
	}
	return out
}

// LineProblems is the problems of one line of a file (line 0: the file
// as a whole).
type LineProblems struct {
	Line     int
	Problems []Problem
}

// Any reports whether a problem was found.
func (e *FileProblems) Any() bool { return len(e.Problems) > 0 }

// ImportError lists what is wrong with an import file. Nothing of the file
// was stored.
type ImportError struct {
	FileProblems
}

// Error implements error: the problems, then "nothing was imported".
func (e *ImportError) Error() string {
	return e.FileProblems.Error() + "\nnothing was imported"
}

func (e *ImportError) orNil() error {
	if !e.Any() {
		return nil
	}
	return e
}

// ParseCSV reads an HR export. Header names are case-insensitive; a UTF-8
// BOM and CRLF line ends are accepted; unknown columns are ignored with a
// warning. It checks every row on its own (types, formats, zones) and
// across rows (duplicate ids and emails), all rows and all columns in one
// pass; references to other people are checked by the store when
// importing (Store.ImportCSV checks both in one pass). On any problem it
// returns an *ImportError.
func ParseCSV(name string, r io.Reader) (*File, error) {
	f, ie, err := parseFile(name, r)
	if err != nil {
		return nil, err
	}
	ie.merge(FileProblems{}) // in line and column order
	if err := ie.orNil(); err != nil {
		return nil, err
	}
	return f, nil
}

// parseFile reads the whole file and returns it with every problem found.
// Rows with problems are kept (marked bad) so the checks across rows and
// against stored people still see their ids, emails and managers; a file
// with problems must never be stored.
func parseFile(name string, r io.Reader) (*File, *ImportError, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, nil, fmt.Errorf("read %s: %w", name, err)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	ie := &ImportError{FileProblems{File: name}}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err == io.EOF {
		ie.Add(Problem{Message: "the file is empty; it needs a header line with at least " + strings.Join(RequiredColumns, ", ")})
		return nil, ie, nil
	}
	if err != nil {
		ie.Add(csvProblem(err))
		return nil, ie, nil
	}
	f := &File{Name: name, Columns: map[string]bool{}}
	cols := make([]string, len(header))
	index := map[string]int{}
	for i, h := range header {
		if problem := safetext.Problem(h); problem != "" {
			ie.Add(Problem{Line: 1, Column: i + 1, Message: "the column name " + problem})
			continue
		}
		h = strings.ToLower(strings.TrimSpace(h))
		cols[i] = h
		switch {
		case h == "":
			f.Warnings = append(f.Warnings, fmt.Sprintf("column %d has no name and was ignored", i+1))
			continue
		case slices.Contains(RequiredColumns, h) || slices.Contains(OptionalColumns, h):
			f.Columns[h] = true
		case strings.HasPrefix(h, DemographicPrefix) && len(h) > len(DemographicPrefix):
		default:
			f.Warnings = append(f.Warnings, fmt.Sprintf("unknown column %q (column %d) was ignored", header[i], i+1))
			cols[i] = ""
			continue
		}
		if j, dup := index[h]; dup {
			ie.Add(Problem{Line: 1, Column: i + 1, Field: h, Message: fmt.Sprintf("column %q appears twice (columns %d and %d)", h, j+1, i+1)})
		}
		index[h] = i
	}
	for _, c := range RequiredColumns {
		if !f.Columns[c] {
			ie.Add(Problem{Line: 1, Field: c, Message: fmt.Sprintf("the required column %q is missing from the header", c)})
		}
	}
	if ie.Any() {
		// Without the columns the rows cannot be read.
		return nil, ie, nil
	}
	f.index = index

	ids := map[string]int{}
	emails := map[string]int{}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			// encoding/csv cannot resynchronize after a broken quote.
			ie.Add(csvProblem(err))
			break
		}
		line, _ := cr.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // a blank line
		}
		if len(rec) != len(header) {
			ie.Add(Problem{Line: line, Message: fmt.Sprintf("has %d fields, the header has %d", len(rec), len(header))})
			continue
		}
		row := Row{Line: line}
		rowProblems := parseRow(&row, rec, cols, index)
		for _, p := range rowProblems {
			p.Line = line
			ie.Add(p)
		}
		row.bad = len(rowProblems) > 0
		p := &row.Person
		if prev, dup := ids[p.ID]; dup && p.ID != "" {
			ie.Add(Problem{Line: line, Column: index["id"] + 1, Field: "id", Message: fmt.Sprintf("id %q is also on line %d", p.ID, prev)})
		} else if p.ID != "" {
			ids[p.ID] = line
		}
		if prev, dup := emails[p.Email]; dup && p.Email != "" {
			ie.Add(Problem{Line: line, Column: index["email"] + 1, Field: "email", Message: fmt.Sprintf("email %q is also on line %d", p.Email, prev)})
		} else if p.Email != "" {
			emails[p.Email] = line
		}
		f.Rows = append(f.Rows, row)
	}
	if len(f.Rows) == 0 && !ie.Any() {
		ie.Add(Problem{Message: "the file has a header but no people"})
	}
	return f, ie, nil
}

func csvProblem(err error) Problem {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return Problem{Line: pe.Line, Column: pe.Column, Message: "not valid CSV: " + pe.Err.Error()}
	}
	return Problem{Message: "not valid CSV: " + err.Error()}
}

// parseRow fills row from one record and returns the problems of its cells.
func parseRow(row *Row, rec, cols []string, index map[string]int) []Problem {
	var probs []Problem
	at := func(field string) int { return index[field] + 1 }
	bad := func(field, format string, args ...any) {
		probs = append(probs, Problem{Column: at(field), Field: field, Message: fmt.Sprintf(format, args...)})
	}
	p := &row.Person
	for i, c := range cols {
		if problem := safetext.Problem(rec[i]); problem != "" {
			// Not stored, and not read further: it would fail on PostgreSQL.
			probs = append(probs, Problem{Column: i + 1, Field: c, Message: "the cell " + problem})
			continue
		}
		v := strings.TrimSpace(rec[i])
		switch c {
		case "id":
			p.ID = v
		case "name":
			p.Name = v
		case "email":
			p.Email = v
		case "level":
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 || n > 10 {
				bad(c, "level %q must be a whole number from 1 to 10", v)
			}
			p.Level = n
		case "function":
			p.Function = v
		case "location":
			p.Location = v
		case "timezone":
			p.Timezone = v
		case "department":
			p.Department = v
		case "work_hours":
			if v != "" {
				s, e, err := person.ParseHours(v)
				if err != nil {
					bad(c, "%s (local time, Monday to Friday)", errMessage(err))
				}
				p.WorkStart, p.WorkEnd = s, e
			}
		case "hire_date":
			p.HireDate = v
		case "manager_id":
			p.ManagerID = v
		case "languages":
			p.Languages = person.SplitList(v)
		case "skills_offered":
			p.SkillsOffered = person.SplitList(v)
		case "skills_wanted":
			p.SkillsWanted = person.SplitList(v)
		case "interests":
			p.Interests = person.SplitList(v)
		case "role":
			p.MentoringRole = strings.ToLower(v)
		case "capacity":
			if v != "" {
				n, err := strconv.Atoi(v)
				if err != nil || n < 1 || n > person.MaxCapacity {
					bad(c, "capacity %q must be a whole number from 1 to %d", v, person.MaxCapacity)
				}
				p.Capacity = n
			}
		case "facilitator":
			switch strings.ToLower(v) {
			case "yes", "y", "true", "1":
				p.Facilitator = true
			case "no", "n", "false", "0", "":
				p.Facilitator = false
			default:
				bad(c, "facilitator %q must be yes or no", v)
			}
		case "learning_style":
			p.LearningStyle = v
		case "communication_style":
			p.CommunicationStyle = v
		default:
			if strings.HasPrefix(c, DemographicPrefix) && v != "" {
				if row.Demographics == nil {
					row.Demographics = map[string]string{}
				}
				row.Demographics[strings.TrimPrefix(c, DemographicPrefix)] = v
			}
		}
	}
	// Validate too when a cell was wrong, so one upload shows every problem
	// of the row; a field already reported is not reported twice.
	fields := person.Validate(p)
	for _, field := range slices.Sorted(maps.Keys(fields)) {
		if slices.ContainsFunc(probs, func(pr Problem) bool { return pr.Field == field }) {
			continue
		}
		col := field
		if _, ok := index[col]; !ok {
			col = ""
		}
		pr := Problem{Field: field, Message: fields[field]}
		if col != "" {
			pr.Column = at(col)
		}
		probs = append(probs, pr)
	}
	// Left to right; problems about no one cell last.
	slices.SortStableFunc(probs, func(a, b Problem) int {
		return cmp.Compare(columnOrder(a.Column), columnOrder(b.Column))
	})
	return probs
}

func columnOrder(c int) int {
	if c == 0 {
		return math.MaxInt
	}
	return c
}

// errMessage is the safe message of an errs error, or its text.
func errMessage(err error) string {
	if e := errs.As(err); e != nil {
		return e.Message
	}
	return err.Error()
}
