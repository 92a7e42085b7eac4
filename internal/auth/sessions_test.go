package auth_test

import (
	"context"
	"testing"

	"github.com/kindredhq/kindred/internal/auth"
	"github.com/kindredhq/kindred/internal/errs"
	"github.com/kindredhq/kindred/internal/people"
)

// A role change ends the person's sessions, so they sign in again with the
// new role; their API tokens, made explicitly, keep working. Giving the
// role they already have ends nothing.
func TestRoleChangeEndsSessions(t *testing.T) {
	each(t, func(t *testing.T, s *auth.Store, ps *people.Store, c *clock) {
		ctx := context.Background()
		before := mustSession(t, s, "B")
		secret, _, err := s.CreateToken(ctx, "B", "scripts")
		if err != nil {
			t.Fatal(err)
		}
		if err := s.SetAccessRole(ctx, "B", "sponsor"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Session(ctx, before); !errs.Is(err, errs.Unauthorized) {
			t.Fatalf("session from before the role change: %v, want Unauthorized", err)
		}
		if id, err := s.TokenIdentity(ctx, secret); err != nil || id.Role != "sponsor" {
			t.Fatalf("API token after the role change: %v %+v", err, id)
		}
		after := mustSession(t, s, "B")
		if err := s.SetAccessRole(ctx, "B", "sponsor"); err != nil {
			t.Fatal(err)
		}
		if id, err := s.Session(ctx, after); err != nil || id.Role != "sponsor" {
			t.Fatalf("session after giving the same role again: %v %+v", err, id)
		}
	})
}

// Setting a password by invitation ends every session from before it.
func TestAcceptInviteEndsOldSessions(t *testing.T) {
	each(t, func(t *testing.T, s *auth.Store, ps *people.Store, c *clock) {
		ctx := context.Background()
		old := mustSession(t, s, "B")
		inv, err := s.CreateInvite(ctx, "B", "A")
		if err != nil {
			t.Fatal(err)
		}
		tok, _, err := s.AcceptInvite(ctx, inv, "bo-new-password")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Session(ctx, old); !errs.Is(err, errs.Unauthorized) {
			t.Fatalf("session from before the invitation: %v, want Unauthorized", err)
		}
		if id, err := s.Session(ctx, tok); err != nil || id.PersonID != "B" {
			t.Fatalf("new session: %v %+v", err, id)
		}
	})
}

// mustSession starts a session for person id, failing t if it cannot.
func mustSession(t *testing.T, s *auth.Store, id string) string {
	t.Helper()
	tok, err := s.CreateSession(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}
