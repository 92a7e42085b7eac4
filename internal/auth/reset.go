package auth

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/errs"
	"github.com/kindredhq/kindred/internal/mail"
)

// ResetLifetime is how long a password reset link works.
const ResetLifetime = time.Hour

// RequestReset mails a single-use link, valid ResetLifetime, to set a new
// password to the active person whose email this is, writing the link and
// its mail in one transaction. For an email of nobody (or of someone
// deactivated) it does the same work and writes nothing, and the answer is
// the same: nil, so the caller cannot tell whether the email exists. An
// email asked for too often in FailureWindow is TooMany, whoever it is.
func (s *Store) RequestReset(ctx context.Context, out *mail.Outbox, email string) error {
	email = strings.ToLower(strings.TrimSpace(email))
	if email == "" {
		return errs.Field("email", "enter the email address you sign in with")
	}
	keys := []string{"reset:" + email}
	now := s.now()
	if err := s.checkAttempts(ctx, keys, now); err != nil {
		return fmt.Errorf("reset password: %w", err)
	}
	if err := s.recordFailure(ctx, keys, now); err != nil { // counts requests, to bound mail to one address
		return err
	}
	acct, _, err := s.people.Credentials(ctx, email)
	if err != nil && !errs.Is(err, errs.NotFound) {
		return fmt.Errorf("reset password: %w", err)
	}
	known := err == nil && acct.Active
	secret, hash := newToken("rst_")
	err = s.db.Tx(ctx, func(tx db.Querier) error {
		if !known {
			return nil
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO password_resets (token_hash, person_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
			hash, acct.ID, now, now.Add(ResetLifetime)); err != nil {
			return err
		}
		return out.Enqueue(ctx, tx, now, mail.PasswordReset, acct.ID, mail.ResetData{Link: ResetLink(out, secret), Expires: now.Add(ResetLifetime)})
	})
	if err != nil {
		return fmt.Errorf("reset password: %w", err)
	}
	return nil
}

// ResetLink is where a password reset secret is used.
func ResetLink(out *mail.Outbox, secret string) string { return out.URL("/reset/" + secret) }

// Reset returns who an unused, unexpired reset link is for; any other
// secret is NotFound.
func (s *Store) Reset(ctx context.Context, secret string) (Identity, error) {
	return s.linkHolder(ctx, "password_resets", secret, "this link is unknown, used or expired: ask for a new one from the sign-in page")
}

// ResetPassword sets a new password with a reset link, uses the link up,
// ends every session of the person and starts a new one, which it returns.
// A password that is too weak is Invalid on field "password".
func (s *Store) ResetPassword(ctx context.Context, secret, password string) (string, Identity, error) {
	id, err := s.Reset(ctx, secret)
	if err != nil {
		return "", Identity{}, err
	}
	hash, err := s.newPasswordHashOf(ctx, id.PersonID, password)
	if err != nil {
		return "", Identity{}, err
	}
	// Use the link up and end every session at once; then set the password.
	err = s.db.Tx(ctx, func(tx db.Querier) error {
		res, err := tx.ExecContext(ctx, "UPDATE password_resets SET used_at = ? WHERE token_hash = ? AND used_at IS NULL", s.now(), hashToken(secret))
		if err := db.RequireChange(res, err, errs.Conflict, "this link was just used"); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM sessions WHERE person_id = ?", id.PersonID); err != nil {
			return err
		}
		return nil
	})
	if err != nil {
		return "", Identity{}, fmt.Errorf("reset password: %w", err)
	}
	if err := s.people.SetPasswordHash(ctx, id.PersonID, hash); err != nil {
		return "", Identity{}, fmt.Errorf("reset password: %w", err)
	}
	token, err := s.CreateSession(ctx, id.PersonID)
	if err != nil {
		return "", Identity{}, err
	}
	return token, id, nil
}
