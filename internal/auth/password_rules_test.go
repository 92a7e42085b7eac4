package auth_test

import (
	"context"
	"strings"
	"testing"

	"github.com/kindredhq/kindred/internal/auth"
	"github.com/kindredhq/kindred/internal/errs"
	"github.com/kindredhq/kindred/internal/errs/errstest"
	"github.com/kindredhq/kindred/internal/people"
)

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
