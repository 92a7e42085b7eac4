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
	"github.com/kindredhq/kindred/internal/errs/errstest"
	"github.com/kindredhq/kindred/internal/mail"
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

// TestFirstRunSetup makes the first admin of an empty database through a
// setup link: the link refuses bad input and stays usable, works once,
// expires after SetupLifetime, and stops working once an admin exists.
func TestFirstRunSetup(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		c := &clock{time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC)}
		ps := people.NewStore(d, c.now)
		s := auth.NewStore(d, ps, c.now)
		if needs, err := s.NeedsSetup(ctx); err != nil || !needs {
			t.Fatalf("empty database needs setup: %v %v", needs, err)
		}
		old, _, err := s.CreateSetupLink(ctx)
		if err != nil {
			t.Fatal(err)
		}
		c.t = c.t.Add(auth.SetupLifetime + time.Second)
		if err := s.SetupLink(ctx, old); !errs.Is(err, errs.NotFound) {
			t.Errorf("expired link: %v, want NotFound", err)
		}
		link, until, err := s.CreateSetupLink(ctx)
		if err != nil || !until.Equal(c.t.Add(auth.SetupLifetime)) {
			t.Fatalf("link valid until %v: %v", until, err)
		}
		if err := s.SetupLink(ctx, link); err != nil {
			t.Fatalf("fresh link: %v", err)
		}
		ann := auth.NewAdmin{Name: "Ann Admin", Email: "Ann@Example.com"}
		_, _, err = s.CompleteSetup(ctx, link, ann, "short")
		errstest.WantErr(t, err, errs.Invalid, "password")
		_, _, err = s.CompleteSetup(ctx, link, auth.NewAdmin{Name: "Ann", Email: "not-an-email"}, "a-long-password")
		errstest.WantErr(t, err, errs.Invalid, "email")
		_, _, err = s.CompleteSetup(ctx, link, auth.NewAdmin{Name: "Ann", Email: "ann@example.com", Timezone: "Mars/Olympus"}, "a-long-password")
		errstest.WantErr(t, err, errs.Invalid, "timezone")
		tok, id, err := s.CompleteSetup(ctx, link, ann, "a-long-password")
		if err != nil || id.Role != "admin" || id.Name != "Ann Admin" {
			t.Fatalf("complete setup: %v %+v", err, id)
		}
		if got, err := s.Session(ctx, tok); err != nil || got.PersonID != id.PersonID {
			t.Fatalf("session after setup: %v %+v", err, got)
		}
		if _, _, err := s.SignIn(ctx, "ann@example.com", "a-long-password", "x"); err != nil {
			t.Fatalf("sign in as the new admin: %v", err)
		}
		if _, _, err := s.CompleteSetup(ctx, link, auth.NewAdmin{Name: "Eve", Email: "eve@example.com"}, "a-long-password"); !errs.Is(err, errs.NotFound) {
			t.Errorf("second use: %v, want NotFound", err)
		}
		// Once an admin exists, an unused link stops working too.
		other, _, err := s.CreateSetupLink(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.SetupLink(ctx, other); !errs.Is(err, errs.NotFound) {
			t.Errorf("link after an admin exists: %v, want NotFound", err)
		}
		if needs, err := s.NeedsSetup(ctx); err != nil || needs {
			t.Errorf("needs setup with an admin: %v %v", needs, err)
		}
	})
}

// TestCreateAdminFromShell makes admins as `kindred admin create` does:
// with a password, or with an invitation; a taken email is refused.
func TestCreateAdminFromShell(t *testing.T) {
	each(t, func(t *testing.T, s *auth.Store, ps *people.Store, c *clock) {
		ctx := context.Background()
		_, err := s.CreateAdmin(ctx, auth.NewAdmin{Name: "Other", Email: "ann@example.com"}, "a-long-password")
		errstest.WantErr(t, err, errs.Conflict, "email")
		id, err := s.CreateAdmin(ctx, auth.NewAdmin{ID: "C", Name: "Cy Admin", Email: "cy@example.com", Timezone: "Asia/Kolkata"}, "cy-long-password")
		if err != nil || id.PersonID != "C" || id.Role != "admin" {
			t.Fatalf("create admin: %v %+v", err, id)
		}
		if _, _, err := s.SignIn(ctx, "cy@example.com", "cy-long-password", "x"); err != nil {
			t.Fatalf("sign in: %v", err)
		}
		inv, id, err := s.CreateInvitedAdmin(ctx, auth.NewAdmin{Name: "Di Admin", Email: "di@example.com"})
		if err != nil {
			t.Fatal(err)
		}
		if _, got, err := s.AcceptInvite(ctx, inv, "di-long-password"); err != nil || got.PersonID != id.PersonID || got.Role != "admin" {
			t.Fatalf("accept the admin's invitation: %v %+v", err, got)
		}
	})
}

