package auth

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/errs"
	"github.com/kindredhq/kindred/internal/mail"
	"github.com/kindredhq/kindred/internal/people"
)

// Token describes a personal API token; the secret itself is shown once.
type Token struct {
	ID         string
	Name       string
	CreatedAt  time.Time
	LastUsedAt *time.Time
}

// CreateToken makes a personal API token for a person and returns the
// secret to show once.
func (s *Store) CreateToken(ctx context.Context, personID, name string) (string, Token, error) {
	name = strings.TrimSpace(name)
	if name == "" || len(name) > 100 {
		return "", Token{}, errs.Field("name", "give the token a name of 1 to 100 characters")
	}
	secret, hash := newToken("kdt_")
	t := Token{ID: db.NewID("tok_"), Name: name, CreatedAt: s.now()}
	_, err := s.db.Write().ExecContext(ctx, "INSERT INTO api_tokens (id, person_id, name, token_hash, created_at) VALUES (?, ?, ?, ?, ?)",
		t.ID, personID, t.Name, hash, t.CreatedAt)
	if err != nil {
		return "", Token{}, fmt.Errorf("create token: %w", err)
	}
	return secret, t, nil
}

// Tokens lists a person's API tokens, newest first.
func (s *Store) Tokens(ctx context.Context, personID string) ([]Token, error) {
	out, err := db.QueryAll(ctx, s.db.Read(), func(r db.Scanner) (Token, error) {
		var t Token
		err := r.Scan(&t.ID, &t.Name, &t.CreatedAt, &t.LastUsedAt)
		return t, err
	}, "SELECT id, name, created_at, last_used_at FROM api_tokens WHERE person_id = ? ORDER BY created_at DESC, id", personID)
	if err != nil {
		return nil, fmt.Errorf("list tokens: %w", err)
	}
	return out, nil
}

// RevokeToken deletes one of the person's tokens; another person's token
// is NotFound.
func (s *Store) RevokeToken(ctx context.Context, personID, tokenID string) error {
	res, err := s.db.Write().ExecContext(ctx, "DELETE FROM api_tokens WHERE id = ? AND person_id = ?", tokenID, personID)
	if err := db.RequireChange(res, err, errs.NotFound, "no such token"); err != nil {
		return fmt.Errorf("revoke token: %w", err)
	}
	return nil
}

// TokenIdentity returns who holds an API token secret.
func (s *Store) TokenIdentity(ctx context.Context, secret string) (Identity, error) {
	h := hashToken(secret)
	id, err := s.identify(ctx, "SELECT person_id FROM api_tokens WHERE token_hash = ?", h)
	if err != nil {
		return Identity{}, err
	}
	// Last use is informative; a failure to record it must not refuse the request.
	_, _ = s.db.Write().ExecContext(ctx, "UPDATE api_tokens SET last_used_at = ? WHERE token_hash = ?", s.now(), h)
	return id, nil
}

// CreateInvite makes a one-time link secret for a person to set their
// password, valid for InviteLifetime; byID is who made it, empty when it
// was made from the shell.
func (s *Store) CreateInvite(ctx context.Context, personID, byID string) (string, error) {
	return insertInvite(ctx, s.db.Write(), personID, byID, s.now())
}

// InviteLink is where an invitation's secret is used.
func InviteLink(out *mail.Outbox, secret string) string { return out.URL("/invite/" + secret) }

// MailInvite makes an invitation as CreateInvite does and, in the same
// transaction, writes to out the mail that carries its link (InviteLink).
// The secret is returned too, for the admin to pass on by hand.
func (s *Store) MailInvite(ctx context.Context, out *mail.Outbox, personID, byID string) (string, error) {
	now := s.now()
	var secret string
	err := s.db.Tx(ctx, func(tx db.Querier) error {
		var err error
		if secret, err = insertInvite(ctx, tx, personID, byID, now); err != nil {
			return err
		}
		names, err := people.Names(ctx, tx, []string{byID})
		if err != nil {
			return err
		}
		return out.Enqueue(ctx, tx, now, mail.Invitation, personID,
			mail.InvitationData{By: names[byID], Link: InviteLink(out, secret), Expires: now.Add(InviteLifetime)})
	})
	if err != nil {
		return "", fmt.Errorf("mail invite: %w", err)
	}
	return secret, nil
}

func insertInvite(ctx context.Context, q db.Querier, personID, byID string, now time.Time) (string, error) {
	secret, hash := newToken("inv_")
	_, err := q.ExecContext(ctx, "INSERT INTO invites (token_hash, person_id, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
		hash, personID, db.NullString(byID), now, now.Add(InviteLifetime))
	if err != nil {
		return "", fmt.Errorf("create invite: %w", err)
	}
	return secret, nil
}

// Invite returns who an unused, unexpired invitation is for.
func (s *Store) Invite(ctx context.Context, secret string) (Identity, error) {
	return s.linkHolder(ctx, "invites", secret, "this invitation is unknown, used or expired: ask your program manager for a new one")
}

// linkHolder returns who an unused, unexpired one-time link of table
// (invites, password_resets) is for; any other secret is NotFound with msg.
func (s *Store) linkHolder(ctx context.Context, table, secret, msg string) (Identity, error) {
	id, err := s.identify(ctx, "SELECT person_id FROM "+table+" WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?",
		hashToken(secret), s.now())
	if errs.Is(err, errs.Unauthorized) {
		return Identity{}, errs.E(errs.NotFound, "%s", msg)
	}
	return id, err
}

// AcceptInvite sets the password of the invited person, uses up the
// invitation, ends every session from before, and starts a new one.
func (s *Store) AcceptInvite(ctx context.Context, secret, password string) (string, Identity, error) {
	id, err := s.Invite(ctx, secret)
	if err != nil {
		return "", Identity{}, err
	}
	if err := s.checkNewPasswordOf(ctx, id.PersonID, password); err != nil {
		return "", Identity{}, err
	}
	// Use up the invitation first, so two tabs cannot both set a password.
	res, err := s.db.Write().ExecContext(ctx, "UPDATE invites SET used_at = ? WHERE token_hash = ? AND used_at IS NULL", s.now(), hashToken(secret))
	if err := db.RequireChange(res, err, errs.Conflict, "this invitation was just used"); err != nil {
		return "", Identity{}, fmt.Errorf("use invite: %w", err)
	}
	if err := s.SetPassword(ctx, id.PersonID, password); err != nil {
		return "", Identity{}, err
	}
	if err := s.endSessionsOf(ctx, id.PersonID); err != nil {
		return "", Identity{}, err
	}
	token, err := s.CreateSession(ctx, id.PersonID)
	return token, id, err
}
