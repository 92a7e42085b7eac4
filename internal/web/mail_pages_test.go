package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/kindredhq/kindred/internal/mail"
)

func TestMailSettingsRoutesAccess(t *testing.T) {
	onEachDialect(t, func(t *testing.T, o *org) {
		runAccessTable(t, o, []accessCase{
			{method: "GET", path: "/settings/mail", want: map[string]int{"anon": 303, "*": 200}},
			{method: "POST", path: "/settings/mail", form: url.Values{"kind": {"matched"}}, want: map[string]int{"anon": 303, "*": 303}},
			{method: "GET", path: "/unsubscribe/uns_bogus", want: map[string]int{"*": 404}},
			{method: "POST", path: "/unsubscribe/uns_bogus", want: map[string]int{"*": 404}},
		})
	})
}

// One click, as a mail client makes it (a POST without a session or an
// Origin header), stops that kind of mail; the link opened in a browser
// asks first.
func TestOneClickUnsubscribeStopsThatKind(t *testing.T) {
	onEachDialect(t, func(t *testing.T, o *org) {
		w := newProgramWorld(t, o)
		if code, _, _ := o.submit("admin", "/enrollments/"+w.m1.ID+"/decide", url.Values{"decision": {"approve"}}); code != 303 {
			t.Fatalf("approve: %d", code)
		}
		ms := o.outboxTo("m1")
		if len(ms) != 1 || !strings.HasPrefix(ms[0].Unsubscribe, "http://kindred.test/unsubscribe/uns_") {
			t.Fatalf("Mia's mails: %+v; want one with an unsubscribe link", ms)
		}
		path := strings.TrimPrefix(ms[0].Unsubscribe, "http://kindred.test")
		code, page := o.get("anon", path)
		if code != 200 || !strings.Contains(page, "Stop these mails?") || !strings.Contains(page, "Decisions on your applications") {
			t.Fatalf("the link in a browser: %d", code)
		}
		req, _ := http.NewRequest(http.MethodPost, o.ts.URL+path, strings.NewReader("List-Unsubscribe=One-Click"))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("one-click POST: %d", resp.StatusCode)
		}
		if _, page := o.get("m1", "/settings/mail"); strings.Contains(page, `value="decision" checked`) || !strings.Contains(page, `value="matched" checked`) {
			t.Errorf("Settings → Mail does not show decisions turned off")
		}
		// Another decision about Mia writes no mail now.
		if code, _, _ := o.submit("admin", "/enrollments/"+w.decide.ID+"/decide", url.Values{"decision": {"approve"}}); code != 303 {
			t.Fatalf("approve: %d", code)
		}
		if code, _, _ := o.submit("m1", "/programs/"+w.P.ID+"/cycles/"+w.U.ID+"/apply", url.Values{"role": {"mentor"}, "motivation": {"More"}, "accept_conduct": {"yes"}}); code != 303 {
			t.Fatalf("apply: %d", code)
		}
		var eid string
		if err := o.d.Read().QueryRowContext(t.Context(), "SELECT id FROM enrollments WHERE person_id = ? AND cycle_id = ?", "m1", w.U.ID).Scan(&eid); err != nil {
			t.Fatal(err)
		}
		if code, _, _ := o.submit("admin", "/enrollments/"+eid+"/decide", url.Values{"decision": {"decline"}}); code != 303 {
			t.Fatalf("decline: %d", code)
		}
		if n := len(o.outboxTo("m1")); n != 1 {
			t.Errorf("Mia has %d mails after unsubscribing from decisions, want 1", n)
		}
		// Turning it back on under Settings → Mail.
		if code, _, _ := o.submit("m1", "/settings/mail", url.Values{"kind": {string(mail.Decision), string(mail.Matched)}}); code != 303 {
			t.Fatalf("save choices: %d", code)
		}
		if _, page := o.get("m1", "/settings/mail"); !strings.Contains(page, `value="decision" checked`) || !strings.Contains(page, "Your mail choices are saved.") {
			t.Errorf("choices not saved or no feedback")
		}
	})
}

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
