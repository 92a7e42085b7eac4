package web

import (
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// sitePath rebuilds raw, a page to go to after an action (the sign-in's
// next, the person picker's return, a form's back), as a path on this
// site, or reports false. It accepts only text that starts with a single
// "/", holds no control character, no whitespace and no invalid UTF-8,
// and parses as a URL without scheme, host or user; what it returns is
// rebuilt from the parsed path, query and fragment, so nothing else of
// raw reaches a Location header. "/\t/evil.example", "//evil.example",
// "/\evil.example" and "https://evil.example" are all refused.
func sitePath(raw string) (string, bool) {
	if !strings.HasPrefix(raw, "/") || strings.HasPrefix(raw, "//") || strings.HasPrefix(raw, `/\`) ||
		!utf8.ValidString(raw) || strings.IndexFunc(raw, unsafeRune) >= 0 {
		return "", false
	}
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" || !strings.HasPrefix(u.Path, "/") {
		return "", false
	}
	out := u.EscapedPath()
	if u.RawQuery != "" {
		out += "?" + u.RawQuery
	}
	if u.Fragment != "" {
		out += "#" + u.EscapedFragment()
	}
	if !strings.HasPrefix(out, "/") || strings.HasPrefix(out, "//") || strings.HasPrefix(out, `/\`) || strings.IndexFunc(out, unsafeRune) >= 0 {
		return "", false
	}
	return out, true
}

// unsafeRune reports a rune a path to follow must not hold: a control
// character or whitespace, which browsers drop or read as a separator.
func unsafeRune(r rune) bool {
	return unicode.IsControl(r) || unicode.IsSpace(r) || r == utf8.RuneError
}

// safeNext is raw as a path on this site (see sitePath), or "/".
func safeNext(raw string) string {
	if p, ok := sitePath(raw); ok {
		return p
	}
	return "/"
}
