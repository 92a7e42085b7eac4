package auth

import (
	"context"
	"fmt"
	"time"

	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/errs"
	"github.com/kindredhq/kindred/internal/person"
)

// SetupLifetime is how long a first-run setup link works.
const SetupLifetime = 24 * time.Hour

// NewAdmin is what is asked of an admin made outside the product (the
// first-run setup page, kindred admin create): the rest of their record
// comes from the HR import, which updates them when ID is their HR id.
type NewAdmin struct {
	ID       string // optional: made up when empty
	Name     string
	Email    string
	Timezone string // optional: UTC when empty
}

// person returns the record of a new admin. Level, function and location
// are required of every person; an admin made before any import gets the
// lowest level and says that function and location are not known yet.
func (a NewAdmin) person() person.Person {
	p := person.Person{ID: a.ID, Name: a.Name, Email: a.Email, Timezone: a.Timezone, Level: 1,
		Function: "Administration", Location: "Not given yet", AccessRole: person.RoleAdmin}
	if p.ID == "" {
		p.ID = db.NewID("p_")
	}
	if p.Timezone == "" {
		p.Timezone = "UTC"
	}
	return p
}

// errSetupLink is the answer to an unknown, used or expired setup link, or
// to any once an admin exists.
var errSetupLink = errs.E(errs.NotFound, "this setup link is unknown, used or expired, or Kindred already has an admin: sign in, or run `kindred admin create`")

// NeedsSetup reports whether the installation has no active admin with a
// password, so nobody can sign in to manage it.
func (s *Store) NeedsSetup(ctx context.Context) (bool, error) {
	has, err := s.people.HasAdmin(ctx)
	return !has, err
}

// CreateSetupLink returns the secret of a new one-time setup link and when
// it expires (SetupLifetime from now). Links made earlier keep working
// until they expire, so replicas that start together each print a link
// that works; every link stops working once an admin exists.
func (s *Store) CreateSetupLink(ctx context.Context) (string, time.Time, error) {
	secret, hash := newToken("setup_")
	now := s.now()
	_, err := s.db.Write().ExecContext(ctx, "INSERT INTO setup_links (token_hash, created_at, expires_at) VALUES (?, ?, ?)",
		hash, now, now.Add(SetupLifetime))
	if err != nil {
		return "", time.Time{}, fmt.Errorf("create setup link: %w", err)
	}
	return secret, now.Add(SetupLifetime), nil
}

// SetupLink checks a setup secret: NotFound when it is unknown, used or
// expired, or when an admin exists.
func (s *Store) SetupLink(ctx context.Context, secret string) error {
	var n int
	err := s.db.Read().QueryRowContext(ctx, "SELECT COUNT(*) FROM setup_links WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?",
		hashToken(secret), s.now()).Scan(&n)
	if err != nil {
		return fmt.Errorf("read setup link: %w", err)
	}
	if n == 0 {
		return errSetupLink
	}
	needs, err := s.NeedsSetup(ctx)
	if err != nil {
		return err
	}
	if !needs {
		return errSetupLink
	}
	return nil
}

// CompleteSetup makes the first admin through a setup link: it checks the
// link and the password, uses the link up, creates the admin with the
// password and starts their session. Invalid input (fields id, name,
// email, timezone, password; a taken email is a Conflict on email) leaves
// the link usable.
func (s *Store) CompleteSetup(ctx context.Context, secret string, a NewAdmin, password string) (string, Identity, error) {
	if err := s.SetupLink(ctx, secret); err != nil {
		return "", Identity{}, err
	}
	hash, err := newPasswordHash(password, a.Email, a.Name)
	if err != nil {
		return "", Identity{}, err
	}
	p := a.person()
	if f := person.Validate(&p); len(f) > 0 {
		return "", Identity{}, f.Err()
	}
	// Use up the link first, so two tabs cannot both make an admin.
	th := hashToken(secret)
	res, err := s.db.Write().ExecContext(ctx, "UPDATE setup_links SET used_at = ? WHERE token_hash = ? AND used_at IS NULL", s.now(), th)
	if err := db.RequireChange(res, err, errs.NotFound, errSetupLink.Error()); err != nil {
		return "", Identity{}, fmt.Errorf("use setup link: %w", err)
	}
	id, err := s.createAdmin(ctx, p, hash)
	if err != nil {
		// Give the link back, so the person can correct the form.
		if _, rerr := s.db.Write().ExecContext(ctx, "UPDATE setup_links SET used_at = NULL WHERE token_hash = ?", th); rerr != nil {
			return "", Identity{}, fmt.Errorf("%w (and the setup link could not be given back: %v)", err, rerr)
		}
		return "", Identity{}, err
	}
	token, err := s.CreateSession(ctx, id.PersonID)
	return token, id, err
}

// CreateAdmin makes an admin who signs in with password, as `kindred admin
// create` does with a password read from standard input. Invalid input is
// Invalid on its field; a taken email or id is a Conflict on that field.
func (s *Store) CreateAdmin(ctx context.Context, a NewAdmin, password string) (Identity, error) {
	hash, err := newPasswordHash(password, a.Email, a.Name)
	if err != nil {
		return Identity{}, err
	}
	return s.createAdmin(ctx, a.person(), hash)
}

// CreateInvitedAdmin makes an admin without a password and returns the
// secret of an invitation (valid InviteLifetime) where they set it, as
// `kindred admin create` does at a terminal.
func (s *Store) CreateInvitedAdmin(ctx context.Context, a NewAdmin) (string, Identity, error) {
	id, err := s.createAdmin(ctx, a.person(), "")
	if err != nil {
		return "", Identity{}, err
	}
	secret, err := s.CreateInvite(ctx, id.PersonID, "")
	return secret, id, err
}

func (s *Store) createAdmin(ctx context.Context, p person.Person, hash string) (Identity, error) {
	created, err := s.people.CreateAccount(ctx, p, hash)
	if err != nil {
		return Identity{}, err
	}
	return Identity{PersonID: created.ID, Role: created.AccessRole, Name: created.Name}, nil
}

// newPasswordHash checks a new password of the person with the given
// email and name (Invalid on field "password") and hashes it.
func newPasswordHash(password string, personal ...string) (string, error) {
	if err := ValidatePassword(password, personal...); err != nil {
		return "", errs.Field("password", "%s", err.Error())
	}
	return HashPassword(password)
}
