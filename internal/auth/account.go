package auth

import (
	"context"
	"fmt"

	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/errs"
)

// ChangePassword changes a person's own password: current must be their
// password now (Invalid on field "current"; too many wrong ones in
// FailureWindow are TooMany), next must pass ValidatePassword and differ
// from it (Invalid on field "password"). Every other session of the
// person ends; the session keepToken, the one asking, stays. API tokens
// stay: they are revoked one by one under Settings.
func (s *Store) ChangePassword(ctx context.Context, personID, keepToken, current, next string) error {
	keys := []string{"password:" + personID}
	now := s.now()
	if err := s.checkAttempts(ctx, keys, now); err != nil {
		return fmt.Errorf("change password: %w", err)
	}
	hash, err := s.people.PasswordHashOf(ctx, personID)
	if err != nil {
		return fmt.Errorf("change password: %w", err)
	}
	if !CheckPassword(hash, current) {
		if err := s.recordFailure(ctx, keys, now); err != nil {
			return err
		}
		return errs.Field("current", "this is not your current password")
	}
	if next == current {
		return errs.Field("password", "choose a password different from your current one")
	}
	if err := s.SetPassword(ctx, personID, next); err != nil {
		return err
	}
	_, err = s.db.Write().ExecContext(ctx, "DELETE FROM sessions WHERE person_id = ? AND token_hash <> ?", personID, hashToken(keepToken))
	if err != nil {
		return fmt.Errorf("end the other sessions of %s: %w", personID, err)
	}
	return nil
}

// Deactivate stops a person who left: in one transaction they become
// inactive and their sessions, API tokens and unused invitations end, so
// no request of theirs passes from now on. They cannot sign in, they are
// left out of later matching runs and circle formations, and what they
// did stays in the history and the figures. byID, the admin asking, cannot
// deactivate themselves (Forbidden). A missing person is NotFound.
func (s *Store) Deactivate(ctx context.Context, byID, personID string) error {
	if byID == personID {
		return errs.E(errs.Forbidden, "you cannot deactivate yourself: ask another admin")
	}
	return s.people.SetActiveAnd(ctx, personID, false, func(tx db.Querier) error {
		for _, q := range []string{"DELETE FROM sessions WHERE person_id = ?", "DELETE FROM api_tokens WHERE person_id = ?",
			"DELETE FROM invites WHERE person_id = ? AND used_at IS NULL"} {
			if _, err := tx.ExecContext(ctx, q, personID); err != nil {
				return fmt.Errorf("deactivate %s: %w", personID, err)
			}
		}
		return nil
	})
}

// Reactivate lets a deactivated person back in: they sign in with their
// password (or a new invitation) and take part in later runs again. A
// missing person is NotFound.
func (s *Store) Reactivate(ctx context.Context, personID string) error {
	return s.people.SetActiveAnd(ctx, personID, true, func(db.Querier) error { return nil })
}
