package formations

import (
	"slices"
	"strings"

	"github.com/kindredhq/kindred/internal/circles"
	"github.com/kindredhq/kindred/internal/errs"
	"github.com/kindredhq/kindred/internal/person"
	"github.com/kindredhq/kindred/internal/schedule"
)

// sizes normalizes the sizes of a request (see FormRequest) and reports
// problems on fields "size", "min_size" and "max_size".
func sizes(r FormRequest) (size, minSize, maxSize int, err error) {
	size, minSize, maxSize = r.Size, r.MinSize, r.MaxSize
	switch {
	case size == 0 && minSize == 0 && maxSize == 0:
		size, minSize, maxSize = DefaultSize, DefaultMinSize, DefaultMaxSize
	case minSize == 0 && maxSize == 0:
		minSize, maxSize = size, size
	case size == 0:
		if minSize == 0 {
			minSize = min(DefaultMinSize, maxSize)
		}
		if maxSize == 0 {
			maxSize = max(DefaultMaxSize, minSize)
		}
		size = (minSize + maxSize) / 2
	}
	f := errs.Fields{}
	if r.MinSize == 0 && r.MaxSize == 0 && r.Size != 0 {
		// Exactly Size: only that field was asked for.
		if size < 2 || size > MaxSize {
			f.Add("size", "must be from 2 to %d", MaxSize)
		}
		return size, minSize, maxSize, f.Err()
	}
	if minSize < 2 || minSize > MaxSize {
		f.Add("min_size", "must be from 2 to %d", MaxSize)
	}
	if maxSize < 2 || maxSize > MaxSize {
		f.Add("max_size", "must be from 2 to %d", MaxSize)
	} else if maxSize < minSize {
		f.Add("max_size", "must be at least the smallest size (%d)", minSize)
	}
	if size < minSize || size > maxSize {
		f.Add("size", "must be from the smallest size to the largest (%d to %d)", minSize, maxSize)
	}
	return size, minSize, maxSize, f.Err()
}

// engineOptions are the circles.Options of a formation's sizes.
func engineOptions(size, minSize, maxSize, sessionMinutes int) circles.Options {
	o := circles.Options{Size: size, Rounds: 1, SessionSteps: schedule.StepsFor(sessionMinutes)}
	if minSize != maxSize {
		o.MinSize, o.MaxSize = minSize, maxSize
	}
	return o
}

// byID returns a copy of ps sorted by ID: the order the product gives the
// engine, so a seed gives the same circles whatever order people are read in.
func byID(ps []person.Person) []person.Person {
	ps = slices.Clone(ps)
	slices.SortFunc(ps, func(a, b person.Person) int { return strings.Compare(a.ID, b.ID) })
	return ps
}
