package people

import (
	"context"
	"fmt"
	"strings"

	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/errs"
	"github.com/kindredhq/kindred/internal/person"
)

// Profile is what a person edits about themselves. HR fields (name, email,
// level, function, manager...) come from the HR import and admins.
type Profile struct {
	Bio                string
	SkillsOffered      []string
	SkillsWanted       []string
	Interests          []string
	Languages          []string
	Timezone           string
	WorkStart, WorkEnd int
	Capacity           int
	MentoringRole      string
	LearningStyle      string
	CommunicationStyle string
	AccessibilityNeeds string
}

// ProfileOf returns the editable part of a person.
func ProfileOf(p person.Person) Profile {
	return Profile{Bio: p.Bio, SkillsOffered: p.SkillsOffered, SkillsWanted: p.SkillsWanted, Interests: p.Interests,
		Languages: p.Languages, Timezone: p.Timezone, WorkStart: p.WorkStart, WorkEnd: p.WorkEnd, Capacity: p.Capacity,
		MentoringRole: p.MentoringRole, LearningStyle: p.LearningStyle, CommunicationStyle: p.CommunicationStyle,
		AccessibilityNeeds: p.AccessibilityNeeds}
}

// EditProfile reads a person's profile, applies change to it and stores the
// result, all in one write transaction that holds the person's row, so that
// two edits at the same time never undo each other: each sees what the other
// stored. If version is not empty it must equal the stored profile's
// ProfileVersion, or EditProfile stores nothing and returns a Stale error.
// On invalid input it returns an *errs.FieldsError naming every field at
// fault and stores nothing.
func (s *Store) EditProfile(ctx context.Context, id, version string, change func(*Profile) error) (person.Person, error) {
	err := s.db.Tx(ctx, func(tx db.Querier) error {
		// Take the row's write lock before reading it (PostgreSQL holds the
		// row; SQLite the database), so no other edit runs between the read
		// and the write.
		res, err := tx.ExecContext(ctx, "UPDATE people SET updated_at = updated_at WHERE id = ?", id)
		if err != nil {
			return fmt.Errorf("hold profile of %s: %w", id, err)
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return errs.E(errs.NotFound, "no such person")
		}
		p, err := getWith(ctx, tx, "id", id)
		if err != nil {
			return err
		}
		if version != "" && version != ProfileVersion(p) {
			return errs.E(errs.Stale, "this profile was changed by someone else meanwhile: read it again and redo your change")
		}
		pr := ProfileOf(p)
		if err := change(&pr); err != nil {
			return err
		}
		return s.writeProfile(ctx, tx, p, pr)
	})
	if err != nil {
		return person.Person{}, err
	}
	return s.Get(ctx, id)
}

// writeProfile checks pr as p's new profile and stores it with tx.
func (s *Store) writeProfile(ctx context.Context, tx db.Querier, p person.Person, pr Profile) error {
	id := p.ID
	p.Bio, p.SkillsOffered, p.SkillsWanted, p.Interests, p.Languages = pr.Bio, pr.SkillsOffered, pr.SkillsWanted, pr.Interests, pr.Languages
	p.Timezone, p.WorkStart, p.WorkEnd, p.Capacity, p.MentoringRole = pr.Timezone, pr.WorkStart, pr.WorkEnd, pr.Capacity, pr.MentoringRole
	p.LearningStyle, p.CommunicationStyle, p.AccessibilityNeeds = pr.LearningStyle, pr.CommunicationStyle, pr.AccessibilityNeeds
	p.Bio = strings.TrimSpace(p.Bio)
	p.AccessibilityNeeds = strings.TrimSpace(p.AccessibilityNeeds)
	capacity := p.Capacity
	f := person.Validate(&p)
	if capacity < 1 {
		f.Add("capacity", "must be a whole number from 1 to %d", person.MaxCapacity)
	}
	if len(f) > 0 {
		return f.Err()
	}
	_, err := tx.ExecContext(ctx, `UPDATE people SET bio = ?, timezone = ?, work_start = ?, work_end = ?, capacity = ?,
		mentoring_role = ?, learning_style = ?, communication_style = ?, accessibility_needs = ?, updated_at = ? WHERE id = ?`,
		p.Bio, p.Timezone, p.WorkStart, p.WorkEnd, p.Capacity, p.MentoringRole, p.LearningStyle, p.CommunicationStyle,
		p.AccessibilityNeeds, s.now(), id)
	if err != nil {
		return fmt.Errorf("update profile of %s: %w", id, err)
	}
	for _, tk := range tagKinds {
		if err := replaceTags(ctx, tx, id, tk.kind, *p.List(tk.kind)); err != nil {
			return err
		}
	}
	return nil
}

// Create adds one person (an admin's form). The id must be new; the email
// must not be taken.
func (s *Store) Create(ctx context.Context, p person.Person) (person.Person, error) {
	return s.create(ctx, p, "")
}

// create adds one person with a password hash (empty for none), in one
// transaction.
func (s *Store) create(ctx context.Context, p person.Person, passwordHash string) (person.Person, error) {
	if f := person.Validate(&p); len(f) > 0 {
		return person.Person{}, f.Err()
	}
	if p.ManagerID != "" {
		if _, err := s.Get(ctx, p.ManagerID); err != nil {
			return person.Person{}, errs.Field("manager_id", "no person has id %q", p.ManagerID)
		}
	}
	now := s.now()
	cols := strings.Join(insertColumns, ", ")
	err := s.db.Tx(ctx, func(tx db.Querier) error {
		_, err := tx.ExecContext(ctx, "INSERT INTO people ("+cols+") VALUES ("+db.InClause(len(insertColumns))+")", personValues(&p, now)...)
		if err != nil {
			return err
		}
		for _, tk := range tagKinds {
			if err := replaceTags(ctx, tx, p.ID, tk.kind, *p.List(tk.kind)); err != nil {
				return err
			}
		}
		if passwordHash != "" {
			_, err = tx.ExecContext(ctx, "UPDATE people SET password_hash = ? WHERE id = ?", passwordHash, p.ID)
		}
		return err
	})
	if errs.Is(err, errs.Conflict) {
		if _, gerr := s.Get(ctx, p.ID); gerr == nil {
			return person.Person{}, &errs.Error{Kind: errs.Conflict, Field: "id", Message: fmt.Sprintf("id %q is taken", p.ID)}
		}
		return person.Person{}, &errs.Error{Kind: errs.Conflict, Field: "email", Message: fmt.Sprintf("email %q is taken", p.Email)}
	}
	if err != nil {
		return person.Person{}, fmt.Errorf("create person: %w", err)
	}
	return s.Get(ctx, p.ID)
}
