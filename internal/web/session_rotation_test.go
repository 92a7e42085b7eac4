package web

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/db/dbtest"
	"github.com/kindredhq/kindred/internal/errs"
)

// Signing in again in a browser ends the session its old cookie held (no
// session fixation) and starts a new one; a session on another device
// stays signed in.
func TestSignInAgainRotatesTheSession(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		o := newOrg(t, d.Dialect)
		ctx := context.Background()
		if err := o.srv.auth.SetPassword(ctx, "admin", "ada-long-password"); err != nil {
			t.Fatal(err)
		}
		other, err := o.srv.auth.CreateSession(ctx, "admin")
		if err != nil {
			t.Fatal(err)
		}
		old := o.sessionToken("admin")
		code, body := o.post("admin", "/signin", url.Values{"email": {"ada@example.com"}, "password": {"ada-long-password"}})
		if code != http.StatusSeeOther {
			t.Fatalf("sign in again: %d %s", code, body)
		}
		fresh := o.sessionToken("admin")
		if fresh == old || fresh == "" {
			t.Fatalf("the session cookie was not replaced")
		}
		if _, err := o.srv.auth.Session(ctx, old); !errs.Is(err, errs.Unauthorized) {
			t.Fatalf("the old cookie's session: %v, want Unauthorized", err)
		}
		for name, tok := range map[string]string{"new": fresh, "other device": other} {
			if id, err := o.srv.auth.Session(ctx, tok); err != nil || id.PersonID != "admin" {
				t.Fatalf("%s session: %v %+v", name, err, id)
			}
		}
	})
}

// sessionToken returns the session cookie a person's client holds.
func (o *org) sessionToken(who string) string {
	o.t.Helper()
	u, err := url.Parse(o.ts.URL)
	if err != nil {
		o.t.Fatal(err)
	}
	for _, c := range o.clients[who].Jar.Cookies(u) {
		if c.Name == sessionCookie {
			return c.Value
		}
	}
	return ""
}
