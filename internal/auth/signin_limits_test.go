package auth_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/kindredhq/kindred/internal/auth"
	"github.com/kindredhq/kindred/internal/errs"
	"github.com/kindredhq/kindred/internal/people"
)

// countVerifications counts the argon2id verifications of sign-ins through s.
func countVerifications(s *auth.Store) *atomic.Int64 {
	var n atomic.Int64
	auth.SetVerifyHook(s, func() { n.Add(1) })
	return &n
}

// Finding 8: unknown emails, people without a password, inactive people,
// wrong and right passwords each cost exactly one argon2id verification.
func TestEverySignInPathVerifiesOnce(t *testing.T) {
	each(t, func(t *testing.T, s *auth.Store, ps *people.Store, c *clock) {
		ctx := context.Background()
		n := countVerifications(s)
		paths := []struct{ name, email, password string }{
			{"unknown email", "nobody@example.com", "a-long-password"},
			{"no password yet", "bo@example.com", "a-long-password"},
			{"wrong password", "ann@example.com", "wrong-password"},
			{"right password", "ann@example.com", "a-long-password"},
		}
		for _, p := range paths {
			before := n.Load()
			_, _, _ = s.SignIn(ctx, p.email, p.password, "10.0.0.9")
			if got := n.Load() - before; got != 1 {
				t.Errorf("%s: %d argon2id verifications, want 1", p.name, got)
			}
		}
	})
}

// Finding 1: parallel wrong passwords cannot all pass the failure check:
// at most MaxFailures are hashed, the rest are refused as TooMany or busy.
func TestParallelWrongPasswordsHashAtMostTheLimit(t *testing.T) {
	each(t, func(t *testing.T, s *auth.Store, ps *people.Store, c *clock) {
		ctx := context.Background()
		n := countVerifications(s)
		const tries = 60
		var wg sync.WaitGroup
		var refused atomic.Int64
		errc := make(chan error, tries)
		for range tries {
			wg.Go(func() {
				_, _, err := s.SignIn(ctx, "ann@example.com", "wrong-password", "10.0.0.2")
				switch {
				case errs.Is(err, errs.TooMany), errors.Is(err, auth.ErrBusy):
					refused.Add(1)
				case errs.Is(err, errs.Unauthorized):
				default:
					errc <- err
				}
			})
		}
		wg.Wait()
		close(errc)
		for err := range errc {
			t.Errorf("unexpected: %v", err)
		}
		if got := n.Load(); got > auth.MaxFailures {
			t.Errorf("%d wrong passwords hashed, want at most %d", got, auth.MaxFailures)
		}
		if got := refused.Load(); got < tries-auth.MaxFailures {
			t.Errorf("%d refused, want at least %d", got, tries-auth.MaxFailures)
		}
	})
}

// Finding 3: failures slow an email down for seconds instead of locking
// it for FailureWindow, and they never refuse another person's correct
// password from the same address.
func TestFailuresSlowDownWithoutLockingOut(t *testing.T) {
	each(t, func(t *testing.T, s *auth.Store, ps *people.Store, c *clock) {
		ctx := context.Background()
		if err := s.SetPassword(ctx, "B", "bo-long-password"); err != nil {
			t.Fatal(err)
		}
		for i := range auth.MaxFailures {
			if _, _, err := s.SignIn(ctx, "ann@example.com", "wrong-password", "10.0.0.2"); !errs.Is(err, errs.Unauthorized) {
				t.Fatalf("failure %d: %v", i, err)
			}
		}
		if _, id, err := s.SignIn(ctx, "bo@example.com", "bo-long-password", "10.0.0.2"); err != nil || id.PersonID != "B" {
			t.Fatalf("another person behind the same address: %v %+v", err, id)
		}
		_, _, err := s.SignIn(ctx, "ann@example.com", "wrong-password", "10.0.0.2")
		if !errs.Is(err, errs.TooMany) || !strings.Contains(errs.As(err).Message, "try again in 1 second") {
			t.Fatalf("a wrong password at once past the allowance: %v, want TooMany with how long to wait", err)
		}
		c.t = c.t.Add(auth.FirstDelay)
		if _, _, err := s.SignIn(ctx, "ann@example.com", "wrong-password", "10.0.0.2"); !errs.Is(err, errs.Unauthorized) {
			t.Fatalf("a wrong password after the delay: %v, want Unauthorized", err)
		}
		if _, _, err := s.SignIn(ctx, "ann@example.com", "a-long-password", "10.0.0.2"); !errs.Is(err, errs.TooMany) {
			t.Fatalf("inside the doubled delay: %v, want TooMany", err)
		}
		c.t = c.t.Add(2 * auth.FirstDelay)
		if _, id, err := s.SignIn(ctx, "ann@example.com", "a-long-password", "10.0.0.2"); err != nil || id.PersonID != "A" {
			t.Fatalf("the right password from the same address after %d failures: %v %+v", auth.MaxFailures+1, err, id)
		}
	})
}
