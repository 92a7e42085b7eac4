package auth_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/kindredhq/kindred/internal/auth"
	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/db/dbtest"
	"github.com/kindredhq/kindred/internal/errs"
	"github.com/kindredhq/kindred/internal/people"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

func TestPasswordHash(t *testing.T) {
	h, err := auth.HashPassword("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("hash %q", h)
	}
	if !auth.CheckPassword(h, "correct horse battery") || auth.CheckPassword(h, "correct horse battery ") {
		t.Fatal("check disagrees")
	}
	for _, bad := range []string{"", "$argon2id$", "plain", strings.Replace(h, "argon2id", "argon2i", 1)} {
		if auth.CheckPassword(bad, "correct horse battery") {
			t.Fatalf("malformed hash %q matched", bad)
		}
	}
}

type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

// each runs fn on each dialect with a Store over two people whose clock
// c starts at 1 May 2026 10:00 UTC: A (Ann Admin, an admin with password
// a-long-password) and B (Bo Member, no password yet).
func each(t *testing.T, fn func(t *testing.T, s *auth.Store, ps *people.Store, c *clock)) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		c := &clock{time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC)}
		s, ps := setup(t, d, c)
		fn(t, s, ps, c)
	})
}

func setup(t *testing.T, d *db.DB, c *clock) (*auth.Store, *people.Store) {
	t.Helper()
	ctx := context.Background()
	ps := people.NewStore(d, c.now)
	f, err := people.ParseCSV("p.csv", strings.NewReader("id,name,email,level,function,location,timezone\n"+
		"A,Ann Admin,ann@example.com,8,People,Berlin,Europe/Berlin\nB,Bo Member,bo@example.com,3,Sales,Pune,Asia/Kolkata\n"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ps.Import(ctx, f); err != nil {
		t.Fatal(err)
	}
	s := auth.NewStore(d, ps, c.now)
	if err := s.SetPassword(ctx, "A", "a-long-password"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetAccessRole(ctx, "A", "admin"); err != nil {
		t.Fatal(err)
	}
	return s, ps
}

func TestSignInSessionsAndRateLimit(t *testing.T) {
	each(t, func(t *testing.T, s *auth.Store, ps *people.Store, c *clock) {
		ctx := context.Background()
		tok, id, err := s.SignIn(ctx, " ANN@example.com", "a-long-password", "10.0.0.1")
		if err != nil || id.PersonID != "A" || id.Role != "admin" {
			t.Fatalf("sign in: %v %+v", err, id)
		}
		if got, err := s.Session(ctx, tok); err != nil || got.PersonID != "A" {
			t.Fatalf("session: %v %+v", err, got)
		}
		if _, _, err := s.SignIn(ctx, "bo@example.com", "anything-at-all", "10.0.0.1"); err != auth.ErrBadCredentials {
			t.Fatalf("no password set: %v", err)
		}
		for i := 0; i < auth.MaxFailures; i++ {
			if _, _, err := s.SignIn(ctx, "ann@example.com", "wrong-password", "10.0.0.2"); !errs.Is(err, errs.Unauthorized) {
				t.Fatalf("failure %d: %v", i, err)
			}
		}
		if _, _, err := s.SignIn(ctx, "ann@example.com", "a-long-password", "10.0.0.3"); !errs.Is(err, errs.TooMany) {
			t.Fatalf("after %d failures: %v, want TooMany", auth.MaxFailures, err)
		}
		c.t = c.t.Add(auth.FailureWindow + time.Minute)
		if _, _, err := s.SignIn(ctx, "ann@example.com", "a-long-password", "10.0.0.3"); err != nil {
			t.Fatalf("after the window: %v", err)
		}
		if err := s.EndSession(ctx, tok); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Session(ctx, tok); !errs.Is(err, errs.Unauthorized) {
			t.Fatalf("ended session still valid: %v", err)
		}
		tok2, _ := s.CreateSession(ctx, "A")
		c.t = c.t.Add(auth.SessionLifetime + time.Second)
		if _, err := s.Session(ctx, tok2); !errs.Is(err, errs.Unauthorized) {
			t.Fatalf("expired session still valid: %v", err)
		}
	})
}

func TestTokensAndInvites(t *testing.T) {
	each(t, func(t *testing.T, s *auth.Store, ps *people.Store, c *clock) {
		ctx := context.Background()
		secret, tok, err := s.CreateToken(ctx, "A", "scripts")
		if err != nil {
			t.Fatal(err)
		}
		if id, err := s.TokenIdentity(ctx, secret); err != nil || id.PersonID != "A" {
			t.Fatalf("token identity: %v %+v", err, id)
		}
		if err := s.RevokeToken(ctx, "B", tok.ID); !errs.Is(err, errs.NotFound) {
			t.Fatalf("B revoking A's token: %v", err)
		}
		if err := s.RevokeToken(ctx, "A", tok.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.TokenIdentity(ctx, secret); !errs.Is(err, errs.Unauthorized) {
			t.Fatalf("revoked token: %v", err)
		}
		inv, err := s.CreateInvite(ctx, "B", "A")
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.AcceptInvite(ctx, inv, "short"); !errs.Is(err, errs.Invalid) {
			t.Fatalf("short password: %v", err)
		}
		if _, id, err := s.AcceptInvite(ctx, inv, "bo-new-password"); err != nil || id.PersonID != "B" {
			t.Fatalf("accept: %v", err)
		}
		if _, _, err := s.AcceptInvite(ctx, inv, "bo-other-password"); !errs.Is(err, errs.NotFound) {
			t.Fatalf("second use: %v", err)
		}
		if _, _, err := s.SignIn(ctx, "bo@example.com", "bo-new-password", "x"); err != nil {
			t.Fatalf("sign in after invite: %v", err)
		}
	})
}

// TestInactivePeopleCannotSignIn checks every way in once the person is no
// longer active: password, a session, an API token and an invitation.
func TestInactivePeopleCannotSignIn(t *testing.T) {
	each(t, func(t *testing.T, s *auth.Store, ps *people.Store, c *clock) {
		ctx := context.Background()
		tok, id, err := s.SignIn(ctx, "ann@example.com", "a-long-password", "10.0.0.1")
		if err != nil || id != (auth.Identity{PersonID: "A", Role: "admin", Name: "Ann Admin"}) {
			t.Fatalf("sign in: %v %+v", err, id)
		}
		secret, _, err := s.CreateToken(ctx, "A", "scripts")
		if err != nil {
			t.Fatal(err)
		}
		inv, err := s.CreateInvite(ctx, "A", "A")
		if err != nil {
			t.Fatal(err)
		}
		if err := ps.SetActive(ctx, "A", false); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.SignIn(ctx, "ann@example.com", "a-long-password", "10.0.0.1"); err != auth.ErrBadCredentials {
			t.Errorf("sign in: %v, want bad credentials", err)
		}
		if _, err := s.Session(ctx, tok); !errs.Is(err, errs.Unauthorized) {
			t.Errorf("session: %v, want Unauthorized", err)
		}
		if _, err := s.TokenIdentity(ctx, secret); !errs.Is(err, errs.Unauthorized) {
			t.Errorf("token: %v, want Unauthorized", err)
		}
		if _, err := s.Invite(ctx, inv); !errs.Is(err, errs.NotFound) {
			t.Errorf("invite: %v, want NotFound", err)
		}
		if err := s.SetAccessRole(ctx, "B", "owner"); !errs.Is(err, errs.Invalid) {
			t.Errorf("unknown role: %v, want Invalid", err)
		}
		if err := s.SetPassword(ctx, "nobody", "a-long-password"); !errs.Is(err, errs.NotFound) {
			t.Errorf("password of a missing person: %v, want NotFound", err)
		}
	})
}
