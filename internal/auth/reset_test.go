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
)

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
		other, err := s.CreateSession(ctx, "A")
		if err != nil {
			t.Fatal(err)
		}
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

		_, _, err = s.ResetPassword(ctx, secret, "short")
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
