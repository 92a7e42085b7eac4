package people

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/person"
)

// ImportResult counts what an import did.
type ImportResult struct {
	Created   int
	Updated   int
	Unchanged int
	Warnings  []string
}

// Import stores a parsed file all-or-nothing: it checks every row against
// the stored people (duplicate emails, managers that exist, manager cycles)
// and then creates new people and updates existing ones by id in one
// transaction. Only the columns present in the file are written, so a file
// without skills does not wipe skills people entered themselves. Rows equal
// to what is stored are left untouched, so re-importing a file changes
// nothing. Access roles and passwords are never set by an import.
//
// Demographic columns are left out of the counts, and a stored demographic
// value is never overwritten (it is taken as self-reported) unless opt says
// the file is the source of truth for demographics; see ImportWith.
func (s *Store) Import(ctx context.Context, f *File) (ImportResult, error) {
	return s.ImportWith(ctx, f, ImportOptions{})
}

// ImportWith is Import with options.
func (s *Store) ImportWith(ctx context.Context, f *File, opt ImportOptions) (ImportResult, error) {
	return s.importFile(ctx, f, &ImportError{FileProblems{File: f.Name}}, opt)
}

// ImportCSV reads an HR export (see ParseCSV) and imports it (see Import),
// finding every problem of the file in one pass: those of each row, those
// across rows, and those against the stored people (emails taken, managers
// unknown, manager cycles). On any problem it returns an *ImportError that
// lists them in line order, and nothing is stored.
func (s *Store) ImportCSV(ctx context.Context, name string, r io.Reader) (ImportResult, error) {
	return s.ImportCSVWith(ctx, name, r, ImportOptions{})
}

// ImportCSVWith is ImportCSV with options.
func (s *Store) ImportCSVWith(ctx context.Context, name string, r io.Reader, opt ImportOptions) (ImportResult, error) {
	f, ie, err := parseFile(name, r)
	if err != nil {
		return ImportResult{}, err
	}
	if f == nil {
		return ImportResult{}, ie
	}
	return s.importFile(ctx, f, ie, opt)
}

// importFile checks f against the stored people, adds what it finds to the
// problems ie already holds, and stores f only when there are none.
func (s *Store) importFile(ctx context.Context, f *File, ie *ImportError, opt ImportOptions) (ImportResult, error) {
	res := ImportResult{Warnings: f.Warnings}
	err := s.db.Tx(ctx, func(tx db.Querier) error {
		existing, err := loadForImport(ctx, tx)
		if err != nil {
			return err
		}
		ie.merge(checkReferences(f, existing))
		if err := ie.orNil(); err != nil {
			return err
		}
		order := managersFirst(f.Rows)
		now := s.now()
		var creates, updates []*Row
		for _, i := range order {
			r := &f.Rows[i]
			old, ok := existing.people[r.Person.ID]
			switch {
			case !ok:
				creates = append(creates, r)
			case !sameAsStored(f, r, old):
				updates = append(updates, r)
			default:
				res.Unchanged++
			}
		}
		if err := insertPeople(ctx, tx, creates, now, opt.source()); err != nil {
			return err
		}
		for _, r := range updates {
			if err := updatePerson(ctx, tx, f, r, now); err != nil {
				return err
			}
		}
		if err := writeDemographics(ctx, tx, f, existing, opt); err != nil {
			return err
		}
		res.Created, res.Updated = len(creates), len(updates)
		return nil
	})
	if err != nil {
		return ImportResult{}, err
	}
	return res, nil
}

// storedPerson is what an import compares a row with.
type storedPerson struct {
	person.Person
	demographics map[string]string
}

type storedPeople struct {
	people map[string]*storedPerson
	emails map[string]string // email -> id
}

func loadForImport(ctx context.Context, tx db.Querier) (*storedPeople, error) {
	st := &storedPeople{people: map[string]*storedPerson{}, emails: map[string]string{}}
	err := db.EachRow(ctx, tx, func(r db.Scanner) error {
		p, err := scanPerson(r)
		st.people[p.ID] = &storedPerson{Person: p}
		st.emails[p.Email] = p.ID
		return err
	}, "SELECT "+personColumns+" FROM people")
	if err != nil {
		return nil, fmt.Errorf("load people: %w", err)
	}
	err = db.EachRow(ctx, tx, func(r db.Scanner) error {
		var id, kind, v string
		err := r.Scan(&id, &kind, &v)
		if p := st.people[id]; p != nil {
			if l := p.List(kind); l != nil {
				*l = append(*l, v)
			}
		}
		return err
	}, "SELECT person_id, kind, value FROM person_tags ORDER BY person_id, kind, position")
	if err != nil {
		return nil, fmt.Errorf("load tags: %w", err)
	}
	err = db.EachRow(ctx, tx, func(r db.Scanner) error {
		var id, attr, v string
		err := r.Scan(&id, &attr, &v)
		if p := st.people[id]; p != nil {
			if p.demographics == nil {
				p.demographics = map[string]string{}
			}
			p.demographics[attr] = v
		}
		return err
	}, "SELECT person_id, attribute, value FROM demographics")
	if err != nil {
		return nil, fmt.Errorf("load demographics: %w", err)
	}
	return st, nil
}

