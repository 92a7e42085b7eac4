package people

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/kindredhq/kindred/internal/errs"
	"github.com/kindredhq/kindred/internal/person"
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
// duplicates within the file; references to other people are checked by
// the store when importing. On any problem it returns an *ImportError.
func ParseCSV(name string, r io.Reader) (*File, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	ie := &ImportError{FileProblems{File: name}}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err == io.EOF {
		ie.Add(Problem{Message: "the file is empty; it needs a header line with at least " + strings.Join(RequiredColumns, ", ")})
		return nil, ie
	}
	if err != nil {
		ie.Add(csvProblem(err))
		return nil, ie
	}
	f := &File{Name: name, Columns: map[string]bool{}}
	cols := make([]string, len(header))
	index := map[string]int{}
	for i, h := range header {
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
	if err := ie.orNil(); err != nil {
		return nil, err
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
		if len(rowProblems) > 0 {
			continue
		}
		p := &row.Person
		if prev, dup := ids[p.ID]; dup {
			ie.Add(Problem{Line: line, Column: index["id"] + 1, Field: "id", Message: fmt.Sprintf("id %q is also on line %d", p.ID, prev)})
		}
		if prev, dup := emails[p.Email]; dup {
			ie.Add(Problem{Line: line, Column: index["email"] + 1, Field: "email", Message: fmt.Sprintf("email %q is also on line %d", p.Email, prev)})
		}
		ids[p.ID], emails[p.Email] = line, line
		f.Rows = append(f.Rows, row)
	}
	if err := ie.orNil(); err != nil {
		return nil, err
	}
	if len(f.Rows) == 0 {
		ie.Add(Problem{Message: "the file has a header but no people"})
		return nil, ie
	}
	return f, nil
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
	if len(probs) > 0 {
		return probs
	}
	fields := person.Validate(p)
	for _, field := range slices.Sorted(maps.Keys(fields)) {
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
	return probs
}

// errMessage is the safe message of an errs error, or its text.
func errMessage(err error) string {
	if e := errs.As(err); e != nil {
		return e.Message
	}
	return err.Error()
}
