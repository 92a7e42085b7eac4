package web

import (
	"context"
	"net/url"
	"strings"
	"testing"
)

// TestPasswordRulesOnThePage refuses, on the change-password page, six
// emoji (24 bytes, 6 characters), a common password in capitals and the
// person's own email, each with a 422 saying what is wrong in words.
func TestPasswordRulesOnThePage(t *testing.T) {
	onEachDialect(t, func(t *testing.T, o *org) {
		if err := o.srv.auth.SetPassword(context.Background(), "m1", "mia-long-password"); err != nil {
			t.Fatal(err)
		}
		for pw, want := range map[string]string{
			"😀😀😀😀😀😀":            "at least 12 characters (this one has 6)",
			"QWERTYQWERTY":      "one of the most common passwords",
			"Mia@Example.com  ": "must not be your email or your name",
		} {
			form := url.Values{"current": {"mia-long-password"}, "password": {pw}, "confirm": {pw}}
			if code, body := o.post("m1", "/settings/password", form); code != 422 || !strings.Contains(body, want) {
				t.Errorf("new password %q: %d, want 422 saying %q", pw, code, want)
			}
		}
	})
}
