package people

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/errs"
	"github.com/kindredhq/kindred/internal/person"
)

// Filter selects people in the directory. Empty fields do not filter.
type Filter struct {
	Query    string // words matched against name, function, department and location
	Function string
	Location string
	Level    int    // 0 for any
	Skill    string // offered or wanted, exact (case-insensitive)
	Mentors  bool   // only people who offer to mentor
	Limit    int    // page size, 1..200 (default 50)
	Offset   int
}

// Page is one page of directory results.
type Page struct {
	People []person.Person
	Total  int
}

// Search returns the people matching f, by name.
func (s *Store) Search(ctx context.Context, f Filter) (Page, error) {
	if f.Limit <= 0 {
		f.Limit = 50
	}
	if f.Limit > 200 || f.Offset < 0 || f.Level < 0 || f.Level > 10 {
		return Page{}, errs.E(errs.Invalid, "limit must be 1-200, offset 0 or more, level 1-10")
	}
	where := []string{"active = ?"}
	args := []any{true}
	for _, w := range strings.Fields(strings.ToLower(f.Query)) {
		if len(where) > 8 {
			break
		}
		like := "%" + escapeLike(w) + "%"
		where = append(where, `(LOWER(name) LIKE ? ESCAPE '\' OR LOWER(function) LIKE ? ESCAPE '\' OR LOWER(department) LIKE ? ESCAPE '\' OR LOWER(location) LIKE ? ESCAPE '\')`)
		args = append(args, like, like, like, like)
	}
	if f.Function != "" {
		where = append(where, "function = ?")
		args = append(args, f.Function)
	}
	if f.Location != "" {
		where = append(where, "location = ?")
		args = append(args, f.Location)
	}
	if f.Level > 0 {
		where = append(where, "level = ?")
		args = append(args, f.Level)
	}
	if f.Skill != "" {
		where = append(where, "id IN (SELECT person_id FROM person_tags WHERE kind IN (?, ?) AND lower(value) = lower(?))")
		args = append(args, person.TagSkillOffered, person.TagSkillWanted, f.Skill)
	}
	if f.Mentors {
		where = append(where, "mentoring_role IN (?, ?)")
		args = append(args, person.MentoringMentor, person.MentoringBoth)
	}
	cond := strings.Join(where, " AND ")
	var page Page
	if err := s.db.Read().QueryRowContext(ctx, "SELECT COUNT(*) FROM people WHERE "+cond, args...).Scan(&page.Total); err != nil {
		return Page{}, fmt.Errorf("count directory: %w", err)
	}
	ps, err := s.query(ctx, "SELECT "+personColumns+" FROM people WHERE "+cond+" ORDER BY name, id LIMIT ? OFFSET ?",
		append(args, f.Limit, f.Offset)...)
	if err != nil {
		return Page{}, fmt.Errorf("search directory: %w", err)
	}
	page.People = ps
	return page, nil
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// Facets are the values the directory can be filtered by.
type Facets struct {
	Functions []string
	Locations []string
	Skills    []string
}

// facetsTTL is how long a replica reuses the directory's filter values.
// They are display hints: a value a minute late harms no one, and each
// replica keeps its own copy (nothing here must be shared).
const facetsTTL = time.Minute

// Facets returns the distinct functions, locations and skills in use,
// computed at most once a minute.
func (s *Store) Facets(ctx context.Context) (Facets, error) {
	s.facetsMu.Lock()
	defer s.facetsMu.Unlock()
	if now := s.now(); now.Before(s.facetsAt.Add(facetsTTL)) && !s.facetsAt.IsZero() {
		return s.facets, nil
	}
	f, err := s.loadFacets(ctx)
	if err != nil {
		return Facets{}, err
	}
	s.facets, s.facetsAt = f, s.now()
	return f, nil
}

func (s *Store) loadFacets(ctx context.Context) (Facets, error) {
	var f Facets
	for _, q := range []struct {
		sql string
		out *[]string
	}{
		{"SELECT DISTINCT function FROM people WHERE active = ? ORDER BY function", &f.Functions},
		{"SELECT DISTINCT location FROM people WHERE active = ? ORDER BY location", &f.Locations},
		// Read from the (kind, value) index alone; a skill held only by
		// inactive people may be offered, and then finds nobody.
		{"SELECT value FROM person_tags WHERE kind = 'skill_offered' AND ? UNION SELECT value FROM person_tags WHERE kind = 'skill_wanted' ORDER BY value", &f.Skills},
	} {
		vs, err := db.QueryAll(ctx, s.db.Read(), func(r db.Scanner) (v string, err error) {
			return v, r.Scan(&v)
		}, q.sql, true)
		if err != nil {
			return Facets{}, fmt.Errorf("directory facets: %w", err)
		}
		*q.out = vs
	}
	return f, nil
}

// MaxFind is the most people Find returns.
const MaxFind = 50

// Find returns up to limit (1..MaxFind) active people whose name, email or
// employee id holds every word of q, by name: what a form that names a
// person offers as its choices. An empty q finds nobody.
func (s *Store) Find(ctx context.Context, q string, limit int) ([]person.Person, error) {
	if limit < 1 || limit > MaxFind {
		return nil, errs.Field("limit", "must be from 1 to %d", MaxFind)
	}
	if strings.TrimSpace(q) == "" {
		return nil, nil
	}
	cond, args := NameMatch("people", q)
	ps, err := s.query(ctx, "SELECT "+personColumns+" FROM people WHERE active = ? AND "+cond+
		" ORDER BY "+NameKey("people")+", id LIMIT ?", append(append([]any{true}, args...), limit)...)
	if err != nil {
		return nil, fmt.Errorf("find people %q: %w", q, err)
	}
	return ps, nil
}