// TestChangePassword checks the current password, the rules for the new
// one, and that every other session ends while the one asking stays.
func TestChangePassword(t *testing.T) {
	each(t, func(t *testing.T, s *auth.Store, ps *people.Store, c *clock) {
		ctx := context.Background()
		here, _ := s.CreateSession(ctx, "A")
		there, _ := s.CreateSession(ctx, "A")
		secret, _, err := s.CreateToken(ctx, "A", "scripts")
		if err != nil {
			t.Fatal(err)
		}
		errstest.WantErr(t, s.ChangePassword(ctx, "A", here, "wrong-password", "a-new-password"), errs.Invalid, "current")
		errstest.WantErr(t, s.ChangePassword(ctx, "A", here, "a-long-password", "short"), errs.Invalid, "password")
		errstest.WantErr(t, s.ChangePassword(ctx, "A", here, "a-long-password", "a-long-password"), errs.Invalid, "password")
		if _, err := s.Session(ctx, there); err != nil {
			t.Fatalf("a refused change ended a session: %v", err)
		}
		if err := s.ChangePassword(ctx, "A", here, "a-long-password", "a-new-password"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Session(ctx, here); err != nil {
			t.Errorf("the session that changed the password ended: %v", err)
		}
		if _, err := s.Session(ctx, there); !errs.Is(err, errs.Unauthorized) {
			t.Errorf("another session still valid: %v", err)
		}
		if _, err := s.TokenIdentity(ctx, secret); err != nil {
			t.Errorf("API token ended with the password change: %v", err)
		}
		if _, _, err := s.SignIn(ctx, "ann@example.com", "a-long-password", "x"); err != auth.ErrBadCredentials {
			t.Errorf("old password: %v", err)
		}
		if _, _, err := s.SignIn(ctx, "ann@example.com", "a-new-password", "x"); err != nil {
			t.Errorf("new password: %v", err)
		}
		for range auth.MaxFailures {
			_ = s.ChangePassword(ctx, "A", here, "guess-guess-guess", "another-password")
		}
		if err := s.ChangePassword(ctx, "A", here, "a-new-password", "another-password"); !errs.Is(err, errs.TooMany) {
			t.Errorf("after %d wrong passwords: %v, want TooMany", auth.MaxFailures, err)
		}
	})
}

// TestDeactivateAndReactivate ends a leaver's sessions and tokens at once,
// refuses an admin deactivating themselves, and lets the person back in.
func TestDeactivateAndReactivate(t *testing.T) {
	each(t, func(t *testing.T, s *auth.Store, ps *people.Store, c *clock) {
		ctx := context.Background()
		if err := s.SetPassword(ctx, "B", "bo-long-password"); err != nil {
			t.Fatal(err)
		}
		tok, _, err := s.SignIn(ctx, "bo@example.com", "bo-long-password", "x")
		if err != nil {
			t.Fatal(err)
		}
		secret, _, err := s.CreateToken(ctx, "B", "scripts")
		if err != nil {
			t.Fatal(err)
		}
		errstest.WantErr(t, s.Deactivate(ctx, "A", "A"), errs.Forbidden, "")
		errstest.WantErr(t, s.Deactivate(ctx, "A", "nobody"), errs.NotFound, "")
		if err := s.Deactivate(ctx, "A", "B"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Session(ctx, tok); !errs.Is(err, errs.Unauthorized) {
			t.Errorf("session after deactivation: %v", err)
		}
		if _, err := s.TokenIdentity(ctx, secret); !errs.Is(err, errs.Unauthorized) {
			t.Errorf("token after deactivation: %v", err)
		}
		if _, _, err := s.SignIn(ctx, "bo@example.com", "bo-long-password", "x"); err != auth.ErrBadCredentials {
			t.Errorf("sign in after deactivation: %v", err)
		}
		if err := s.Reactivate(ctx, "B"); err != nil {
			t.Fatal(err)
		}
		// The old session and token stay ended; the password works again.
		if _, err := s.Session(ctx, tok); !errs.Is(err, errs.Unauthorized) {
			t.Errorf("old session came back: %v", err)
		}
		if _, err := s.TokenIdentity(ctx, secret); !errs.Is(err, errs.Unauthorized) {
			t.Errorf("old token came back: %v", err)
		}
		if _, _, err := s.SignIn(ctx, "bo@example.com", "bo-long-password", "x"); err != nil {
			t.Errorf("sign in after reactivation: %v", err)
		}
	})
}

func TestPasswordResetByMail(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		c := &clock{time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC)}
		s, _ := setup(t, d, c)
		ctx := context.Background()
		out := mail.NewOutbox("https://kindred.example.com")
		secretOf := func() string {
			t.Helper()
			ms, err := mail.NewStore(d).Recent(ctx, 1)
			if err != nil || len(ms) == 0 || ms[0].Kind != mail.PasswordReset {
				t.Fatalf("no reset mail: %+v %v", ms, err)
			}
			i := strings.Index(ms[0].Text, "https://kindred.example.com/reset/rst_")
			if i < 0 || !strings.Contains(ms[0].Text, "Hello Ann Admin") || ms[0].Unsubscribe != "" {
				t.Fatalf("reset mail: %s", ms[0].Text)
			}
			return strings.Fields(ms[0].Text[i+len("https://kindred.example.com/reset/"):])[0]
		}
		other := mustSession(t, s, "A")
		if err := s.RequestReset(ctx, out, " ANN@example.com "); err != nil {
			t.Fatal(err)
		}
		secret := secretOf()
		// An unknown email gets the same answer and no mail.
		if err := s.RequestReset(ctx, out, "nobody@example.com"); err != nil {
			t.Fatalf("unknown email: %v, want the same answer (nil)", err)
		}
		if ms, _ := mail.NewStore(d).Recent(ctx, 10); len(ms) != 1 {
			t.Errorf("%d mails after asking for an unknown email, want 1", len(ms))
		}
		errstest.WantErr(t, s.RequestReset(ctx, out, " "), errs.Invalid, "email")

		_, _, err := s.ResetPassword(ctx, secret, "short")
		errstest.WantErr(t, err, errs.Invalid, "password")
		session, id, err := s.ResetPassword(ctx, secret, "a-brand-new-password")
		if err != nil || id.PersonID != "A" {
			t.Fatalf("reset: %v %+v", err, id)
		}
		if _, err := s.Session(ctx, other); !errs.Is(err, errs.Unauthorized) {
			t.Errorf("the other session survived the reset: %v", err)
		}
		if _, err := s.Session(ctx, session); err != nil {
			t.Errorf("the new session does not work: %v", err)
		}
		if _, _, err := s.SignIn(ctx, "ann@example.com", "a-brand-new-password", "1.2.3.4"); err != nil {
			t.Errorf("sign in with the new password: %v", err)
		}
		_, _, err = s.ResetPassword(ctx, secret, "yet-another-password")
		errstest.WantErr(t, err, errs.NotFound, "")

		// A link works for one hour.
		if err := s.RequestReset(ctx, out, "ann@example.com"); err != nil {
			t.Fatal(err)
		}
		late := secretOf()
		c.t = c.t.Add(auth.ResetLifetime + time.Second)
		_, _, err = s.ResetPassword(ctx, late, "yet-another-password")
		errstest.WantErr(t, err, errs.NotFound, "")
	})
}

