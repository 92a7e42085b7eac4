package people

import (
	"context"
	"fmt"

	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/errs"
	"github.com/kindredhq/kindred/internal/person"
)

// CreateAccount adds one person with a password hash already made (auth
// makes it), in one transaction: the first admin of an installation, or
// one made from the shell. Errors are those of Create.
func (s *Store) CreateAccount(ctx context.Context, p person.Person, passwordHash string) (person.Person, error) {
	return s.create(ctx, p, passwordHash)
}

// HasAdmin reports whether an active admin with a password exists: when
// none does, the installation is new and nobody can sign in to manage it.
func (s *Store) HasAdmin(ctx context.Context) (bool, error) {
	var n int
	err := s.db.Read().QueryRowContext(ctx, "SELECT COUNT(*) FROM people WHERE access_role = ? AND active = ? AND password_hash <> ''",
		person.RoleAdmin, true).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("look for an admin: %w", err)
	}
	return n > 0, nil
}

// SetActiveAnd sets whether a person is active, as SetActive does, and
// runs also in the same transaction: auth ends the person's sessions and
// tokens there, so a deactivation is whole or not at all. A missing person
// is NotFound and also does not run.
func (s *Store) SetActiveAnd(ctx context.Context, id string, active bool, also func(tx db.Querier) error) error {
	return s.db.Tx(ctx, func(tx db.Querier) error {
		res, err := tx.ExecContext(ctx, "UPDATE people SET active = ?, updated_at = ? WHERE id = ?", active, s.now(), id)
		if err := db.RequireChange(res, err, errs.NotFound, "no such person"); err != nil {
			return fmt.Errorf("set active of %s: %w", id, err)
		}
		return also(tx)
	})
}

// PasswordHashOf returns the password hash of the person with the id,
// empty when none was set; NotFound if there is no such person.
func (s *Store) PasswordHashOf(ctx context.Context, id string) (string, error) {
	var hash string
	err := s.db.Read().QueryRowContext(ctx, "SELECT password_hash FROM people WHERE id = ?", id).Scan(&hash)
	if err != nil {
		return "", fmt.Errorf("password of %s: %w", id, db.NotFound(err, "no such person"))
	}
	return hash, nil
}
