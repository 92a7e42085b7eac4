package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"unicode"
)

// attackNexts are redirect targets that must not leave the site or carry
// control characters into a Location header.
var attackNexts = []string{
	"/\t/evil.example", "/%09/evil.example", "//evil.example", `/\evil.example`, `/\/evil.example`,
	"https://evil.example", "http:/evil.example", "javascript:alert(1)", "/\r\nSet-Cookie:x", "/%0d%0aSet-Cookie:x",
	" /evil", "/ evil", "/\x00", "/\u00a0evil", "/\u2028evil", "evil.example", "", "\\\\evil.example", "/\xff",
	"///evil.example", "/\n/evil.example",
}

func TestSitePath(t *testing.T) {
	for _, raw := range attackNexts {
		if got := safeNext(raw); got != "/" && strings.ContainsFunc(got, unsafeRune) {
			t.Errorf("safeNext(%q) = %q, want no control character or whitespace", raw, got)
		}
		if got, ok := sitePath(raw); ok && raw != "/%09/evil.example" && raw != "/%0d%0aSet-Cookie:x" {
			t.Errorf("sitePath(%q) = %q, want refused", raw, got)
		}
	}
	for raw, want := range map[string]string{
		"/":                         "/",
		"/programs/p1?tab=cycles":   "/programs/p1?tab=cycles",
		"/people/m1#skills":         "/people/m1#skills",
		"/%09/evil.example":         "/%09/evil.example", // an escaped tab stays escaped: a path on this site
		"/%0d%0aSet-Cookie:x":       "/%0d%0aSet-Cookie:x",
		"/people?q=Mia%20Mentor":    "/people?q=Mia%20Mentor",
		"/programs/p1/cycles/c1?x=": "/programs/p1/cycles/c1?x=",
	} {
		if got, ok := sitePath(raw); !ok || got != want {
			t.Errorf("sitePath(%q) = %q, %v; want %q", raw, got, ok, want)
		}
	}
}

// redirectOf sends a request as who and returns the Location header.
func (o *org) redirectOf(who, method, path string, form url.Values) string {
	o.t.Helper()
	req, err := http.NewRequest(method, o.ts.URL+path, strings.NewReader(form.Encode()))
	if err != nil {
		o.t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := o.clients[who].Do(req)
	if err != nil {
		o.t.Fatal(err)
	}
	defer resp.Body.Close()
	return resp.Header.Get("Location")
}

// TestSignInRedirectStaysOnSite follows next= as a signed-in person on GET
// /signin and as a person signing in: an attack answers Location "/".
func TestSignInRedirectStaysOnSite(t *testing.T) {
	onEachDialect(t, func(t *testing.T, o *org) {
		if err := o.srv.auth.SetPassword(context.Background(), "m2", "max-long-password"); err != nil {
			t.Fatal(err)
		}
		for _, next := range []string{"/\t/evil.example", "//evil.example", `/\evil.example`, "https://evil.example", "/\r\nSet-Cookie:x"} {
			if got := o.redirectOf("m1", http.MethodGet, "/signin?next="+url.QueryEscape(next), nil); got != "/" {
				t.Errorf("signed in, GET /signin?next=%q: Location %q, want /", next, got)
			}
			got := o.redirectOf("anon", http.MethodPost, "/signin", url.Values{"email": {"max@example.com"}, "password": {"max-long-password"}, "next": {next}})
			if got != "/" {
				t.Errorf("signing in with next=%q: Location %q, want /", next, got)
			}
		}
		if got := o.redirectOf("m1", http.MethodGet, "/signin?next="+url.QueryEscape("/people?q=Mia"), nil); got != "/people?q=Mia" {
			t.Errorf("a page of this site: Location %q, want /people?q=Mia", got)
		}
		if code, _ := o.get("admin", "/people/pick?for=person_id&return="+url.QueryEscape("/\t/evil.example")); code != http.StatusUnprocessableEntity {
			t.Errorf("picker returning to a tab path: %d, want 422", code)
		}
	})
}

// FuzzSafeNext checks that whatever comes in, safeNext answers "/" or a
// path starting with exactly one "/", with no control character or
// whitespace, that parses as a URL without scheme or host.
func FuzzSafeNext(f *testing.F) {
	for _, s := range attackNexts {
		f.Add(s)
	}
	f.Add("/programs/p1?tab=cycles#top")
	f.Fuzz(func(t *testing.T, raw string) {
		got := safeNext(raw)
		if got == "/" {
			return
		}
		if !strings.HasPrefix(got, "/") || strings.HasPrefix(got, "//") || strings.HasPrefix(got, `/\`) {
			t.Fatalf("safeNext(%q) = %q: not a single leading /", raw, got)
		}
		if strings.ContainsFunc(got, func(r rune) bool { return unicode.IsControl(r) || unicode.IsSpace(r) }) {
			t.Fatalf("safeNext(%q) = %q: holds a control character or whitespace", raw, got)
		}
		u, err := url.Parse(got)
		if err != nil || u.Host != "" || u.Scheme != "" || u.User != nil {
			t.Fatalf("safeNext(%q) = %q: parses as %+v, %v", raw, got, u, err)
		}
		if again := safeNext(got); again != got {
			t.Fatalf("safeNext(%q) = %q, but safeNext of that = %q", raw, got, again)
		}
	})
}
