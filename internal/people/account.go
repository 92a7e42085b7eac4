package people

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/errs"
	"github.com/kindredhq/kindred/internal/person"
)

// Account is what signing in needs to know of a person: who they are, what
// they may do in Kindred, and whether they may sign in at all.
type Account struct {
	ID         string
	Name       string
	AccessRole string // person.RoleAdmin, RoleSponsor or RoleMember
	Active     bool
}

const accountColumns = "id, name, access_role, active"

func scanAccount(sc db.Scanner, extra ...any) (Account, error) {
	var a Account
	err := sc.Scan(append([]any{&a.ID, &a.Name, &a.AccessRole, &a.Active}, extra...)...)
	return a, err
}

// Account returns the account of the person with the id, or NotFound.
func (s *Store) Account(ctx context.Context, id string) (Account, error) {
	a, err := scanAccount(s.db.Read().QueryRowContext(ctx, "SELECT "+accountColumns+" FROM people WHERE id = ?", id))
	if err != nil {
		return Account{}, fmt.Errorf("account %s: %w", id, db.NotFound(err, "no such person"))
	}
	return a, nil
}

// AccountWhere returns, in one read, the account of the person whose id
// idQuery (a query of one column and at most one row, run with args)
// selects: how another owner's table that holds a person id (a session, a
// token) leads to its person without naming the people table's columns.
// No row is NotFound.
func (s *Store) AccountWhere(ctx context.Context, idQuery string, args ...any) (Account, error) {
	a, err := scanAccount(s.db.Read().QueryRowContext(ctx, "SELECT "+accountColumns+" FROM people WHERE id = ("+idQuery+")", args...))
	if err != nil {
		return Account{}, fmt.Errorf("account: %w", db.NotFound(err, "no such person"))
	}
	return a, nil
}

// Credentials returns the account with the email (case-insensitive) and its
// password hash, empty when no password was set; NotFound if no one has
// the email.
func (s *Store) Credentials(ctx context.Context, email string) (Account, string, error) {
	var hash string
	a, err := scanAccount(s.db.Read().QueryRowContext(ctx, "SELECT "+accountColumns+", password_hash FROM people WHERE email = ?",
		strings.ToLower(strings.TrimSpace(email))), &hash)
	if err != nil {
		return Account{}, "", fmt.Errorf("credentials: %w", db.NotFound(err, "no such person"))
	}
	return a, hash, nil
}

// SetPasswordHash stores a person's password hash; auth makes and checks it.
func (s *Store) SetPasswordHash(ctx context.Context, id, hash string) error {
	return s.setAccountField(ctx, id, "password_hash", hash)
}

// SetAccessRole gives a person an access role (one of person.AccessRoles);
// another role is Invalid on field "role".
func (s *Store) SetAccessRole(ctx context.Context, id, role string) error {
	if !slices.Contains(person.AccessRoles, role) {
		return errs.Field("role", "%q must be admin, sponsor or member", role)
	}
	return s.setAccountField(ctx, id, "access_role", role)
}

// SetActive lets a person sign in and take part (true) or not (false), as
// when they leave the organization; their history stays.
func (s *Store) SetActive(ctx context.Context, id string, active bool) error {
	return s.setAccountField(ctx, id, "active", active)
}

// setAccountField sets one column of a person's row; a missing person is
// NotFound.
func (s *Store) setAccountField(ctx context.Context, id, column string, v any) error {
	res, err := s.db.Write().ExecContext(ctx, "UPDATE people SET "+column+" = ?, updated_at = ? WHERE id = ?", v, s.now(), id)
	if err := db.RequireChange(res, err, errs.NotFound, "no such person"); err != nil {
		return fmt.Errorf("set %s of %s: %w", column, id, err)
	}
	return nil
}

// Accounts returns the accounts of the people with the ids that exist, by
// id.
func (s *Store) Accounts(ctx context.Context, ids []string) (map[string]Account, error) {
	out := make(map[string]Account, len(ids))
	err := inChunks(ids, func(in string, args []any) error {
		return db.EachRow(ctx, s.db.Read(), func(r db.Scanner) error {
			a, err := scanAccount(r)
			out[a.ID] = a
			return err
		}, "SELECT "+accountColumns+" FROM people WHERE id IN ("+in+")", args...)
	})
	if err != nil {
		return nil, fmt.Errorf("accounts: %w", err)
	}
	return out, nil
}
