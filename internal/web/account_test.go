package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/db/dbtest"
	"github.com/kindredhq/kindred/internal/errs"
	"github.com/kindredhq/kindred/internal/person"
)

// addLeaver adds a person who never signs in, for admins to deactivate.
func addLeaver(t *testing.T, o *org) {
	t.Helper()
	_, err := o.srv.people.Create(context.Background(), person.Person{ID: "leaver", Name: "Lee Leaver", Email: "lee@example.com",
		Level: 3, Function: "Sales", Location: "Lagos", Timezone: "Africa/Lagos"})
	if err != nil {
		t.Fatal(err)
	}
}

func TestAccountRoutesAccess(t *testing.T) {
	onEachDialect(t, func(t *testing.T, o *org) {
		addLeaver(t, o)
		wrong := url.Values{"current": {"not-my-password"}, "password": {"a-new-password"}, "confirm": {"a-new-password"}}
		setup := url.Values{"name": {"Eve"}, "email": {"eve@example.com"}, "timezone": {"UTC"}, "password": {"long-enough-pw"}, "confirm": {"long-enough-pw"}}
		runAccessTable(t, o, []accessCase{
			{method: "GET", path: "/settings/password", want: map[string]int{"anon": 303, "*": 200}},
			{method: "POST", path: "/settings/password", form: wrong, want: map[string]int{"anon": 303, "*": 422}},
			{method: "GET", path: "/setup/setup_bogus", want: map[string]int{"*": 404}},
			{method: "POST", path: "/setup/setup_bogus", form: setup, want: map[string]int{"*": 404}},
			{method: "POST", path: "/people/leaver/deactivate", want: map[string]int{"anon": 303, "admin": 303, "*": 403}},
			{method: "POST", path: "/people/leaver/reactivate", want: map[string]int{"anon": 303, "admin": 303, "*": 403}},
			{method: "POST", path: "/people/admin/deactivate", want: map[string]int{"anon": 303, "*": 403}},
			{method: "POST", path: "/people/nobody/deactivate", want: map[string]int{"anon": 303, "admin": 404, "*": 403}},
			{method: "POST", path: "/api/v1/people/leaver/deactivate", want: map[string]int{"anon": 401, "admin": 200, "*": 403}},
			{method: "POST", path: "/api/v1/people/leaver/reactivate", want: map[string]int{"anon": 401, "admin": 200, "*": 403}},
			{method: "POST", path: "/api/v1/people/admin/deactivate", want: map[string]int{"anon": 401, "*": 403}},
			{method: "POST", path: "/api/v1/people/nobody/reactivate", want: map[string]int{"anon": 401, "admin": 404, "*": 403}},
		})
	})
}

