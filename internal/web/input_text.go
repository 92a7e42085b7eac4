package web

// Refusing text that cannot be stored: a NUL byte (PostgreSQL refuses it,
// SQLite would keep it) or bytes that are not UTF-8, in JSON bodies, forms,
// query strings and paths. Every request passes through these checks
// (decodeJSON and the public adapter), so no handler has to remember them.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/kindredhq/kindred/internal/errs"
	"github.com/kindredhq/kindred/internal/safetext"
)

// jsonTextProblem returns an Invalid error naming the first field of a
// well-formed JSON body whose name or value holds a NUL (sent as \u0000)
// or is not UTF-8, or nil. Fields are named by their path: "name",
// "skills_offered[2]", "settings.weight".
func jsonTextProblem(body []byte) error {
	if utf8.Valid(body) && !bytes.Contains(body, []byte(`\u0000`)) {
		return nil
	}
	type frame struct {
		object  bool
		key     string // the field being read, in an object
		wantKey bool
		index   int // the element being read, in an array
	}
	var stack []*frame
	path := func() string {
		var b strings.Builder
		for _, f := range stack {
			switch {
			case f.object && b.Len() > 0:
				b.WriteString("." + f.key)
			case f.object:
				b.WriteString(f.key)
			default:
				fmt.Fprintf(&b, "[%d]", f.index)
			}
		}
		return b.String()
	}
	done := func() { // a value of the innermost container was read
		if n := len(stack); n > 0 {
			if top := stack[n-1]; top.object {
				top.wantKey = true
			} else {
				top.index++
			}
		}
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	var prev int64
	for {
		tok, err := dec.Token()
		if err != nil {
			return nil // decodeJSON has read the body already; this is its end
		}
		raw := body[prev:dec.InputOffset()]
		prev = dec.InputOffset()
		switch t := tok.(type) {
		case json.Delim:
			if t == '{' || t == '[' {
				stack = append(stack, &frame{object: t == '{', wantKey: t == '{'})
				continue
			}
			stack = stack[:len(stack)-1]
			done()
			continue
		case string:
			problem := safetext.Problem(t)
			if problem == "" && !utf8.Valid(raw) {
				// The decoder has replaced the bytes with U+FFFD.
				problem = safetext.Problem(string(raw))
			}
			if n := len(stack); n > 0 && stack[n-1].object && stack[n-1].wantKey {
				top := stack[n-1]
				top.key, top.wantKey = t, false
				if problem != "" {
					top.key = "?"
					return textError(path(), "a field name "+problem)
				}
				continue
			}
			if problem != "" {
				return textError(path(), problem)
			}
		}
		done()
	}
}

// textError is the Invalid error of text that cannot be stored: on field,
// or on the body when field is "".
func textError(field, problem string) error {
	if field == "" {
		return errs.E(errs.Invalid, "the body %s", problem)
	}
	return errs.Field(field, "%s", problem)
}

// formTextProblem returns an Invalid error for a path, or naming the first
// query-string or form field (urlencoded bodies; multipart bodies carry files, which
// their own readers check) whose name or value holds a NUL or is not
// UTF-8, or nil.
func formTextProblem(r *http.Request) error {
	if p := safetext.Problem(r.URL.Path); p != "" {
		// The path's ids and names reach the database too.
		return errs.E(errs.Invalid, "the address %s", p)
	}
	if err := valuesTextProblem(r.URL.Query()); err != nil {
		return err
	}
	ct := r.Header.Get("Content-Type")
	if r.Body == nil || !strings.HasPrefix(ct, "application/x-www-form-urlencoded") {
		return nil
	}
	if err := r.ParseForm(); err != nil {
		return errs.E(errs.Invalid, "the form could not be read: %v", err)
	}
	return valuesTextProblem(r.PostForm)
}

// valuesTextProblem checks the names and values of one set of fields and
// returns an Invalid error on the first bad field in name order (the same
// on every run), or nil.
func valuesTextProblem(vals map[string][]string) error {
	for _, name := range slices.Sorted(maps.Keys(vals)) {
		if p := safetext.Problem(name); p != "" {
			return errs.E(errs.Invalid, "a field name %s", p)
		}
		for _, v := range vals[name] {
			if p := safetext.Problem(v); p != "" {
				return errs.Field(name, "%s", p)
			}
		}
	}
	return nil
}
