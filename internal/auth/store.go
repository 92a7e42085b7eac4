package auth

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/errs"
	"github.com/kindredhq/kindred/internal/people"
)

// Limits on sessions and sign-in attempts.
const (
	SessionLifetime = 14 * 24 * time.Hour
	InviteLifetime  = 7 * 24 * time.Hour
	// A key (an email or an address) that failed MaxFailures times within
	// FailureWindow is refused until the window has passed.
	MaxFailures   = 10
	FailureWindow = 15 * time.Minute
)

// Store keeps sessions, API tokens, invitations and failed attempts. Who a
// person is, their access role and password hash belong to people, which
// the Store reads and writes through ps.
type Store struct {
	db     *db.DB
	people *people.Store
	now    func() time.Time
	// attemptMu serialises the check-and-record of sign-in attempts in
	// this process; PostgreSQL also locks each key for other replicas.
	attemptMu sync.Mutex
	// verifyHook, set only by tests, runs once per argon2id verification
	// of a sign-in.
	verifyHook func()
}

// NewStore returns a Store over d and the people of ps; now nil means
// time.Now.
func NewStore(d *db.DB, ps *people.Store, now func() time.Time) *Store {
	return &Store{db: d, people: ps, now: db.UTCClock(now)}
}

// Identity is who a session or token belongs to.
type Identity struct {
	PersonID string
	Role     string // access role: admin, sponsor or member
	Name     string
}

// ErrBadCredentials is returned for a wrong email or password, without
// saying which.
var ErrBadCredentials = errs.E(errs.Unauthorized, "the email or password is not right")

// SignIn checks an email and password and returns a new session token. It
// refuses with TooMany when the email or the client address failed too
// often recently, records each attempt in the same transaction as that
// check, and refuses with ErrBusy when MaxConcurrentHashes password checks
// are running. Unknown emails and people without a password cost the same
// one argon2id check as the others, so timing does not tell them apart.
func (s *Store) SignIn(ctx context.Context, email, password, clientAddr string) (string, Identity, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	keys := []string{"email:" + email, "addr:" + clientAddr}
	now := s.now()
	if err := s.claimAttempt(ctx, keys, now); err != nil {
		return "", Identity{}, fmt.Errorf("sign in: %w", err)
	}
	acct, hash, err := s.people.Credentials(ctx, email)
	if err != nil && !errs.Is(err, errs.NotFound) {
		return "", Identity{}, fmt.Errorf("sign in: %w", err)
	}
	if err != nil {
		hash = ""
	}
	ok, verr := verifyPassword(hash, password, s.verifyHook)
	if verr != nil {
		if rerr := s.releaseAttempt(ctx, keys, now); rerr != nil {
			return "", Identity{}, fmt.Errorf("sign in: %w", rerr)
		}
		return "", Identity{}, fmt.Errorf("sign in: %w", verr)
	}
	if !ok || err != nil || !acct.Active {
		return "", Identity{}, ErrBadCredentials
	}
	if err := s.releaseAttempt(ctx, keys, now); err != nil {
		return "", Identity{}, fmt.Errorf("sign in: %w", err)
	}
	token, err := s.CreateSession(ctx, acct.ID)
	if err != nil {
		return "", Identity{}, err
	}
	return token, identityOf(acct), nil
}

// dummyHash is checked for unknown emails and people without a password so
// they take as long as the others.
var dummyHash, _ = HashPassword("kindred-timing-equalizer")

// CreateSession starts a session for a person and returns its token.
func (s *Store) CreateSession(ctx context.Context, personID string) (string, error) {
	token, hash := newToken("s_")
	now := s.now()
	_, err := s.db.Write().ExecContext(ctx, "INSERT INTO sessions (token_hash, person_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
		hash, personID, now, now.Add(SessionLifetime))
	if err != nil {
		return "", fmt.Errorf("create session: %w", err)
	}
	return token, nil
}

// Session returns who holds a session token, or Unauthorized if it is
// unknown, expired, or its person is no longer active.
func (s *Store) Session(ctx context.Context, token string) (Identity, error) {
	return s.identify(ctx, "SELECT person_id FROM sessions WHERE token_hash = ? AND expires_at > ?", hashToken(token), s.now())
}

// EndSession signs a session out.
func (s *Store) EndSession(ctx context.Context, token string) error {
	_, err := s.db.Write().ExecContext(ctx, "DELETE FROM sessions WHERE token_hash = ?", hashToken(token))
	if err != nil {
		return fmt.Errorf("end session: %w", err)
	}
	return nil
}

// identify returns the identity of the active person whose id query q
// finds, or Unauthorized. It is one read on every signed-in request: q
// reads auth's own table inside people's AccountWhere.
func (s *Store) identify(ctx context.Context, q string, args ...any) (Identity, error) {
	acct, err := s.people.AccountWhere(ctx, q, args...)
	if errs.Is(err, errs.NotFound) || err == nil && !acct.Active {
		return Identity{}, errs.E(errs.Unauthorized, "sign in to continue")
	}
	if err != nil {
		return Identity{}, fmt.Errorf("identify: %w", err)
	}
	return identityOf(acct), nil
}

func identityOf(a people.Account) Identity {
	return Identity{PersonID: a.ID, Role: a.AccessRole, Name: a.Name}
}

// SetPassword sets a person's password after checking it.
func (s *Store) SetPassword(ctx context.Context, personID, password string) error {
	hash, err := s.newPasswordHashOf(ctx, personID, password)
	if err != nil {
		return err
	}
	return s.people.SetPasswordHash(ctx, personID, hash)
}

// SetAccessRole gives a person an access role (admin, sponsor or member).
// When the role changes, every session of the person ends, so they sign in
// again under the new role; their API tokens, made explicitly, keep working
// with the new role.
func (s *Store) SetAccessRole(ctx context.Context, personID, role string) error {
	acct, err := s.people.Account(ctx, personID)
	if err != nil {
		return fmt.Errorf("set the access role of %s: %w", personID, err)
	}
	if err := s.people.SetAccessRole(ctx, personID, role); err != nil {
		return err
	}
	if acct.AccessRole == role {
		return nil
	}
	return s.endSessionsOf(ctx, personID)
}

// checkNewPasswordOf checks a new password of the person personID against
// ValidatePassword, their email and name included (Invalid on field
// "password").
func (s *Store) checkNewPasswordOf(ctx context.Context, personID, password string) error {
	p, err := s.people.Get(ctx, personID)
	if err != nil {
		return fmt.Errorf("check the new password of %s: %w", personID, err)
	}
	if err := ValidatePassword(password, p.Email, p.Name); err != nil {
		return errs.Field("password", "%s", err.Error())
	}
	return nil
}

// newPasswordHashOf checks a new password of the person personID (see
// checkNewPasswordOf) and hashes it.
func (s *Store) newPasswordHashOf(ctx context.Context, personID, password string) (string, error) {
	if err := s.checkNewPasswordOf(ctx, personID, password); err != nil {
		return "", err
	}
	return HashPassword(password)
}