// TestFirstRunSetupPage makes the first admin through the setup page: the
// harness's admin has no password, so the database still needs one.
func TestFirstRunSetupPage(t *testing.T) {
	onEachDialect(t, func(t *testing.T, o *org) {
		tok, _, err := o.srv.auth.CreateSetupLink(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		path := "/setup/" + tok
		if code, body := o.get("anon", path); code != 200 || !strings.Contains(body, "Set up Kindred") {
			t.Fatalf("setup form: %d", code)
		}
		good := url.Values{"name": {"Eve Early"}, "email": {"eve@example.com"}, "id": {"E1"}, "timezone": {"Europe/Paris"},
			"password": {"eve-long-password"}, "confirm": {"eve-long-password"}}
		for _, c := range []struct{ field, value, want string }{
			{"confirm", "something-else", "the two passwords differ"},
			{"email", "ada@example.com", "is taken"},
			{"email", "eve", "is not an email address"},
			{"timezone", "Mars/Olympus", "not a known IANA time zone"},
			{"password", "short", "at least 12 characters"},
		} {
			form := url.Values{}
			for k, v := range good {
				form[k] = v
			}
			form.Set(c.field, c.value)
			if c.field == "password" {
				form.Set("confirm", c.value)
			}
			code, body := o.post("anon", path, form)
			if code != http.StatusUnprocessableEntity || !strings.Contains(body, c.want) {
				t.Errorf("%s %q: %d, want 422 saying %q", c.field, c.value, code, c.want)
			}
		}
		client := newClient(t, o.ts.URL, "")
		o.clients["eve"] = client
		code, _ := o.post("eve", path, good)
		if code != http.StatusSeeOther {
			t.Fatalf("complete setup: %d", code)
		}
		if code, body := o.get("eve", "/import"); code != 200 || !strings.Contains(body, "first program manager") {
			t.Errorf("the new admin's import page: %d", code)
		}
		if code, _ := o.get("anon", path); code != 404 {
			t.Errorf("used setup link: %d, want 404", code)
		}
		other, _, err := o.srv.auth.CreateSetupLink(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if code, _ := o.get("anon", "/setup/"+other); code != 404 {
			t.Errorf("a setup link once an admin exists: %d, want 404", code)
		}
	})
}

// TestChangePasswordPage changes m1's password under Settings: the other
// session ends, this one stays, and a flash says so.
func TestChangePasswordPage(t *testing.T) {
	onEachDialect(t, func(t *testing.T, o *org) {
		ctx := context.Background()
		if err := o.srv.auth.SetPassword(ctx, "m1", "mia-long-password"); err != nil {
			t.Fatal(err)
		}
		other, err := o.srv.auth.CreateSession(ctx, "m1")
		if err != nil {
			t.Fatal(err)
		}
		o.clients["m1-phone"] = newClient(t, o.ts.URL, other)
		for _, c := range []struct {
			form url.Values
			want string
		}{
			{url.Values{"current": {"mia-long-password"}, "password": {"a-new-password"}, "confirm": {"another-one"}}, "the two new passwords differ"},
			{url.Values{"current": {"wrong-password"}, "password": {"a-new-password"}, "confirm": {"a-new-password"}}, "not your current password"},
			{url.Values{"current": {"mia-long-password"}, "password": {"short"}, "confirm": {"short"}}, "at least 12 characters"},
		} {
			if code, body := o.post("m1", "/settings/password", c.form); code != 422 || !strings.Contains(body, c.want) {
				t.Errorf("%v: %d, want 422 saying %q", c.form, code, c.want)
			}
		}
		if code, _ := o.get("m1-phone", "/"); code != 200 {
			t.Fatalf("a refused change ended the other session: %d", code)
		}
		form := url.Values{"current": {"mia-long-password"}, "password": {"a-new-password"}, "confirm": {"a-new-password"}}
		if code, _ := o.post("m1", "/settings/password", form); code != 303 {
			t.Fatalf("change: %d", code)
		}
		if code, body := o.get("m1", "/settings/password"); code != 200 || !strings.Contains(body, "Your password is changed") {
			t.Errorf("after the change: %d, no flash", code)
		}
		if code, _ := o.get("m1-phone", "/"); code != 303 {
			t.Errorf("the other session: %d, want 303 to sign in", code)
		}
		if _, _, err := o.srv.auth.SignIn(ctx, "mia@example.com", "a-new-password", "x"); err != nil {
			t.Errorf("sign in with the new password: %v", err)
		}
	})
}

// TestDeactivateAndReactivatePerson deactivates m2 from their profile
// page: their session and API token end at once, members no longer see
// them, admins do; the API reactivates them.
func TestDeactivateAndReactivatePerson(t *testing.T) {
	onEachDialect(t, func(t *testing.T, o *org) {
		if code, body := o.get("admin", "/people/m2"); code != 200 || !strings.Contains(body, "Deactivate Max Mentee") {
			t.Fatalf("m2's page offers no deactivation: %d", code)
		}
		if _, body := o.get("admin", "/people/admin"); strings.Contains(body, "/people/admin/deactivate") {
			t.Error("an admin's own page offers to deactivate themselves")
		}
		if code, _ := o.post("admin", "/people/m2/deactivate", nil); code != 303 {
			t.Fatalf("deactivate: %d", code)
		}
		if code, body := o.get("admin", "/people/m2"); code != 200 || !strings.Contains(body, "Max Mentee is deactivated") || !strings.Contains(body, "Reactivate Max Mentee") {
			t.Errorf("m2's page after deactivation: %d", code)
		}
		if code, _ := o.get("m2", "/"); code != 303 {
			t.Errorf("m2's session: %d, want 303", code)
		}
		if code, _ := o.apiDo("m2", "GET", "/api/v1/me", ""); code != 401 {
			t.Errorf("m2's API token: %d, want 401", code)
		}
		if code, _ := o.get("m1", "/people/m2"); code != 404 {
			t.Errorf("a member sees a deactivated person: %d", code)
		}
		code, body := o.apiDo("admin", "POST", "/api/v1/people/m2/reactivate", "")
		if code != 200 || !strings.Contains(body, `"active": true`) {
			t.Errorf("reactivate: %d %s", code, body)
		}
		if code, _ := o.get("m1", "/people/m2"); code != 200 {
			t.Errorf("m2 after reactivation: %d", code)
		}
		if code, body := o.apiDo("admin", "POST", "/api/v1/people/admin/deactivate", ""); code != 403 || !strings.Contains(body, "cannot deactivate yourself") {
			t.Errorf("deactivating oneself: %d %s", code, body)
		}
	})
}

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
