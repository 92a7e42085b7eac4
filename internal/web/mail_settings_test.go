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
