package people

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/errs"
	"github.com/kindredhq/kindred/internal/person"
)

// Store keeps people in the database.
type Store struct {
	db  *db.DB
	now func() time.Time

	facetsMu sync.Mutex
	facets   Facets
	facetsAt time.Time
}

// NewStore returns a Store over d. now gives the current time (UTC); nil
// means time.Now.
func NewStore(d *db.DB, now func() time.Time) *Store {
	return &Store{db: d, now: db.UTCClock(now)}
}

const personColumns = `id, name, email, level, function, department, location, timezone,
	work_start, work_end, hire_date, COALESCE(manager_id, ''), mentoring_role, capacity, facilitator,
	learning_style, communication_style, accessibility_needs, bio, access_role, active, created_at, updated_at`

func scanPerson(sc db.Scanner) (person.Person, error) {
	var p person.Person
	err := sc.Scan(&p.ID, &p.Name, &p.Email, &p.Level, &p.Function, &p.Department, &p.Location, &p.Timezone,
		&p.WorkStart, &p.WorkEnd, &p.HireDate, &p.ManagerID, &p.MentoringRole, &p.Capacity, &p.Facilitator,
		&p.LearningStyle, &p.CommunicationStyle, &p.AccessibilityNeeds, &p.Bio, &p.AccessRole, &p.Active,
		&p.CreatedAt, &p.UpdatedAt)
	return p, err
}

// Get returns the person with the id, with their list attributes.
func (s *Store) Get(ctx context.Context, id string) (person.Person, error) {
	return s.getBy(ctx, "id", id)
}

// GetByEmail returns the person with the email (case-insensitive).
func (s *Store) GetByEmail(ctx context.Context, email string) (person.Person, error) {
	return s.getBy(ctx, "email", strings.ToLower(strings.TrimSpace(email)))
}

func (s *Store) getBy(ctx context.Context, col, v string) (person.Person, error) {
	return getWith(ctx, s.db.Read(), col, v)
}

// getWith is getBy over q, so that a transaction reads what it then writes.
func getWith(ctx context.Context, q db.Querier, col, v string) (person.Person, error) {
	p, err := scanPerson(q.QueryRowContext(ctx, "SELECT "+personColumns+" FROM people WHERE "+col+" = ?", v))
	if err == sql.ErrNoRows {
		return person.Person{}, errs.E(errs.NotFound, "no such person")
	}
	if err != nil {
		return person.Person{}, fmt.Errorf("get person by %s: %w", col, err)
	}
	ps := []person.Person{p}
	if err := loadTags(ctx, q, ps); err != nil {
		return person.Person{}, err
	}
	return ps[0], nil
}

// GetMany returns the people with the ids that exist, in no set order.
func (s *Store) GetMany(ctx context.Context, ids []string) ([]person.Person, error) {
	var out []person.Person
	err := inChunks(ids, func(in string, args []any) error {
		ps, err := s.query(ctx, "SELECT "+personColumns+" FROM people WHERE id IN ("+in+")", args...)
		out = append(out, ps...)
		return err
	})
	return out, err
}

// inChunks calls fn for each run of at most 500 ids, with the placeholders
// of an IN list and its arguments, so no query passes an engine's limit.
func inChunks(ids []string, fn func(in string, args []any) error) error {
	for start := 0; start < len(ids); start += 500 {
		chunk := ids[start:min(start+500, len(ids))]
		args := make([]any, len(chunk))
		for i, id := range chunk {
			args[i] = id
		}
		if err := fn(db.InClause(len(chunk)), args); err != nil {
			return err
		}
	}
	return nil
}

// All returns every active person ordered by id, with list attributes.
func (s *Store) All(ctx context.Context) ([]person.Person, error) {
	return s.query(ctx, "SELECT "+personColumns+" FROM people WHERE active = ? ORDER BY id", true)
}

func (s *Store) query(ctx context.Context, query string, args ...any) ([]person.Person, error) {
	q := s.db.Read()
	out, err := db.QueryAll(ctx, q, scanPerson, query, args...)
	if err != nil {
		return nil, fmt.Errorf("query people: %w", err)
	}
	if err := loadTags(ctx, q, out); err != nil {
		return nil, err
	}
	return out, nil
}

// loadTags fills the list attributes of ps.
func loadTags(ctx context.Context, q db.Querier, ps []person.Person) error {
	if len(ps) == 0 {
		return nil
	}
	byID := make(map[string]*person.Person, len(ps))
	for i := range ps {
		byID[ps[i].ID] = &ps[i]
	}
	query := "SELECT person_id, kind, value FROM person_tags ORDER BY person_id, kind, position"
	var args []any
	if len(ps) <= 500 {
		args = make([]any, len(ps))
		for i, p := range ps {
			args[i] = p.ID
		}
		query = "SELECT person_id, kind, value FROM person_tags WHERE person_id IN (" + db.InClause(len(ps)) + ") ORDER BY person_id, kind, position"
	}
	err := db.EachRow(ctx, q, func(r db.Scanner) error {
		var id, kind, v string
		if err := r.Scan(&id, &kind, &v); err != nil {
			return err
		}
		if p := byID[id]; p != nil {
			if l := p.List(kind); l != nil {
				*l = append(*l, v)
			}
		}
		return nil
	}, query, args...)
	if err != nil {
		return fmt.Errorf("load tags: %w", err)
	}
	return nil
}

// tagKinds lists the tag kinds with the import column of each.
var tagKinds = []struct{ kind, column string }{
	{person.TagLanguage, "languages"},
	{person.TagSkillOffered, "skills_offered"},
	{person.TagSkillWanted, "skills_wanted"},
	{person.TagInterest, "interests"},
}

// replaceTags rewrites the tags of kind for a person.
func replaceTags(ctx context.Context, tx db.Querier, id, kind string, values []string) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM person_tags WHERE person_id = ? AND kind = ?", id, kind); err != nil {
		return fmt.Errorf("replace %s of %s: %w", kind, id, err)
	}
	for i, v := range values {
		if _, err := tx.ExecContext(ctx, "INSERT INTO person_tags (person_id, kind, value, position) VALUES (?, ?, ?, ?)", id, kind, v, i); err != nil {
			return fmt.Errorf("replace %s of %s: %w", kind, id, err)
		}
	}
	return nil
}

// Count returns the number of active people.
func (s *Store) Count(ctx context.Context) (int, error) {
	var n int
	err := s.db.Read().QueryRowContext(ctx, "SELECT COUNT(*) FROM people WHERE active = ?", true).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count people: %w", err)
	}
	return n, nil
}
