package web

import (
	"net/url"
	"strings"
	"testing"

	"github.com/kindredhq/kindred/internal/mail"
)

func TestResetRoutesAccess(t *testing.T) {
	onEachDialect(t, func(t *testing.T, o *org) {
		runAccessTable(t, o, []accessCase{
			{method: "GET", path: "/reset", want: map[string]int{"*": 200}},
			{method: "POST", path: "/reset", form: url.Values{"email": {"nobody@example.com"}}, want: map[string]int{"*": 200}},
			{method: "POST", path: "/reset", form: url.Values{"email": {""}}, want: map[string]int{"*": 422}},
			{method: "GET", path: "/reset/rst_bogus", want: map[string]int{"*": 404}},
			{method: "POST", path: "/reset/rst_bogus", form: url.Values{"password": {"long-enough-pw"}, "confirm": {"long-enough-pw"}}, want: map[string]int{"*": 404}},
		})
	})
}

func TestForgotPasswordThroughThePages(t *testing.T) {
	onEachDialect(t, func(t *testing.T, o *org) {
		if _, page := o.get("anon", "/signin"); !strings.Contains(page, `<a href="/reset">Forgot your password?</a>`) {
			t.Error("the sign-in page does not offer a reset")
		}
		_, known := o.post("anon", "/reset", url.Values{"email": {"max@example.com"}})
		_, unknown := o.post("anon", "/reset", url.Values{"email": {"mux@example.com"}})
		if !strings.Contains(known, "If an account uses max@example.com, a link") ||
			strings.ReplaceAll(known, "max@example.com", "E") != strings.ReplaceAll(unknown, "mux@example.com", "E") {
			t.Errorf("the answers for a known and an unknown email differ")
		}
		var link string
		for _, m := range o.outboxTo("m2") {
			if m.Kind == mail.PasswordReset {
				i := strings.Index(m.Text, "http://kindred.test/reset/")
				link = strings.Fields(m.Text[i+len("http://kindred.test"):])[0]
			}
		}
		if link == "" {
			t.Fatal("no reset mail to Max")
		}
		if code, page := o.get("anon", link); code != 200 || !strings.Contains(page, "A new password for Max Mentee") {
			t.Fatalf("the link: %d", code)
		}
		if code, page := o.post("anon", link, url.Values{"password": {"a-new-password-1"}, "confirm": {"a-new-password-2"}}); code != 422 || !strings.Contains(page, "the two passwords differ") {
			t.Errorf("different passwords: %d", code)
		}
		if code, _ := o.post("anon", link, url.Values{"password": {"short"}, "confirm": {"short"}}); code != 422 {
			t.Errorf("a short password: %d", code)
		}
		if code, _ := o.post("anon", link, url.Values{"password": {"a-new-password-1"}, "confirm": {"a-new-password-1"}}); code != 303 {
			t.Fatalf("reset: %d", code)
		}
		// Max's earlier session ended; the link is used up.
		if code, _ := o.get("m2", "/"); code != 303 {
			t.Errorf("Max's old session still works after the reset: %d", code)
		}
		if code, _ := o.get("anon", link); code != 404 {
			t.Errorf("the used link answers %d", code)
		}
		if code, _ := o.post("anon", "/signin", url.Values{"email": {"max@example.com"}, "password": {"a-new-password-1"}}); code != 303 {
			t.Errorf("signing in with the new password: %d", code)
		}
	})
}