// TestPasswordRules checks each rule of ValidatePassword and that its
// message says what is wrong.
func TestPasswordRules(t *testing.T) {
	for _, c := range []struct {
		name, pw string
		personal []string
		want     string // a part of the message; empty means accepted
	}{
		{"three emoji are three characters, not twelve bytes", "😀😀😀", nil, "at least 12 characters (this one has 3)"},
		{"eleven characters", "abcdefghijk", nil, "at least 12 characters"},
		{"twelve characters", "kindred-demo", nil, ""},
		{"twelve accented characters", "éèêëéèêëéèêë", nil, ""},
		{"too long", strings.Repeat("x", auth.MaxPasswordLength+1), nil, "at most 1024 characters"},
		{"common", "qwerty123456", nil, "most common passwords"},
		{"common in capitals", "QWERTY123456", nil, "most common passwords"},
		{"common keyboard walk", "1qaz2wsx3edc", nil, "most common passwords"},
		{"the email", "Ann.Admin@Example.com", []string{"ann.admin@example.com", "Ann Admin"}, "your email or your name"},
		{"the name", "annabelle admin", []string{"a@example.com", "Annabelle Admin"}, "your email or your name"},
		{"invalid UTF-8", "abcdefghijkl\xff", nil, "UTF-8"},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := auth.ValidatePassword(c.pw, c.personal...)
			switch {
			case c.want == "" && err != nil:
				t.Errorf("refused: %v", err)
			case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
				t.Errorf("ValidatePassword = %v, want a message with %q", err, c.want)
			}
		})
	}
}

// TestEveryPasswordPathKeepsTheRules sets passwords through every way in
// (directly, by invitation, by changing it, as a new admin; a reset
// goes through the same check) and checks
// each refuses the person's own email and a common password.
func TestEveryPasswordPathKeepsTheRules(t *testing.T) {
	each(t, func(t *testing.T, s *auth.Store, ps *people.Store, c *clock) {
		ctx := context.Background()
		for _, pw := range []string{"BO@example.com", "QAZWSXEDCRFV", "🔑🔑🔑🔑🔑"} {
			errstest.WantErr(t, s.SetPassword(ctx, "B", pw), errs.Invalid, "password")
			inv, err := s.CreateInvite(ctx, "B", "")
			if err != nil {
				t.Fatal(err)
			}
			_, _, err = s.AcceptInvite(ctx, inv, pw)
			errstest.WantErr(t, err, errs.Invalid, "password")
			here, _ := s.CreateSession(ctx, "A")
			errstest.WantErr(t, s.ChangePassword(ctx, "A", here, "a-long-password", strings.ReplaceAll(pw, "BO", "ann")), errs.Invalid, "password")
		}
		_, err := s.CreateAdmin(ctx, auth.NewAdmin{ID: "C", Name: "Cy Admin", Email: "cy.admin@example.com", Timezone: "UTC"}, "cy.admin@example.com")
		errstest.WantErr(t, err, errs.Invalid, "password")
	})
}
