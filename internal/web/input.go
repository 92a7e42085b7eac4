package web

// Reading what a request sends: whole numbers of the query string and of
// forms, and the two-word choices of forms.

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/kindredhq/kindred/internal/errs"
)

// intParam is a whole-number query parameter: read into dst when present,
// from min to max.
type intParam struct {
	name     string
	dst      *int
	min, max int
	upTo     bool // say "up to max" rather than "from min to max"
}

// readInts reads the params present in q into their destinations. A value
// that is not a whole number in range is added to bad under the param's
// name, and its destination is left as it was.
func readInts(q url.Values, bad errs.Fields, params ...intParam) {
	for _, p := range params {
		v := strings.TrimSpace(q.Get(p.name))
		if v == "" {
			continue
		}
		n, err := strconv.Atoi(v)
		switch {
		case (err != nil || n < p.min || n > p.max) && p.upTo:
			bad.Add(p.name, "%q must be a whole number up to %d", v, p.max)
		case err != nil || n < p.min || n > p.max:
			bad.Add(p.name, "%q must be a whole number from %d to %d", v, p.min, p.max)
		default:
			*p.dst = n
		}
	}
}

// pageOf returns the 1-based page asked for in the query string (1 if
// absent or unreadable: the page's filter reports bad values).
func pageOf(q url.Values) int {
	n, err := strconv.Atoi(q.Get("page"))
	if err != nil || n < 1 {
		return 1
	}
	return n
}

// formNumber reads an optional whole number of a form.
func formNumber(bad errs.Fields, field, v string) int {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		bad.Add(field, "%q is not a whole number", v)
	}
	return n
}

// formChoice reads a form field that must be one of two words, yes (true)
// or no (false), as "approve" or "decline"; anything else is an Invalid
// error on field saying it is not what ("a decision").
func formChoice(r *http.Request, field, yes, no, what string) (bool, error) {
	switch v := r.PostFormValue(field); v {
	case yes:
		return true, nil
	case no:
		return false, nil
	default:
		return false, errs.Field(field, "%q is not %s; use %s or %s", v, what, yes, no)
	}
}