// checkReferences finds emails used by another stored person, managers that
// do not exist, and manager cycles (each once), in the state after the
// import, in line order. Rows with problems of their own take part, so one
// pass finds everything.
func checkReferences(f *File, st *storedPeople) FileProblems {
	ie := &ImportError{FileProblems{File: f.Name}}
	inFile := make(map[string]int, len(f.Rows))
	for i, r := range f.Rows {
		if _, dup := inFile[r.Person.ID]; !dup && r.Person.ID != "" {
			inFile[r.Person.ID] = i
		}
	}
	col := func(name string) int { return columnIndex(f, name) }
	for _, r := range f.Rows {
		if other, ok := st.emails[r.Person.Email]; ok && other != r.Person.ID {
			// Taken, unless that person's row in this file changes their email.
			if j, moving := inFile[other]; !moving || f.Rows[j].Person.Email == r.Person.Email {
				ie.Add(Problem{Line: r.Line, Column: col("email"), Field: "email",
					Message: fmt.Sprintf("email %q already belongs to person %q", r.Person.Email, other)})
			}
		}
	}
	manager := func(id string) string {
		if i, ok := inFile[id]; ok && f.Has("manager_id") {
			return f.Rows[i].Person.ManagerID
		}
		if p := st.people[id]; p != nil {
			return p.ManagerID
		}
		return ""
	}
	if f.Has("manager_id") {
		for _, r := range f.Rows {
			m := r.Person.ManagerID
			if m == "" {
				continue
			}
			if _, ok := inFile[m]; !ok && st.people[m] == nil {
				ie.Add(Problem{Line: r.Line, Column: col("manager_id"), Field: "manager_id",
					Message: fmt.Sprintf("manager %q is neither in this file nor among the people already imported", m)})
			}
		}
		// Walk up from each person; a walk that meets itself is a cycle.
		// done marks people whose walk is known (to the top, to an unknown
		// manager, or into a cycle already reported), so the work is linear
		// and each cycle is reported once, on the line that finds it.
		done := map[string]bool{}
		for _, r := range f.Rows {
			path := map[string]bool{}
			var chain []string
			for id := r.Person.ID; id != "" && !done[id]; id = manager(id) {
				if path[id] {
					// A person who is their own manager is a problem of their row.
					if i := slices.Index(chain, id); len(chain)-i > 1 {
						ie.Add(Problem{Line: r.Line, Column: col("manager_id"), Field: "manager_id",
							Message: "manager cycle: " + strings.Join(append(chain[i:], id), " reports to ")})
					}
					break
				}
				path[id] = true
				chain = append(chain, id)
			}
			for _, id := range chain {
				done[id] = true
			}
		}
	}
	return ie.FileProblems
}

func columnIndex(f *File, name string) int {
	if i, ok := f.index[name]; ok {
		return i + 1
	}
	return 0
}

// managersFirst orders row indexes so a manager in the file comes before
// their reports (the foreign key needs the manager to exist).
func managersFirst(rows []Row) []int {
	index := make(map[string]int, len(rows))
	for i, r := range rows {
		index[r.Person.ID] = i
	}
	order := make([]int, 0, len(rows))
	state := make([]uint8, len(rows)) // 0 new, 1 placed
	for i := range rows {
		// Collect the chain of unplaced managers above i, then place top-down.
		var chain []int
		for j := i; state[j] == 0; {
			state[j] = 1
			chain = append(chain, j)
			m, ok := index[rows[j].Person.ManagerID]
			if !ok {
				break
			}
			j = m
		}
		for k := len(chain) - 1; k >= 0; k-- {
			order = append(order, chain[k])
		}
	}
	return order
}

// sameAsStored reports whether writing row r would change nothing.
func sameAsStored(f *File, r *Row, old *storedPerson) bool {
	n, o := r.Person, old.Person
	same := n.Name == o.Name && n.Email == o.Email && n.Level == o.Level && n.Function == o.Function &&
		n.Location == o.Location && n.Timezone == o.Timezone
	for _, c := range OptionalColumns {
		if !same || !f.Has(c) {
			continue
		}
		switch c {
		case "department":
			same = n.Department == o.Department
		case "work_hours":
			same = n.WorkStart == o.WorkStart && n.WorkEnd == o.WorkEnd
		case "hire_date":
			same = n.HireDate == o.HireDate
		case "manager_id":
			same = n.ManagerID == o.ManagerID
		case "languages":
			same = slices.Equal(n.Languages, o.Languages)
		case "skills_offered":
			same = slices.Equal(n.SkillsOffered, o.SkillsOffered)
		case "skills_wanted":
			same = slices.Equal(n.SkillsWanted, o.SkillsWanted)
		case "interests":
			same = slices.Equal(n.Interests, o.Interests)
		case "role":
			same = n.MentoringRole == o.MentoringRole
		case "capacity":
			same = n.Capacity == o.Capacity
		case "facilitator":
			same = n.Facilitator == o.Facilitator
		case "learning_style":
			same = n.LearningStyle == o.LearningStyle
		case "communication_style":
			same = n.CommunicationStyle == o.CommunicationStyle
		}
	}
	return same
}
