package web

import (
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
