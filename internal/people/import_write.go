package people

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/person"
)

// insertBatch is how many rows one INSERT statement carries: large enough
// to cut per-statement overhead, small enough for both engines' parameter
// limits (SQLite 32766, PostgreSQL 65535).
const insertBatch = 400

var insertColumns = []string{"id", "name", "email", "level", "function", "department", "location", "timezone",
	"work_start", "work_end", "hire_date", "manager_id", "mentoring_role", "capacity", "facilitator",
	"learning_style", "communication_style", "accessibility_needs", "bio", "access_role", "active",
	"created_at", "updated_at"}

func personValues(p *person.Person, now time.Time) []any {
	var manager any
	if p.ManagerID != "" {
		manager = p.ManagerID
	}
	return []any{p.ID, p.Name, p.Email, p.Level, p.Function, p.Department, p.Location, p.Timezone,
		p.WorkStart, p.WorkEnd, p.HireDate, manager, p.MentoringRole, p.Capacity, p.Facilitator,
		p.LearningStyle, p.CommunicationStyle, p.AccessibilityNeeds, p.Bio, p.AccessRole, true, now, now}
}

// insertPeople inserts new people, managers before reports, in batches,
// each batch followed by its people's tags and demographics, so memory
// stays bounded by the batch and not the file.
func insertPeople(ctx context.Context, tx db.Querier, rows []*Row, now time.Time, source string) error {
	rowSQL := "(" + db.InClause(len(insertColumns)) + ")"
	args := make([]any, 0, insertBatch*len(insertColumns))
	parts := make([]string, 0, insertBatch)
	var tags, demos [][]any
	for start := 0; start < len(rows); start += insertBatch {
		batch := rows[start:min(start+insertBatch, len(rows))]
		args, parts, tags, demos = args[:0], parts[:0], tags[:0], demos[:0]
		for _, r := range batch {
			r.Person.AccessRole = person.RoleMember
			args = append(args, personValues(&r.Person, now)...)
			parts = append(parts, rowSQL)
			for _, tk := range tagKinds {
				for i, v := range *r.Person.List(tk.kind) {
					tags = append(tags, []any{r.Person.ID, tk.kind, v, i})
				}
			}
			for _, k := range slices.Sorted(maps.Keys(r.Demographics)) {
				demos = append(demos, []any{r.Person.ID, k, r.Demographics[k], source})
			}
		}
		q := "INSERT INTO people (" + strings.Join(insertColumns, ", ") + ") VALUES " + strings.Join(parts, ", ")
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("insert people (line %d onwards): %w", batch[0].Line, err)
		}
		if err := insertMany(ctx, tx, "person_tags (person_id, kind, value, position)", 4, tags); err != nil {
			return err
		}
		if err := insertMany(ctx, tx, "demographics (person_id, attribute, value, source)", 4, demos); err != nil {
			return err
		}
	}
	return nil
}

// insertMany inserts rows of width values into table in batches.
func insertMany(ctx context.Context, tx db.Querier, table string, width int, rows [][]any) error {
	rowSQL := "(" + db.InClause(width) + ")"
	per := insertBatch * 20 / width
	for start := 0; start < len(rows); start += per {
		batch := rows[start:min(start+per, len(rows))]
		args := make([]any, 0, len(batch)*width)
		parts := make([]string, len(batch))
		for i, r := range batch {
			args = append(args, r...)
			parts[i] = rowSQL
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO "+table+" VALUES "+strings.Join(parts, ", "), args...); err != nil {
			return fmt.Errorf("insert into %s: %w", table, err)
		}
	}
	return nil
}

// updatePerson writes the columns the file has for an existing person.
func updatePerson(ctx context.Context, tx db.Querier, f *File, r *Row, now time.Time) error {
	p := &r.Person
	sets := []string{"name = ?", "email = ?", "level = ?", "function = ?", "location = ?", "timezone = ?", "updated_at = ?"}
	args := []any{p.Name, p.Email, p.Level, p.Function, p.Location, p.Timezone, now}
	add := func(col, set string, v ...any) {
		if f.Has(col) {
			sets = append(sets, set)
			args = append(args, v...)
		}
	}
	var manager any
	if p.ManagerID != "" {
		manager = p.ManagerID
	}
	add("department", "department = ?", p.Department)
	add("work_hours", "work_start = ?, work_end = ?", p.WorkStart, p.WorkEnd)
	add("hire_date", "hire_date = ?", p.HireDate)
	add("manager_id", "manager_id = ?", manager)
	add("role", "mentoring_role = ?", p.MentoringRole)
	add("capacity", "capacity = ?", p.Capacity)
	add("facilitator", "facilitator = ?", p.Facilitator)
	add("learning_style", "learning_style = ?", p.LearningStyle)
	add("communication_style", "communication_style = ?", p.CommunicationStyle)
	args = append(args, p.ID)
	if _, err := tx.ExecContext(ctx, "UPDATE people SET "+strings.Join(sets, ", ")+" WHERE id = ?", args...); err != nil {
		return fmt.Errorf("update person %s (line %d): %w", p.ID, r.Line, err)
	}
	for _, tk := range tagKinds {
		if f.Has(tk.column) {
			if err := replaceTags(ctx, tx, p.ID, tk.kind, *p.List(tk.kind)); err != nil {
				return err
			}
		}
	}
	return nil
}
